"""`init`'s starter workbook (and the bundled one, made the same way) opens well in Excel."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.tools import needs_soffice, soffice_convert
from via_reports.contract import BELEID, DOCUMENT, KADERS, SETTINGS
from via_reports.reader.workbook import read_workbook
from via_reports.starter import init_workbook

BUNDLED = ROOT / "source" / "via-beleid.xlsx"


@pytest.fixture(params=["init", "bundled"])
def workbook(request, tmp_path: Path) -> Path:
    return init_workbook(tmp_path) if request.param == "init" else BUNDLED


def test_starter_validates_without_warnings(tmp_path: Path) -> None:
    result = read_workbook(init_workbook(tmp_path))
    assert result.ok and not result.diagnostics
    assert len(result.document.policies) == 2


def test_sheets_and_headers_follow_the_contract(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames == ["Beleid", "Wettelijke kaders", "Document", "Uitleg"]
    for spec in (BELEID, KADERS, DOCUMENT):
        ws = book[spec.name]
        assert [c.value for c in ws[1]] == [c.name for c in spec.columns]
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1])
        assert all(c.comment is not None for c in ws[1])  # hover help on every header


def test_text_wraps_in_data_cells(workbook: Path) -> None:
    ws = load_workbook(workbook)["Beleid"]
    assert all(cell.alignment.wrap_text for cell in ws[2] if cell.value is not None)


def test_drop_downs_for_niveau_and_opnemen(workbook: Path) -> None:
    ws = load_workbook(workbook)["Beleid"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["A2:A1000"] == '"Landelijk,Regionaal,Lokaal"'
    assert lists["I2:I1000"] == '"ja,nee"'


def test_uitleg_explains_every_column_and_setting(workbook: Path) -> None:
    ws = load_workbook(workbook)["Uitleg"]
    explained = {row[1].value for row in ws.iter_rows(min_row=2) if row[1].value}
    for spec in (BELEID, KADERS, DOCUMENT):
        assert {c.name for c in spec.columns} <= explained
    assert {s.name for s in SETTINGS} <= explained


@needs_soffice
def test_libreoffice_offers_the_niveau_drop_down(tmp_path: Path) -> None:
    ods = soffice_convert(init_workbook(tmp_path / "in"), "ods", tmp_path / "out")
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    assert "table:content-validation " in content
    assert "&quot;Landelijk&quot;;&quot;Regionaal&quot;;&quot;Lokaal&quot;" in content
    assert 'table:display-list="unsorted"' in content


@pytest.mark.parametrize("year", [None, 2031])
def test_the_starter_is_for_this_years_edition(tmp_path: Path, year: int | None) -> None:
    import datetime as dt

    result = read_workbook(init_workbook(tmp_path, year=year))
    expected = year or dt.date.today().year
    assert result.document.info.edition == str(expected)
    assert not result.diagnostics  # its example periods neither end nor have ended in that year
    assert all(p.period.start <= expected < p.period.end for p in result.document.policies)
