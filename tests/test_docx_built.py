"""The .docx as users build it (every profile, an edition with --vorige and a logo, a
row taller than a page), as a skilled Word user would make it: valid against the
Office schemas (openxml-audit), current, nothing lost on paper (LibreOffice's PDF),
navigable, styled through styles, the handout in black and white, typography."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.docx_structure import Docx, is_on
from tests.tools import needs_soffice

OSS = Path(__file__).resolve().parent.parent / "source" / "via-beleid.xlsx"


def long_explanation() -> str:
    """A Toelichting that runs over more than two landscape pages, every sentence numbered
    so a lost line shows."""
    sentences = [
        f"Maatregel {n} versterkt de samenwerking tussen wijkteam, Veilig Thuis en politie bij signalen."
        for n in range(1, 91)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    from tests.conftest import BELEID_HEADER, policy, write_xlsx

    folder = tmp_path_factory.mktemp("werkmappen")
    rich = write_xlsx(
        folder / "rijk.xlsx",
        {
            "Beleid": [
                BELEID_HEADER,
                policy(
                    "Landelijk",
                    1,
                    "Jeugdbeleidsprogramma Kind- en gezinsbescherming",
                    sources="Rapport | https://www.rijksoverheid.nl/x\nZonder link",
                    text='<p>Zie <a href="https://www.example.org/">de <b>brief</b></a>.</p><ul><li>een</li></ul>'
                    "<p>Looptijd 2023-2028, een kind- en gezinsaanpak.</p>",
                    period="2023-2028",
                    themes="jeugd",
                ),
                policy("Landelijk", 2, "Een lange toelichting", text=long_explanation()),
                policy("Regionaal", 1, "Regiovisie", text="• een\n• twee\n\nNa de lijst."),
                policy("Lokaal", 1, "Handboek AVE", text="1. een\n2. twee\n   - a\n   - b", themes="jeugd"),
            ],
            "Wettelijke kaders": [
                ("Categorie", "Naam", "Link"),
                ("Nederlandse wetgeving", "Jeugdwet", "https://wetten.overheid.nl/BWBR0034925"),
                ("Internationale kaders", "Verdrag van Istanbul", None),
            ],
            "Document": [("Veld", "Waarde"), ("Editie", 2025), ("Organisatie", "Gemeente Test")],
        },
    )
    theme = folder / "thema"
    theme.mkdir()
    (theme / "logo.png").write_bytes((Path(__file__).parent / "data" / "pixel.png").read_bytes())
    (theme / "via-reports.toml").write_text(
        '[huisstijl]\nlogo = "logo.png"\nlogo_tekst = "Logo van de gemeente Test"\n', encoding="utf-8"
    )
    return {"rijk": rich, "thema": theme}


@pytest.fixture(scope="module")
def built(workbooks, tmp_path_factory) -> dict[str, Path]:
    """One .docx per case, rendered once for the module."""
    from via_reports.build import build

    out = tmp_path_factory.mktemp("gebouwd")
    rich = workbooks["rijk"]

    def one(name: str, workbook: Path, **options) -> Path:
        (path,) = build(workbook, out / name, ["docx"], parallel=False, **options).outputs
        return path

    return {
        "oss": one("oss", OSS),
        "editie": one("editie", rich, previous=OSS, theme_dir=workbooks["thema"]),
        "bijlage": one("bijlage", rich, profile="bijlage", appendix_label="Bijlage 3"),
        "handout": one("handout", rich, profile="handout", qr=True),
    }


CASES = ["oss", "editie", "bijlage", "handout"]


@pytest.mark.parametrize("name", CASES)
def test_valid_against_the_office_schemas(built, name: str) -> None:
    """What `openxml-audit -f microsoft365` reports: no error, no warning."""
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0).validate(built[name])
    assert [str(e) for e in result.errors] == []
    assert result.is_valid


@pytest.mark.parametrize("name", CASES)
def test_opens_in_current_word_without_compatibility_mode(built, name: str) -> None:
    settings = Docx(built[name]).doc.settings.element
    modes = [
        s.get(qn("w:val")) for s in settings.iter(qn("w:compatSetting")) if s.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]


def _rows(path: Path) -> dict[str, object]:
    """Policy title → its table row (w:tr), for every table of the document."""
    out = {}
    for table in Docx(path).tables():
        for row in table.rows[1:]:
            title = row.cells[1].paragraphs[0].text
            out[title] = row._tr
    return out


@pytest.mark.parametrize("name", ["editie", "handout"])
def test_a_row_taller_than_a_page_may_split_all_others_stay_whole(built, name: str) -> None:
    rows = _rows(built[name])
    tall = rows.pop("Een lange toelichting")
    assert tall.trPr is None or tall.trPr.find(qn("w:cantSplit")) is None
    assert rows and all(is_on(tr.trPr, "w:cantSplit") for tr in rows.values())
    for table in Docx(built[name]).tables():
        assert is_on(table.rows[0]._tr.trPr, "w:tblHeader")  # the header row repeats on every page
        assert all(tr.trPr is None or tr.trPr.find(qn("w:tblHeader")) is None for tr in table._tbl.tr_lst[1:])


@pytest.fixture(scope="module")
def printed(built, tmp_path_factory) -> dict[str, set[str]]:
    """The words of the edition build and of the handout as LibreOffice prints them to PDF."""
    import pdfplumber

    from tests.tools import soffice_convert

    out = {}
    for name in ("editie", "handout"):
        pdf_path = soffice_convert(built[name], "pdf", tmp_path_factory.mktemp(f"lo-{name}"))
        with pdfplumber.open(pdf_path) as pdf:
            out[name] = {w["text"] for page in pdf.pages for w in page.extract_words()}
    return out


@needs_soffice
def test_no_text_of_a_tall_row_is_lost_on_paper(printed) -> None:
    missing = [w for w in dict.fromkeys(long_explanation().split()) if w not in printed["editie"]]
    assert missing == []


def test_the_navigation_pane_lists_every_policy_under_its_level(built) -> None:
    from via_reports.reader.workbook import read_workbook

    document = read_workbook(OSS).document
    expected: list[tuple[int, str]] = []
    for section in document.levels:
        expected.append((0, section.level.label))
        expected += [(1, policy.title) for policy in section.policies]
    expected.append((0, "Wettelijke kaders"))
    expected += [(1, group.category) for group in document.frameworks]
    outline = Docx(built["oss"]).outline()
    assert outline == expected
    assert len([1 for level, _ in outline if level == 1]) == 18 + len(document.frameworks)


@needs_soffice
def test_libreoffice_makes_the_same_outline_into_pdf_bookmarks(built, tmp_path: Path) -> None:
    """An independent reader of the outline levels: LibreOffice's PDF export bookmarks."""
    import pikepdf

    from tests.tools import soffice_convert
    from via_reports.reader.workbook import read_workbook

    document = read_workbook(OSS).document
    pdf_path = soffice_convert(
        built["oss"], 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}', tmp_path, "pdf"
    )
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        tree = {item.title: [child.title.replace("\u2011", "-") for child in item.children] for item in outline.root}
    for section in document.levels:
        assert tree[section.level.label] == [policy.title for policy in section.policies]
    assert sum(len(tree[s.level.label]) for s in document.levels) == 18


