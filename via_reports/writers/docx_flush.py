"""Finished parts of the Word document put aside as compressed XML, so that a long
document is not held as one tree of XML elements while it is made.

python-docx keeps the whole document as an lxml tree until it is saved: about eight
times the size of its XML, some 250 MB at 4,000 policies. A table's rows are final
once written, so every few rows `Flushed.put_aside` serialises them (the bytes lxml
would write for them in the document) and compresses them, leaving one processing
instruction (`<?via-rows n?>`) in their place; `Flushed.document_xml` then gives the
saved document part with each instruction replaced by its rows again, piece by
piece. The file is byte for byte the one made without putting anything aside.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from lxml import etree

_MARK = "via-rows"
_MARKS = re.compile(rb"<\?" + _MARK.encode() + rb" (\d+)\?>")
_DECLARATION = re.compile(rb' xmlns:([\w.-]+)="([^"]*)"')


class Flushed:
    """The rows put aside from one document (see the module docstring)."""

    def __init__(self, root: etree._Element):
        self.declared = {(prefix or "").encode(): uri.encode() for prefix, uri in root.nsmap.items()}
        self.pieces: list[bytes] = []

    def put_aside(self, elements: list[etree._Element]) -> None:
        """Replace `elements` (siblings, in order) by one mark, keeping their XML."""
        if not elements:
            return
        xml = b"".join(self._serialised(e) for e in elements)
        mark = etree.ProcessingInstruction(_MARK, str(len(self.pieces)))
        self.pieces.append(zlib.compress(xml, 1))
        elements[0].addprevious(mark)
        for element in elements:
            element.getparent().remove(element)

    def _serialised(self, element: etree._Element) -> bytes:
        """The element's XML as it reads inside the document: without the namespace
        declarations lxml adds to a fragment that the document's root already makes."""
        xml = etree.tostring(element, encoding="UTF-8")
        end = xml.index(b">")
        start = _DECLARATION.sub(
            lambda m: b"" if self.declared.get(m.group(1)) == m.group(2) else m.group(0), xml[:end]
        )
        return start + xml[end:]

    def document_xml(self, saved: bytes) -> Iterator[bytes]:
        """`saved` (the document part as python-docx wrote it) with every mark replaced
        by what it stands for, in pieces."""
        at = 0
        for match in _MARKS.finditer(saved):
            yield saved[at : match.start()]
            yield zlib.decompress(self.pieces[int(match.group(1))])
            at = match.end()
        yield saved[at:]
