"""Chunk PDFs (each a tagged PDF from WeasyPrint, finished by pdf_finish) → one
tagged PDF, the way PDFBox's PDFMergerUtility joins tagged documents:

- pages in order; the first chunk's catalogue (language, output intent, metadata,
  viewer preferences, mark info, role map) is kept, once;
- one structure tree: every chunk's top-level elements under the one /Document,
  what runs on from one chunk into the next joined (pdf_join.py); parent-tree keys
  made disjoint by construction (chunk × 10⁶ + local, the page headers' links after
  the last chunk's), with the pages' /StructParents and the annotations'
  /StructParent moved alike (the /ID of every element, and the /Headers that name
  them, were prefixed with their chunk by pdf_finish in the chunk's worker:
  `id_prefix`);
- one sorted /Dests name tree; a link that pointed across chunks (PART_URL) becomes
  an internal link to its named destination again, described as WeasyPrint
  describes internal links;
- the outline rebuilt in order: rows that continue a level from the previous chunk
  go under that level's heading;
- the page stamps (pdf_stamp.py) on every page, their links tagged as navigation.

The merge streams: chunks are opened one at a time, stamped, joined and written
(pdf_writer.py) before the next is opened, so the build holds one chunk's objects
at a time, not every page's. What it keeps until the end is small: a number per
page, the parent-tree, /ID, destination and bookmark entries, the few structure
elements that chunks share, and the page footers (`pagina X van Y`), which are
written last, as streams of their own, once the page count is known. So a chunk
can be merged as soon as it and those before it are rendered, while the workers
render the rest (pdf_parts.MergeBeside).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .pdf_chunks import PART_URL
from .pdf_finish import NAV_TITLE, tab_of
from .pdf_join import TreeJoin
from .pdf_stamp import PageStamps, Stamps, current_tabs
from .pdf_streams import compressed_content, unambiguous_ends
from .pdf_writer import FileWriter, Source, array, dictionary, literal, ref

KEY_STRIDE = 1_000_000  # parent-tree keys of chunk k: k × KEY_STRIDE + its own key

Bookmark = tuple[int, bytes, bytes]  # depth, title, destination (serialised)


def merge(
    parts: Iterable[Path],
    continues: Sequence[int],
    stamps: Stamps,
    finish: Callable[[pikepdf.Pdf], None],
    path: Path,
) -> None:
    """The chunks at `parts` (one for each of `continues`, in order) as one PDF at
    `path`, stamped, written part by part (see the module docstring); `parts` may
    give each one as it is made. `continues[k]`: how many leading rows of chunk k
    continue the previous level. `finish(pdf)`: what the document's own objects
    (catalogue, XMP, document information) need, done on the first chunk."""
    out: FileWriter | None = None
    document: _Document | None = None
    try:
        for k, part in enumerate(parts):
            with pikepdf.open(part) as pdf:
                if document is None:
                    out = FileWriter(path, pdf.pdf_version)
                    document = _Document(out, pdf, stamps, len(continues) * KEY_STRIDE)
                    finish(pdf)
                document.add(pdf, k, continues[k] if k and k < len(continues) else 0)
        if document is not None:
            document.close()
    except BaseException:
        if out is not None:
            out.abandon()
        raise


class _Document:
    """What the merged document holds of all its parts until the end: the numbers of
    its pages, its parent-tree entries, the /ID of its elements, its destinations and
    bookmarks, the navigation of the page headers and the shared structure elements."""

    def __init__(self, out: FileWriter, first: pikepdf.Pdf, stamps: Stamps, navigation_keys: int):
        self.out = out
        self.stamps = stamps
        self.page_stamps = PageStamps(first, stamps)
        self.footers: list[tuple[int, list[float]]] = []  # per page: its footer's number, its MediaBox
        self.catalog, self.pages_number, self.root = out.reserve(), out.reserve(), out.reserve()
        self.tree = TreeJoin()
        self.navigation = _Navigation(navigation_keys)
        self.page_numbers: list[int] = []
        self.parents: list[tuple[int, int]] = []  # parent-tree key → the number of its value
        self.ids: list[tuple[str, int]] = []
        self.dests: list[tuple[bytes, bytes]] = []
        self.bookmarks: list[Bookmark] = []
        self.tab: str | None = None  # the current tab of the last page stamped
        self.fonts: dict[Name, int] = {}

    def add(self, pdf: pikepdf.Pdf, k: int, continues: int) -> None:
        """Part `k`, open as `pdf`: joined, stamped and written."""
        source = Source(pdf, self.out)
        root = pdf.Root.StructTreeRoot
        _resolve_links(pdf, list(root.ParentTree.Nums))
        _offset_keys(pdf, k * KEY_STRIDE)
        source.stand_in(root, self.root)
        if k == 0:
            self._document_objects(source)
        first = len(self.page_numbers)
        own_dests = _dests(pdf)
        where = {p.obj.objgen: first + n for n, p in enumerate(pdf.pages)}
        anchors = {str(String(name)): where.get(_page(d)) for name, d in own_dests}
        current = current_tabs(self.stamps, anchors, first, len(pdf.pages), self.tab)
        self.tab = current[-1] if current else self.tab
        fonts = self.page_stamps.fonts if k == 0 else {n: source.stub(number) for n, number in self.fonts.items()}
        footers = [(self.out.reserve(), [float(v) for v in page.obj.MediaBox]) for page in pdf.pages]
        self.footers += footers
        links = self.page_stamps.stamp(pdf, current, fonts, [source.stub(number) for number, _ in footers])
        dropped = self.tree.add(source, _document(pdf))
        self.navigation.add(source, pdf, links, self.parents)
        pages_node = source.stub(self.pages_number)
        for page in pdf.pages:
            page.obj.Parent = pages_node
            self.page_numbers.append(source.number(page.obj))
        nums = root.ParentTree.Nums
        for i in range(0, len(nums), 2):
            self.parents.append((int(nums[i]), self._indirect(source, nums[i + 1])))
        self.ids += [(str(e.ID), source.number(e)) for e in _identified(pdf) if e.objgen not in dropped]
        self.dests += [(name, source.serialise(d)) for name, d in own_dests]
        marks = [(depth, literal(title), source.serialise(d)) for depth, title, d in _bookmarks(pdf)]
        self.bookmarks += _continued(marks, continues) if k else marks
        unambiguous_ends(pdf)
        source.drain()

    def _document_objects(self, source: Source) -> None:
        """The first part's catalogue, document information and structure root (but
        what the merge makes anew), and the page stamps' fonts."""
        pdf = source.pdf
        made = ("/Pages", "/StructTreeRoot", "/Names", "/Outlines", "/PageMode")
        self.catalog_entries = {k[1:]: source.serialise(pdf.Root[k]) for k in pdf.Root if k not in made}
        names = pdf.Root.get("/Names")
        self.names = {k[1:]: source.serialise(names[k]) for k in names if k != "/Dests"} if names else {}
        root = pdf.Root.StructTreeRoot
        made = ("/K", "/ParentTree", "/ParentTreeNextKey", "/IDTree")
        self.root_entries = {k[1:]: source.serialise(root[k]) for k in root if k not in made}
        self.info = self._indirect(source, pdf.trailer.Info)
        self.fonts = {name: source.number(font) for name, font in self.page_stamps.fonts.items()}

    def _indirect(self, source: Source, value) -> int:
        """The number of `value` in the file: an object of its own if it was direct."""
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            return source.number(value)
        number = self.out.reserve()
        self.out.write(number, source.serialise(value))
        return number

    def close(self) -> None:
        """Write what the document holds, then the cross-reference table."""
        out = self.out
        for page, (number, box) in enumerate(self.footers, start=1):
            data = compressed_content(self.page_stamps.footer(box, page, len(self.footers)))
            out.write(number, dictionary({"Filter": b"/FlateDecode", "Length": b"%d" % len(data)}), data)
        document = self.tree.write(out, self.root, self.navigation.write(out, self.tree.held_document.number))
        parent_tree = out.reserve()
        self.parents.sort()
        out.write(parent_tree, dictionary({"Nums": array(b"%d %s" % (k, ref(v)) for k, v in self.parents)}))
        root = dict(self.root_entries, K=array([ref(document)]), ParentTree=ref(parent_tree))
        root["ParentTreeNextKey"] = b"%d" % (self.parents[-1][0] + 1 if self.parents else 0)
        if self.ids:
            root["IDTree"] = ref(self._names(sorted(self.ids), ref))
        out.write(self.root, dictionary(root))
        kids = array(ref(n) for n in self.page_numbers)
        count = b"%d" % len(self.page_numbers)
        out.write(self.pages_number, dictionary({"Type": b"/Pages", "Kids": kids, "Count": count}))
        catalog = dict(self.catalog_entries, Pages=ref(self.pages_number), StructTreeRoot=ref(self.root))
        names = dict(self.names)
        if self.dests:
            names["Dests"] = ref(self._names(sorted(self.dests), lambda d: d))
        if names:
            catalog["Names"] = dictionary(names)
        if self.bookmarks:
            catalog["Outlines"] = ref(_write_outline(out, self.bookmarks))
        catalog["PageMode"] = b"/UseOutlines"
        out.write(self.catalog, dictionary(catalog))
        out.close(self.catalog, self.info)

    def _names(self, pairs, value) -> int:
        """A flat name tree of `pairs` (key, value), sorted by key."""
        number = self.out.reserve()
        flat = [b"%s %s" % (literal(pikepdf.String(key)), value(v)) for key, v in pairs]
        self.out.write(number, dictionary({"Names": array(flat)}))
        return number