@pytest.mark.parametrize("name", CASES)
def test_each_table_has_its_caption_above_it_and_as_its_title(built, name: str) -> None:
    docx = Docx(built[name])
    for tbl in docx.body.iter(qn("w:tbl")):
        caption = tbl.getprevious()
        assert caption.tag == qn("w:p")
        style = caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
        assert style == "Caption"
        text = "".join(t.text for t in caption.iter(qn("w:t")))
        assert text.endswith(" beleid")
        assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}").get(qn("w:val")) == text


def _style(docx: Docx, style_id: str):
    return next(s for s in docx.doc.styles.element.iter(qn("w:style")) if s.get(qn("w:styleId")) == style_id)


def _fill(el) -> str | None:
    shd = el.find(f".//{qn('w:shd')}")
    return shd.get(qn("w:fill")) if shd is not None else None


@pytest.mark.parametrize("name", CASES)
def test_every_table_uses_the_via_table_style_and_carries_no_formatting_of_its_own(built, name: str) -> None:
    docx = Docx(built[name])
    tables = list(docx.body.iter(qn("w:tbl")))
    assert tables
    for tbl in tables:
        assert tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == "ViATabel"
        for tag in ("w:tblBorders", "w:shd", "w:tblCellMar"):
            assert tbl.find(f"{qn('w:tblPr')}/{qn(tag)}") is None
        look = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")  # the style's header row on, banding off
        flags = int(look.get(qn("w:val")), 16)  # LibreOffice reads the hexadecimal value, Word the attributes
        assert (look.get(qn("w:firstRow")), look.get(qn("w:noHBand"))) == ("1", "1")
        assert flags & 0x0020 and flags & 0x0200 and not flags & 0x0080
    for tag in ("w:shd", "w:tcBorders"):  # no per-cell fill or borders
        assert list(docx.body.iter(qn(tag))) == []
    style = _style(docx, "ViATabel")
    assert style.get(qn("w:type")) == "table" and style.find(qn("w:name")).get(qn("w:val")) == "ViA Tabel"
    assert style.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None
    parts = {p.get(qn("w:type")): p for p in style.findall(qn("w:tblStylePr"))}
    assert {"firstRow", "band1Horz"} <= set(parts)
    assert _fill(parts["firstRow"]) and parts["firstRow"].find(f"{qn('w:rPr')}/{qn('w:b')}") is not None


