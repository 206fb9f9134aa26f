"""The policy title of each Beleid row, also in a workbook with errors (when no
document model exists): so a problem at `Beleid!B7` can name the policy it is about."""

from __future__ import annotations

from pathlib import Path

from ..contract import BELEID
from ..diagnostics import Diagnostic
from .cells import find_sheet, open_workbook, read_table


def row_titles(path: str | Path) -> dict[int, str]:
    """Row number → the Titel typed in that row of sheet Beleid (rows without one left
    out); empty when the file or the sheet cannot be read."""
    path = Path(path)
    book, _ = open_workbook(path)
    if book is None:
        return {}
    ignored: list[Diagnostic] = []  # the check itself reports them
    ws = find_sheet(book, BELEID, path.name, ignored)
    table = read_table(ws, BELEID, ignored) if ws is not None else None
    if table is None or not table.has("titel"):
        return {}
    return {row.number: title for row in table.rows if (title := row.text("titel"))}
