"""One logical structure tree across pages.

WeasyPrint tags every page on its own: an element that runs over a page break (the
`main` element, a section, a table, a row, a list, a paragraph, a link that wraps)
becomes one structure element per page (or per line, for a link), and a table's
header row, repeated on every page, is tagged again on every page. Assistive
technology then announces several tables, rows whose first cells are empty and lists
that restart.

Two steps mend this:

- `identified_elements()` (pdf_tagging.py), around WeasyPrint's writing, stamps
  every structure element with the identity of the HTML element it was made from
  (`/ViaElement`);
- `join_fragments(pdf)` then joins, with pikepdf, what belongs together: sibling
  elements made from the same HTML element become one, the later one's kids joining
  the first one's kids of the same identity (a row's cells pair up) or following
  them in order (marked content from another page as marked-content references);
  a table's header and footer groups repeated on later pages become artifacts
  (/Pagination) in the content streams, and the data cells that named their header
  cells name the header cells that remain. It removes the identity stamps and works
  on any tagged WeasyPrint PDF rendered inside `identified_elements()`: with several
  renderings (chunks) of one document, give the same HTML element the same identity
  in each (pdf_tagging.py, `_identity`): what a chunk shares with the next (an
  identity with SHARED_PREFIX) is joined across chunks while they are merged
  (pdf_join.py).

The parent tree is kept consistent as PDFBox's PDFMergerUtility keeps it: every
marked-content sequence and every annotation maps to the element that now holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

IDENTITY = "/ViaElement"
SHARED_PREFIX = "="  # an identity shared by the chunks of one document: kept for the merge's join
REPEATED = ("/THead", "/TFoot")  # a table's groups that repeat on every page it runs over
_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def kids(element: Dictionary) -> list:
    """An element's kids (its /K, one or an array) as a list."""
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def is_element(node) -> bool:
    return isinstance(node, Dictionary) and "/S" in node and node.get("/Type") not in ("/MCR", "/OBJR")


class ParentTree:
    """The parent tree (made one flat /Nums array, as WeasyPrint writes it): per page
    an array MCID → element, per annotation its element."""

    def __init__(self, pdf: pikepdf.Pdf):
        tree = pdf.Root.StructTreeRoot.ParentTree
        if "/Nums" not in tree:  # a number tree with /Kids (another writer, a merge): flattened
            pairs, stack = [], [tree]
            while stack:
                node = stack.pop()
                nums = node.get("/Nums") or []
                pairs += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
                stack.extend(node.get("/Kids") or [])
            tree.Nums = Array([x for key, value in sorted(pairs, key=lambda p: p[0]) for x in (key, value)])
            for key in ("/Kids", "/Limits"):
                if key in tree:
                    del tree[key]
        nums = tree.Nums
        self.nums = nums
        self.position = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
        self.pages: dict[tuple[int, int], Array] = {}
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            if key is not None and int(key) in self.position:
                self.pages[page.obj.objgen] = nums[self.position[int(key)]]

    def set_mcid(self, page: Dictionary | None, mcid: int, element) -> None:
        mapping = self.pages.get(page.objgen) if page is not None else None
        if mapping is not None and mcid < len(mapping):
            mapping[mcid] = element

    def set_annotation(self, annotation: Dictionary, element: Dictionary) -> None:
        key = annotation.get("/StructParent")
        if key is not None and int(key) in self.position:
            self.nums[self.position[int(key)]] = element


def identity_of(node) -> str | None:
    if is_element(node) and IDENTITY in node:
        return f"{node.S}|{node[IDENTITY]}"
    return None


def _append(into: Dictionary, out: list, kid, from_page, tree: ParentTree) -> None:
    """Put `kid` (of an element on `from_page`) among `into`'s kids; the parent tree follows."""
    own_page = into.get("/Pg")
    if isinstance(kid, int):
        if own_page is not None and from_page is not None and own_page.objgen == from_page.objgen:
            out.append(kid)
        else:
            out.append(Dictionary(Type=Name.MCR, Pg=from_page, MCID=kid))
        tree.set_mcid(from_page, kid, into)
    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
        page = kid.get("/Pg") or from_page
        if "/Pg" not in kid:
            kid.Pg = page
        out.append(kid)
        tree.set_mcid(page, int(kid.MCID), into)
    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
        if "/Pg" not in kid and from_page is not None:
            kid.Pg = from_page
        out.append(kid)
        tree.set_annotation(kid.Obj, into)
    elif is_element(kid):
        kid.P = into
        out.append(kid)


