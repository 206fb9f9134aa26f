"""The Word writer, tested from a model written in code; the result is reopened and
its structure checked (styles, tables, lists, links, bookmarks, properties)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from tests.docx_structure import Docx, is_on
from tests.models import rendering, sample_document
from via_reports.model import plain_text
from via_reports.writers.docx import write_docx
from via_reports.writers.ooxml import bookmark_name


@pytest.fixture(scope="module")
def model():
    return sample_document()


@pytest.fixture(scope="module")
def docx(model, tmp_path_factory) -> Docx:
    path = tmp_path_factory.mktemp("docx") / "overzicht.docx"
    write_docx(rendering(model), path)
    return Docx(path)


def test_title_page(docx: Docx) -> None:
    assert docx.styled("Title") == ["Veiligheid in afhankelijkheidsrelaties"]
    assert docx.styled("Subtitle") == ["een complex beleidslandschap"]
    assert "Gemeente Oss · editie 2025 · 1 maart 2025" in [p.text for p in docx.paragraphs()]
    texts = [p.text for p in docx.paragraphs()]
    assert texts.index("Inleiding een.") < texts.index("Landelijk")


def test_a_heading_per_level_and_for_the_legal_frameworks(docx: Docx) -> None:
    assert docx.styled("Heading 1") == ["Landelijk", "Regionaal", "Lokaal", "Wettelijke kaders"]
    assert docx.styled("Heading 2") == ["Nederlandse wetgeving", "Internationale kaders"]


def test_empty_level_says_so(docx: Docx) -> None:
    texts = [p.text for p in docx.paragraphs()]
    regionaal = texts.index("Regionaal")
    assert "geen beleidsstukken" in texts[regionaal + 1]


def test_tables_have_a_repeating_header_row_and_rows_that_do_not_split(docx: Docx) -> None:
    tables = docx.tables()
    assert len(tables) == 2  # Landelijk and Lokaal; Regionaal is empty
    for table in tables:
        head = table.rows[0]
        assert [c.text for c in head.cells] == ["Nr.", "Programma/Beleid/aanpak", "Toelichting"]
        assert is_on(head._tr.trPr, "w:tblHeader")
        for row in table.rows:
            assert is_on(row._tr.trPr, "w:cantSplit")  # no row here is taller than a page
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val")).endswith("beleid")
        widths = [c.width for c in table.rows[1].cells]
        assert sum(widths) == pytest.approx(Cm(25.7), rel=0.01)
        assert widths[2] > widths[1] > widths[0]


def test_every_text_once_in_level_and_number_order(docx: Docx, model) -> None:
    expected: list[str] = []
    for policy in model.policies:
        expected += [str(policy.nr), policy.title]
        expected += plain_text(policy.explanation).split("\n")
        expected += [s.label for s in policy.sources]
    got = [t for t in docx.table_paragraph_texts() if t not in ("Nr.", "Programma/Beleid/aanpak", "Toelichting")]
    # a line break inside a paragraph is a w:br, not a new paragraph
    expected = [t for t in expected if t != "regel twee"]
    expected[expected.index("regel een")] = "regel eenregel twee"
    assert got == expected


def test_lists_are_real_word_lists_with_the_authors_markers(docx: Docx) -> None:
    lists = docx.list_paragraphs()
    by_text = {text: (num, lvl) for text, num, lvl in lists}
    assert docx.list_format(*by_text["Preventie."]) == ("decimal", "%1.", 3)
    assert by_text["Preventie."][0] == by_text["Vragen ontvangen."][0]  # one list
    assert docx.list_format(*by_text["werken aan veiligheid;"]) == ("bullet", "▪", 1)
    assert docx.list_format(*by_text["sub a"]) == ("bullet", "-", 1)
    assert by_text["sub a"][1] == 1  # nested one level deeper
    assert by_text["werken aan veiligheid;"][0] != by_text["Preventie."][0]
    for text, _, _ in lists:
        assert not re.match(r"^(\d+\.|[•▪-])\s", text)  # no typed marker left in the text
    frameworks = [t for t, _, _ in lists if t in ("Jeugdwet", "Wet tijdelijk huisverbod", "Verdrag van Istanbul")]
    assert len(frameworks) == 3


def test_inline_formatting_and_line_breaks(docx: Docx) -> None:
    runs = {r.text: r for p in docx.paragraphs() for r in p.runs}
    assert runs["vet"].bold and runs["schuin"].italic and runs["onderstreept"].underline
    paragraph = next(p for p in docx.paragraphs() if p.text.startswith("regel een"))
    assert paragraph._p.find(f".//{qn('w:br')}") is not None


def test_external_links_for_every_address(docx: Docx) -> None:
    links = docx.external_links()
    assert links["de brief"] == "https://www.rijksoverheid.nl/x"
    assert links["Rapport Rijksoverheid.nl"] == "https://www.rijksoverheid.nl/rapport"
    assert links["Toekomstscenario Kind- en gezinsbescherming"] == "https://www.rijksoverheid.nl/titel"
    assert links["Jeugdwet"] == "https://wetten.overheid.nl/BWBR0034925"
    assert "Zonder link" not in links


def test_index_links_to_a_bookmark_on_every_row(docx: Docx, model) -> None:
    bookmarks = docx.bookmarks()
    anchors = docx.internal_links()
    for policy in model.policies:
        assert bookmark_name(policy.anchor) in anchors
        assert bookmark_name(policy.anchor) in bookmarks
    index = [p.text for p in docx.paragraphs() if p.style.name == "ViA Index"]
    assert index == ["1\tToekomstscenario kind en gezinsbescherming", "4\tStop Femicide", "2\tHandboek AVE"]


def _header_tabs(section) -> tuple[list[str], list[str]]:
    """(every run's text, the bold ones) in a section's header."""
    runs = list(section.header._element.iter(qn("w:r")))
    texts = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in runs]
    bold = [t for r, t in zip(runs, texts, strict=True) if r.find(f".//{qn('w:b')}") is not None]
    return texts, bold


def test_header_has_title_and_tabs_the_current_one_bold_and_footer_counts_pages(docx: Docx) -> None:
    sections = docx.doc.sections
    assert len(sections) == 5  # title page, three levels, Wettelijke kaders
    tabs = ["Landelijk", "Regionaal", "Lokaal", "Wettelijke kaders"]
    for n, section in enumerate(sections):
        texts, bold = _header_tabs(section)
        assert texts[0] == "Veiligheid in afhankelijkheidsrelaties"
        assert [t for t in texts if t in tabs] == tabs
        assert bold == ([] if n == 0 else [tabs[n - 1]])  # the current tab stands out
        # no links in page furniture: a tagged PDF makes headers artifacts
        assert docx.internal_links(section.header._element) == []
        footer = section.footer._element
        fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]
        assert "pagina" in "".join(t.text for t in footer.iter(qn("w:t")))


def test_every_link_has_a_description(docx: Docx) -> None:
    links = list(docx.body.iter(qn("w:hyperlink")))
    assert links and all(link.get(qn("w:tooltip")) for link in links)


def test_a4_landscape(docx: Docx) -> None:
    for section in docx.doc.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)  # A4


def test_properties_and_language(docx: Docx) -> None:
    props = docx.doc.core_properties
    assert props.title == "Veiligheid in afhankelijkheidsrelaties"
    assert props.subject == "Veiligheid in afhankelijkheidsrelaties: een complex beleidslandschap"
    assert props.author == "Gemeente Oss"
    assert props.language == "nl-NL"
    assert props.created.year == 2025 and props.modified == props.created
    styles = docx.read("word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:val="nl-NL"' in defaults and "en-US" not in defaults
    assert "en-US" not in docx.read("word/settings.xml")


def test_no_template_defaults_leak(docx: Docx) -> None:
    names = docx.part_names()
    assert not any("thumbnail" in n or n.startswith("customXml") for n in names)
    core = docx.read("docProps/core.xml")
    assert "python-docx" not in core and "2013" not in core
    app = docx.read("docProps/app.xml")
    assert "Microsoft" not in app and "via-reports" in app


def test_real_styles_exist_for_headings_lists_and_links(docx: Docx) -> None:
    names = {s.name for s in docx.doc.styles}
    assert {"Title", "Heading 1", "Heading 2", "List Paragraph", "Hyperlink", "ViA Bron"} <= names
    heading = docx.doc.styles["Heading 1"].element
    assert heading.find(f".//{qn('w:outlineLvl')}") is not None  # shows in the navigation pane


def test_document_without_frameworks_has_no_such_tab(model, tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "zonder.docx"
    write_docx(rendering(replace(model, frameworks=())), path)
    result = Docx(path)
    assert "Wettelijke kaders" not in result.styled("Heading 1")
    texts, _ = _header_tabs(result.doc.sections[0])
    assert "Wettelijke kaders" not in texts and "Lokaal" in texts
