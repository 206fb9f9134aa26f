"""The second hostile corpus: about forty workbooks and folders as other programs and
careless or hostile colleagues make them, all made here in code. Whatever each holds,
via-reports answers with no traceback and no "onverwachte fout", writes nothing outside
the output folder, leaves earlier documents untouched when it refuses, and words every
refusal as a located Dutch sentence (`Beleid!B2: fout: …`)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from tests.conftest import BELEID_HEADER, DATA, ROOT, policy, write_xlsx
from tests.test_cells import rewrite_sheet
from tests.test_hardening import _rewrite
from tests.test_other_programs import UNKNOWN_EXTENSION, make_strict
from tests.tools import soffice_convert
from via_reports import outputs
from via_reports.cli import main

PYTHON = sys.executable
EARLIER = b"eerder document"
LOCATED_ERROR = re.compile(r"^(?P<where>[^:\n]+(?:![A-Z]+[0-9]+|![0-9]+:[0-9]+)?): fout: (?P<what>.+)$")


def _rows(*policies: tuple) -> list[tuple]:
    return [BELEID_HEADER, *(policies or (policy("Landelijk", 1, "Titel"),))]


def _book(path: Path, rows: list | None = None, **sheets) -> tuple[Workbook, Path]:
    book = Workbook()
    ws = book.active
    ws.title = "Beleid"
    for row in rows or _rows():
        ws.append(list(row))
    for name, content in sheets.items():
        other = book.create_sheet(name)
        for row in content:
            other.append(list(row))
    return book, path


def _save(made: tuple[Workbook, Path]) -> Path:
    book, path = made
    book.save(path)
    return path


# --- the cases: each makes its workbook (or folder) in `folder` and returns the path to build


def plain(folder: Path) -> Path:
    return write_xlsx(folder / "gewoon.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "Gewoon", text="Tekst."))})


def libreoffice(folder: Path) -> Path:
    source = plain(folder)
    saved = soffice_convert(source, "xlsx:Calc MS Excel 2007 XML", folder / "lo", suffix="xlsx")
    target = shutil.move(saved, folder / "libreoffice.xlsx")
    shutil.rmtree(folder / "lo")
    source.unlink()
    return Path(target)


def strict(folder: Path) -> Path:
    source = plain(folder)
    target = make_strict(source, folder / "strikt.xlsx")
    source.unlink()
    return target


def strict_from_libreoffice(folder: Path) -> Path:
    source = libreoffice(folder)
    target = make_strict(source, folder / "lo-strikt.xlsx")
    source.unlink()
    return target


def inline_rich_strings(folder: Path) -> Path:
    path = write_xlsx(folder / "inline.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "INLINE"))})
    rich = (
        b'<c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>Vet</t></r>'
        b'<r><t xml:space="preserve"> en gewoon</t></r></is></c>'
    )
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    cell = re.search(rb'<c r="C2".*?</c>', sheet).group(0)
    return rewrite_sheet(path, {cell: rich})


def shared_formulas(folder: Path) -> Path:
    path = write_xlsx(folder / "formules.xlsx", {"Beleid": _rows(*(policy("Lokaal", n, f"T{n}") for n in range(1, 4)))})
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    for n in range(2, 5):
        cell = re.search(rb'<c r="D%d".*?</c>|<c r="D%d"/>' % (n, n), sheet)
        formula = b'<f t="shared" ref="D2:D4" si="0">C2&amp;"!"</f>' if n == 2 else b'<f t="shared" si="0"/>'
        new = b'<c r="D%d" t="str">%s<v>T%d!</v></c>' % (n, formula, n - 1)
        sheet = sheet.replace(cell.group(0), new) if cell else sheet.replace(b'<c r="E%d"' % n, new + b'<c r="E%d"' % n)
    _rewrite(path, {"xl/worksheets/sheet1.xml": sheet})
    return path


def shared_formula_without_values(folder: Path) -> Path:
    path = shared_formulas(folder)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _rewrite(path, {"xl/worksheets/sheet1.xml": re.sub(rb"<v>T\d!</v>", b"", sheet)})
    return path


def merged_cells(folder: Path) -> Path:
    book, path = _book(folder / "samengevoegd.xlsx", _rows(policy("Lokaal", 1, "Samen", text="Lange uitleg")))
    book.active.merge_cells("E2:I2")
    book.active.merge_cells("A10:C12")
    return _save((book, path))


def hidden_rows_and_columns(folder: Path) -> Path:
    rows = _rows(policy("Lokaal", 1, "Zichtbaar"), policy("Lokaal", 2, "Verborgen"))
    book, path = _book(folder / "verborgen.xlsx", rows)
    book.active.row_dimensions[3].hidden = True
    book.active.column_dimensions["H"].hidden = True
    return _save((book, path))


def chart_and_image(folder: Path) -> Path:
    book, path = _book(folder / "grafiek.xlsx", _rows(policy("Lokaal", 1, "Met grafiek")), Cijfers=[("a", 1), ("b", 2)])
    chart = BarChart()
    chart.add_data(Reference(book["Cijfers"], min_col=2, min_row=1, max_row=2))
    book.active.add_chart(chart, "K2")
    book["Cijfers"].add_chart(BarChart(), "D2")
    book.active.add_image(Image(str(DATA / "pixel.png")), "K20")
    return _save((book, path))


def comments_validation_formatting(folder: Path) -> Path:
    book, path = _book(folder / "opmaak.xlsx", _rows(policy("Lokaal", 1, "Opgemaakt")))
    ws = book.active
    ws["C2"].comment = Comment("Let op", "Beleidsadviseur")
    validation = DataValidation(type="list", formula1='"Landelijk,Regionaal,Lokaal"', allow_blank=True)
    validation.add("A2:A500")
    ws.add_data_validation(validation)
    ws.conditional_formatting.add("B2:B500", CellIsRule(operator="lessThan", formula=["1"], fill=PatternFill("solid")))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = "A1:I2"
    ws.print_area = "A1:I2"
    return _save((book, path))


def excel_table(folder: Path) -> Path:
    book, path = _book(folder / "tabel.xlsx", _rows(policy("Lokaal", 1, "In een tabel")))
    book.active.add_table(Table(displayName="Beleid1", ref="A1:I2"))
    return _save((book, path))


def rich_text_cell(folder: Path) -> Path:
    book, path = _book(folder / "rijk.xlsx")
    book.active["E2"] = CellRichText(
        [TextBlock(InlineFont(b=True), "Vet"), " en ", TextBlock(InlineFont(i=True), "schuin")]
    )
    return _save((book, path))


def extensions_openpyxl_warns_about(folder: Path) -> Path:
    path = plain(folder)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _rewrite(path, {"xl/worksheets/sheet1.xml": sheet.replace(b"</worksheet>", UNKNOWN_EXTENSION)})
    return path


def macros(folder: Path) -> Path:
    path = write_xlsx(folder / "macro.xlsm", {"Beleid": _rows()})
    _rewrite(path, {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 Shell(calc)"})
    return path


def three_thousand_policies(folder: Path) -> Path:
    rows = [
        policy(level, n, f"{level} {n}", text=f"Uitleg {n}.")
        for level in ("Landelijk", "Lokaal")
        for n in range(1, 1501)
    ]
    return write_xlsx(folder / "drieduizend.xlsx", {"Beleid": _rows(*rows)})


def million_rows(folder: Path) -> Path:
    path = plain(folder)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(3, 1_000_001))
    return rewrite_sheet(path, {b"</sheetData>": rows + b"</sheetData>"})


def million_claimed_in_the_dimension(folder: Path) -> Path:
    path = plain(folder)
    return rewrite_sheet(path, {b'<dimension ref="A1:I2"/>': b'<dimension ref="A1:XFD1048576"/>'})


def styled_empty_rows(folder: Path) -> Path:
    rows = _rows(*(policy("Lokaal", n, f"Beleid {n}") for n in range(1, 7)))
    path = write_xlsx(folder / "opgemaakt.xlsx", {"Beleid": rows})
    empty = "".join(
        f'<row r="{n}" s="1" customFormat="1">' + "".join(f'<c r="{c}{n}" s="1"/>' for c in "ABCDEFGHI") + "</row>"
        for n in range(8, 60_008)
    )
    return rewrite_sheet(path, {b"</sheetData>": empty.encode() + b"</sheetData>"})


def whole_sheet_merged(folder: Path) -> Path:
    path = plain(folder)
    return rewrite_sheet(
        path, {b"</sheetData>": b'</sheetData><mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>'}
    )


def huge_unread_sheet(folder: Path) -> Path:
    path = write_xlsx(folder / "dump.xlsx", {"Beleid": _rows(), "Gegevens": [("a",)]})
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 200_001))
    _rewrite(path, {"xl/worksheets/sheet2.xml": sheet.replace(b"</sheetData>", rows + b"</sheetData>")})
    return path


def control_characters_escaped(folder: Path) -> Path:
    rows = _rows(policy("Lokaal", 1, "Bel_x0007_titel", text="Tekst_x001B_ met escape"))
    return write_xlsx(folder / "escape.xlsx", {"Beleid": rows})


def control_characters_raw(folder: Path) -> Path:
    path = write_xlsx(folder / "rauw.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "RAUW", text="VERWIJZING"))})
    return rewrite_sheet(path, {b"RAUW": b"Rauw\x00\x07\x1f", b"VERWIJZING": b"ref &#7; &#xFFFE; &#xD800; einde"})


def control_characters_in_html(folder: Path) -> Path:
    text = "<p>een&#7;twee&#0;drie&#xFFFF;vier&#x1;</p><ul><li>punt&#8;</li></ul>"
    return write_xlsx(folder / "html-stuur.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "HTML", text=text))})


def _nr_case(value: object) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return write_xlsx(folder / "nummer.xlsx", {"Beleid": _rows(policy("Lokaal", value, "Nummer"))})

    return make


def nr_infinity(folder: Path) -> Path:
    path = _nr_case(12345)(folder)
    return rewrite_sheet(path, {b"<v>12345</v>": b"<v>INF</v>"})


def hyperlink_over_the_whole_sheet(folder: Path) -> Path:
    from tests.test_sizes import _range_link

    return _range_link(plain(folder), "A1:XFD1048576")


def deep_typed_list(folder: Path) -> Path:
    text = "\n".join(" " * level + "- punt" for level in range(3000))
    return write_xlsx(folder / "inspringen.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "Lijst", text=text))})


def deep_html(folder: Path) -> Path:
    text = "<p>boven</p>" + "<b>" * 300 + "diep" + "</b>" * 300
    return write_xlsx(folder / "diep.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "Diep", text=text))})


def many_tags(folder: Path) -> Path:
    path = write_xlsx(folder / "tags.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "Tags", text="VEEL"))})
    return rewrite_sheet(path, {b"VEEL": b"&lt;b&gt;x&lt;/b&gt;" * 50_000})


def markup_without_text(folder: Path) -> Path:
    rows = _rows(policy("Lokaal", 1, "Leeg", text="<script>x()</script><style>p{}</style>"))
    return write_xlsx(folder / "opmaak-zonder-tekst.xlsx", {"Beleid": rows})


def excel_error_value(folder: Path) -> Path:
    return write_xlsx(folder / "ref.xlsx", {"Beleid": _rows(policy("Lokaal", 1, "#REF!"))})


def hostile_links(folder: Path) -> Path:
    rows = _rows(
        policy("Lokaal", 1, "Link", text='<a href="javascript:alert(1)">klik</a>', sources="x | file:///etc/passwd")
    )
    return write_xlsx(folder / "links.xlsx", {"Beleid": rows}, hyperlinks={"Beleid!C2": "javascript:alert(2)"})


def text_file(folder: Path) -> Path:
    path = folder / "tekst.xlsx"
    path.write_text("Niveau;Titel\nLokaal;Iets\n", encoding="utf-8")
    return path


def broken_strict(folder: Path) -> Path:
    path = strict(folder)
    _rewrite(path, {"xl/styles.xml": b"<styleSheet xmlns='http://purl.oclc.org/ooxml/spreadsheetml/main'><"})
    return path


def empty_folder(folder: Path) -> Path:
    (folder / "leeg").mkdir()
    return folder / "leeg"


def folder_named_like_a_workbook(folder: Path) -> Path:
    (folder / "beleid.xlsx").mkdir()
    (folder / "beleid.xlsx" / "notities.txt").write_text("geen werkmap", encoding="utf-8")
    return folder / "beleid.xlsx"


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    builds: bool  # True: it builds; False: it is refused
    formats: str = "docx,html"
    says: str = ""  # a piece of what is said (the refusal or a warning)
    validate_only: bool = False
    needs_soffice: bool = False


CASES: dict[str, Case] = {
    "libreoffice": Case(libreoffice, True, "docx,pdf,html", needs_soffice=True),
    "strict": Case(strict, True, "docx,pdf,html"),
    "strict-from-libreoffice": Case(strict_from_libreoffice, True, needs_soffice=True),
    "inline-rich-strings": Case(inline_rich_strings, True),
    "shared-formulas": Case(shared_formulas, True),
    "shared-formulas-without-values": Case(shared_formula_without_values, False, says="Beleid!D3: fout: deze formule"),
    "merged-cells": Case(merged_cells, True),
    "hidden-rows-and-columns": Case(hidden_rows_and_columns, True),
    "chart-and-image": Case(chart_and_image, True, "docx,pdf,html"),
    "comments-validation-formatting": Case(comments_validation_formatting, True),
    "excel-table": Case(excel_table, True),
    "rich-text-cell": Case(rich_text_cell, True),
    "extensions-openpyxl-warns-about": Case(extensions_openpyxl_warns_about, True),
    "macros": Case(macros, True, says="macro's"),
    "3000-policies": Case(three_thousand_policies, True, validate_only=True, says="3000 beleidsstukken"),
    "a-million-rows": Case(million_rows, False, says="Beleid: fout: het werkblad is te groot"),
    "a-million-claimed-in-the-dimension": Case(million_claimed_in_the_dimension, True),
    "60000-styled-empty-rows": Case(styled_empty_rows, True),
    "whole-sheet-merged": Case(whole_sheet_merged, True),
    "huge-unread-sheet": Case(huge_unread_sheet, True),
    "control-characters-escaped": Case(
        control_characters_escaped, True, "docx,pdf,html", says="Beleid!C2: waarschuwing"
    ),
    "control-characters-raw": Case(control_characters_raw, True, "docx,pdf,html", says="U+0000, U+0007, U+001F"),
    "control-characters-in-html": Case(
        control_characters_in_html, True, "docx,pdf,html", says="Beleid!E2: waarschuwing"
    ),
    "nr-superscript": Case(_nr_case("²"), False, says="Beleid!B2: fout: Nr '²'"),
    "nr-arabic-indic": Case(_nr_case("١"), False, says="Beleid!B2: fout: Nr"),
    "nr-full-width": Case(_nr_case("１"), False, says="Beleid!B2: fout: Nr"),
    "nr-fraction": Case(_nr_case(1.5), False, says="Beleid!B2: fout: Nr '1.5'"),
    "nr-huge": Case(_nr_case(1e308), False, says="is te groot; een nummer is hoogstens 9999"),
    "nr-boolean": Case(_nr_case(True), False, says="Beleid!B2: fout: Nr 'WAAR'"),
    "nr-date": Case(_nr_case(dt.datetime(2025, 1, 1)), False, says="Beleid!B2: fout: Nr '2025-01-01'"),
    "nr-infinity": Case(nr_infinity, False, says="Beleid!B2: fout: Nr 'INF'"),
    "hyperlink-over-the-whole-sheet": Case(hyperlink_over_the_whole_sheet, True),
    "deep-typed-list": Case(deep_typed_list, False, says="Beleid!E2: fout: de lijsten in deze cel staan meer dan"),
    "deep-html": Case(deep_html, False, says="Beleid!E2: fout: de HTML in deze cel is 300 lagen diep"),
    "100000-tags": Case(many_tags, False, says="Beleid!E2: fout: de HTML in deze cel heeft 100000 tags"),
    "markup-without-text": Case(markup_without_text, False, says="Beleid!E2: fout: Toelichting bevat alleen HTML"),
    "excel-error-value": Case(excel_error_value, False, says="Beleid!C2: fout: de cel bevat de Excel-fout #REF!"),
    "hostile-links": Case(hostile_links, True, "docx,pdf,html", says="Beleid!C2: waarschuwing"),
    "text-file": Case(text_file, False, says="tekst.xlsx: fout: dit is een tekstbestand"),
    "broken-strict": Case(broken_strict, False, says="fout: dit is een Strict Open XML-werkmap"),
    "empty-folder": Case(empty_folder, False, says="fout: geen werkmappen in"),
    "folder-named-like-a-workbook": Case(folder_named_like_a_workbook, False, says="fout: geen werkmappen in"),
}


def _tree(root: Path, skip: Path) -> dict[str, bytes]:
    """Every file under `root` outside `skip`, with its bytes (links by their target)."""
    found = {}
    for path in root.rglob("*"):
        if path == skip or skip in path.parents:
            continue
        if path.is_symlink():
            found[str(path)] = os.readlink(path).encode()
        elif path.is_file():
            found[str(path)] = path.read_bytes()
    return found


def _output_names(target: Path) -> list[str]:
    return [f"{target.stem}.{fmt}" for fmt in ("docx", "pdf", "html")]


def check_answer(output: str, refused: bool) -> None:
    """No traceback, no 'onverwachte fout', and every error line a located Dutch sentence."""
    assert "Traceback" not in output and "onverwachte fout" not in output, output
    errors = [line for line in output.splitlines() if ": fout: " in line or line.startswith("fout: ")]
    if refused:
        assert errors, output
    for line in errors:
        match = LOCATED_ERROR.match(line) or re.match(r"^fout: geen werkmappen in (?P<where>\S+)", line)
        assert match and match.group("where").strip(), line
        assert not re.search(r"\b(error|cannot|the file|not found)\b", line), line  # Dutch, not the library's words


@pytest.mark.parametrize("name", list(CASES))
def test_the_hostile_corpus(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    if case.needs_soffice and shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path / "werk"
    folder.mkdir()
    target = case.make(folder)
    out = tmp_path / "uit"
    out.mkdir()
    for earlier in _output_names(target):
        (out / earlier).write_bytes(EARLIER)
    before = _tree(tmp_path, out)
    command = (
        ["validate", str(target)] if case.validate_only else ["build", str(target), "-o", str(out), "-f", case.formats]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(main, command)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert not [w for w in caught if "openpyxl" in w.filename], [str(w.message) for w in caught]
    check_answer(output, refused=not case.builds)
    assert result.exit_code == (0 if case.builds else 1), output
    assert case.says in output, output
    assert _tree(tmp_path, out) == before  # nothing written outside the output folder; the workbook untouched
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    if case.builds and not case.validate_only:
        for fmt in case.formats.split(","):
            assert written[f"{target.stem}.{fmt}"] != EARLIER
    else:
        assert written == dict.fromkeys(_output_names(target), EARLIER)  # earlier documents untouched


# --- the file system ------------------------------------------------------------------------------------


def _workbook(tmp_path: Path) -> Path:
    return plain(tmp_path)


@pytest.mark.parametrize("name", ["gewoon.html", "gewoon.docx", "GEWOON.pdf"])
def test_a_workbook_named_like_its_own_output_is_never_replaced(tmp_path: Path, name: str) -> None:
    workbook = _workbook(tmp_path).rename(tmp_path / name)
    before = _tree(tmp_path, tmp_path / "geen")
    fmt = name.rsplit(".", 1)[1].lower()
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(tmp_path), "-f", fmt])
    check_answer(result.output, refused=True)
    assert f"{name}: fout: dit is de werkmap die wordt gelezen" in result.output
    assert _tree(tmp_path, tmp_path / "geen") == before


def test_a_symlinked_output_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    workbook, out, elsewhere = _workbook(tmp_path), tmp_path / "uit", tmp_path / "elders"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "geheim.html").write_bytes(b"geheim")
    (out / "gewoon.html").symlink_to(elsewhere / "geheim.html")
    (out / "gewoon.docx").write_bytes(EARLIER)
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), "-f", "docx,html"])
    check_answer(result.output, refused=True)
    assert result.exit_code == 1 and "gewoon.html: fout: dit is een snelkoppeling" in result.output
    assert (elsewhere / "geheim.html").read_bytes() == b"geheim" and (out / "gewoon.docx").read_bytes() == EARLIER


def test_a_symlinked_output_folder_is_written_into(tmp_path: Path) -> None:
    workbook, real = _workbook(tmp_path), tmp_path / "echt"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(tmp_path / "link"), "-f", "html"])
    check_answer(result.output, refused=False)
    assert sorted(os.listdir(real)) == ["gewoon.html"]


def test_a_read_only_folder(tmp_path: Path, monkeypatch) -> None:
    workbook, out = _workbook(tmp_path), tmp_path / "uit"
    out.mkdir()
    (out / "gewoon.docx").write_bytes(EARLIER)
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(outputs.os, "open", read_only)
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), "-f", "docx"])
    check_answer(result.output, refused=True)
    assert "in deze map kan niet worden geschreven" in result.output
    assert sorted(os.listdir(out)) == ["gewoon.docx"] and (out / "gewoon.docx").read_bytes() == EARLIER


def test_two_builds_at_once(tmp_path: Path) -> None:
    workbook, out = _workbook(tmp_path), tmp_path / "uit"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [PYTHON, "-m", "via_reports", "build", str(workbook), "-o", str(out), "-f", "docx,html"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in "ab"
    ]
    answers = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], answers
    for answer in answers:
        check_answer(answer, refused=False)
    assert sorted(os.listdir(out)) == ["gewoon.docx", "gewoon.html"]
    with zipfile.ZipFile(out / "gewoon.docx") as archive:
        assert archive.testzip() is None
