"""Strict Open XML workbooks (Excel's "Strict Open XML-werkmap", ISO/IEC 29500 Strict).

They hold the same parts as an ordinary ("transitional") workbook, under other
namespaces: `http://purl.oclc.org/ooxml/spreadsheetml/main` for
`http://schemas.openxmlformats.org/spreadsheetml/2006/main`, and so on for the
relationships, DrawingML and the document properties. openpyxl knows only the
transitional names and would find no sheet at all, so the names are translated in
memory before it reads the parts; dates stored as ISO text (`t="d"`), which Strict
uses, openpyxl reads as dates already.
"""

from __future__ import annotations

import io
import re
import zipfile

STRICT_MAIN = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_STRICT = re.compile(rb"http://purl\.oclc\.org/ooxml/([A-Za-z]+)/([A-Za-z]+)((?:/[A-Za-z]+)?)")
# the only names that are spelt differently, not just moved under /2006/
_RENAMED = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}
_CONFORMANCE = re.compile(rb"""\sconformance\s*=\s*["']strict["']""")


def is_strict(workbook_xml: bytes) -> bool:
    return STRICT_MAIN in workbook_xml


def is_strict_file(data: bytes) -> bool:
    """Whether the bytes of an .xlsx are a Strict Open XML workbook (False when unreadable)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("xl/workbook.xml") as part:
            return is_strict(part.read(64 * 1024))
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def to_transitional(part: bytes) -> bytes:
    """A part with every Strict namespace (and relationship type) as its transitional name."""
    if b"purl.oclc.org/ooxml/" not in part and b"conformance" not in part:
        return part

    def name(match: re.Match[bytes]) -> bytes:
        area, kind, rest = match.groups()
        kind = _RENAMED.get(kind, kind)
        rest = b"/" + _RENAMED.get(rest[1:], rest[1:]) if rest else b""
        return b"http://schemas.openxmlformats.org/" + area + b"/2006/" + kind + rest

    return _CONFORMANCE.sub(b"", _STRICT.sub(name, part))
