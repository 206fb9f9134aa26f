"""Finishing WeasyPrint's tagged PDF into one that is PDF/UA-1 and PDF/A at once.

WeasyPrint tags the document well but leaves a few things a checker (PAC, veraPDF,
outloud) reports. This module mends exactly those, with pikepdf, after rendering:

- the running header and footer (margin boxes) are marked content without a place
  in the tag tree: they become artifacts (/Artifact /Pagination);
- their links (the four tabs on every page) get /Link structure elements in one
  navigation /Div (named by /T), one per tab with that tab's annotation on every page;
- every link annotation gets the Print flag and a description (/Contents), every
  /Link element its visible text as /Alt;
- what WeasyPrint splits at page breaks is joined into one element (pdf_tree.py);
- the structure root gets an /IDTree of every element with an /ID;
- table header cells get their /Scope (Column in the header row, Row elsewhere);
- list items get an LBody around their content (WeasyPrint puts it beside the Lbl);
- the XMP metadata declares exactly the chosen PDF/UA and PDF/A parts (pdf_xmp.py).

The PDF is rendered in chunks (pdf_chunks.py) and mended chunk by chunk (`finish`),
each chunk with an /IDTree of its own; what concerns the whole document (the
navigation of the stamped header, the document's /IDTree, made from the chunks'
trees, the declaration) is done once, by the merge (pdf_merge.py).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .pdf_streams import save
from .pdf_tree import join_fragments, mark_artifacts

NAV_TITLE = "Navigatie: onderdelen van het document"


def _elements(pdf: pikepdf.Pdf) -> list[Dictionary]:
    """Every structure element reachable from the root, parents before children (a
    lean walk: a part has thousands, and each look into a pikepdf object costs)."""
    out: list[Dictionary] = []
    stack = [pdf.Root.StructTreeRoot.get("/K")]
    while stack:
        node = stack.pop()
        if type(node) is not pikepdf.Object:  # an MCID (a Python int), a name, null, none at all
            continue
        code = node._type_code
        if code == _ARRAY:
            stack.extend(reversed(list(node)))
        elif code == _DICTIONARY and node.get("/S") is not None and node.get("/Type") != "/OBJR":
            out.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)
    return out


_ARRAY, _DICTIONARY = pikepdf.ObjectType.array, pikepdf.ObjectType.dictionary


def elements_with_ids(pdf: pikepdf.Pdf) -> list[Dictionary]:
    """Every structure element reachable from the root that has an /ID (of a chunk
    without an /IDTree of its own)."""
    return [e for e in _elements(pdf) if "/ID" in e]


def _parent_tree(pdf: pikepdf.Pdf) -> Array:
    return pdf.Root.StructTreeRoot.ParentTree.Nums


def _artifact_orphans(pdf: pikepdf.Pdf, reachable: set[tuple[int, int]]) -> None:
    """Marked content whose structure element is not in the tree (margin boxes)
    becomes a pagination artifact, and leaves the parent tree."""
    nums = _parent_tree(pdf)
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        mapping = by_key.get(int(key)) if key is not None else None
        if not isinstance(mapping, Array):
            continue
        orphans = {
            mcid
            for mcid, element in enumerate(mapping)
            if isinstance(element, Dictionary) and element.objgen not in reachable
        }
        if not orphans:
            continue
        for mcid in orphans:
            mapping[mcid] = None
        mark_artifacts(page, orphans)


def _prefix_ids(elements: list[Dictionary], cells: list[Dictionary], prefix: str) -> None:
    """Before every /ID (of `elements`) and every name in a cell's /Headers (of `cells`)."""
    for element in elements:
        if "/ID" in element:
            element.ID = String(prefix + str(element.ID))
    for element in cells:
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, Array) else [attributes]:
            if isinstance(attribute, Dictionary) and "/Headers" in attribute:
                attribute.Headers = Array([String(prefix + str(h)) for h in attribute.Headers])


