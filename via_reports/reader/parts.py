"""Workbook parts mended in memory before openpyxl reads them (the file is never written).

- A Strict Open XML workbook gets the transitional names openpyxl knows (`strict.py`).
- The sheets the contract reads (Beleid, Wettelijke kaders, Document) are measured and
  slimmed first (`sizes.py`): one beyond the limits is refused before a cell is built,
  and formatted but empty rows cost nothing. Other sheets (Uitleg, a chart, a data dump)
  are never read, so openpyxl gets them empty. A number cell holding INF or NaN becomes
  the text it holds, so that it is an error at its cell, not a sheet that cannot be read.
- Characters XML forbids, written by other programs as raw bytes or as references
  (`&#7;`), become Excel's own escapes (`_x0007_`), so the workbook can be read and the
  reader removes them with a warning at their cell (`chars.py`); Excel's escaped
  underscore (`_x005F_`) is kept from openpyxl, which would lose it.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ..contract import SHEETS, normalize_name
from .chars import escape_illegal_xml, protect_underscores
from .sizes import SheetSize, links_on_values, measure, slim
from .strict import is_strict, to_transitional

_READ = {spec.key for spec in SHEETS}
_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)


@dataclass
class Mended:
    data: bytes
    too_big: dict[str, SheetSize] = field(default_factory=dict)  # sheet name → its size, beyond the limits
    strict: bool = False  # a Strict Open XML workbook, translated


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part that holds it (`xl/worksheets/sheet1.xml`), from the
    workbook and its relationships (whatever their namespaces)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    try:
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    except KeyError:
        return {}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels if _local(rel.tag) == "Relationship"}
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), None)
        target = targets.get(rid, "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name") or ""] = path
    return parts


_P = rb"(?:[A-Za-z_][\w.-]*:)?"
_NOT_A_NUMBER = re.compile(
    rb"<(" + _P + rb"c)\b([^>]*)>\s*<(" + _P + rb"v)>\s*([+-]?(?:inf|infinity|nan))\s*</\3\s*>\s*</\1\s*>",
    re.IGNORECASE,
)
_TYPE = re.compile(rb"""\st\s*=\s*["'][^"']*["']""")


def numbers_as_typed(sheet: bytes) -> bytes:
    """Number cells holding INF or NaN (XML Schema allows them; Excel never writes them,
    and openpyxl cannot read a sheet that has one) as the text they hold, so the reader
    reports them at their cell."""
    if not re.search(rb"(?i)>\s*[+-]?(?:inf|nan)", sheet):
        return sheet

    def as_text(match: re.Match[bytes]) -> bytes:
        attributes = match.group(2)
        kind = _TYPE.search(attributes)
        if kind and kind.group(0).split(b"=")[1].strip(b" \"'") not in (b"n", b""):
            return match.group(0)
        cell, value = match.group(1), match.group(4)
        pre = cell[:-1]  # the cell's namespace prefix (`x:`), or none
        rest = _TYPE.sub(b"", attributes)
        return b'<%s%s t="inlineStr"><%sis><%st>%s</%st></%sis></%s>' % (cell, rest, pre, pre, value, pre, pre, cell)

    return _NOT_A_NUMBER.sub(as_text, sheet)


def _is_text_part(name: str) -> bool:
    return name.endswith(".xml") and (name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/"))


def mend(data: bytes) -> Mended:
    """The workbook's bytes with the parts above mended (the same bytes when nothing needs
    it), and the sheets that are read but too big."""
    result = Mended(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        original: dict[str, bytes] = {}
        changed: dict[str, bytes] = {}
        result.strict = is_strict(archive.read("xl/workbook.xml"))
        if result.strict:
            for name in names:
                if name.endswith((".xml", ".rels")):
                    original[name] = archive.read(name)
                    changed[name] = to_transitional(original[name])
        for sheet, part in sheet_parts(archive).items():
            if part not in names:
                continue
            if normalize_name(sheet) not in _READ:
                changed[part] = _EMPTY_SHEET
                continue
            if part not in original:
                original[part] = archive.read(part)
            slimmed = slim(changed.get(part, original[part]))
            size = measure(slimmed)
            if size.too_big:
                result.too_big[sheet] = size
            changed[part] = numbers_as_typed(links_on_values(slimmed))
        if result.too_big:
            return result
        for name in sorted(names):
            if _is_text_part(name) and changed.get(name) is not _EMPTY_SHEET:
                if name not in original:
                    original[name] = archive.read(name)
                changed[name] = protect_underscores(escape_illegal_xml(changed.get(name, original[name])))
        if all(changed[name] == original.get(name) for name in changed):
            return result
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in archive.infolist():
                target.writestr(info, changed[info.filename] if info.filename in changed else archive.read(info))
        result.data = out.getvalue()
    return result
