"""Is every policy of the model in the rendered file? Checked in the temporary file,
before anything replaces an earlier document.

A renderer can drop content without a word (WeasyPrint with a flex container after a
page break, a theme's template that skips a row), so each format is read back:

- PDF (pikepdf): the policy's named destination (`lokaal-3`, the row's id) and its
  bookmark (`3. Titel`) under its level's bookmark (`Lokaal`);
- Word: the bookmark on the policy's title (`lokaal_3`);
- HTML: the element with the policy's id (`lokaal-3`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..model import Document, Policy

_NUMBERED = re.compile(r"^\s*([0-9]+)\.\s")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def missing_policies(fmt: str, path: Path, document: Document) -> list[Policy]:
    """The policies of `document` that the file of format `fmt` at `path` lacks; all of
    them when the file cannot be read back at all."""
    try:
        return _missing(fmt, path, list(document.policies))
    except Exception:  # a file its own writer broke: nothing of it can be trusted
        return list(document.policies)


def _missing(fmt: str, path: Path, policies: list[Policy]) -> list[Policy]:
    if fmt == "pdf":
        destinations, bookmarks = _pdf_anchors(path)
        return [p for p in policies if p.anchor not in destinations or (p.level.label, p.nr) not in bookmarks]
    if fmt == "docx":
        from .ooxml import bookmark_name

        found = _docx_bookmarks(path)
        return [p for p in policies if bookmark_name(p.anchor) not in found]
    found = _html_ids(path)
    return [p for p in policies if p.anchor not in found]


def describe(policies: list[Policy]) -> str:
    """`Landelijk 2 (Stop Femicide!), Lokaal 1 (…)`, at most ten named."""
    named = [f"{p.level.label} {p.nr} ({p.title})" for p in policies[:10]]
    more = len(policies) - len(named)
    return ", ".join(named) + (f" en nog {more}" if more else "")


def _pdf_anchors(path: Path) -> tuple[set[str], set[tuple[str, int]]]:
    import pikepdf

    with pikepdf.open(path) as pdf:
        destinations: set[str] = set()
        names = pdf.Root.get("/Names")
        if names is not None and "/Dests" in names:
            destinations |= {str(key) for key in pikepdf.NameTree(names.Dests)}
        if "/Dests" in pdf.Root:
            destinations |= {str(key)[1:] for key in pdf.Root.Dests}
        bookmarks: set[tuple[str, int]] = set()
        with pdf.open_outline() as outline:
            for top in outline.root:
                for child in top.children:
                    match = _NUMBERED.match(str(child.title))
                    if match:
                        bookmarks.add((str(top.title).strip(), int(match.group(1))))
    return destinations, bookmarks


def _docx_bookmarks(path: Path) -> set[str]:
    """The bookmark names of a .docx, read as a stream: what was read is let go, so a
    long document is not held as a tree here either."""
    found = set()
    with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as part:
        for _, element in etree.iterparse(part, resolve_entities=False):
            if element.tag == f"{_W}bookmarkStart":
                found.add(element.get(f"{_W}name", ""))
            if element.tag in (f"{_W}p", f"{_W}tbl"):  # a paragraph or table done: its elements go
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    return found


def _html_ids(path: Path) -> set[str]:
    root = lxml_html.fromstring(path.read_bytes())
    return {element.get("id") for element in root.iter() if isinstance(element.tag, str) and element.get("id")}
