"""The size of a sheet, measured in its XML before openpyxl builds a cell of it.

A sheet's `<dimension>` says what its author's program claims, not what is there:
a 5 MB file may claim a million rows, and a sheet whose rows were only formatted
claims tens of thousands of rows that hold nothing. So the XML is read as bytes:
cells without a value (`<c r="A7" s="3"/>`: a format only) and rows left without
cells are taken out, and then the last row and column that hold a value are what the
limits apply to. Merged ranges are dropped too: the reader never uses them (the value
stands in the first cell), and openpyxl would make a cell for every cell they cover;
for the same reason a hyperlink over a range becomes one on each cell of it that holds
a value (and a hyperlink on an empty cell is dropped: openpyxl would make its address
the cell's text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MAX_ROWS = 50_000  # the last row with a value, in a sheet that is read
MAX_COLUMNS = 200  # the last column with a value
MAX_LINKS = 100_000  # hyperlinks on cells of one sheet

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix (`x:c`)
_EMPTY_CELL = re.compile(rb"<(" + _P + rb"c)\b[^>]*?(?:/>|>\s*</\1\s*>)")
_EMPTY_ROW = re.compile(rb"<(" + _P + rb"row)\b[^>]*?(?:/>|>\s*</\1\s*>)")
_MERGES = re.compile(rb"<(" + _P + rb"mergeCells)\b[^>]*?(?:/>|>.*?</\1\s*>)", re.S)
_ROW = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["']\s*([0-9]+)""")
_LINK = re.compile(
    rb"<(" + _P + rb"hyperlink)\b[^>]*?\bref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"'][^>]*?(?:/>|>\s*</\1\s*>)"
)
_CELL_REF = re.compile(rb"<" + _P + rb"""c\b[^>]*?\br\s*=\s*["']\s*([A-Za-z]{1,3}[0-9]{1,7})["']""")
_CELL_COLUMN = re.compile(rb"<" + _P + rb"""c\b[^>]*?\br\s*=\s*["']\s*([A-Za-z]{1,3})[0-9]""")


@dataclass(frozen=True)
class SheetSize:
    rows: int  # the last row that holds a value
    columns: int  # the last column that holds a value

    @property
    def too_big(self) -> bool:
        return self.rows > MAX_ROWS or self.columns > MAX_COLUMNS


def slim(sheet: bytes) -> bytes:
    """The sheet's XML without empty cells, empty rows and merged ranges."""
    if b"mergeCell" in sheet:
        sheet = _MERGES.sub(b"", sheet)
    sheet = _EMPTY_CELL.sub(b"", sheet)
    return _EMPTY_ROW.sub(b"", sheet)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def measure(slimmed: bytes) -> SheetSize:
    """The last row and column with a value of a sheet that went through `slim`
    (a row without a number follows the one before it, as in openpyxl)."""
    last_row = 0
    for match in _ROW.finditer(slimmed):
        number = _ROW_NUMBER.search(match.group(1))
        last_row = int(number.group(1)[:9]) if number else last_row + 1
    columns = {letters.upper() for letters in _CELL_COLUMN.findall(slimmed)}
    last_column = max((_column_number(c) for c in columns), default=0)
    return SheetSize(last_row, last_column)


def _cell(ref: bytes) -> tuple[int, int]:
    letters = ref.rstrip(b"0123456789")
    return int(ref[len(letters) :]), _column_number(letters)


def links_on_values(slimmed: bytes) -> bytes:
    """Hyperlinks only on cells that hold a value, one element a cell: openpyxl copies a
    link over a range to every cell of it, and gives an empty cell the address as its text.
    At most MAX_LINKS of them (each a hyperlink element in a workbook Excel wrote)."""
    if b"hyperlink" not in slimmed:
        return slimmed
    valued = sorted({_cell(ref.upper()) for ref in _CELL_REF.findall(slimmed)})
    members = set(valued)
    budget = [MAX_LINKS]

    def spread(match: re.Match[bytes]) -> bytes:
        first = int(match.group(3)), _column_number(match.group(2))
        if match.group(4):
            last = int(match.group(5)), _column_number(match.group(4))
            rows = valued[bisect.bisect_left(valued, (first[0], 0)) : bisect.bisect_right(valued, (last[0], 1 << 30))]
            cells = [(row, column) for row, column in rows if first[1] <= column <= last[1]]
        else:
            cells = [first] if first in members else []
        cells = cells[: max(budget[0], 0)]
        budget[0] -= len(cells)
        element = match.group(0)
        start, end = match.start(2) - match.start(), match.end(5 if match.group(4) else 3) - match.start()
        return b"".join(element[:start] + _letters(column) + b"%d" % row + element[end:] for row, column in cells)

    return _LINK.sub(spread, slimmed)


def _letters(number: int) -> bytes:
    letters = b""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters
