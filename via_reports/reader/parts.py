"""Workbook parts mended in memory before openpyxl reads them (the file is never written).

- Characters XML forbids, written by other programs as raw bytes or as references
  (`&#7;`), become Excel's own escapes (`_x0007_`), so the workbook can be read and the
  reader removes them with a warning at their cell (`chars.py`); Excel's escaped
  underscore (`_x005F_`) is kept from openpyxl, which would lose it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from .chars import escape_illegal_xml, protect_underscores

_TEXT_PARTS = ("xl/sharedStrings.xml", "xl/worksheets/")


def _is_text_part(name: str) -> bool:
    return name.endswith(".xml") and name.startswith(_TEXT_PARTS)


def mend(data: bytes) -> bytes:
    """The workbook's bytes with the parts above mended; the same bytes when nothing needs it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        fixes: dict[str, Callable[[bytes], bytes]] = {}
        for info in archive.infolist():
            if _is_text_part(info.filename):
                fixes[info.filename] = lambda part: protect_underscores(escape_illegal_xml(part))
        changed: dict[str, bytes] = {}
        for name, fix in fixes.items():
            part = archive.read(name)
            mended = fix(part)
            if mended != part:
                changed[name] = mended
        if not changed:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in archive.infolist():
                target.writestr(info, changed.get(info.filename) or archive.read(info.filename))
        return out.getvalue()
