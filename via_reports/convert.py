"""`via-reports omzetten`: a copy of a workbook with its HTML rich text typed.

The rich-text cells of the contract (Toelichting in Beleid and in Wettelijke kaders,
the Inleiding in Document) that hold an HTML fragment get the typed form a person
edits in Excel (`typed_form.py`); every other cell, sheet, style and formula stays as
it is. Each converted cell is read back before it is kept: when its typed form would
not mean exactly the same document, the cell keeps its HTML and a warning says so.
The original is never written, and an existing file is never overwritten.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from .contract import BELEID, DOCUMENT, KADERS, normalize_name
from .diagnostics import CodedError, Diagnostic, WorkbookError, warning
from .model import CellRef
from .reader.cells import cell_toks, find_sheet, open_workbook, read_table
from .reader.html import looks_like_html, parse_html
from .reader.inlines import Tok, text_of
from .reader.richtext import parse_rich_text
from .typed_form import meaning, typed_form


class ConvertError(CodedError):
    """The copy cannot be made (it exists already, or is the original)."""


@dataclass
class Converted:
    path: Path
    converted: list[CellRef] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings only


def convert_workbook(source: str | Path, target: str | Path) -> Converted:
    """Write `target`: `source` with its HTML rich-text cells in the typed form
    (nothing is written when no cell holds HTML: `result.converted` is empty)."""
    source, target = Path(source), Path(target)
    if target.exists():
        raise ConvertError("convert_exists", path=target)
    if target.suffix.lower() != source.suffix.lower():
        raise ConvertError("convert_suffix", path=target, suffix=source.suffix)
    checked, problems = open_workbook(source)  # every check of the reader (size, kind of file …) first
    if checked is None:
        raise WorkbookError(str(source), problems)
    book = load_workbook(source, rich_text=True, keep_vba=source.suffix.lower() == ".xlsm")
    result = Converted(target)
    for cell, ref in _rich_text_cells(book, source.name):
        _convert(cell, ref, result)
    if result.converted:
        book.save(target)
    return result


def _rich_text_cells(book, file_name: str):
    """(openpyxl cell, its place) for every rich-text cell the contract names."""
    ignored: list[Diagnostic] = []  # the reader reports these; converting goes on
    for spec, key in ((BELEID, "toelichting"), (KADERS, "toelichting"), (DOCUMENT, "waarde")):
        ws = find_sheet(book, spec, file_name, ignored)
        table = read_table(ws, spec, ignored) if ws is not None else None
        if table is None or not table.has(key):
            continue
        for row in table.rows:
            if spec is DOCUMENT and normalize_name(row.text("veld")) != "inleiding":
                continue
            cell = row.cells.get(key)
            if cell is not None:
                yield cell, row.ref(key)


def _convert(cell, ref: CellRef, result: Converted) -> None:
    if cell.data_type == "f":
        return  # a formula stays a formula
    toks = cell_toks(cell.value)
    text = toks if isinstance(toks, str) else text_of(toks)
    if not looks_like_html(text):
        return
    parsed = parse_html(text)
    if parsed.problem is not None:  # not readable as it stands (validate says why): left as it is
        result.diagnostics.append(warning("convert_kept_html", ref))
        return
    blocks = parsed.blocks
    typed = typed_form(blocks)
    value = _cell_value(typed.toks)
    if parse_rich_text(cell_toks(value)).blocks != meaning(blocks):
        result.diagnostics.append(warning("convert_kept_html", ref))
        return
    cell.value = value
    alignment = copy.copy(cell.alignment)
    alignment.wrap_text = True  # the new lines show in Excel
    cell.alignment = alignment
    result.converted.append(ref)
    for label, href in typed.relabelled:
        result.diagnostics.append(warning("convert_link", ref, label=label, href=href))


def _cell_value(toks: list[Tok]) -> str | CellRichText:
    """Plain text, or Excel's styled parts when some of it is bold, italic or underlined."""
    if not any(t.style.bold or t.style.italic or t.style.underline for t in toks):
        return text_of(toks)
    parts: list[str | TextBlock] = []
    for tok in toks:
        style = tok.style
        if style.bold or style.italic or style.underline:
            font = InlineFont(b=style.bold or None, i=style.italic or None, u="single" if style.underline else None)
            parts.append(TextBlock(font, tok.text))
        else:
            parts.append(tok.text)
    return CellRichText(parts)
