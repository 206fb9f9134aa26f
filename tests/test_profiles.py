"""Three uses, one source: rapport, bijlage and handout built from the same workbook,
selections that keep the workbook's numbers, and a house style from a theme folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tests.conftest import ROOT, policy
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from tests.tools import override_template
from via_reports.build import build
from via_reports.cli import main
from via_reports.selection import SelectionError
from via_reports.theme import ThemeError

OSS = ROOT / "source" / "via-beleid.xlsx"

LINKED = [
    policy(
        "Landelijk",
        1,
        "Stop femicide",
        sources="Rapport | https://www.rijksoverheid.nl/stop-femicide\nZonder adres",
        text='<p>Zie <a href="https://www.example.org/brief">de brief</a>.</p>',
    ),
    policy("Lokaal", 1, "Handboek AVE", themes="jeugd"),
]


@pytest.fixture(scope="module")
def profiles(tmp_path_factory) -> dict[str, dict[str, Path]]:
    from tests.conftest import BELEID_HEADER, write_xlsx

    folder = tmp_path_factory.mktemp("profielen")
    workbook = write_xlsx(folder / "beleid.xlsx", {"Beleid": [BELEID_HEADER, *LINKED]})
    out = {}
    for profile in ("rapport", "bijlage", "handout"):
        result = build(
            workbook,
            folder / "uit",
            ["docx", "pdf", "html"],
            profile=profile,
            appendix_label="Bijlage 2" if profile == "bijlage" else None,
            qr=profile == "handout",
        )
        out[profile] = {p.suffix[1:]: p for p in result.outputs}
    return out


def test_file_names_say_the_profile(profiles) -> None:
    assert profiles["rapport"]["pdf"].name == "beleid.pdf"
    assert profiles["bijlage"]["pdf"].name == "beleid-bijlage.pdf"
    assert profiles["handout"]["docx"].name == "beleid-handout.docx"


def test_rapport_and_handout_differ_in_orientation(profiles) -> None:
    def landscape_pdf(path: Path) -> bool:
        box = Pdf(path).reader.pages[0].mediabox
        return float(box.width) > float(box.height)

    assert landscape_pdf(profiles["rapport"]["pdf"])
    assert not landscape_pdf(profiles["handout"]["pdf"]) and not landscape_pdf(profiles["bijlage"]["pdf"])
    assert Docx(profiles["rapport"]["docx"]).doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    for name in ("handout", "bijlage"):
        assert Docx(profiles[name]["docx"]).doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_bijlage_has_no_title_page_and_starts_with_its_label(profiles) -> None:
    pdf = Pdf(profiles["bijlage"]["pdf"])
    first_line = [line for line in pdf.text.splitlines() if line.strip()][1]  # after the running header
    assert first_line.startswith("Bijlage 2 – Overzicht beleid Veiligheid")
    assert "Bijlage 2 – pagina 1 van" in pdf.text
    docx = Docx(profiles["bijlage"]["docx"])
    assert docx.styled("Title") == ["Bijlage 2 – Overzicht beleid Veiligheid in afhankelijkheidsrelaties"]
    assert docx.styled("Subtitle") == []
    texts = [p.text for p in docx.paragraphs()]
    assert texts[0] == "Bijlage 2 – Overzicht beleid Veiligheid in afhankelijkheidsrelaties"
    footer = "".join(t.text for t in docx.doc.sections[0].footer._element.iter(qn("w:t")))
    assert "Bijlage 2 – pagina" in footer
    assert len(docx.doc.sections) == 1  # compact: no page break per level


def test_handout_has_no_navigation_links_and_prints_every_address(profiles) -> None:
    pdf = Pdf(profiles["handout"]["pdf"])
    assert pdf.internal_links() == 0
    text = " ".join(pdf.text.split())
    for address in ("https://www.rijksoverheid.nl/stop-femicide", "https://www.example.org/brief"):
        assert address in text
    docx = Docx(profiles["handout"]["docx"])
    assert docx.internal_links() == []
    assert docx.internal_links(docx.doc.sections[0].header._element) == []
    body = " ".join(p.text for p in docx.paragraphs())
    assert (
        body.count("https://www.rijksoverheid.nl/stop-femicide") == 1
        and body.count("https://www.example.org/brief") == 1
    )
    html = profiles["handout"]["html"].read_text(encoding="utf-8")
    assert 'href="#' not in html


def test_handout_qr_codes_have_alt_text(profiles) -> None:
    docx = Docx(profiles["handout"]["docx"])
    descriptions = [d.get("descr") for d in docx.body.iter(qn("wp:docPr"))]
    assert descriptions == ["QR-code naar https://www.rijksoverheid.nl/stop-femicide"]
    html = profiles["handout"]["html"].read_text(encoding="utf-8")
    assert html.count('<img class="qr" src="data:image/svg+xml') == 1
    assert 'alt="QR-code naar https://www.rijksoverheid.nl/stop-femicide"' in html


def test_rapport_keeps_its_tabs_and_index_links(profiles) -> None:
    pdf = Pdf(profiles["rapport"]["pdf"])
    assert pdf.internal_links() >= 2
    assert "https://www.example.org/brief" not in " ".join(pdf.text.split())  # the link text, not its address


# --- selections ---------------------------------------------------------------------


def test_thema_jeugd_keeps_exactly_the_tagged_policies_with_their_numbers(tmp_path: Path) -> None:
    result = build(OSS, tmp_path, ["docx", "pdf"], themes=["Jeugd"])
    assert [p.name for p in result.outputs] == ["via-beleid-jeugd.docx", "via-beleid-jeugd.pdf"]
    rows = [(r[0], r[1]) for r in Pdf(result.outputs[1]).policy_rows]
    assert rows == [
        ("1", "Toekomstscenario Kind- en gezinsbescherming"),
        ("5", "Leidraad werken aan veiligheid"),
        ("6", "Regionaal Jeugdbeleidsprogramma NOB 2024-2028"),
        ("2", 'Beleidskader Integraal Jeugdbeleid Oss 2024-2027 "Een sterke pedagogische basis"'),
    ]
    assert "Selectie: thema Jeugd" in Pdf(result.outputs[1]).text
    docx = Docx(result.outputs[0])
    assert "Selectie: thema Jeugd" in [p.text for p in docx.paragraphs()]


def test_niveau_lokaal_keeps_only_the_local_policies(tmp_path: Path) -> None:
    result = build(OSS, tmp_path, ["docx"], levels=["lokaal"])
    docx = Docx(result.outputs[0])
    assert docx.styled("Heading 1") == ["Lokaal", "Wettelijke kaders"]
    numbers = [r.cells[0].text for t in docx.tables() for r in t.rows[1:]]
    assert numbers == [str(n) for n in range(1, 8)]


def test_an_empty_selection_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(SelectionError) as caught:
        build(OSS, tmp_path / "uit", ["pdf"], themes=["ruimtevaart"])
    assert "ruimtevaart" in caught.value.message() and "jeugd" in caught.value.message()
    assert not (tmp_path / "uit").exists()
    result = CliRunner().invoke(main, ["build", str(OSS), "-o", str(tmp_path / "uit"), "--niveau", "Provinciaal"])
    assert result.exit_code == 1 and "Provinciaal" in result.output and "Traceback" not in result.output


# --- house style ----------------------------------------------------------------------


@pytest.fixture
def theme_folder(tmp_path: Path) -> Path:
    folder = override_template(
        tmp_path / "huisstijl",
        "partials/title_page.html",
        '<h1 class="doc-title">',
        '<p class="stempel">Concept</p>\n<h1 class="doc-title">',
    )
    (folder / "via-reports.toml").write_text('[huisstijl]\nhoofdkleur = "#7A1F5C"\n', encoding="utf-8")
    return folder


def test_a_theme_changes_pdf_html_and_word(theme_folder: Path, tmp_path: Path) -> None:
    result = build(OSS, tmp_path, ["docx", "pdf", "html"], theme_dir=theme_folder)
    docx, pdf, html = result.outputs
    assert "Concept" in Pdf(pdf).text
    page = html.read_text(encoding="utf-8")
    assert '<p class="stempel">Concept</p>' in page and "--primary: #7A1F5C" in page
    heading = Docx(docx).doc.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "7A1F5C"
    table = Docx(docx).doc.styles["ViA Tabel"].element  # the table header, through the table style
    head = next(p for p in table.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow")
    assert head.find(f".//{qn('w:shd')}").get(qn("w:fill")) == "7A1F5C"


def test_a_broken_template_is_reported_with_file_and_line(theme_folder: Path, tmp_path: Path) -> None:
    template = theme_folder / "partials" / "title_page.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines[2] = "{% if %}" + lines[2]
    template.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "uit"
    with pytest.raises(ThemeError) as caught:
        build(OSS, out, ["docx", "pdf"], theme_dir=theme_folder)
    message = caught.value.message()
    assert "title_page.html:3" in message
    assert not out.exists()
    result = CliRunner().invoke(main, ["build", str(OSS), "-o", str(out), "--theme", str(theme_folder)])
    assert result.exit_code == 1 and "title_page.html:3" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ('[huisstijl]\nhoofdkleur = "paars"\n', 2, "geen kleur"),
        ('[huisstijl]\n\nhoofdkleur = "#FFEE00"\n', 3, "contrast"),
        ('[huisstijl]\nkleur = "#000000"\n', 2, "onbekende instelling 'kleur'"),
        ('[papier]\nrapport = "A4 schuin"\n', 2, "papierformaat"),
        ('[huisstijl]\nlogo = "logo.png"\n', 2, "staat niet in"),
        ("[huisstijl\nx = 1\n", 1, "TOML"),
    ],
)
def test_broken_settings_are_located(tmp_path: Path, settings: str, line: int, words: str) -> None:
    folder = tmp_path / "thema"
    folder.mkdir()
    (folder / "via-reports.toml").write_text(settings, encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        build(OSS, tmp_path / "uit", ["docx"], theme_dir=folder)
    assert f"via-reports.toml:{line}:" in caught.value.message()
    assert words in caught.value.message()


def test_logo_with_alt_text_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "thema"
    folder.mkdir()
    (folder / "logo.png").write_bytes((Path(__file__).parent / "data" / "pixel.png").read_bytes())
    (folder / "via-reports.toml").write_text(
        '[huisstijl]\nlogo = "logo.png"\nlogo_tekst = "Logo van de gemeente"\norganisatie = "Gemeente Test"\n',
        encoding="utf-8",
    )
    result = build(OSS, tmp_path / "uit", ["docx", "pdf", "html"], theme_dir=folder)
    docx, pdf, html = result.outputs
    assert [d.get("descr") for d in Docx(docx).body.iter(qn("wp:docPr"))] == ["Logo van de gemeente"]
    page = html.read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page and 'alt="Logo van de gemeente"' in page
    assert "/Figure" in Pdf(pdf).structure_types()


def test_theme_export_gives_a_folder_that_builds(tmp_path: Path) -> None:
    folder = tmp_path / "mijn-thema"
    result = CliRunner().invoke(main, ["theme", "export", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "via-reports.toml").exists() and (folder / "report.html").exists()
    assert (folder / "fonts" / "LiberationSans-Regular.ttf").exists()
    build(OSS, tmp_path / "uit", ["pdf"], theme_dir=folder)
    again = CliRunner().invoke(main, ["theme", "export", str(folder)])
    assert again.exit_code == 1 and "bestaat al" in again.output
