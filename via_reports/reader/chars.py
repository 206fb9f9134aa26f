"""Characters a document cannot hold, and Excel's escapes for them.

XML 1.0 (and so .docx, the PDF's tagged text and the HTML) cannot hold the control
characters U+0000–U+001F other than tab, line feed and carriage return, nor U+FFFE,
U+FFFF or a lone surrogate. Excel stores such characters in a cell as an escape
(`_x0007_`, with `_x005F_` for a typed underscore before `x`), which openpyxl leaves
as typed; other programs write character references (`&#7;`) or the raw bytes, which
no XML parser accepts. This module decodes Excel's escapes as Excel shows them, turns
the references and raw bytes in a workbook part into escapes (so the file can be read
at all), and removes what cannot be shown, saying which characters went.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNDERSCORE_ESCAPE = re.compile(rb"_x005[Ff]_")
# openpyxl drops every `x005F_` from a cell's text, which turns a typed `_x0007_` (saved as
# `_x005F_x0007_`) into an escape; the parts carry Excel's escaped underscore to the decoder
# as this noncharacter instead (never found in real text).
UNDERSCORE = "\ufdd0"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RAW_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CHAR_REF = re.compile(rb"&#(?:x([0-9A-Fa-f]{1,8})|([0-9]{1,10}));")


def decode_escapes(text: str) -> str:
    """Excel's `_xHHHH_` escapes as the characters Excel shows (`_x005F_` is `_`)."""
    if "_x" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace(UNDERSCORE, "_") if UNDERSCORE in text else text


def protect_underscores(data: bytes) -> bytes:
    """A workbook part with Excel's escaped underscore as UNDERSCORE (see above)."""
    return _UNDERSCORE_ESCAPE.sub(UNDERSCORE.encode(), data) if b"_x005" in data else data


def is_illegal(code: int) -> bool:
    return (code < 0x20 and code not in (0x9, 0xA, 0xD)) or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def clean(text: str) -> tuple[str, list[str]]:
    """`text` without the characters a document cannot hold, and those characters
    (each once, as U+0007) in the order found."""
    found = _ILLEGAL.findall(text)
    if not found:
        return text, []
    return _ILLEGAL.sub("", text), list(dict.fromkeys(f"U+{ord(c):04X}" for c in found))


def escape_illegal_xml(data: bytes) -> bytes:
    """A workbook part (UTF-8 XML) with raw control bytes and references to characters
    XML forbids (`&#7;`, `&#xFFFE;`) turned into Excel's escapes, so that the part parses
    and the reader can report the characters at their cell."""

    def reference(match: re.Match[bytes]) -> bytes:
        hex_digits, decimal = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(decimal)
        if code > 0xFFFF or not is_illegal(code):
            return match.group(0)
        return b"_x%04X_" % code

    if b"&#" in data:
        data = _CHAR_REF.sub(reference, data)
    return _RAW_BYTES.sub(lambda m: b"_x%04X_" % m.group(0)[0], data)
