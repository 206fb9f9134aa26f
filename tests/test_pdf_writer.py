"""The object-by-object PDF writer of the merge (writers/pdf_writer.py): pages of several
documents into one file that qpdf reads without a warning, references renumbered,
strings (even one that reads like a reference) left as they were, and the same
bytes, with an /ID made from them, every time."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from via_reports.writers.pdf_writer import FileWriter, Source, array, dictionary, ref

TRICKY = "see 3 0 R (and 12 0 R) \\ here"


def _document(path: Path, label: str, pages: int) -> Path:
    pdf = pikepdf.new()
    for n in range(pages):
        pdf.add_blank_page(page_size=(200, 300))
        page = pdf.pages[-1]
        shared = pdf.make_indirect(Dictionary(Label=String(f"{label} {n}"), Note=String(TRICKY)))
        page.obj.Via = Dictionary(Info=shared, Again=Array([shared, 3, Name.X]))
        page.contents_add(pdf.make_stream(f"BT /F1 12 Tf 10 10 Td ({label} {n}) Tj ET".encode()))
    pdf.save(path)
    return path


def _write(sources: list[Path], target: Path) -> None:
    out = FileWriter(target)
    catalog, pages = out.reserve(), out.reserve()
    numbers = []
    for path in sources:
        with pikepdf.open(path) as pdf:
            source = Source(pdf, out)
            source.stand_in(pdf.Root.Pages, pages)
            numbers += [source.number(page.obj) for page in pdf.pages]
            source.drain()
    out.write(
        pages, dictionary({"Type": b"/Pages", "Kids": array(ref(n) for n in numbers), "Count": b"%d" % len(numbers)})
    )
    out.write(catalog, dictionary({"Type": b"/Catalog", "Pages": ref(pages)}))
    info = out.reserve()
    out.write(info, dictionary({"Producer": b"(test)"}))
    out.close(catalog, info)


def test_pages_of_several_documents_in_one_file_qpdf_reads_cleanly(tmp_path: Path) -> None:
    parts = [_document(tmp_path / f"{k}.pdf", f"deel{k}", pages) for k, pages in enumerate([2, 3, 1])]
    _write(parts, tmp_path / "one.pdf")
    with pikepdf.open(tmp_path / "one.pdf", attempt_recovery=False) as pdf:  # a wrong offset would fail here
        assert pdf.check_pdf_syntax() == []
        assert pdf.get_warnings() == []
        assert len(pdf.pages) == 6
        labels = [str(page.obj.Via.Info.Label) for page in pdf.pages]
        assert labels == ["deel0 0", "deel0 1", "deel1 0", "deel1 1", "deel1 2", "deel2 0"]
        for page in pdf.pages:
            assert str(page.obj.Via.Info.Note) == TRICKY  # a string that reads like a reference is not renumbered
            assert page.obj.Via.Again[0].objgen == page.obj.Via.Info.objgen  # one object, referred to twice
            assert page.obj.Parent.objgen == pdf.Root.Pages.objgen
        assert b"deel1 2" in pdf.pages[4].obj.Contents[-1].read_bytes()


def test_the_same_input_gives_the_same_bytes_and_an_id_made_from_them(tmp_path: Path) -> None:
    parts = [_document(tmp_path / f"{k}.pdf", f"deel{k}", 2) for k in range(2)]
    _write(parts, tmp_path / "a.pdf")
    _write(parts, tmp_path / "b.pdf")
    data = (tmp_path / "a.pdf").read_bytes()
    assert data == (tmp_path / "b.pdf").read_bytes()
    body = data[: data.rindex(b"\nxref\n") + 1]
    identifier = re.search(rb"/ID \[<([0-9a-f]{32})><([0-9a-f]{32})>\]", data)
    assert identifier and identifier.group(1) == identifier.group(2) == hashlib.md5(body).hexdigest().encode()
    assert data.startswith(b"%PDF-1.7\n%") and max(data[10:14]) > 127  # the binary comment PDF/A asks for
    assert data.endswith(b"%%EOF\n")
