"""The bundled workbook is typed text, the same document as its HTML transcription;
`via-reports omzetten` gives any workbook that form without changing the document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from tests.conftest import BELEID_HEADER, DATA, ROOT, policy, write_xlsx
from via_reports.cli import main
from via_reports.convert import ConvertError, convert_workbook
from via_reports.model import Document
from via_reports.reader.html import looks_like_html
from via_reports.reader.workbook import read_workbook

BUNDLED = ROOT / "source" / "via-beleid.xlsx"
TRANSCRIPTION = DATA / "via-beleid-html.xlsx"


def without_origins(document: Document) -> Document:
    """The document minus where each row stood in its workbook."""
    levels = tuple(replace(s, policies=tuple(replace(p, origin=None) for p in s.policies)) for s in document.levels)
    groups = tuple(
        replace(g, frameworks=tuple(replace(f, origin=None) for f in g.frameworks)) for g in document.frameworks
    )
    return replace(document, levels=levels, frameworks=groups)


def model(path: Path) -> Document:
    result = read_workbook(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return without_origins(result.document)


def cell_values(path: Path):
    for ws in load_workbook(path, rich_text=True).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield f"{ws.title}!{cell.coordinate}", cell.value


def test_the_bundled_workbook_holds_no_html() -> None:
    tagged = [where for where, value in cell_values(BUNDLED) if looks_like_html(str(value))]
    assert tagged == []


def test_the_bundled_workbook_is_the_document_of_its_html_transcription() -> None:
    assert sum(looks_like_html(str(v)) for _, v in cell_values(TRANSCRIPTION)) >= 12  # it really is HTML
    typed, original = model(BUNDLED), model(TRANSCRIPTION)
    assert typed == original
    assert sum(1 for p in typed.policies if any(b.__class__.__name__ == "ListBlock" for b in p.explanation)) >= 5


def test_the_bundled_workbook_is_typed_as_a_person_types(tmp_path: Path) -> None:
    book = load_workbook(BUNDLED)
    first = book["Beleid"]["E2"].value
    assert "\n\n" in first and "\n1. Preventie, (vroeg)signalering en informele steun." in first
    assert book["Beleid"]["E2"].alignment.wrap_text


HTML_CASES = {
    "nested lists": "<p>Twee soorten:</p><ul><li>eerst<ul><li>binnen een</li><li>binnen twee</li></ul></li>"
    "<li>dan</li></ul><ol><li>stap</li><li>stap</li></ol>",
    "typed markers": '<ol style="list-style-type: none"><li>1. een</li><li>2. twee</li><li>5. vijf</li></ol>',
    "bold and more": "<p>Een <strong>vet</strong>, <em>schuin</em> en <u>onderstreept</u> woord."
    "<br>Nieuwe regel.</p><p><b><i>Beide</i></b></p>",
    "address links": '<p>Zie <a href="https://www.oss.nl/beleid">https://www.oss.nl/beleid</a> '
    'en <a href="mailto:info@oss.nl">mailto:info@oss.nl</a>.</p>',
    "refused link": '<p>Klik <a href="javascript:alert(1)">hier</a>.</p>',
    "bold list item": "<ul><li><strong>Let op:</strong> dit</li><li>en dat</li></ul>",
}


@pytest.fixture
def html_workbook(tmp_path: Path) -> Path:
    policies = [policy("Lokaal", n, f"Beleid {n}", text=html) for n, html in enumerate(HTML_CASES.values(), start=1)]
    policies.append(policy("Lokaal", 99, "<p>blijft</p>", text="Gewoon getypt.\n\n• al goed"))
    sheets = {
        "Beleid": [BELEID_HEADER, *policies],
        "Wettelijke kaders": [("Categorie", "Naam", "Toelichting"), ("Wetten", "Jeugdwet", "<p>Een <em>wet</em>.</p>")],
        "Document": [("Veld", "Waarde"), ("Inleiding", "<p>Welkom.</p><p>Tweede alinea.</p>")],
    }
    return write_xlsx(tmp_path / "html.xlsx", sheets)


def test_omzetten_keeps_the_document(html_workbook: Path, tmp_path: Path) -> None:
    before = html_workbook.read_bytes()
    result = convert_workbook(html_workbook, tmp_path / "getypt.xlsx")
    assert html_workbook.read_bytes() == before  # the original is never written
    assert len(result.converted) == len(HTML_CASES) + 2  # + the framework and the Inleiding
    assert model(tmp_path / "getypt.xlsx") == model(html_workbook)
    tagged = [w for w, v in cell_values(tmp_path / "getypt.xlsx") if looks_like_html(str(v))]
    assert tagged == ["Beleid!C8"]  # a title is not rich text: "<p>blijft</p>" is what it says


def test_omzetten_types_bold_as_excels_own(html_workbook: Path, tmp_path: Path) -> None:
    convert_workbook(html_workbook, tmp_path / "getypt.xlsx")
    value = load_workbook(tmp_path / "getypt.xlsx", rich_text=True)["Beleid"]["E4"].value
    assert isinstance(value, CellRichText)
    styled = {(p.text, bool(p.font.b), bool(p.font.i), p.font.u) for p in value if isinstance(p, TextBlock)}
    assert styled == {
        ("vet", True, False, None),
        ("schuin", False, True, None),
        ("onderstreept", False, False, "single"),
        ("Beide", True, True, None),
    }
    assert str(value) == "Een vet, schuin en onderstreept woord.\nNieuwe regel.\n\nBeide"
    nested = load_workbook(tmp_path / "getypt.xlsx")["Beleid"]["E2"].value
    assert nested == "Twee soorten:\n\n• eerst\n    • binnen een\n    • binnen twee\n• dan\n\n1. stap\n2. stap"


def test_a_link_with_its_own_text_is_typed_with_its_address(make_workbook, tmp_path: Path) -> None:
    source = make_workbook(policies=[policy(text='<p>Lees <a href="https://www.oss.nl/brief">de brief</a> eerst.</p>')])
    result = convert_workbook(source, tmp_path / "getypt.xlsx")
    assert load_workbook(tmp_path / "getypt.xlsx")["Beleid"]["E2"].value == (
        "Lees de brief (https://www.oss.nl/brief) eerst."
    )
    assert [d.format() for d in result.diagnostics] == [
        "Beleid!E2: waarschuwing: de link 'de brief' is getypt als 'de brief (https://www.oss.nl/brief)': "
        "een cel kan geen link met een eigen tekst bevatten"
    ]
    (paragraph,) = model(tmp_path / "getypt.xlsx").policies[0].explanation
    assert [type(i).__name__ for i in paragraph.inlines] == ["Text", "Link", "Text"]
    assert paragraph.inlines[1].href == "https://www.oss.nl/brief"


def test_a_cell_that_cannot_be_typed_the_same_stays_html(make_workbook, tmp_path: Path) -> None:
    html = "<ul><li><p>Een punt</p><p>met twee alinea's</p></li></ul>"
    source = make_workbook(policies=[policy(text=html), policy(title="Twee", text="<p>a</p><p>b</p>")])
    result = convert_workbook(source, tmp_path / "getypt.xlsx")
    assert load_workbook(tmp_path / "getypt.xlsx")["Beleid"]["E2"].value == html
    assert [(str(d.location), d.code) for d in result.diagnostics] == [("Beleid!E2", "convert_kept_html")]
    assert model(tmp_path / "getypt.xlsx") == model(source)


def test_a_formula_stays_a_formula(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Beleid"
    ws.append(["Niveau", "Titel", "Toelichting"])
    ws.append(["Lokaal", "a", '="<p>"&"x"&"</p>"'])
    ws.append(["Lokaal", "b", "<p>y</p>"])
    book.save(tmp_path / "formule.xlsx")
    convert_workbook(tmp_path / "formule.xlsx", tmp_path / "getypt.xlsx")
    ws = load_workbook(tmp_path / "getypt.xlsx")["Beleid"]
    assert ws["C2"].value == '="<p>"&"x"&"</p>"' and ws["C3"].value == "y"


def test_omzetten_never_overwrites(html_workbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "bestaat.xlsx"
    target.write_bytes(b"mijn werk")
    with pytest.raises(ConvertError):
        convert_workbook(html_workbook, target)
    with pytest.raises(ConvertError):
        convert_workbook(html_workbook, html_workbook)
    assert target.read_bytes() == b"mijn werk"


def test_the_command(html_workbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "getypt.xlsx"
    result = CliRunner().invoke(main, ["omzetten", str(html_workbook), str(target)])
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {target} (8 cel(len) van HTML naar getypte tekst). {html_workbook} is niet veranderd." in (
        result.output
    )
    again = CliRunner().invoke(main, ["omzetten", str(html_workbook), str(target)])
    assert again.exit_code == 1
    assert f"{target} bestaat al; kies een nieuwe naam. Er is niets overschreven." in again.output
    nothing = CliRunner().invoke(main, ["omzetten", str(target), str(tmp_path / "nog een.xlsx")])
    assert nothing.exit_code == 0
    assert "er is niets geschreven" in nothing.output and not (tmp_path / "nog een.xlsx").exists()
    wrong = CliRunner().invoke(main, ["omzetten", str(html_workbook), str(tmp_path / "x.ods")])
    assert wrong.exit_code == 1 and "moet op .xlsx eindigen" in wrong.output
