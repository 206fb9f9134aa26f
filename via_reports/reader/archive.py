"""Checking a workbook file before anything parses it.

An .xlsx is a zip archive of XML parts. Before openpyxl reads it, this module
refuses, quickly and with a sentence a person understands, anything that is not a
plain workbook: text files, old .xls and password-protected files (both OLE2),
.ods, broken or foreign zips, archives that would inflate beyond the limits below
(decompression bombs) and XML parts with a DOCTYPE (entity bombs, external entities).
A workbook with macros (.xlsm) is read without ever running them, with a warning.

Limits (documented in the README):
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning

MAX_FILE_MB = 100  # the .xlsx file itself
MAX_UNPACKED_MB = 300  # all its parts together, unpacked
MAX_PART_MB = 200  # one part (a sheet), unpacked
MAX_RATIO = 150  # how much one part may grow when unpacked (bigger than 1 MB only)
MAX_PARTS = 10_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and encrypted/password-protected .xlsx
_MB = 1024 * 1024

__doc__ += f"""
- the file at most {MAX_FILE_MB} MB; unpacked at most {MAX_UNPACKED_MB} MB in all and {MAX_PART_MB} MB a part;
- no part that unpacks to more than {MAX_RATIO} times its packed size (above 1 MB);
- at most {MAX_PARTS} parts; no DOCTYPE in any XML part.
"""


def check_archive(path: Path, head: bytes) -> tuple[Diagnostic | None, list[Diagnostic]]:
    """(the reason to refuse the file, or None; warnings)."""
    name = path.name
    if not head:
        return error("file_empty", name), []
    if head.startswith(_OLE2):
        return error("file_xls", name), []
    if not head.startswith(b"PK"):
        try:
            head.decode("utf-8")
            return error("file_text", name), []
        except UnicodeDecodeError:
            return error("file_not_xlsx", name, detail="onbekend bestandstype"), []
    if path.stat().st_size > MAX_FILE_MB * _MB:
        return error("file_too_big", name, size=path.stat().st_size // _MB, limit=MAX_FILE_MB), []
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_parts(name, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        return error("file_not_xlsx", name, detail=f"beschadigd zip-bestand: {exc}"[:160]), []


def _check_parts(name: str, archive: zipfile.ZipFile) -> tuple[Diagnostic | None, list[Diagnostic]]:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
        return error("file_ods", name), []
    if "xl/workbook.xml" not in names:
        return error("file_not_xlsx", name, detail="zip-bestand zonder werkmap"), []
    if len(infos) > MAX_PARTS:
        return error("file_bomb", name, detail=f"{len(infos)} onderdelen"), []
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            return error("file_xls", name), []  # an encrypted entry
        total += info.file_size
        if info.file_size > MAX_PART_MB * _MB or total > MAX_UNPACKED_MB * _MB:
            return error("file_bomb", name, detail=f"{info.filename}: {info.file_size // _MB} MB uitgepakt"), []
        if info.file_size > _MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return error("file_bomb", name, detail=f"{info.filename} groeit {ratio} keer"), []
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and _has_doctype(archive, info):
            return error("file_doctype", name, part=info.filename), []
    warnings = []
    if "xl/vbaProject.bin" in names:
        warnings.append(warning("file_macros", name))
    return None, warnings


def _has_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (all before its first element) declares a DOCTYPE or
    entities; a prolog longer than 64 KB counts as one."""
    with archive.open(info) as part:
        prolog = part.read(64 * 1024)
    position = 0
    while (position := prolog.find(b"<", position)) >= 0:
        following = prolog[position + 1 : position + 2]
        if following not in (b"?", b"!"):
            return b"<!DOCTYPE" in prolog[:position].upper() or b"<!ENTITY" in prolog[:position].upper()
        if prolog[position : position + 4] == b"<!--":
            end = prolog.find(b"-->", position)
            position = end if end >= 0 else len(prolog)
        elif prolog[position + 1 : position + 9].upper() in (b"!DOCTYPE", b"!ENTITY "):
            return True
        position += 1
    return len(prolog) >= 64 * 1024
