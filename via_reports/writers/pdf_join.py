"""One structure tree from the parts' trees, while the parts are written one at a time
(pdf_merge.py).

Each part is joined on its own in its worker (pdf_tree.join_fragments); what runs on
from one part into the next (the `main` element, a section, a table, its header and
body groups: the elements with a shared identity, pdf_tree.SHARED_PREFIX) is joined
here, as pdf_tree joins the pieces of one element across pages:

- the shared elements are held (`Shared`: their entries already in the file's
  numbering, their kids as references) until the last part is written, since a later
  part may add to them; the rest of a part is written with the part;
- a later part's piece of a held element gives its kids to it (marked content from
  its pages as marked-content references; the parent tree follows) and is dropped;
- a table's header group repeated at the top of a later part becomes page furniture
  (/Artifact /Pagination), and that part's data cells name the header cells that
  remain.

What is held grows with the number of shared elements (a few for each part), not
with the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pikepdf import Dictionary

from .pdf_tree import (
    IDENTITY,
    REPEATED,
    ParentTree,
    cells,
    elements_under,
    identity_of,
    is_element,
    kids,
    mark_artifacts,
    rename_headers,
    repeated_group,
)
from .pdf_writer import FileWriter, Source, array, dictionary, ref


@dataclass(eq=False)
class Shared:
    """A structure element held until the end: its number in the file, its entries
    (but /K and /P) and its kids serialised, its kids of a shared identity by identity."""

    number: int
    entries: dict[str, bytes]
    element_id: str | None = None  # its /ID
    via: str | None = None  # its identity stamp (pdf_tree.IDENTITY)
    kids: list[bytes | Shared] = field(default_factory=list)
    index: dict[str, Shared] = field(default_factory=dict)
    has_kids: bool = True

    def body(self, parent: int) -> bytes:
        entries = dict(self.entries, P=ref(parent))
        if self.has_kids or self.kids:
            entries["K"] = array(k if isinstance(k, bytes) else ref(k.number) for k in self.kids)
        return dictionary(entries)

    def held(self) -> list[tuple[Shared, Shared]]:
        """(element, its parent) of every held element under this one."""
        out, stack = [], [self]
        while stack:
            node = stack.pop()
            for kid in node.kids:
                if isinstance(kid, Shared):
                    out.append((kid, node))
                    stack.append(kid)
        return out


class TreeJoin:
    """The document's structure tree, part by part (see the module docstring)."""

    def __init__(self) -> None:
        self.document: Shared | None = None  # held from the first part on

    def add(self, source: Source, document: Dictionary) -> set[tuple[int, int]]:
        """Join the structure of the open part `source` (its /Document element) into
        the tree; the part's parent tree follows. Returns its elements that left the
        tree (pieces of held elements, repeated header groups)."""
        self.dropped: set[tuple[int, int]] = set()
        self.artifacts: dict[tuple[int, int], set[int]] = {}
        self.renamed: dict[str, str] = {}
        self.tree = ParentTree(source.pdf)
        if self.document is None:
            self.document = self._held(source, document)
        else:
            source.stand_in(document, self.document.number)
            self._absorb(source, self.document, document)
            self.dropped.add(document.objgen)
        pages = {p.obj.objgen: p for p in source.pdf.pages}
        for objgen, mcids in self.artifacts.items():
            mark_artifacts(pages[objgen], mcids)
        if self.renamed:  # only this part's cells named the header cells it dropped
            for cell in cells(document):
                rename_headers(cell, self.renamed)
        return self.dropped

    @property
    def held_document(self) -> Shared:
        """The /Document element (once the first part was added)."""
        assert self.document is not None, "no part was added"
        return self.document

    def _held(self, source: Source, element: Dictionary) -> Shared:
        """`element` (of the open part) as a held element, with its shared kids."""
        shared = Shared(number=source.out.reserve(), entries={})
        source.stand_in(element, shared.number)
        shared.element_id = str(element.ID) if "/ID" in element else None
        shared.via = str(element[IDENTITY]) if IDENTITY in element else None
        shared.has_kids = "/K" in element
        for kid in kids(element):
            shared.kids.append(self._kid(source, shared, kid))
        shared.entries = {
            key[1:]: source.serialise(element[key]) for key in element if key not in ("/K", "/P", IDENTITY)
        }
        return shared

    def _kid(self, source: Source, into: Shared, kid, page=None) -> bytes | Shared:
        """A kid of a held element, serialised. `page`: it comes from a piece of `into`
        on that page in a later part, so its marked content is referred to with its
        page. (What refers to the piece itself, the kids' /P, the parent tree, refers
        to `into`: the piece stands for it, `Source.stand_in`.)"""
        if is_element(kid) and identity_of(kid) is not None:
            held = self._held(source, kid)
            into.index[identity_of(kid)] = held
            return held
        if page is not None and isinstance(kid, int):
            return dictionary({"Type": b"/MCR", "Pg": source.serialise(page), "MCID": b"%d" % kid})
        marked = isinstance(kid, Dictionary) and kid.get("/Type") in ("/MCR", "/OBJR")
        if page is not None and marked and "/Pg" not in kid:
            kid.Pg = page
        return source.serialise(kid)

    def _absorb(self, source: Source, into: Shared, other: Dictionary) -> None:
        """`other`'s kids join the held element `into`: a continued element joins its first part."""
        page = other.get("/Pg")
        for kid in kids(other):
            identity = identity_of(kid)
            kept = into.index.get(identity) if identity is not None else None
            if kept is None:
                into.kids.append(self._kid(source, into, kid, page))
                continue
            source.stand_in(kid, kept.number)
            if kid.S in REPEATED:
                self._to_artifact(kid, kept)
                self.dropped.update(e.objgen for e in elements_under(kid))
            else:
                self._absorb(source, kept, kid)
                self.dropped.add(kid.objgen)

    def _to_artifact(self, group: Dictionary, kept: Shared) -> None:
        """A header (footer) group repeated at the top of a later part is page furniture."""
        kept_ids = {cell.via: cell.element_id for cell, _ in kept.held() if cell.element_id and cell.via}
        repeated_group(group, kept_ids, self.tree, self.artifacts, self.renamed)

    def write(self, out: FileWriter, root: int, first: list[bytes]) -> int:
        """Write every held element (`first`: kids put before the document's own, the
        navigation); returns the /Document's number."""
        document = self.held_document
        document.kids[:0] = first
        out.write(document.number, document.body(root))
        for element, parent in document.held():
            out.write(element.number, element.body(parent.number))
        return document.number