@pytest.mark.parametrize("name", CASES)
def test_no_direct_colour_font_or_size_and_no_manual_page_breaks(built, name: str) -> None:
    docx = Docx(built[name])
    for part in [docx.body, *(s.header._element for s in docx.doc.sections)]:
        for tag in ("w:color", "w:rFonts", "w:sz", "w:pBdr", "w:pageBreakBefore"):
            assert list(part.iter(qn(tag))) == [], tag
        assert [br for br in part.iter(qn("w:br")) if br.get(qn("w:type")) == "page"] == []


def test_a_report_starts_each_part_on_a_new_page_through_sections_and_styles(built) -> None:
    docx = Docx(built["editie"])
    heading1 = [p for p in docx.paragraphs() if p.style.name == "Heading 1"]
    assert heading1[0].text.startswith("Wijzigingen")
    # every Heading 1 opens a section of its own (a new page with its own page header)
    assert len(docx.doc.sections) == len(heading1) + 1
    assert docx.doc.styles["Caption"].paragraph_format.page_break_before  # the table on a page of its own
    compact = Docx(built["bijlage"])
    assert not compact.doc.styles["Caption"].paragraph_format.page_break_before
    assert not compact.doc.styles["Heading 1"].paragraph_format.page_break_before


@pytest.mark.parametrize("name", CASES)
def test_links_use_words_own_hyperlink_style(built, name: str) -> None:
    docx = Docx(built[name])
    style = _style(docx, "Hyperlink")
    assert style.get(qn("w:customStyle")) is None and style.find(qn("w:name")).get(qn("w:val")) == "Hyperlink"
    assert style.find(qn("w:basedOn")).get(qn("w:val")) == "DefaultParagraphFont"
    runs = [r for link in docx.body.iter(qn("w:hyperlink")) for r in link.iter(qn("w:r"))]
    assert runs and all(r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "Hyperlink" for r in runs)


def _colour(docx: Docx, style_name: str) -> str:
    return str(docx.doc.styles[style_name].font.color.rgb)


def _grey(value: str | None) -> bool:
    """Black, white or a grey: red, green and blue alike."""
    return value is not None and (value == "auto" or len({value[0:2], value[2:4], value[4:6]}) == 1)


def test_the_handout_is_black_and_white(built) -> None:
    docx = Docx(built["handout"])
    for name in ("Title", "Heading 1", "Heading 2"):
        assert _colour(docx, name) == "000000"
    head = {p.get(qn("w:type")): p for p in _style(docx, "ViATabel").findall(qn("w:tblStylePr"))}["firstRow"]
    assert _grey(_fill(head)) and _fill(head) != "FFFFFF"
    assert head.find(f".//{qn('w:color')}").get(qn("w:val")) == "000000"
    hyperlink = _style(docx, "Hyperlink").find(f".//{qn('w:color')}").get(qn("w:val"))
    assert _grey(hyperlink)  # on paper a link is not told apart by colour
    for el in docx.doc.styles.element.iter(qn("w:color")):
        parent = el.getparent().getparent()
        if parent.tag == qn("w:style") and parent.get(qn("w:styleId")).startswith("ViA"):
            assert _grey(el.get(qn("w:val"))), parent.get(qn("w:styleId"))
    report = Docx(built["oss"])
    assert _colour(report, "Heading 1") != "000000"  # the report keeps the house colour


