"""Chunk PDFs (each a tagged PDF from WeasyPrint, finished by pdf_finish) → one
tagged PDF, the way PDFBox's PDFMergerUtility joins tagged documents:

- pages in order; the first chunk's catalogue (language, output intent, metadata,
  viewer preferences, mark info, role map) is kept, once;
- one structure tree: every chunk's top-level elements under the one /Document;
  parent-tree keys made disjoint by construction (chunk × 10⁶ + local), with the
  pages' /StructParents and the annotations' /StructParent moved alike (the /ID of
  every element, and the /Headers that name them, were prefixed with their chunk by
  pdf_finish in the chunk's worker: `id_prefix`);
- one sorted /Dests name tree; a link that pointed across chunks (PART_URL) becomes
  an internal link to its named destination again, described as WeasyPrint
  describes internal links;
- the outline rebuilt in order: rows that continue a level from the previous chunk
  go under that level's heading.

Chunks are opened one at a time and closed once copied (pikepdf copies their
streams' data as stored, compressed, at once), so their parsed objects do not stay
in memory beside the merged ones; the page stamps (pdf_stamp.py) and the
whole-document pass come after.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .pdf_chunks import PART_URL

KEY_STRIDE = 1_000_000  # parent-tree keys of chunk k: k × KEY_STRIDE + its own key

Bookmark = tuple[int, pikepdf.Object, pikepdf.Object]  # depth, title, destination


@contextmanager
def merged(parts: Sequence[Path], continues: Sequence[int]) -> Iterator[tuple[pikepdf.Pdf, list[Dictionary]]]:
    """The chunks at `parts` as one open PDF (the first chunk's file stays open until
    it is saved, the others only while they are copied), and the structure elements
    with an /ID, gathered from the chunks' /IDTree (pdf_finish), so that the merged
    tree need not be walked for them.
    `continues[k]`: how many leading rows of chunk k continue the previous level."""
    with pikepdf.open(parts[0]) as base:
        document = _document(base)
        nums = list(base.Root.StructTreeRoot.ParentTree.Nums)
        _resolve_links(base, nums)
        dests = _dests(base)
        bookmarks = _bookmarks(base)
        identified = _identified(base)
        for k, part in enumerate(parts[1:], start=1):
            with pikepdf.open(part) as src:  # closed once copied (pikepdf copies stream data at once)
                src_nums = list(src.Root.StructTreeRoot.ParentTree.Nums)
                _resolve_links(src, src_nums)
                _offset_keys(src, k * KEY_STRIDE)
                with warnings.catch_warnings():  # named destinations are merged below
                    warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                    base.pages.extend(src.pages)
                kids = _kids(_document(src))
                for kid in kids:
                    if isinstance(kid, Dictionary) and "/P" in kid:
                        del kid["/P"]  # else the copy would drag the chunk's whole tree along
                own_dests, own_bookmarks = _dests(src), _bookmarks(src)
                keys, values = src_nums[0::2], src_nums[1::2]
                new_kids, new_values, new_dests, new_marks, new_ids = _copied(
                    base,
                    src,
                    [kids, values, [d for _, d in own_dests], [d for _, _, d in own_bookmarks], _identified(src)],
                )
                for kid in new_kids:
                    if isinstance(kid, Dictionary) and "/S" in kid:
                        kid.P = document
                    document.K.append(kid)
                for key, value in zip(keys, new_values, strict=True):
                    nums += [int(key) + k * KEY_STRIDE, value]
                dests += [(name, d) for (name, _), d in zip(own_dests, new_dests, strict=True)]
                own = [(depth, title, d) for (depth, title, _), d in zip(own_bookmarks, new_marks, strict=True)]
                bookmarks += _continued(own, continues[k] if k < len(continues) else 0)
                identified += new_ids
        root = base.Root.StructTreeRoot
        root.ParentTree = base.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
        _write_dests(base, dests)
        _write_outline(base, bookmarks)
        yield base, identified


def _copied(target: pikepdf.Pdf, source: pikepdf.Pdf, groups: list[list]) -> list[list]:
    """The `groups` of objects of `source` as objects of `target`, group by group, in
    one copy (qpdf copies what they reach once, and an object reached twice is one
    copy): an array or dictionary is copied, a number, name or string taken as it is."""
    copied = iter(target.copy_foreign(source.make_indirect(Array([o for group in groups for o in group]))))
    return [[next(copied) for _ in group] for group in groups]


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


def _kids(document: Dictionary) -> list:
    return list(document.K)


def _offset_keys(pdf: pikepdf.Pdf, offset: int) -> None:
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


def _write_dests(pdf: pikepdf.Pdf, dests: list[tuple[bytes, pikepdf.Object]]) -> None:
    if not dests:
        return
    flat = Array()
    for name, destination in sorted(dests, key=lambda d: d[0]):
        flat.append(String(name))
        flat.append(destination)
    if "/Names" not in pdf.Root:
        pdf.Root.Names = Dictionary()
    pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=flat))


def _bookmarks(pdf: pikepdf.Pdf) -> list[Bookmark]:
    outlines = pdf.Root.get("/Outlines")
    out: list[Bookmark] = []

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


def _write_outline(pdf: pikepdf.Pdf, bookmarks: list[Bookmark]) -> None:
    if "/Outlines" in pdf.Root:
        del pdf.Root["/Outlines"]
    if not bookmarks:
        return
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    chain: list[Dictionary] = [root]  # the open ancestors of the next item
    counts: dict[tuple[int, int], int] = {}
    for depth, title, destination in bookmarks:
        depth = min(depth, len(chain) - 1)
        del chain[depth + 1 :]
        parent = chain[depth]
        item = pdf.make_indirect(Dictionary(Title=title, Dest=destination, Parent=parent))
        if "/Last" in parent:
            parent.Last.Next = item
            item.Prev = parent.Last
        else:
            parent.First = item
        parent.Last = item
        for ancestor in chain:
            counts[ancestor.objgen] = counts.get(ancestor.objgen, 0) + 1
        chain.append(item)
    _set_counts(root, counts)
    pdf.Root.Outlines = root


def _set_counts(item: Dictionary, counts: dict[tuple[int, int], int]) -> None:
    stack = [item]
    while stack:
        node = stack.pop()
        node.Count = counts.get(node.objgen, 0)
        child = node.get("/First")
        while isinstance(child, Dictionary):
            stack.append(child)
            child = child.get("/Next")