class _Navigation:
    """The page headers' links, tagged as pdf_finish.tag_navigation tags them: one
    /Link element per tab, holding that tab's annotation on every page, in one
    navigation /Div put first in the document."""

    def __init__(self, first_key: int) -> None:
        self.div: int | None = None
        self.div_page = b""
        self.links: dict[tuple[str, str], tuple[int, bytes, bytes, list[bytes]]] = {}  # number, page, label, kids
        self.next_key = first_key  # after every chunk's keys

    def add(self, source: Source, pdf: pikepdf.Pdf, links: dict[int, list[Dictionary]], parents: list) -> None:
        for page_number, on_page in sorted(links.items()):
            page = source.serialise(pdf.pages[page_number].obj)
            for annotation in on_page:
                if self.div is None:
                    self.div, self.div_page = source.out.reserve(), page
                target, label = tab_of(annotation)
                link = self.links.get((target, label))
                if link is None:
                    link = self.links[target, label] = (source.out.reserve(), page, literal(label), [])
                objr = dictionary({"Type": b"/OBJR", "Obj": source.serialise(annotation), "Pg": page})
                link[3].append(objr)
                annotation.StructParent = self.next_key
                parents.append((self.next_key, link[0]))
                self.next_key += 1

    def write(self, out: FileWriter, document: int) -> list[bytes]:
        """Write the /Div and its links; the kids they give the document."""
        if self.div is None:
            return []
        for number, page, label, kids in self.links.values():
            link = {"Type": b"/StructElem", "S": b"/Link", "P": ref(self.div), "Pg": page, "Alt": label}
            out.write(number, dictionary(link | {"K": array(kids)}))
        kids = array(ref(number) for number, *_ in self.links.values())
        div = {"Type": b"/StructElem", "S": b"/Div", "P": ref(document), "K": kids, "Pg": self.div_page}
        out.write(self.div, dictionary(div | {"T": literal(NAV_TITLE)}))
        return [ref(self.div)]


