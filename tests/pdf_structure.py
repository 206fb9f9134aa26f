"""Reading back the structure of a PDF (pypdf, pdfplumber) for assertions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Pdf:
    path: Path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(str(self.path))

    @property
    def root(self):
        return self.reader.trailer["/Root"]

    def outline(self) -> list[tuple[int, str]]:
        """(depth, title) for every bookmark, in order."""
        out: list[tuple[int, str]] = []

        def walk(items, depth):
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    out.append((depth, item.title))

        walk(self.reader.outline, 0)
        return out

    def annotations(self) -> list[DictionaryObject]:
        out = []
        for page in self.reader.pages:
            for annot in page.get("/Annots") or []:
                out.append(annot.get_object())
        return out

    def uri_links(self) -> list[str]:
        return [a["/A"]["/URI"] for a in self.annotations() if "/A" in a and a["/A"].get("/S") == "/URI"]

    def internal_links(self) -> int:
        return sum(1 for a in self.annotations() if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo"))

    def named_destinations(self) -> set[str]:
        return set(self.reader.named_destinations)

    def structure_types(self) -> list[str]:
        """The /S of every element in the structure tree, depth first."""
        out: list[str] = []

        def walk(node):
            if isinstance(node, IndirectObject):
                node = node.get_object()
            if isinstance(node, list):
                for child in node:
                    walk(child)
            elif isinstance(node, DictionaryObject):
                if "/S" in node:
                    out.append(str(node["/S"]))
                if "/K" in node:
                    walk(node["/K"])

        walk(self.root["/StructTreeRoot"])
        return out

    @cached_property
    def text(self) -> str:
        with pdfplumber.open(self.path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    @cached_property
    def policy_tables(self) -> list[list[list[str]]]:
        """The policy tables as found on each page: rows of squashed cell texts, the
        (repeated) header row first."""
        tables = []
        with pdfplumber.open(self.path) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    rows = [[_squash(cell) for cell in row] for row in table]
                    if rows and rows[0][:1] == ["Nr."]:
                        tables.append(rows)
        return tables

    @property
    def policy_rows(self) -> list[list[str]]:
        return [row for table in self.policy_tables for row in table[1:]]

    def raw(self) -> bytes:
        return self.path.read_bytes()
