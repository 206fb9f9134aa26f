"""Sheet sizes are measured in the XML before openpyxl builds a cell: a small file that
claims a million rows is refused lightly; formatted but empty rows do not count."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.test_cells import rewrite_sheet
from tests.test_hardening import _rewrite, _validate_in_child
from via_reports.build import build
from via_reports.reader.sizes import MAX_COLUMNS, MAX_ROWS
from via_reports.reader.workbook import read_workbook


def _six_policies(path: Path, extra: dict | None = None) -> Path:
    rows = [BELEID_HEADER, *(policy("Lokaal", n, f"Beleid {n}") for n in range(1, 7))]
    return write_xlsx(path, {"Beleid": rows, **(extra or {})})


def _append_rows(path: Path, rows: bytes, dimension: bytes | None = None) -> Path:
    replace = {b"</sheetData>": rows + b"</sheetData>"}
    if dimension is not None:
        replace[b'<dimension ref="A1:I7"/>'] = b'<dimension ref="' + dimension + b'"/>'
    return rewrite_sheet(path, replace)


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory) -> Path:
    """A 5 MB workbook whose Beleid sheet has a value in each of a million rows."""
    path = _six_policies(tmp_path_factory.mktemp("miljoen") / "miljoen.xlsx")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(8, 1_000_001))
    _append_rows(path, rows, b"A1:I1000000")
    assert path.stat().st_size < 8 * 1024 * 1024
    return path


def test_a_million_rows_are_refused_before_they_are_loaded(million_rows: Path) -> None:
    result, _, peak = _validate_in_child(million_rows)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Beleid: fout: het werkblad is te groot: er staan waarden tot in regel 1000000" in result.stdout
    assert str(MAX_ROWS) in result.stdout
    assert peak < 400  # loading the rows took over 500 MB


def _styled_row(n: int) -> str:
    cells = "".join(f'<c r="{letter}{n}" s="1"/>' for letter in "ABCDEFGHI")
    return f'<row r="{n}" s="1" customFormat="1" ht="20" customHeight="1">{cells}</row>'


@pytest.fixture(scope="module")
def styled_rows(tmp_path_factory) -> Path:
    """6 policies, then 60,000 rows that were only formatted (the dimension claims them)."""
    path = _six_policies(tmp_path_factory.mktemp("opgemaakt") / "opgemaakt.xlsx")
    rows = "".join(_styled_row(n) for n in range(8, 60_008)).encode()
    return _append_rows(path, rows, b"A1:I60007")


def test_formatted_empty_rows_do_not_count(styled_rows: Path) -> None:
    result, _, peak = _validate_in_child(styled_rows)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 beleidsstukken" in result.stdout
    assert peak < 400


def test_six_policies_above_60000_formatted_rows_build(styled_rows: Path, tmp_path: Path) -> None:
    outputs = build(styled_rows, tmp_path, ["docx", "html"]).outputs
    html = outputs[1].read_text(encoding="utf-8")
    assert all(f"Beleid {n}" in html for n in range(1, 7))


def test_one_value_far_below_counts(tmp_path: Path) -> None:
    path = _append_rows(_six_policies(tmp_path / "ver.xlsx"), b'<row r="70000"><c r="B70000"><v>5</v></c></row>')
    (problem,) = read_workbook(path).errors
    assert (str(problem.location), problem.code) == ("Beleid", "sheet_too_big")
    assert "regel 70000" in problem.message()


def test_too_many_columns(tmp_path: Path) -> None:
    path = _append_rows(
        _six_policies(tmp_path / "breed.xlsx"), b'<row r="9"><c r="ZZ9" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    (problem,) = read_workbook(path).errors
    assert (
        problem.code == "sheet_too_big" and "kolom 702" in problem.message() and str(MAX_COLUMNS) in problem.message()
    )


def test_a_merged_range_over_the_whole_sheet_costs_nothing(tmp_path: Path) -> None:
    path = _six_policies(tmp_path / "samengevoegd.xlsx")
    rewrite_sheet(
        path, {b"</sheetData>": b'</sheetData><mergeCells count="1"><mergeCell ref="A9:XFD1048576"/></mergeCells>'}
    )
    result, _, peak = _validate_in_child(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peak < 400


def test_a_huge_sheet_that_is_not_read_does_not_matter(tmp_path: Path) -> None:
    path = _six_policies(tmp_path / "uitleg.xlsx", {"Gegevens": [("a",)]})
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 300_001))

    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    _rewrite(path, {"xl/worksheets/sheet2.xml": sheet.replace(b"</sheetData>", rows + b"</sheetData>")})
    result, _, peak = _validate_in_child(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peak < 400


def _range_link(path: Path, ref: str) -> Path:
    """The workbook with one hyperlink (to https://range.example/) over `ref` of the Beleid sheet."""
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="https://range.example/" TargetMode="External"/></Relationships>'
    )
    link = (
        f'<hyperlinks><hyperlink xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'ref="{ref}" r:id="rIdL"/></hyperlinks>'
    ).encode()
    rewrite_sheet(path, {b"</sheetData>": b"</sheetData>" + link})
    return _rewrite(path, {}, {"xl/worksheets/_rels/sheet1.xml.rels": rels})


def test_a_hyperlink_over_the_whole_sheet_costs_nothing(tmp_path: Path) -> None:
    path = _range_link(_six_policies(tmp_path / "link.xlsx"), "A1:XFD1048576")
    result, _, peak = _validate_in_child(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peak < 400


def test_a_hyperlink_over_a_few_titles_links_each(tmp_path: Path) -> None:
    path = _range_link(_six_policies(tmp_path / "link.xlsx"), "C2:C3")
    urls = [p.title_url for p in read_workbook(path).document.policies]
    assert urls == ["https://range.example/"] * 2 + [None] * 4


def test_a_hyperlink_on_an_empty_cell_gives_it_no_text(tmp_path: Path) -> None:
    path = _range_link(_six_policies(tmp_path / "link.xlsx"), "G2")  # Periode, empty
    result = read_workbook(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.document.policies[0].period is None