# --- typography ---------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_number_ranges_do_not_break_at_their_hyphen_ordinary_words_do(built, name: str) -> None:
    from tests.docx_structure import text_of

    docx = Docx(built[name])
    hyphens = list(docx.body.iter(qn("w:noBreakHyphen")))
    assert hyphens
    for hyphen in hyphens:
        before, after = hyphen.getprevious(), hyphen.getnext()
        assert before.text[-1:].isdigit() and after.text[:1].isdigit()
    texts = [text_of(p) for p in docx.body.iter(qn("w:p"))]
    plain = [t.text for t in docx.body.iter(qn("w:t"))]
    assert not any(re.search(r"\d-\d", t) for t in plain)  # every range hyphen is a non-breaking one
    if name != "oss":
        assert any("2023-2028" in t for t in texts)
        assert any("Kind- en gezinsbescherming" in t for t in plain)  # an ordinary hyphen stays


def _words_width_pt(words: list[str], size_pt: float) -> float:
    """The widest of `words` in bold Liberation Sans (Arial's metrics), measured here with fontTools."""
    from fontTools.ttLib import TTFont

    from via_reports.writers.render import builtin_theme_dir

    font = TTFont(builtin_theme_dir() / "fonts" / "LiberationSans-Bold.ttf")
    cmap, hmtx, per_em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return max(sum(hmtx[cmap[ord(c)]][0] for c in word) / per_em * size_pt for word in words)


@pytest.mark.parametrize("name", CASES)
def test_the_title_column_fits_its_longest_word_and_the_header(built, workbooks, name: str) -> None:
    from via_reports.reader.workbook import read_workbook

    workbook = OSS if name == "oss" else workbooks["rijk"]
    titles = [p.title for p in read_workbook(workbook).document.policies]
    words = ["Programma/Beleid/aanpak", *(w for t in titles for w in t.split())]
    needed = _words_width_pt(words, 10) + 2 * 85 / 20  # the cell's left and right padding, in points
    for table in Docx(built[name]).tables():
        assert table.columns[1].width.pt >= needed
        assert all(row.cells[1].width.pt >= needed for row in table.rows)


@needs_soffice
def test_no_word_of_a_title_is_broken_in_portrait(printed) -> None:
    for word in ("Jeugdbeleidsprogramma", "Programma/Beleid/aanpak", "2023-2028"):  # LibreOffice prints "-"
        assert any(word in printed_word for printed_word in printed["handout"]), word


@pytest.mark.parametrize("name", CASES)
def test_headings_and_captions_keep_with_what_follows(built, name: str) -> None:
    styles = Docx(built[name]).doc.styles
    for style in ("Heading 1", "Heading 2", "Caption", "ViA Tabelkop"):
        assert styles[style].paragraph_format.keep_with_next, style


def test_room_between_the_index_and_its_table(built) -> None:
    styles = Docx(built["bijlage"]).doc.styles
    assert styles["Caption"].paragraph_format.space_before.pt >= 6


@pytest.mark.parametrize("name", CASES)
def test_a_list_in_a_cell_is_followed_by_the_space_of_a_paragraph(built, name: str) -> None:
    styles = Docx(built[name]).doc.styles
    items, cell = styles["List Paragraph"], styles["ViA Celtekst"]
    assert items.paragraph_format.space_after == cell.paragraph_format.space_after
    assert items.element.find(f"{qn('w:pPr')}/{qn('w:contextualSpacing')}") is not None  # none between items


def test_the_house_style_is_the_word_theme_too(built) -> None:
    """Recolouring or refonting in Word (Ontwerpen > Kleuren / Lettertypen) is one change."""
    from lxml import etree

    from via_reports.theme import DEFAULT_THEME

    docx = Docx(built["oss"])
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(docx.read("word/theme/theme1.xml").encode())
    colours = {slot: root.find(f".//{a}clrScheme/{a}{slot}/{a}srgbClr").get("val") for slot in ("accent1", "hlink")}
    assert colours == {"accent1": DEFAULT_THEME.primary.upper(), "hlink": DEFAULT_THEME.link.upper()}
    assert {f.get("typeface") for f in root.iter(f"{a}latin")} == {DEFAULT_THEME.font}
    for name in ("Title", "Heading 1", "Heading 2"):
        colour = docx.doc.styles[name].element.rPr.find(qn("w:color"))
        assert colour.get(qn("w:themeColor")) == "accent1"
    defaults = docx.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:asciiTheme")) == "minorHAnsi"
