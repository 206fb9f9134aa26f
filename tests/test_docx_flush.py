"""The Word writer puts a table's finished rows aside as compressed XML while it
writes (writers/docx_flush.py), so a long document is not held whole as a tree of
XML elements: the file it makes is byte for byte the one made without that, with
links, bookmarks and QR pictures (other XML namespaces) in the rows put aside."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.synthetic import make_workbook
from tests.models import BUILD
from via_reports.profiles import choose_profile
from via_reports.reader.workbook import read_workbook
from via_reports.writers import docx as docx_writer
from via_reports.writers.common import Rendering
from via_reports.writers.docx_flush import Flushed


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("flush") / "negentig.xlsx", 90)  # 30 rows a level
    return read_workbook(path).document


@pytest.mark.parametrize(("profile", "qr"), [("rapport", False), ("handout", True)])
def test_rows_put_aside_give_the_same_file(document, tmp_path: Path, monkeypatch, profile: str, qr: bool) -> None:
    rendering = Rendering(document, BUILD, profile=choose_profile(profile, qr=qr), qr=qr)
    aside: list[int] = []
    put_aside = Flushed.put_aside

    def counted(self, elements):
        aside.append(len(elements))
        put_aside(self, elements)

    monkeypatch.setattr(Flushed, "put_aside", counted)
    docx_writer.write_docx(rendering, tmp_path / "aside.docx")
    assert sum(aside) == len(document.policies) and max(aside) == docx_writer.ROWS_HELD

    monkeypatch.setattr(Flushed, "put_aside", lambda self, elements: None)
    docx_writer.write_docx(rendering, tmp_path / "whole.docx")
    assert (tmp_path / "aside.docx").read_bytes() == (tmp_path / "whole.docx").read_bytes()

    with zipfile.ZipFile(tmp_path / "aside.docx") as archive:
        xml = archive.read("word/document.xml")
    assert b"<?via-rows" not in xml
    body = etree.fromstring(xml)
    rows = body.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    assert len(rows) == len(document.policies) + 3  # and a header row a level
    pictures = body.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    ids = [p.get("id") for p in pictures]
    assert len(set(ids)) == len(ids)  # unique in the document, the rows put aside included
    if qr:
        assert len(pictures) >= len(document.policies)  # every source has a QR picture
