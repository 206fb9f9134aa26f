"""Writing and saving the finished PDF so that every stream's /Length is unambiguous.

A stream's data is followed by an end-of-line and `endstream`; qpdf (like WeasyPrint's
pydyf) writes a single LF there. When Flate-compressed data happens to end with the
byte CR (about one stream in 256: the last byte is part of a checksum), a reader sees
CR LF as the end-of-line and counts one byte fewer than /Length, and a PDF/A validator
rightly reports the stream (ISO 19005-2, 6.1.7.1). Such a stream is given a
RunLength encoding on top of its own, whose data ends with the byte 128; the content
is unchanged (qpdf leaves RunLength alone when saving, unlike ASCIIHex). Streams we
write ourselves are compressed here, not by qpdf at saving time, so that every
stream's final bytes are known before the file is written.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Name

_ENDINGS = (b"\r\nendstream", b"\rendstream")


def write_compressed(stream: pikepdf.Stream, data: bytes) -> None:
    """Replace a stream's content with `data`, Flate-compressed."""
    stream.write(zlib.compress(data, 6), filter=Name.FlateDecode)


def compressed_content(data: bytes) -> bytes:
    """A content stream's `data` Flate-compressed so that it does not end with CR,
    for a stream written as bytes (pdf_writer.py): should it, a space (nothing, in a
    content stream) goes after the drawing, as often as it takes."""
    while (packed := zlib.compress(data, 6)).endswith(b"\r"):
        data += b" "
    return packed


def _run_length(data: bytes) -> bytes:
    """RunLength encoding made of literal runs only (1 byte in 128 more), ending with
    its end-of-data byte 128."""
    out = bytearray()
    for at in range(0, len(data), 128):
        chunk = data[at : at + 128]
        out.append(len(chunk) - 1)
        out += chunk
    out.append(128)
    return bytes(out)


def _run_length_wrapped(stream: pikepdf.Stream) -> None:
    raw = stream.read_raw_bytes()
    filters, parms = stream.get("/Filter"), stream.get("/DecodeParms")
    chain = list(filters) if isinstance(filters, Array) else ([filters] if filters is not None else [])
    if parms is not None:
        parms = Array([None, *(parms if isinstance(parms, Array) else [parms])])
    stream.write(_run_length(raw), filter=Array([Name.RunLengthDecode, *chain]), type_check=False)
    if parms is not None:
        stream.DecodeParms = parms


def unambiguous_ends(pdf: pikepdf.Pdf) -> int:
    """Compress every stream still uncompressed (the XMP aside: PDF/A wants it
    readable), then give every stream whose data ends with CR an encoding that does
    not; how many needed that."""
    count = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        if "/Filter" not in obj and obj.get("/Type") != "/Metadata":
            write_compressed(obj, obj.read_raw_bytes())
        if obj.read_raw_bytes().endswith(b"\r"):
            _run_length_wrapped(obj)
            count += 1
    return count


def _ambiguous(path: Path, block: int = 1 << 20) -> bool:
    """Whether a stream in the file at `path` ends with CR, read a block at a time
    (a large document is not held in memory a second time)."""
    overlap = max(len(e) for e in _ENDINGS) - 1
    tail = b""
    with path.open("rb") as file:
        while data := file.read(block):
            window = tail + data
            if any(ending in window for ending in _ENDINGS):
                return True
            tail = window[-overlap:]
    return False


def save(pdf: pikepdf.Pdf, path: Path) -> None:
    """Save with every stream's data as it stands (qpdf re-encodes none of them).
    qpdf compresses only what it makes while saving (object streams, the cross-reference
    stream); should one of those end with CR, the file is saved again without them."""
    unambiguous_ends(pdf)
    options = dict(deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    pdf.save(path, **options)
    if _ambiguous(path):
        pdf.save(path, **(options | {"object_stream_mode": pikepdf.ObjectStreamMode.disable}))