def _scope_headers(headers: list[Dictionary]) -> None:
    for element in headers:
        row = element.get("/P")
        group = row.get("/P") if isinstance(row, Dictionary) else None
        scope = Name.Column if isinstance(group, Dictionary) and group.get("/S") == "/THead" else Name.Row
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary):
            attributes.Scope = scope
        elif isinstance(attributes, Array):
            attributes.append(Dictionary(O=Name.Table, Scope=scope))
        else:
            element.A = Dictionary(O=Name.Table, Scope=scope)


def _list_bodies(pdf: pikepdf.Pdf, items: list[Dictionary]) -> None:
    for item in items:
        if "/K" not in item:
            continue
        kids = list(item.K) if isinstance(item.K, Array) else [item.K]
        loose = [k for k in kids if not (isinstance(k, Dictionary) and k.get("/S") in ("/Lbl", "/LBody"))]
        if not loose or any(not isinstance(k, Dictionary) for k in loose):
            continue  # marked content directly in the item: left as it is
        body = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=item, K=Array(loose)))
        for kid in loose:
            kid.P = body
        item.K = Array([k for k in kids if k not in loose] + [body])


def _objrs_into_links(pdf: pikepdf.Pdf, elements: list[Dictionary]) -> None:
    """A link whose text changes style (`<a>de <b>brief</b></a>`) gets one annotation
    per piece; WeasyPrint files the later ones under the styled part instead of the
    /Link. Move each such object reference up into its /Link."""
    nums = _parent_tree(pdf)
    position = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
    for element in elements:
        if element.S == "/Link" or "/K" not in element or not isinstance(element.K, Array):
            continue
        refs = [k for k in element.K if isinstance(k, Dictionary) and k.get("/Type") == "/OBJR"]
        if not refs:
            continue
        link = element.get("/P")
        while isinstance(link, Dictionary) and link.get("/S") not in ("/Link", None):
            link = link.get("/P")
        if not isinstance(link, Dictionary) or link.get("/S") != "/Link":
            continue
        element.K = Array([k for k in element.K if not (isinstance(k, Dictionary) and k.get("/Type") == "/OBJR")])
        link_kids = link.K if isinstance(link.K, Array) else Array([link.K])
        for ref in refs:
            link_kids.append(ref)
            key = ref.Obj.get("/StructParent")
            if key is not None and int(key) in position:
                nums[position[int(key)]] = link
        link.K = link_kids


def _tag_links(pdf: pikepdf.Pdf, reachable: set[tuple[int, int]]) -> None:
    """Link annotations outside the tag tree (the tabs in the page header: WeasyPrint
    maps them to elements it never links in) are tagged as navigation (`tag_navigation`)."""
    nums = _parent_tree(pdf)
    position = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}

    def tagged(annotation: Dictionary) -> bool:
        key = annotation.get("/StructParent")
        element = nums[position[int(key)]] if key is not None and int(key) in position else None
        return isinstance(element, Dictionary) and element.objgen in reachable

    untagged = {
        n: [a for a in page.obj.get("/Annots") or [] if a.get("/Subtype") == "/Link" and not tagged(a)]
        for n, page in enumerate(pdf.pages)
    }
    tag_navigation(pdf, {n: links for n, links in untagged.items() if links})


def tag_navigation(pdf: pikepdf.Pdf, links: dict[int, list[Dictionary]]) -> None:
    """The link annotations `links` (page number → its navigation links) get /Link
    elements in one navigation /Div at the start of the document: one /Link per tab,
    holding that tab's annotation on every page (read once, not once per page). The
    /Div is named by /T, not /Alt, which assistive technology could read instead of
    its links."""
    if not links:
        return
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, Array) else root.K
    nums = _parent_tree(pdf)
    position = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
    next_key = max(position, default=-1) + 1
    nav: Dictionary | None = None
    tabs: dict[tuple[str, str], Dictionary] = {}  # (target, text) → its /Link
    for page_number, on_page in sorted(links.items()):
        page = pdf.pages[page_number]
        for annotation in on_page:
            if nav is None:
                title = String(NAV_TITLE)
                nav = pdf.make_indirect(
                    Dictionary(Type=Name.StructElem, S=Name.Div, P=document, K=Array(), Pg=page.obj, T=title)
                )
            target, label = tab_of(annotation)
            link = tabs.get((target, label))
            if link is None:
                link = pdf.make_indirect(
                    Dictionary(Type=Name.StructElem, S=Name.Link, P=nav, Pg=page.obj, Alt=String(label), K=Array())
                )
                tabs[target, label] = link
                nav.K.append(link)
            link.K.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
            key = annotation.get("/StructParent")
            if key is not None and int(key) in position:
                nums[position[int(key)]] = link
            else:
                annotation.StructParent = next_key
                nums.append(next_key)
                nums.append(link)
                next_key += 1
    if nav is not None:
        document.K = Array([nav, *(document.K if isinstance(document.K, Array) else [document.K])])
    root.ParentTreeNextKey = next_key