def _page(destination) -> tuple[int, int] | None:
    """The page (objgen) an explicit destination points at."""
    if isinstance(destination, Array) and len(destination) and isinstance(destination[0], Dictionary):
        return destination[0].objgen
    return None


def _identified(pdf: pikepdf.Pdf) -> list[Dictionary]:
    """The elements with an /ID of a chunk: from its flat /IDTree (pdf_finish writes
    one), else from a walk of its tree."""
    from .pdf_finish import elements_with_ids

    tree = pdf.Root.StructTreeRoot.get("/IDTree")
    flat = tree.get("/Names") if isinstance(tree, Dictionary) and "/Kids" not in tree else None
    return list(flat[1::2]) if isinstance(flat, Array) else elements_with_ids(pdf)


def _document(pdf: pikepdf.Pdf) -> Dictionary:
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, Array) else root.K
    if not isinstance(document.K, Array):
        document.K = Array([document.K])
    return document


def _offset_keys(pdf: pikepdf.Pdf, offset: int) -> None:
    """The chunk's parent-tree keys, and the references to them, moved by `offset`."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(nums), 2):
        nums[i] = int(nums[i]) + offset
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots") or []:
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


def _resolve_links(pdf: pikepdf.Pdf, nums: list) -> None:
    """Links that a chunk pointed at PART_URL + anchor → internal links to the anchor."""
    elements = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            action = annotation.get("/A")
            if not isinstance(action, Dictionary) or action.get("/S") != "/URI":
                continue
            uri = str(action.URI)
            if not uri.startswith(PART_URL):
                continue
            name = String(uri[len(PART_URL) :])
            del annotation["/A"]
            annotation.Dest = name
            if str(annotation.get("/Contents", "")) == uri:
                annotation.Contents = name
            key = annotation.get("/StructParent")
            element = elements.get(int(key)) if key is not None else None
            if isinstance(element, Dictionary) and str(element.get("/Alt", "")) == uri:
                element.Alt = name


def _dests(pdf: pikepdf.Pdf) -> list[tuple[bytes, pikepdf.Object]]:
    names = pdf.Root.get("/Names")
    tree = names.get("/Dests") if isinstance(names, Dictionary) else None
    if not isinstance(tree, Dictionary):
        return []
    flat = tree.get("/Names") or []
    return [(bytes(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]


def _bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Object, pikepdf.Object]]:
    """A chunk's outline: (depth, title, destination) of every item, in order."""
    outlines = pdf.Root.get("/Outlines")
    out: list[tuple[int, pikepdf.Object, pikepdf.Object]] = []

    def walk(item, depth: int) -> None:
        while isinstance(item, Dictionary):
            out.append((depth, item.Title, item.Dest))
            walk(item.get("/First"), depth + 1)
            item = item.get("/Next")

    if isinstance(outlines, Dictionary):
        walk(outlines.get("/First"), 0)
    return out


