"""One logical structure tree across pages.

WeasyPrint tags every page on its own: an element that runs over a page break (the
`main` element, a section, a table, a row, a list, a paragraph, a link that wraps)
becomes one structure element per page (or per line, for a link), and a table's
header row, repeated on every page, is tagged again on every page. Assistive
technology then announces several tables, rows whose first cells are empty and lists
that restart.

Two steps mend this:

- `identified_elements()`, around WeasyPrint's writing, stamps every structure
  element with the identity of the HTML element it was made from (`/ViaElement`),
  gives every link annotation its visible text as /Contents (WeasyPrint puts the link
  target there, an anchor slug) and keeps the space of a line that broke at one in
  the tagged text (ActualText);
- `join_fragments(pdf)` then joins, with pikepdf, what belongs together: adjacent
  sibling elements made from the same HTML element become one (their kids in order;
  marked content from another page as marked-content references, the parent tree
  following), and a table's repeated header and footer groups become artifacts
  (/Pagination) in the content streams, with the header cells their data cells named
  mapped to the cells that remain. It removes the identity stamps and works on any
  tagged WeasyPrint PDF rendered inside `identified_elements()`: with several
  renderings (chunks) of one document, give the same HTML element the same identity
  in each (see `_identity`) and join once over the concatenated tree.

The parent tree is kept consistent as PDFBox's PDFMergerUtility keeps it: every
marked-content sequence and every annotation maps to the element that now holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
from pikepdf import Array, Dictionary, Name

IDENTITY = "/ViaElement"
_REPEATED = ("/THead", "/TFoot")
_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


# ---------------------------------------------------------------- while rendering


def _identity(element, element_tag: str, numbers: dict) -> str:
    """The identity of an HTML element (and which of its boxes: `li` or `li::marker`)."""
    number = numbers.setdefault(element, len(numbers))
    return f"{number}:{element_tag}"


def _visible_text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _leaves(box, last: bool):
    """The text boxes of a line box, from its end (`last`) or its start."""
    from weasyprint.formatting_structure import boxes

    children = getattr(box, "children", None) or []
    for child in reversed(children) if last else children:
        if isinstance(child, boxes.TextBox):
            yield child
        elif isinstance(child, boxes.ParentBox):
            yield from _leaves(child, last)


class _LineEnds:
    """A line that ended at a space lost it (WeasyPrint drops the space at a line
    break), so its words would run into the next line's in the tagged text: the last
    piece of text of such a line gets ActualText with the space. Lines are compared
    within a block and across a page break (the block's last line on one page with its
    first on the next)."""

    def __init__(self) -> None:
        self.mcids: dict = {}  # text box → its MCID, on the page being tagged
        self.previous: dict = {}  # HTML element → (text, span) of its last line on the previous page
        self.current: dict = {}

    def new_page(self, marked: dict) -> None:
        self.mcids = {box: tag["mcid"] for box, tag in marked.items()}
        self.previous, self.current = self.current, {}

    def block(self, block, nums: dict, pdf) -> None:
        from weasyprint.formatting_structure import boxes

        if block.element is None:
            return
        lines = [child for child in block.children if isinstance(child, boxes.LineBox)]
        if not lines:
            return
        source: list[str] = []  # the block's text, read once when needed
        ends = [next(_leaves(line, True), None) for line in lines]
        starts = [next(_leaves(line, False), None) for line in lines]
        before = self.previous.pop(block.element, None)
        if before is not None and starts[0] is not None:
            self._keep(before[0], before[1], starts[0].text, block, source)
        for end, start in zip(ends, starts[1:], strict=False):
            if end is not None and start is not None:
                self._keep(end.text, self._span(end, nums, pdf), start.text, block, source)
        if ends[-1] is not None and (span := self._span(ends[-1], nums, pdf)) is not None:
            self.current[block.element] = (ends[-1].text, span)

    def _span(self, box, nums: dict, pdf):
        import pydyf

        mcid = self.mcids.get(box)
        reference = nums.get(mcid) if mcid is not None else None
        if reference is None:
            return None
        span = pdf.objects[int(bytes(reference).split()[0])]
        return span if isinstance(span, pydyf.Dictionary) and span.get("S") == "/Span" else None

    @staticmethod
    def _keep(end: str, span, start: str, block, source: list[str]) -> None:
        import pydyf

        if span is None or not end or not start or end[-1].isspace() or start[0].isspace() or end[-1] in "-\u00ad/":
            return
        if not source:
            source.append(" ".join("".join(block.element.itertext()).split()))
        joined, spaced = end[-12:] + start[:12], end[-12:] + " " + start[:12]
        if spaced in source[0] and joined not in source[0]:
            span["ActualText"] = pydyf.String(end + " ")


@contextmanager
def identified_elements() -> Iterator[None]:
    """While WeasyPrint writes a tagged PDF: every structure element it makes carries
    `/ViaElement` (its HTML element's identity), every link annotation /Contents (the
    link's visible text), and text at a line break that ended at a space keeps it."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    numbers: dict = {}
    line_ends = _LineEnds()

    def build(box, parent, pdf, page_number, nums, annotations, marked):
        if isinstance(box, boxes.PageBox):
            line_ends.new_page(marked)
        inner = getattr(box, "_box", box)  # an absolute placeholder's box
        for element in original(box, parent, pdf, page_number, nums, annotations, marked):
            if "ViaElement" not in element and inner.element is not None:
                element["ViaElement"] = pydyf.String(_identity(inner.element, inner.element_tag, numbers))
            yield element
        if inner.link_annotation is not None and (text := _visible_text(inner.element)):
            inner.link_annotation["Contents"] = pydyf.String(text)
        if isinstance(inner, boxes.BlockContainerBox):
            line_ends.block(inner, nums, pdf)

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


# ---------------------------------------------------------------- after rendering


def _kids(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(node) -> bool:
    return isinstance(node, Dictionary) and "/S" in node and node.get("/Type") not in ("/MCR", "/OBJR")


class _ParentTree:
    """The parent tree as WeasyPrint writes it (one flat /Nums array): per page an
    array MCID → element, per annotation its element."""

    def __init__(self, pdf: pikepdf.Pdf):
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        self.nums = nums
        self.position = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
        self.pages: dict[tuple[int, int], Array] = {}
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            if key is not None and int(key) in self.position:
                self.pages[page.obj.objgen] = nums[self.position[int(key)]]

    def set_mcid(self, page: Dictionary, mcid: int, element) -> None:
        mapping = self.pages.get(page.objgen)
        if mapping is not None and mcid < len(mapping):
            mapping[mcid] = element

    def set_annotation(self, annotation: Dictionary, element: Dictionary) -> None:
        key = annotation.get("/StructParent")
        if key is not None and int(key) in self.position:
            self.nums[self.position[int(key)]] = element


def _identity_of(node) -> str | None:
    if _is_element(node) and IDENTITY in node:
        return f"{node.S}|{node[IDENTITY]}"
    return None


def _append(into: Dictionary, kids: list, kid, from_page, tree: _ParentTree) -> None:
    """Put `kid` (of an element on `from_page`) among `into`'s kids; the parent tree follows."""
    own_page = into.get("/Pg")
    if isinstance(kid, int):
        if own_page is not None and from_page is not None and own_page.objgen == from_page.objgen:
            kids.append(kid)
        else:
            kids.append(Dictionary(Type=Name.MCR, Pg=from_page, MCID=kid))
        tree.set_mcid(from_page, kid, into)
    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
        page = kid.get("/Pg") or from_page
        if "/Pg" not in kid:
            kid.Pg = page
        kids.append(kid)
        tree.set_mcid(page, int(kid.MCID), into)
    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
        if "/Pg" not in kid and from_page is not None:
            kid.Pg = from_page
        kids.append(kid)
        tree.set_annotation(kid.Obj, into)
    elif _is_element(kid):
        kid.P = into
        kids.append(kid)


def _marked_content(element: Dictionary) -> Iterator[tuple[Dictionary, int]]:
    """(page, MCID) of every marked-content sequence under `element`."""
    stack = [element]
    while stack:
        node = stack.pop()
        for kid in _kids(node):
            if _is_element(kid):
                stack.append(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                yield kid.get("/Pg") or node.get("/Pg"), int(kid.MCID)
            elif isinstance(kid, int):
                yield node.get("/Pg"), kid


def _elements_under(element: Dictionary) -> Iterator[Dictionary]:
    stack = [element]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(k for k in _kids(node) if _is_element(k))


class _Joiner:
    def __init__(self, pdf: pikepdf.Pdf):
        self.tree = _ParentTree(pdf)
        self.artifacts: dict[tuple[int, int], set[int]] = {}
        self.pages = {p.obj.objgen: p for p in pdf.pages}
        self.indexes: dict[tuple[int, int], dict[str, Dictionary]] = {}  # element → its kids by identity
        self.header_ids: dict[str, str] = {}  # ID of a removed header cell → the ID of the kept one

    def _index(self, element: Dictionary) -> dict[str, Dictionary]:
        index = self.indexes.get(element.objgen)
        if index is None:
            index = {i: k for k in _kids(element) if (i := _identity_of(k)) is not None}
            self.indexes[element.objgen] = index
        return index

    def join(self, top: Dictionary) -> None:
        """Every element's kids made from one HTML element become one kid."""
        stack = [top]
        while stack:
            node = stack.pop()
            if "/K" not in node:
                continue
            index: dict[str, Dictionary] = {}
            out: list = []
            for kid in _kids(node):
                identity = _identity_of(kid)
                if identity is not None and identity in index:
                    self._combine(index[identity], kid)
                    continue
                if identity is not None:
                    index[identity] = kid
                out.append(kid)
            node.K = Array(out)
            self.indexes[node.objgen] = index
            stack.extend(k for k in out if _is_element(k))

    def _combine(self, kept: Dictionary, fragment: Dictionary) -> None:
        if fragment.S in _REPEATED:
            self._to_artifact(fragment, kept)
        else:
            self._absorb(kept, fragment)

    def _absorb(self, into: Dictionary, other: Dictionary) -> None:
        """`other`'s kids join `into`'s: a continued element joins its first part."""
        kids = _kids(into)
        index = self._index(into)
        page = other.get("/Pg")
        for kid in _kids(other):
            identity = _identity_of(kid)
            if identity is not None and identity in index:
                self._combine(index[identity], kid)
                continue
            if identity is not None:
                index[identity] = kid
            _append(into, kids, kid, page, self.tree)
        into.K = Array(kids)

    def _to_artifact(self, group: Dictionary, kept: Dictionary) -> None:
        """A header (footer) group repeated on a later page is page furniture."""
        for page, mcid in _marked_content(group):
            if page is not None:
                self.artifacts.setdefault(page.objgen, set()).add(mcid)
                self.tree.set_mcid(page, mcid, None)
        kept_ids = {
            str(cell[IDENTITY]): str(cell.ID) for cell in _elements_under(kept) if "/ID" in cell and IDENTITY in cell
        }
        for cell in _elements_under(group):
            if "/ID" in cell and IDENTITY in cell and str(cell[IDENTITY]) in kept_ids:
                self.header_ids[str(cell.ID)] = kept_ids[str(cell[IDENTITY])]

    def finish(self, root: Dictionary) -> None:
        for objgen, mcids in self.artifacts.items():
            mark_artifacts(self.pages[objgen], mcids)
        for element in _elements_under(root):
            if IDENTITY in element:
                del element[IDENTITY]
            if self.header_ids:
                _rename_headers(element, self.header_ids)


def _rename_headers(element: Dictionary, renamed: dict[str, str]) -> None:
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
        data = stream.read_bytes()
        changed = _MARKED.sub(lambda m: _ARTIFACT if int(m.group(2)) in mcids else m.group(0), data)
        if changed != data:
            write_compressed(stream, changed)


def join_fragments(pdf: pikepdf.Pdf) -> None:
    """Join the per-page fragments of the structure tree (see the module docstring)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    joiner = _Joiner(pdf)
    for top in _kids(root):
        if _is_element(top):
            joiner.join(top)
    for top in _kids(root):
        if _is_element(top):
            joiner.finish(top)