def marked_content(element: Dictionary) -> Iterator[tuple[Dictionary, int]]:
    """(page, MCID) of every marked-content sequence under `element`."""
    stack = [element]
    while stack:
        node = stack.pop()
        for kid in kids(node):
            if is_element(kid):
                stack.append(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                yield kid.get("/Pg") or node.get("/Pg"), int(kid.MCID)
            elif isinstance(kid, int):
                yield node.get("/Pg"), kid


def elements_under(element: Dictionary) -> Iterator[Dictionary]:
    stack = [element]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(k for k in kids(node) if is_element(k))


class _Joiner:
    def __init__(self, pdf: pikepdf.Pdf):
        self.tree = ParentTree(pdf)
        self.artifacts: dict[tuple[int, int], set[int]] = {}
        self.pages = {p.obj.objgen: p for p in pdf.pages}
        self.indexes: dict[tuple[int, int], dict[str, Dictionary]] = {}  # element → its kids by identity
        self.header_ids: dict[str, str] = {}  # ID of a removed header cell → the ID of the kept one
        self.dropped: set[tuple[int, int]] = set()  # the elements that left the tree
        self.visited: list[Dictionary] = []  # the elements that stay (join)

    def _index(self, element: Dictionary) -> dict[str, Dictionary]:
        index = self.indexes.get(element.objgen)
        if index is None:
            index = {i: k for k in kids(element) if (i := identity_of(k)) is not None}
            self.indexes[element.objgen] = index
        return index

    def join(self, top: Dictionary) -> None:
        """Every element's kids made from one HTML element become one kid. Each element
        that stays is visited once (`visited`, for `finish`)."""
        stack = [top]
        while stack:
            node = stack.pop()
            self.visited.append(node)
            before = kids(node)
            if not before:
                continue
            index: dict[str, Dictionary] = {}
            out = list(self._kept(before, index))
            if len(out) != len(before):  # a kid joined an earlier one
                node.K = Array(out)
            self.indexes[node.objgen] = index
            stack.extend(k for k in out if is_element(k))

    def _kept(self, candidates, index: dict[str, Dictionary]):
        """The kids that stay: one made from the same HTML element as a kid kept
        before (`index`, by identity) is combined into that one instead."""
        for kid in candidates:
            identity = identity_of(kid)
            if identity is not None:
                if identity in index:
                    self._combine(index[identity], kid)
                    continue
                index[identity] = kid
            yield kid

    def _combine(self, kept: Dictionary, fragment: Dictionary) -> None:
        if fragment.S in REPEATED:
            self._to_artifact(fragment, kept)
            self.dropped.update(e.objgen for e in elements_under(fragment))
        else:
            self._absorb(kept, fragment)
            self.dropped.add(fragment.objgen)

    def _absorb(self, into: Dictionary, other: Dictionary) -> None:
        """`other`'s kids join `into`'s: a continued element joins its first part."""
        joined = kids(into)
        index = self._index(into)
        page = other.get("/Pg")
        for kid in self._kept(kids(other), index):
            _append(into, joined, kid, page, self.tree)
        into.K = Array(joined)

    def _to_artifact(self, group: Dictionary, kept: Dictionary) -> None:
        """A header (footer) group repeated on a later page is page furniture."""
        kept_ids = {
            str(cell[IDENTITY]): str(cell.ID) for cell in elements_under(kept) if "/ID" in cell and IDENTITY in cell
        }
        repeated_group(group, kept_ids, self.tree, self.artifacts, self.header_ids)

    def finish(self, keep_shared: bool) -> None:
        for objgen, mcids in self.artifacts.items():
            mark_artifacts(self.pages[objgen], mcids)
        for element in self.visited:
            if IDENTITY in element and not (keep_shared and str(element[IDENTITY]).startswith(SHARED_PREFIX)):
                del element[IDENTITY]
            if self.header_ids:
                rename_headers(element, self.header_ids)


def repeated_group(
    group: Dictionary,
    kept_ids: dict[str, str],
    tree: ParentTree,
    artifacts: dict[tuple[int, int], set[int]],
    renamed: dict[str, str],
) -> None:
    """A table's header (footer) group repeated on a later page: its marked content
    is to become page furniture (`artifacts`: page → MCIDs, for `mark_artifacts`) and
    leaves the parent tree; the ID of each of its cells is to be renamed to that of the
    cell of the same identity in the group kept (`kept_ids`: identity → ID)."""
    for page, mcid in marked_content(group):
        if page is not None:
            artifacts.setdefault(page.objgen, set()).add(mcid)
            tree.set_mcid(page, mcid, None)
    for cell in elements_under(group):
        if "/ID" in cell and IDENTITY in cell and str(cell[IDENTITY]) in kept_ids:
            renamed[str(cell.ID)] = kept_ids[str(cell[IDENTITY])]


def cells(element: Dictionary) -> Iterator[Dictionary]:
    """The table cells under `element` (where /Headers are), without walking into them."""
    stack = [element]
    while stack:
        for kid in kids(stack.pop()):
            if is_element(kid):
                if kid.S in ("/TD", "/TH"):
                    yield kid
                else:
                    stack.append(kid)


def rename_headers(element: Dictionary, renamed: dict[str, str]) -> None:
    attributes = element.get("/A")
    for attribute in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(attribute, Dictionary) and "/Headers" in attribute:
            names = [renamed.get(str(h), str(h)) for h in attribute.Headers]
            attribute.Headers = Array([pikepdf.String(n) for n in dict.fromkeys(names)])


def mark_artifacts(page: pikepdf.Page, mcids: set[int]) -> None:
    """The marked-content sequences `mcids` of `page` become pagination artifacts."""
    from .pdf_streams import write_compressed

    contents = page.obj.Contents
    for stream in list(contents) if isinstance(contents, Array) else [contents]:
        if not isinstance(stream, pikepdf.Stream):  # what stands for a page footer still to be written (pdf_merge.py)
            continue
        data = stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)  # a chunk's RunLength wrapper too (pdf_streams)
        changed = _MARKED.sub(lambda m: _ARTIFACT if int(m.group(2)) in mcids else m.group(0), data)
        if changed != data:
            write_compressed(stream, changed)


def join_fragments(pdf: pikepdf.Pdf, keep_shared: bool = False) -> set[tuple[int, int]]:
    """Join the per-page fragments of the structure tree (see the module docstring).
    `keep_shared`: a chunk keeps the identities its neighbours share, for the join
    across the chunks while they are merged (pdf_join.py). Returns the elements
    (objgen) that left the tree: joined into another, or a repeated header or footer
    row made page furniture."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return set()
    joiner = _Joiner(pdf)
    for top in kids(root):
        if is_element(top):
            joiner.join(top)
    joiner.finish(keep_shared)
    return joiner.dropped
