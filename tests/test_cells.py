"""Cells no document can hold as they are: characters XML forbids, numbers that are no
policy number, HTML beyond the parser's limits. Each gives a sentence at its cell;
what can be shown is built in every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from via_reports.build import build
from via_reports.diagnostics import Severity
from via_reports.reader.html import MAX_DEPTH, MAX_TAGS
from via_reports.reader.plain import MAX_LIST_DEPTH
from via_reports.reader.workbook import MAX_NR, read_workbook


def rewrite_sheet(path: Path, replace: dict[bytes, bytes]) -> Path:
    """The workbook with byte strings in its first sheet replaced (as another program wrote it)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    for old, new in replace.items():
        assert old in parts["xl/worksheets/sheet1.xml"], old
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(old, new)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def located(result, code: str) -> dict[str, str]:
    return {str(d.location): d.message() for d in result.diagnostics if d.code == code}


# --- characters XML cannot hold ----------------------------------------------------------


@pytest.fixture(scope="module")
def control_workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stuurtekens")
    rows = [
        BELEID_HEADER,
        policy(nr=1, title="Excel_x0007_escape", text="<p>HTML een&#7;twee&#xFFFE;drie&#x1b;vier</p>"),
        policy(nr=2, title="RAWTITLE", text="REFTEXT"),
        policy(nr=3, title="Letterlijk", text="getypt _x005F_x0007_ blijft, _x0000_nul gaat"),
        policy(nr=4, title="Tab en regel", text="a\tb\nc"),
    ]
    path = write_xlsx(folder / "stuur.xlsx", {"Beleid": rows, "Document": [("Veld", "Waarde"), ("Titel", "DOCTITLE")]})
    return rewrite_sheet(path, {b"RAWTITLE": b"Rauw\x07\x1f\x00titel", b"REFTEXT": b"ref&#7;en&#x1F;klaar"})


def test_characters_xml_forbids_are_removed_with_a_warning_at_their_cell(control_workbook: Path) -> None:
    result = read_workbook(control_workbook)
    assert result.ok, [d.format() for d in result.errors]
    warnings = located(result, "char_removed")
    assert set(warnings) == {"Beleid!C2", "Beleid!E2", "Beleid!C3", "Beleid!E3", "Beleid!E4"}
    assert "U+0007" in warnings["Beleid!E2"] and "U+FFFE" in warnings["Beleid!E2"] and "U+001B" in warnings["Beleid!E2"]
    assert "U+0000" in warnings["Beleid!C3"] and "U+001F" in warnings["Beleid!C3"]
    titles = [p.title for p in result.document.policies]
    assert titles == ["Excelescape", "Rauwtitel", "Letterlijk", "Tab en regel"]
    texts = [p.explanation[0].inlines[0].text for p in result.document.policies[:3]]
    assert texts == ["HTML eentweedrievier", "refenklaar", "getypt _x0007_ blijft, nul gaat"]


def test_every_format_builds_from_a_workbook_with_control_characters(control_workbook: Path, tmp_path: Path) -> None:
    outputs = {p.suffix[1:]: p for p in build(control_workbook, tmp_path, ["docx", "pdf", "html"]).outputs}
    assert set(outputs) == {"docx", "pdf", "html"}
    cells = Docx(outputs["docx"]).table_paragraph_texts()
    assert "Rauwtitel" in cells and "getypt _x0007_ blijft, nul gaat" in cells
    assert "HTML eentweedrievier" in Pdf(outputs["pdf"]).text
    html = outputs["html"].read_text(encoding="utf-8")
    assert "refenklaar" in html and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", html)


# --- Nr ---------------------------------------------------------------------------------------

BAD_NUMBERS = [
    ("²", "nr_invalid"),
    ("١", "nr_invalid"),
    ("１２", "nr_invalid"),
    ("1.5", "nr_invalid"),
    (1.5, "nr_invalid"),
    (True, "nr_invalid"),
    (dt.datetime(2025, 3, 1), "nr_invalid"),
    (-3, "nr_invalid"),
    (1e308, "nr_too_big"),
    (MAX_NR + 1, "nr_too_big"),
    ("9" * 5000, "nr_too_big"),
]


@pytest.mark.parametrize(("value", "code"), BAD_NUMBERS, ids=[repr(v)[:12] for v, _ in BAD_NUMBERS])
def test_a_nr_that_is_no_policy_number_is_a_located_error(make_workbook, value, code) -> None:
    result = read_workbook(make_workbook(policies=[policy(nr=value)]))
    errors = {str(d.location): (d.code, d.message()) for d in result.errors}
    assert list(errors) == ["Beleid!B2"]
    assert errors["Beleid!B2"][0] == code
    assert str(MAX_NR) in errors["Beleid!B2"][1]


