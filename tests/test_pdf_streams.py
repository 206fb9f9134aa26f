"""Every stream's /Length is unambiguous in the saved PDF: a compressed stream whose
data ends with the byte CR (one in 256 does) would look one byte short to a reader
that takes CR LF before `endstream` as the end of line."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.validators import validation_failures
from via_reports.build import build
from via_reports.writers.pdf_streams import save


def _content_ending_with_cr(base: bytes) -> bytes:
    """`base` with a comment added so that its Flate compression ends with CR."""
    for n in range(512):  # each "a" adds 97 to the checksum whose last byte ends the data
        data = base + b"\n%" + b"a" * n + b"\n"
        if zlib.compress(data).endswith(b"\r"):
            return data
    raise AssertionError("no such content found")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    workbook = write_xlsx(tmp_path / "w.xlsx", {"Beleid": [BELEID_HEADER, policy("Lokaal", 1, "Aanpak")]})
    (path,) = build(workbook, tmp_path / "uit", ["pdf"]).outputs
    return path


def test_a_stream_whose_data_ends_with_cr_is_saved_unambiguously(built: Path, tmp_path: Path) -> None:
    with pikepdf.open(built) as pdf:
        contents = pdf.pages[0].obj.Contents
        stream = contents[0] if isinstance(contents, pikepdf.Array) else contents
        data = _content_ending_with_cr(stream.read_bytes())
        stream.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
        assert stream.read_raw_bytes().endswith(b"\r")
        target = tmp_path / "opnieuw.pdf"
        save(pdf, target)
    assert b"\r\nendstream" not in target.read_bytes()
    with pikepdf.open(target) as pdf:
        contents = pdf.pages[0].obj.Contents
        stream = contents[0] if isinstance(contents, pikepdf.Array) else contents
        assert stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.all) == data
    assert validation_failures(target) == {}


@pytest.mark.parametrize("at", range(0, 14))
def test_an_ambiguous_end_is_found_across_the_blocks_the_file_is_read_in(tmp_path: Path, at: int) -> None:
    from via_reports.writers.pdf_streams import _ambiguous

    path = tmp_path / "f.pdf"
    path.write_bytes(b"x" * (64 - at) + b"data\r\nendstream\n" + b"y" * 100)
    assert _ambiguous(path, block=64)
    path.write_bytes(b"x" * (64 - at) + b"data\nendstream\r" + b"y" * 100)
    assert not _ambiguous(path, block=64)


def _marked_stream(page: pikepdf.Page) -> pikepdf.Stream:
    """The page's content stream with marked content (the page's own, not a stamp)."""
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return next(s for s in streams if b"/MCID" in s.read_bytes(pikepdf.StreamDecodeLevel.specialized))


def test_marked_content_is_found_in_a_stream_saved_with_its_runlength_wrapper(built: Path, tmp_path: Path) -> None:
    """A chunk is saved with the RunLength wrapper where its stream ends with CR; the
    merge, which makes a repeated header row of the next chunk an artifact, reads such
    a stream too (it failed on one page in 256 with qpdf's default decoding)."""
    from via_reports.writers.pdf_tree import mark_artifacts

    with pikepdf.open(built) as pdf:
        stream = _marked_stream(pdf.pages[0])
        data = _content_ending_with_cr(stream.read_bytes())
        stream.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
        save(pdf, tmp_path / "gewikkeld.pdf")
    marked = sorted({int(m) for m in re.findall(rb"/MCID\s+(\d+)", data)})
    with pikepdf.open(tmp_path / "gewikkeld.pdf") as pdf:
        stream = _marked_stream(pdf.pages[0])
        assert stream.Filter[0] == "/RunLengthDecode"
        mark_artifacts(pdf.pages[0], {marked[0]})
        after = stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    artifact = b"/Artifact <</Type /Pagination>> BDC"
    assert after.count(artifact) == data.count(artifact) + 1
    assert re.search(rb"/MCID\s+%d\s*>>" % marked[0], after) is None


def test_a_content_stream_written_as_bytes_never_ends_with_cr() -> None:
    """The page footers are written by the merge as bytes (pdf_merge.py): their
    compressed data must not end with CR either, and still draws the same."""
    import zlib

    from via_reports.writers.pdf_streams import compressed_content

    ending_cr = [n for n in range(5000) if zlib.compress(b"BT (pagina %d) Tj ET\n" % n, 6).endswith(b"\r")]
    assert ending_cr, "no drawing whose compressed data ends with CR: the test would prove nothing"
    for n in ending_cr:
        drawing = b"BT (pagina %d) Tj ET\n" % n
        packed = compressed_content(drawing)
        assert not packed.endswith(b"\r")
        assert zlib.decompress(packed).rstrip(b" ") == drawing
