"""Workbooks saved by other programs and in other forms: LibreOffice, Strict Open XML
(Excel's "Strict Open XML-werkmap"), parts openpyxl warns about. Each reads as the
same document as the ordinary workbook, or is refused with a sentence naming it."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BELEID_HEADER, ROOT, policy, write_xlsx
from tests.tools import needs_soffice, soffice_convert
from via_reports.reader.workbook import read_workbook

TRANSITIONAL = re.compile(rb"http://schemas\.openxmlformats\.org/(spreadsheetml|officeDocument|drawingml)/2006/")


def make_strict(source: Path, target: Path) -> Path:
    """`source` saved as Strict Open XML would be: every transitional namespace and
    relationship type under its Strict name, and the workbook marked strict."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                data = data.replace(b"2006/relationships/extended-properties", b"2006/relationships/extendedProperties")
                data = data.replace(b"2006/extended-properties", b"2006/extendedProperties")
                data = TRANSITIONAL.sub(rb"http://purl.oclc.org/ooxml/\1/", data)
                if name == "xl/workbook.xml":
                    data = re.sub(rb"<workbook\b", b'<workbook conformance="strict"', data, count=1)
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    with zipfile.ZipFile(target) as archive:
        assert b"http://purl.oclc.org/ooxml/spreadsheetml/main" in archive.read("xl/workbook.xml")
        assert not TRANSITIONAL.search(archive.read("xl/workbook.xml"))
    return target


def _shape(path: Path):
    result = read_workbook(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    doc = result.document
    return doc.info, doc.intro, doc.levels, doc.frameworks


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gewoon")
    return write_xlsx(
        folder / "gewoon.xlsx",
        {
            "Beleid": [
                BELEID_HEADER,
                policy("Landelijk", 1, "Eerste", text="<p>Met <b>vet</b> en <a href='https://a.nl/'>link</a></p>"),
                policy("Lokaal", 2, "Tweede", text="• een\n• twee", sources="Nota | https://b.nl/", period="2024-2026"),
            ],
            "Wettelijke kaders": [("Categorie", "Naam", "Link"), ("Wetten", "Jeugdwet", None)],
            "Document": [("Veld", "Waarde"), ("Titel", "Overzicht"), ("Datum", dt.datetime(2025, 3, 1))],
            "Uitleg": [("Kolom", "Uitleg"), ("Niveau", "…")],
        },
        hyperlinks={"Beleid!C2": "https://titel.nl/", "Wettelijke kaders!C2": "https://wetten.nl/"},
    )


def test_the_bundled_workbook_as_strict_reads_the_same(tmp_path: Path) -> None:
    source = ROOT / "source" / "via-beleid.xlsx"
    assert _shape(make_strict(source, tmp_path / "strikt.xlsx")) == _shape(source)


def test_a_strict_workbook_with_links_dates_and_an_unread_sheet_reads_the_same(ordinary: Path, tmp_path: Path) -> None:
    strict = make_strict(ordinary, tmp_path / "strikt.xlsx")
    assert _shape(strict) == _shape(ordinary)
    policies = read_workbook(strict).document.policies
    assert policies[0].title_url == "https://titel.nl/"


def test_a_strict_date_written_as_iso_text_is_a_date(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(document=[("Datum", "VERVANG")])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    cell = re.search(rb'<c r="B2"[^>]*>.*?</c>', sheet).group(0)
    from tests.test_hardening import _rewrite

    _rewrite(path, {"xl/worksheets/sheet2.xml": sheet.replace(cell, b'<c r="B2" t="d"><v>2025-03-01T00:00:00</v></c>')})
    strict = make_strict(path, tmp_path / "datum.xlsx")
    assert read_workbook(strict).document.info.date == dt.date(2025, 3, 1)


def test_a_broken_strict_workbook_is_named_as_such(ordinary: Path, tmp_path: Path) -> None:
    strict = make_strict(ordinary, tmp_path / "kapot.xlsx")
    from tests.test_hardening import _rewrite

    _rewrite(strict, {"xl/styles.xml": b"<styleSheet xmlns='http://purl.oclc.org/ooxml/spreadsheetml/main'><x"})
    (problem,) = read_workbook(strict).errors
    assert problem.code == "file_strict_unreadable"
    assert "Strict Open XML" in problem.message() and "Opslaan als > Excel-werkmap (.xlsx)" in problem.message()
    assert "ontbreekt" not in problem.message()


@needs_soffice
def test_workbooks_saved_by_libreoffice_read_the_same(ordinary: Path, tmp_path: Path) -> None:
    shutil.copy(ordinary, tmp_path / "bron.xlsx")
    saved = soffice_convert(tmp_path / "bron.xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", suffix="xlsx")
    with zipfile.ZipFile(saved) as archive:
        assert b"Calc" in archive.read("xl/workbook.xml")  # really LibreOffice's file
        assert "xl/sharedStrings.xml" in archive.namelist()
    assert _shape(saved) == _shape(ordinary)
    assert _shape(make_strict(saved, tmp_path / "lo-strikt.xlsx")) == _shape(ordinary)


# --- library warnings -----------------------------------------------------------------------

UNKNOWN_EXTENSION = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/>'
    b'</ext><ext uri="{00000000-0000-0000-0000-000000000000}"><x/></ext></extLst></worksheet>'
)


def test_library_warnings_never_reach_the_console_raw(make_workbook) -> None:
    path = make_workbook()
    from tests.test_hardening import _rewrite

    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        workbook = archive.read("xl/workbook.xml")
        styles = archive.read("xl/styles.xml")
    _rewrite(
        path,
        {
            "xl/worksheets/sheet1.xml": sheet.replace(b"</worksheet>", UNKNOWN_EXTENSION),
            "xl/workbook.xml": workbook.replace(b"</sheets>", b'<sheet name="Zonder" sheetId="9"/></sheets>'),
            "xl/styles.xml": re.sub(rb"<cellStyles.*?</cellStyles>", b"", styles, flags=re.S),
        },
    )
    run = subprocess.run(
        [sys.executable, "-m", "via_reports", "validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stderr and "warn(" not in run.stderr and run.stderr == ""
    lines = [line for line in run.stdout.splitlines() if "openpyxl" in line]
    assert len(lines) == 1 and "waarschuwing: bij het lezen van de werkmap meldde openpyxl" in lines[0]
    assert "extension" not in run.stdout
