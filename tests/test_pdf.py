"""The PDF writer, tested from a model written in code: text, outline, links,
metadata and tags read back with pypdf and pdfplumber."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.models import p, rendering, sample_document
from tests.pdf_structure import Pdf, _squash
from tests.tools import override_template
from via_reports.model import Link, Text, inline_text, iter_paragraphs
from via_reports.theme import DEFAULT_THEME
from via_reports.writers.pdf import RenderError, theme_file, write_pdf
from via_reports.writers.render import builtin_theme_dir


@pytest.fixture(scope="module")
def model():
    return sample_document()


@pytest.fixture(scope="module")
def pdf(model, tmp_path_factory) -> Pdf:
    path = tmp_path_factory.mktemp("pdf") / "overzicht.pdf"
    write_pdf(rendering(model), path)
    return Pdf(path)


def test_every_row_with_its_texts_in_level_and_number_order(pdf: Pdf, model) -> None:
    rows = pdf.policy_rows
    assert [(r[0], r[1]) for r in rows] == [(str(x.nr), x.title) for x in model.policies]
    for row, policy in zip(rows, model.policies, strict=True):
        position = 0
        for _, paragraph in iter_paragraphs(policy.explanation):
            text = _squash(inline_text(paragraph.inlines))
            found = row[2].find(text, position)
            assert found >= 0, (text, row[2])
            position = found + len(text)
        for source in policy.sources:
            assert source.label in row[2]


def test_tables_have_a_header_on_every_page_and_the_authors_markers(pdf: Pdf) -> None:
    assert all(t[0] == ["Nr.", "Programma/Beleid/aanpak", "Toelichting"] for t in pdf.policy_tables)
    text = pdf.policy_rows[0][2]
    assert "3. Preventie." in text and "4. Vragen ontvangen." in text  # starts at the typed number
    femicide = pdf.policy_rows[1][2]
    assert "▪ werken aan veiligheid;" in femicide and "- sub a" in femicide
    assert not re.search(r"(\d+\.\s*){2}Preventie|▪\s*▪|<\w+", pdf.text)  # no doubled markers, no tags


def test_legal_frameworks_and_title_page(pdf: Pdf) -> None:
    text = _squash(pdf.text)
    for words in (
        "Veiligheid in afhankelijkheidsrelaties",
        "een complex beleidslandschap",
        "Gemeente Oss · editie 2025 · 1 maart 2025",
        "Inleiding een.",
        "Nederlandse wetgeving",
        "• Jeugdwet",
        "• Wet tijdelijk huisverbod",
        "Internationale kaders",
        "• Verdrag van Istanbul",
    ):
        assert words in text, words
    assert text.index("Jeugdwet") < text.index("Verdrag van Istanbul")
    assert "geen beleidsstukken" in text  # the empty level says so
    assert "pagina 1 van" in text


def test_outline_has_every_section_and_policy(pdf: Pdf, model) -> None:
    outline = pdf.outline()
    top = [title for depth, title in outline if depth == 0]
    assert top == ["Veiligheid in afhankelijkheidsrelaties", "Landelijk", "Regionaal", "Lokaal", "Wettelijke kaders"]
    nested = [title for depth, title in outline if depth == 1]
    for policy in model.policies:
        assert f"{policy.nr}. {policy.title}" in nested
    assert [t for t in nested if "wetgeving" in t or "kaders" in t] == [
        "Nederlandse wetgeving",
        "Internationale kaders",
    ]


def test_links(pdf: Pdf, model) -> None:
    uris = pdf.uri_links()
    assert "https://www.rijksoverheid.nl/rapport" in uris  # a source
    assert "https://www.rijksoverheid.nl/x" in uris  # a link in the text
    assert "https://www.rijksoverheid.nl/titel" in uris  # a linked title
    assert "https://wetten.overheid.nl/BWBR0034925" in uris
    destinations = pdf.named_destinations()
    for policy in model.policies:
        assert policy.anchor in destinations
    pages = len(pdf.reader.pages)
    # the index links every policy; every page's header links the four tabs
    assert pdf.internal_links() >= len(model.policies) + 4 * pages


def test_metadata_language_and_tags(pdf: Pdf) -> None:
    info = pdf.reader.metadata
    assert info.title == "Veiligheid in afhankelijkheidsrelaties"
    assert info.author == "Gemeente Oss"
    assert info.subject == "Veiligheid in afhankelijkheidsrelaties: een complex beleidslandschap"
    assert pdf.root["/Lang"] == "nl-NL"
    assert bool(pdf.root["/MarkInfo"]["/Marked"])
    types = set(pdf.structure_types())
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/Lbl", "/LBody", "/Link"} <= types


def test_fonts_are_embedded(pdf: Pdf) -> None:
    for page in pdf.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            if "/DescendantFonts" in descriptor:
                descriptor = descriptor["/DescendantFonts"][0].get_object()
            fd = descriptor["/FontDescriptor"]
            assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_a4_landscape(pdf: Pdf) -> None:
    box = pdf.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_a_template_reaching_outside_the_theme_stops_the_build(model, tmp_path: Path) -> None:
    theme = override_template(
        tmp_path / "thema",
        "partials/title_page.html",
        "</section>",
        '<img src="file:///etc/hostname" alt="x"></section>',
    )
    with pytest.raises(RenderError) as caught:
        write_pdf(rendering(model, theme=replace(DEFAULT_THEME, folder=theme)), tmp_path / "uit.pdf")
    assert "geweigerd" in caught.value.message()
    assert not (tmp_path / "uit.pdf").exists() or (tmp_path / "uit.pdf").stat().st_size == 0


def test_an_image_without_alt_text_fails_the_build(model, tmp_path: Path) -> None:
    theme = override_template(
        tmp_path / "thema", "partials/title_page.html", "</section>", '<img src="logo.png"></section>'
    )
    (theme / "logo.png").write_bytes((Path(__file__).parent / "data" / "pixel.png").read_bytes())
    with pytest.raises(RenderError) as caught:
        write_pdf(rendering(model, theme=replace(DEFAULT_THEME, folder=theme)), tmp_path / "uit.pdf")
    assert "alt" in caught.value.message()


def test_theme_files_are_found_in_order_and_never_outside(tmp_path: Path) -> None:
    user = tmp_path / "mijn-thema"
    (user / "fonts").mkdir(parents=True)
    (user / "fonts" / "x.ttf").write_bytes(b"x")
    builtin = builtin_theme_dir()
    assert theme_file("fonts/x.ttf", [user, builtin]) == (user / "fonts" / "x.ttf").resolve()
    assert theme_file("fonts/LiberationSans-Regular.ttf", [user, builtin]).parent == (builtin / "fonts").resolve()
    for bad in ("../../etc/passwd", "/etc/passwd", "fonts/../../x", ""):
        assert theme_file(bad, [user, builtin]) is None


def test_hostile_text_stays_text(model, tmp_path: Path) -> None:
    hostile = replace(
        model.policies[0],
        explanation=(p("{{ 7*7 }} <script>alert(1)</script>"), p(Link("https://ok.example.org/", (Text("ok"),)))),
    )
    levels = (replace(model.levels[0], policies=(hostile,)), *model.levels[1:])
    path = tmp_path / "x.pdf"
    assert write_pdf(rendering(replace(model, levels=levels)), path) == []
    text = Pdf(path).text
    assert "{{ 7*7 }} <script>alert(1)</script>" in text


def test_spaces_between_styled_words_survive_text_extraction(model, tmp_path: Path) -> None:
    styled = p(
        Text("vet", bold=True), " ", Text("schuin", italic=True), " ", Link("https://ok.example.org/", (Text("link"),))
    )
    policy = replace(model.policies[0], explanation=(styled,))
    levels = (replace(model.levels[0], policies=(policy,)), *model.levels[1:])
    path = tmp_path / "spaties.pdf"
    write_pdf(rendering(replace(model, levels=levels)), path)
    assert "vet schuin link" in Pdf(path).text


def test_a_row_that_splits_never_leaves_its_number_alone_at_a_page_s_foot(tmp_path: Path) -> None:
    """A row taller than a page may split (print.css: tr.tall); WeasyPrint lays out its
    cells one by one, and a cell whose first two lines do not fit (orphans) starts on the
    next page while the number's one line stayed behind: the page ended with a lone
    number (outloud took those for page numbers tagged as content). The number's line
    is as tall as two, so the row moves whole. In the 200-policy report (read by poppler)
    no page ends with a lone number, where four did."""
    import shutil
    import subprocess

    from benchmarks.synthetic import make_workbook
    from via_reports.build import build

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    built = build(make_workbook(tmp_path / "tweehonderd.xlsx", 200), tmp_path / "uit", ["pdf"], cache=False)
    text = subprocess.run(["pdftotext", "-layout", str(built.outputs[0]), "-"], capture_output=True, text=True)
    pages = text.stdout.split("\f")
    endings = []
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip() and not re.search(r"pagina \d+ van \d+", line)]
        endings.append(lines[-1].strip() if lines else "")
    assert len(pages) > 200
    assert [(n, e) for n, e in enumerate(endings, start=1) if re.fullmatch(r"\d+", e)] == []