def tab_of(annotation: Dictionary) -> tuple[str, str]:
    """The navigation link an annotation is one of: (where it goes, its text); one
    /Link element holds every annotation of the same pair."""
    label = str(annotation.get("/Contents", "")) or describe(annotation)
    target = str(annotation.get("/Dest", "")) or str(annotation.get("/A", {}).get("/URI", ""))
    return target, label


def describe(annotation: Dictionary) -> str:
    action = annotation.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") == "/URI":
        return f"Link naar {action.URI}"
    return "Link in het document"  # a link without text; its destination's name is an anchor, not a description


def _describe_links(links: list[Dictionary]) -> None:
    """Every /Link element is described by its visible text (its annotations' /Contents)."""
    for element in links:
        if "/Alt" in element or "/ActualText" in element:
            continue
        kids = element.K if isinstance(element.get("/K"), Array) else [element.get("/K")]
        refs = [k for k in kids if isinstance(k, Dictionary) and k.get("/Type") == "/OBJR"]
        if refs:
            element.Alt = String(str(refs[0].Obj.get("/Contents", "")) or describe(refs[0].Obj))


def _id_tree(pdf: pikepdf.Pdf, elements: list[Dictionary]) -> None:
    """The structure root's /IDTree: every element with an /ID, by ID."""
    ids = sorted((str(e.ID), e) for e in elements if "/ID" in e)
    root = pdf.Root.StructTreeRoot
    if not ids:
        if "/IDTree" in root:
            del root["/IDTree"]
        return
    names = Array()
    for key, element in ids:
        names.append(String(key))
        names.append(element)
    root.IDTree = pdf.make_indirect(Dictionary(Names=names))


def _annotations(pdf: pikepdf.Pdf) -> None:
    """The Print flag on every link, and a description where it has none."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") != "/Link":
                continue
            flags = int(annotation.get("/F", 0))
            annotation.F = (flags | 4) & ~(1 | 2 | 32)  # Print on; Invisible, Hidden, NoView off
            if "/Contents" not in annotation:
                annotation.Contents = String(describe(annotation))


def finish(path: Path, *, id_prefix: str = "") -> None:
    """Mend the tagged PDF of a chunk at `path` in place (see the module docstring);
    what concerns the whole document is left to the merge. `id_prefix` goes before
    every element /ID (and the /Headers naming them), so the chunks' IDs stay apart
    when they are merged."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        elements = _elements(pdf)
        reachable = {e.objgen for e in elements}
        kind = {e.objgen: str(e.S) for e in elements}  # read once: each look into pikepdf costs

        def of_kind(among: list[Dictionary], *kinds: str) -> list[Dictionary]:
            return [e for e in among if kind[e.objgen] in kinds]

        if id_prefix:
            _prefix_ids(elements, of_kind(elements, "/TD", "/TH"), id_prefix)
        _artifact_orphans(pdf, reachable)
        dropped = join_fragments(pdf, keep_shared=True)
        kept = [e for e in elements if e.objgen not in dropped]  # what stays, in the same order
        reachable = {e.objgen for e in kept}
        _scope_headers(of_kind(kept, "/TH"))
        _list_bodies(pdf, of_kind(kept, "/LI"))
        _annotations(pdf)
        _objrs_into_links(pdf, kept)
        _tag_links(pdf, reachable)
        _describe_links(of_kind(kept, "/Link"))  # what was added since (an LBody, a tab's /Link) needs no /Alt here
        _id_tree(pdf, kept)  # the merge gathers the chunks' trees instead of walking the whole one
        save(pdf, path)
