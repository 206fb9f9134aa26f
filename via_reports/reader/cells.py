"""Opening a workbook and reading its tables: sheets and headers matched the forgiving
way the contract describes, cells turned into text, every problem located.

Only this module and `workbook.py` know openpyxl.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import io
import re
import warnings as pywarnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..contract import SHEETS, Sheet, normalize_name
from ..diagnostics import Diagnostic, error, warning
from ..model import CellRef
from .archive import check_archive
from .chars import clean, decode_escapes
from .inlines import Style, Tok
from .parts import mend
from .sizes import MAX_COLUMNS, MAX_ROWS, SheetSize
from .strict import is_strict_file


def open_workbook(path: Path) -> tuple[Workbook | None, list[Diagnostic]]:
    """The workbook, read-only in effect: its bytes are read once and never written.
    Saved values are read for formulas (as Excel shows them). Every problem of the
    libraries underneath becomes one located sentence."""
    name = path.name
    if not path.exists():
        return None, [error("file_missing", str(path))]
    if path.is_dir():
        return None, [error("file_is_folder", str(path))]
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
        problem, warnings = check_archive(path, head)
        if problem is not None:
            return None, [problem]
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("file_unreadable", name, detail=exc.strerror or type(exc).__name__)]
    strict = is_strict_file(data)
    try:
        mended = mend(data)
        if mended.too_big:
            return None, [_too_big(sheet, size) for sheet, size in mended.too_big.items()]
        data = mended.data
        with library_warnings(name, warnings):
            book = load_workbook(io.BytesIO(data), data_only=True, rich_text=True, keep_links=False, keep_vba=False)
            warnings += formula_problems(data, book)
    except Exception as exc:  # openpyxl, lxml, defusedxml and zipfile raise many kinds for broken files
        code = "file_strict_unreadable" if strict else "file_not_xlsx"
        return None, [error(code, name, detail=f"{type(exc).__name__}: {exc}"[:200])]
    return book, warnings


# What openpyxl warns about parts via-reports never reads (data validation, conditional
# formatting, extensions, styles, drawings, print settings, defined names, comments):
# nothing a user needs to hear.
_IRRELEVANT = re.compile(
    r"extension|data validation|conditional formatting|style|drawingml|chart|image|header or footer|"
    r"print area|print titles|defined names|comment|unknown type",
    re.IGNORECASE,
)


@contextlib.contextmanager
def library_warnings(file_name: str, diags: list[Diagnostic]) -> Iterator[None]:
    """Python warnings of the libraries underneath, caught instead of printed raw: those
    about parts that are never read are dropped, any other becomes a warning at the file."""
    with pywarnings.catch_warnings(record=True) as caught:
        pywarnings.simplefilter("always")
        yield
    seen: set[str] = set()
    for item in caught:
        detail = str(item.message)[:200]
        if not _IRRELEVANT.search(detail) and detail not in seen:
            seen.add(detail)
            diags.append(warning("library_warning", file_name, detail=detail))


def _too_big(sheet: str, size: SheetSize) -> Diagnostic:
    return error(
        "sheet_too_big", sheet, rows=size.rows, columns=size.columns, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
    )


def formula_problems(data: bytes, book: Workbook) -> list[Diagnostic]:
    """Formulas whose value Excel never saved (the file was made by a program that
    does not calculate): the reader cannot know what they show. Only looked for when
    the workbook has formulas at all."""
    if not _has_formulas(data):
        return []
    formulas = load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    read = {spec.key for spec in SHEETS}
    problems = []
    for ws in formulas.worksheets:
        if normalize_name(ws.title) not in read:
            continue
        values = book[ws.title]
        for cell in sorted(_cells(ws), key=lambda c: (c.row, c.column)):
            if cell.data_type == "f" and values[cell.coordinate].value is None:
                problems.append(error("formula_no_value", CellRef(ws.title, cell.row, cell.column)))
    return problems


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as part:
                    while chunk := part.read(1 << 20):
                        if b"<f>" in chunk or b"<f " in chunk:
                            return True
    return False


def find_sheet(book: Workbook, spec: Sheet, file_name: str, diags: list[Diagnostic]) -> Worksheet | None:
    matches = [ws for ws in book.worksheets if normalize_name(ws.title) == spec.key]
    if not matches:
        if spec.required:
            found = ", ".join(f"'{ws.title}'" for ws in book.worksheets) or "geen"
            diags.append(error("sheet_missing", file_name, sheet=spec.name, found=found))
        else:
            for ws in book.worksheets:  # a typo would silently leave the sheet unread
                close = difflib.SequenceMatcher(None, normalize_name(ws.title), spec.key).ratio()
                if close >= 0.8:
                    diags.append(warning("sheet_not_read", ws.title, sheet=spec.name))
        return None
    if len(matches) > 1:
        diags.append(warning("sheet_twice", matches[1].title, sheet=spec.name, used=matches[0].title))
    return matches[0]


# --- cell values ---------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | CellRichText) and not str(value).strip())


def cell_text(value: Any) -> str:
    """A cell as the text a person sees (without surrounding white space)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def shown(value: Any) -> str:
    """A cell value as quoted in a message: as typed, cut short when absurdly long."""
    text = cell_text(value)
    return text if len(text) <= 60 else text[:40] + "…" + text[-10:]