def _continued(bookmarks: list[Bookmark], rows: int) -> list[Bookmark]:
    """The first `rows` top-level bookmarks (with what is under them) one level deeper:
    they are rows of the level whose heading is in the previous chunk."""
    out, seen = [], 0
    for depth, title, destination in bookmarks:
        if depth == 0:
            seen += 1
        out.append((depth + 1 if seen <= rows else depth, title, destination))
    return out


def _write_outline(out: FileWriter, bookmarks: list[Bookmark]) -> int:
    """The outline of `bookmarks` (depth, title, destination), every item open; its number."""

    class Item:
        def __init__(self, number: int, title: bytes = b"", destination: bytes = b"", parent=None):
            self.number, self.title, self.destination, self.parent = number, title, destination, parent
            self.first = self.last = self.prev = self.next = None
            self.count = 0

    root = Item(out.reserve())
    items: list[Item] = []
    chain = [root]  # the open ancestors of the next item
    for depth, title, destination in bookmarks:
        depth = min(depth, len(chain) - 1)
        del chain[depth + 1 :]
        parent = chain[depth]
        item = Item(out.reserve(), title, destination, parent)
        if parent.last is not None:
            parent.last.next, item.prev = item, parent.last
        else:
            parent.first = item
        parent.last = item
        for ancestor in chain:
            ancestor.count += 1
        chain.append(item)
        items.append(item)

    def links(item: Item) -> dict[str, bytes]:
        named = {"First": item.first, "Last": item.last, "Prev": item.prev, "Next": item.next}
        return {key: ref(other.number) for key, other in named.items() if other is not None}

    for item in items:
        entries = {"Title": item.title, "Dest": item.destination, "Parent": ref(item.parent.number)}
        out.write(item.number, dictionary(entries | links(item) | {"Count": b"%d" % item.count}))
    out.write(root.number, dictionary({"Type": b"/Outlines"} | links(root) | {"Count": b"%d" % root.count}))
    return root.number