@pytest.mark.parametrize("value", ["inf", "NaN", "-INF", "Infinity"])
def test_infinite_numbers_saved_by_another_program_are_a_located_error(make_workbook, value) -> None:
    """Excel never saves these (XML Schema allows them) and openpyxl cannot read a sheet
    that has one: they are read as the text they are, and refused at their cell."""
    path = make_workbook(policies=[policy(nr=12345)])
    rewrite_sheet(path, {b"<v>12345</v>": f"<v>{value}</v>".encode()})
    (problem,) = read_workbook(path).errors
    assert (str(problem.location), problem.code) == ("Beleid!B2", "nr_invalid")
    assert f"Nr '{value}'" in problem.message()


def test_the_largest_number_and_leading_zeros_are_fine(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(nr=MAX_NR), policy(nr="007")]))
    assert [p.nr for p in result.document.policies] == [7, MAX_NR]


def test_other_digits_in_periods_and_editions_are_no_years(make_workbook) -> None:
    path = make_workbook(policies=[policy(period="２０２５")], document=[("Editie", "²²²²")])
    result = read_workbook(path)
    assert {(str(d.location), d.code, d.severity) for d in result.diagnostics} == {
        ("Document!B2", "edition_not_year", Severity.WARNING),
        ("Beleid!G2", "period_invalid", Severity.ERROR),
    }


# --- HTML beyond the parser's limits ---------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 300, 5000])
def test_html_nested_too_deep_is_a_located_error_never_lost_text(make_workbook, depth: int) -> None:
    text = "<p>boven</p>" + "<b>" * depth + "diepe tekst" + "</b>" * depth
    result = read_workbook(make_workbook(policies=[policy(), policy(text=text)]))
    errors = {str(d.location): d for d in result.errors}
    assert list(errors) == ["Beleid!E3"]
    assert errors["Beleid!E3"].code == "html_too_deep"
    assert f"{depth} lagen" in errors["Beleid!E3"].message() and str(MAX_DEPTH) in errors["Beleid!E3"].message()


def test_html_just_within_the_depth_limit_keeps_all_its_text(make_workbook) -> None:
    depth = MAX_DEPTH - 2  # the fragment's own wrapper and paragraph count too
    text = "<p>" + "<i>" * depth + "diepe tekst" + "</i>" * depth + "</p>"
    result = read_workbook(make_workbook(policies=[policy(text=text)]))
    assert result.ok, [d.format() for d in result.errors]
    assert result.document.policies[0].explanation[0].inlines[0].text == "diepe tekst"


def test_a_cell_of_100000_tags_is_refused_with_the_count(make_workbook) -> None:
    path = make_workbook(policies=[policy(text="VEEL")])  # openpyxl cuts a cell to Excel's 32,767 characters
    result = read_workbook(rewrite_sheet(path, {b"VEEL": b"&lt;p&gt;a&lt;/p&gt;" * 50_000}))
    (problem,) = result.errors
    assert (str(problem.location), problem.code) == ("Beleid!E2", "html_too_many_tags")
    assert "100000 tags" in problem.message() and str(MAX_TAGS) in problem.message()


def test_a_cell_of_markup_without_visible_text_is_not_called_empty(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(text="<script>alert(1)</script><p> </p>")]))
    (problem,) = result.errors
    assert (str(problem.location), problem.code) == ("Beleid!E2", "html_no_text")
    assert "leeg" not in problem.message()


def test_an_absurdly_long_value_is_quoted_short(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(level="x" * 30_000, nr=10**300)]))
    messages = {d.code: d.message() for d in result.errors}
    assert set(messages) == {"level_unknown", "nr_too_big"}
    assert all(len(message) < 200 and "…" in message for message in messages.values())


def _typed_list(depth: int) -> str:
    return "\n".join("  " * level + "- punt" for level in range(depth))


def _html_list(depth: int) -> str:
    return "<ul>" + "<li>x<ul>" * (depth - 1) + "<li>diep</li>" + "</ul></li>" * (depth - 1) + "</ul>"


@pytest.mark.parametrize(
    ("make", "depth"),
    [(_typed_list, MAX_LIST_DEPTH + 1), (_typed_list, 3000), (_html_list, MAX_LIST_DEPTH + 1)],
    ids=["typed", "typed-3000", "html"],  # deeper HTML is caught by the element depth first
)
def test_lists_nested_too_deep_are_a_located_error(make_workbook, make, depth: int) -> None:
    result = read_workbook(make_workbook(policies=[policy(), policy(text=make(depth))]))
    assert [(str(d.location), d.code) for d in result.errors] == [("Beleid!E3", "list_too_deep")]
    assert str(MAX_LIST_DEPTH) in result.errors[0].message()


@pytest.mark.parametrize("make", [_typed_list, _html_list], ids=["typed", "html"])
def test_lists_as_deep_as_allowed_build_in_every_format(tmp_path: Path, make) -> None:
    path = write_xlsx(tmp_path / "diep.xlsx", {"Beleid": [BELEID_HEADER, policy(text=make(MAX_LIST_DEPTH))]})
    outputs = {p.suffix[1:]: p for p in build(path, tmp_path / "uit", ["docx", "pdf", "html"]).outputs}
    assert set(outputs) == {"docx", "pdf", "html"}