def clean_value(value: Any) -> tuple[Any, list[str]]:
    """A cell's value with Excel's escapes decoded and the characters no document can
    hold removed; and those characters (U+0007 …)."""
    if isinstance(value, CellRichText):
        parts: list[Any] = []
        removed: list[str] = []
        for part in value:
            text, gone = clean(decode_escapes(part.text if isinstance(part, TextBlock) else str(part)))
            removed += gone
            parts.append(TextBlock(part.font, text) if isinstance(part, TextBlock) else text)
        return CellRichText(parts), list(dict.fromkeys(removed))
    if isinstance(value, str):
        return clean(decode_escapes(value))
    return value, []


def cell_toks(value: Any) -> str | list[Tok]:
    """A rich-text cell: its styled parts when Excel formatted part of it, else its text."""
    if not isinstance(value, CellRichText):
        return "" if value is None else cell_text(value)
    toks: list[Tok] = []
    for part in value:
        if isinstance(part, TextBlock):
            font = part.font
            style = Style(bool(font.b), bool(font.i), bool(font.u) and font.u != "none")
            toks.append(Tok(part.text, style))
        else:
            toks.append(Tok(str(part)))
    return toks


# --- tables ---------------------------------------------------------------------


@dataclass
class Row:
    number: int
    cells: dict[str, Any]  # column key → openpyxl cell
    table: Table
    values: dict[str, Any] = field(default_factory=dict)  # column key → cleaned value (clean_value)

    def ref(self, key: str) -> CellRef:
        return CellRef(self.table.sheet_name, self.number, self.table.columns.get(key))

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str) -> str:
        return cell_text(self.value(key))

    def hyperlink(self, key: str) -> str | None:
        cell = self.cells.get(key)
        link = getattr(cell, "hyperlink", None)
        return link.target if link is not None and link.target else None


@dataclass
class Table:
    sheet_name: str
    spec: Sheet
    columns: dict[str, int] = field(default_factory=dict)  # key → column number
    rows: list[Row] = field(default_factory=list)

    def has(self, key: str) -> bool:
        return key in self.columns


def _suggest(header: str, spec: Sheet) -> str | None:
    keys = {c.key: c.name for c in spec.columns}
    close = difflib.get_close_matches(normalize_name(header), keys, n=1, cutoff=0.75)
    return keys[close[0]] if close else None


def _cells(ws: Worksheet) -> Iterable[Any]:
    """The cells the sheet has (its `_cells`): iter_rows would make one for every empty
    place up to the last row and column."""
    return ws._cells.values()


def _rows(ws: Worksheet) -> Iterator[list[Any]]:
    """The rows that have cells, in order, each its cells in column order."""
    by_row: dict[int, list[Any]] = {}
    for cell in _cells(ws):
        by_row.setdefault(cell.row, []).append(cell)
    for number in sorted(by_row):
        yield sorted(by_row[number], key=lambda c: c.column)


def read_table(ws: Worksheet, spec: Sheet, diags: list[Diagnostic]) -> Table | None:
    """The sheet's header row (its first non-empty row) and every non-empty row below it.
    Required columns that are missing, doubled or unknown columns are reported here."""
    table = Table(ws.title, spec)
    rows = _rows(ws)
    header_row = None
    for cells in rows:
        if any(not is_blank(c.value) for c in cells):
            header_row = cells
            break
    if header_row is None:
        wanted = ", ".join(c.name for c in spec.columns if c.required)
        diags.append(error("sheet_empty", ws.title, columns=wanted))
        return None
    known = {c.key for c in spec.columns}
    seen: dict[str, CellRef] = {}
    for cell in header_row:
        if is_blank(cell.value):
            continue
        header = cell_text(clean_value(cell.value)[0])
        key = normalize_name(header)
        ref = CellRef(ws.title, cell.row, cell.column)
        if key in known:
            if key in seen:
                diags.append(error("column_twice", ref, column=spec.column(key).name, other=str(seen[key])))
                continue
            seen[key] = ref
            table.columns[key] = cell.column
        else:
            suggestion = _suggest(header, spec)
            if suggestion:
                diags.append(warning("column_unknown_suggest", ref, header=shown(header), suggestion=suggestion))
            else:
                diags.append(warning("column_unknown", ref, header=shown(header)))
    found = ", ".join(f"'{cell_text(clean_value(c.value)[0])}'" for c in header_row if not is_blank(c.value))
    for column in spec.columns:
        if column.required and column.key not in table.columns:
            header_ref = CellRef(ws.title, header_row[0].row, header=True)
            diags.append(error("column_missing", header_ref, column=column.name, found=found))
    by_index = {index: key for key, index in table.columns.items()}
    for cells in rows:
        mapped = {by_index[c.column]: c for c in cells if c.column in by_index}
        if all(is_blank(c.value) for c in mapped.values()):
            continue  # fully empty rows (or only unknown columns filled) are skipped
        values = {}
        for key, cell in mapped.items():
            values[key], removed = clean_value(cell.value)
            if removed:
                ref = CellRef(ws.title, cell.row, cell.column)
                diags.append(warning("char_removed", ref, chars=", ".join(removed)))
        table.rows.append(Row(cells[0].row, mapped, table, values))
    return table
