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


@dataclass
class Element:
    """A structure element as read back: its type, attributes, kids and content."""

    type: str
    obj: object  # the pikepdf dictionary
    kids: list[Element]
    content: list[tuple[int, int]]  # (page index, MCID), in order, own content only
    annotations: list[object]  # annotations referenced by OBJR kids

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, kind: str) -> list[Element]:
        return [e for e in self.walk() if e.type == kind]

    def children(self, kind: str) -> list[Element]:
        return [k for k in self.kids if k.type == kind]

    def get(self, key: str):
        value = self.obj.get(key)
        return None if value is None else str(value)


class StructureTree:
    """The structure tree of a PDF (pikepdf), with the text of each marked-content
    sequence as pdfplumber extracts it, to compare with what the reader sees."""

    def __init__(self, path: Path):
        import pikepdf

        self.pdf = pikepdf.open(path)
        self._pages = {page.objgen: n for n, page in enumerate(self.pdf.pages)}
        self.marked: dict[tuple[int, int], str] = {}
        with pdfplumber.open(path) as doc:
            for n, page in enumerate(doc.pages):
                for char in page.chars:
                    if char.get("mcid") is not None:
                        key = (n, char["mcid"])
                        self.marked[key] = self.marked.get(key, "") + char["text"]
        self.root = self._read(self.pdf.Root.StructTreeRoot.K[0], None)

    def _read(self, node, page) -> Element:
        import pikepdf

        page = node.get("/Pg", page)
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        out = Element(str(node.S), node, [], [], [])
        for kid in kids:
            if isinstance(kid, int):
                out.content.append((self._pages[page.objgen], kid))
            elif kid.get("/Type") == "/MCR":
                out.content.append((self._pages[kid.get("/Pg", page).objgen], int(kid.MCID)))
            elif kid.get("/Type") == "/OBJR":
                out.annotations.append(kid.Obj)
            else:
                out.kids.append(self._read(kid, page))
        return out

    INLINE = frozenset({"/Span", "/Link", "/NonStruct", "/Quote", "/Code"})

    def text(self, element: Element) -> str:
        """What a reader hears: ActualText where given, else the content, in order
        (block elements apart, inline ones run together as the text runs)."""
        if element.obj.get("/ActualText") is not None:
            return str(element.obj.ActualText)
        parts = [self.marked.get(key, "") for key in element.content]
        for kid in element.kids:
            parts.append(self.text(kid) if kid.type in self.INLINE else f" {self.text(kid)} ")
        return "".join(parts)

    def id_tree_problems(self) -> list[str]:
        """What is wrong with the IDTree: an element with an /ID that it lacks, an ID it
        names that no element in the tree has (or another element), a table cell's
        /Headers naming an ID it lacks."""
        import pikepdf

        ids = self.ids()
        with_id = {e.get("/ID"): e for e in self.root.walk() if e.get("/ID")}
        problems = [] if with_id else ["geen enkel element met een /ID"]
        problems += [f"{key} ontbreekt" for key in with_id.keys() - ids.keys()]
        problems += [f"{key} hoort bij geen element" for key in ids.keys() - with_id.keys()]
        problems += [
            f"{k} wijst naar een ander element"
            for k in ids.keys() & with_id.keys()
            if ids[k].objgen != with_id[k].obj.objgen
        ]
        for cell in self.root.find("/TD"):
            attributes = cell.obj.get("/A")
            for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                for header in attribute.get("/Headers", []) if attribute is not None else []:
                    if str(header) not in ids:
                        problems.append(f"kop {header} ontbreekt")
        return problems

    def ids(self) -> dict[str, object]:
        """The IDTree: ID → element (the name tree flattened)."""
        tree = self.pdf.Root.StructTreeRoot.get("/IDTree")
        out: dict[str, object] = {}
        stack = [tree] if tree is not None else []
        while stack:
            node = stack.pop()
            names = node.get("/Names")
            if names is not None:
                out.update({str(names[i]): names[i + 1] for i in range(0, len(names), 2)})
            stack.extend(node.get("/Kids") or [])
        return out
