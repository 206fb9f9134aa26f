"""The report's HTML → parts ("chunks") of about the same number of pages, each a
complete HTML document that WeasyPrint renders on its own (in its own process).

Split points come from the document's shape: the top-level parts of <main> (title
page, changes, a section per level, Wettelijke kaders), the start of a level's table
after its index, and, inside a table longer than a chunk, between rows. Pages are
estimated from the model (`common.estimated_share`). A small document is one chunk:
one code path for every size.

Where the profile starts a part on a new page anyway (the report: every level and
its table), a split changes nothing on paper. A split between rows, or between levels
of a compact profile, starts the next chunk on a new page: the page before it may end
a little earlier than in one render. Inside a long table, the rows where it is cut are
chosen by their content (`_starts`), so an edit of one row moves no other split.

A continuation of a level keeps its running header (the nav element), its table
header row and columns, and loses what belongs to its first part only (its id, the
heading, the index, the caption). A link to an anchor in another chunk is pointed at
`PART_URL` + anchor, and turned back into an internal link by the merge.

Page numbers of other elements (the index's `target-counter(attr(data-page-of), page)`,
or any `target-counter(attr(…), page)` a theme's stylesheet asks for) cannot be
counted by WeasyPrint across chunks, nor inside a chunk that does not start the
document: in a document of several chunks they are written into the HTML as text
(`attr(data-via-page-…)`), first as a placeholder of as many digits, then, once every
chunk's pages are known, as the page the merged document has them on
(`with_page_numbers`, write_pdf in pdf.py). A level's head (its heading and index)
that starts a page anyway is a chunk of its own, so it is the only chunk rendered
twice.
"""

from __future__ import annotations

import copy
import math
import os
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from lxml import html as lxml_html

from ..model import Document
from .common import Rendering, estimated_share

PART_URL = "https://part.via-reports.invalid/#"
SHARED = "data-via-shared"  # see _mark_shared
PAGE_OF = "data-via-page-"  # + the attribute naming the target: its page number, as text
ONE_PART_PAGES = 60  # a document of up to this many estimated pages is one chunk
# Estimated pages a chunk: small ones where a rebuild after an edit matters most (it
# renders one chunk again), larger ones in a long document, where each chunk's own
# costs (a page that may end early at its start, its share of the merge) add up.
SMALL_TARGET_PAGES, LARGE_TARGET_PAGES, LARGE_FROM_PAGES = 20, 60, 600
# target-counter(attr(NAME), page) and target-counter(attr(NAME), page, STYLE)
# A leader (the index's dots) in a declaration that shows such a number: WeasyPrint
# lays out one box per dot, which costs more than the rest of the index; it is left
# out until the numbers are written in (the first render only counts the pages), as
# a comment the second render turns back into the leader.
_CONTENT = re.compile(r"content\s*:[^;{}]*", re.IGNORECASE)
_LEADER = re.compile(r"""leader\(\s*(dotted|solid|space|"[^"*]*"|'[^'*]*')\s*\)""", re.IGNORECASE)
_NO_LEADER = re.compile(r'"" /\*via-leader (.*?) \*/')
_TARGET_COUNTER = re.compile(
    r"target-counter\(\s*attr\(\s*([A-Za-z][\w-]*)\s*\)\s*,\s*page\s*(?:,\s*[\w-]+\s*)?\)", re.IGNORECASE
)

# What every chunk adds to the theme's CSS: the running header and the page numbers
# are stamped after the merge (pdf_stamp.py), so WeasyPrint lays out no margin box.
_NO_MARGIN_BOXES = (
    "@page { @top-left { content: none; } @top-center { content: none; } @top-right { content: none; }"
    " @bottom-left { content: none; } @bottom-center { content: none; } @bottom-right { content: none; } }"
    " nav.tabs { display: none; }"
)


@dataclass(frozen=True)
class Chunk:
    index: int
    packed: bytes  # its HTML (`html`), compressed: the build holds every chunk until it is rendered
    pages: float  # estimated
    continues: int = 0  # leading rows (level-2 bookmarks) that belong to the previous chunk's level
    numbered: bool = False  # holds page numbers of other elements (the index): see with_page_numbers
    needs: int = 0  # the last chunk holding an element whose page number this one shows
    counting: bool = False  # its numbers are placeholders: its first render only counts pages

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")


def pack(html: str) -> bytes:
    """A chunk's HTML as `Chunk.packed`: a tenth of its size (fast compression; a
    report's text has few characters beyond Latin-1, but one of them makes Python keep
    the whole text two bytes a character)."""
    return zlib.compress(html.encode("utf-8", "surrogatepass"), 1)


@dataclass
class _Unit:
    """One piece that may start a chunk: a top-level part, a level's head, a row."""

    top: int  # index of its top-level part in <main>
    kind: str  # "part" (a whole part), "head" (heading + index of a level), "row"
    row: int = -1  # row number in the level's table
    pages: float = 1.0
    free: bool = False  # the profile starts a page here anyway
    alone: bool = False  # a level's head (whose page numbers come last): in no chunk with rows
    mark: int = 0  # a row: the checksum of its anchor, which may make it start a chunk (_starts)


def target_pages(total: float) -> int:
    """Estimated pages a chunk, for a document of `total` estimated pages:
    `VIA_REPORTS_CHUNK_PAGES` when set (every document in chunks of that size), else
    one chunk up to ONE_PART_PAGES, then chunks of SMALL_TARGET_PAGES, and of
    LARGE_TARGET_PAGES from LARGE_FROM_PAGES on. (Bands, not a share of `total`: an
    edit that changes the estimate a little moves no split, so the cache holds; only
    an edit that takes the estimate over a band's edge cuts the document anew.)"""
    value = os.environ.get("VIA_REPORTS_CHUNK_PAGES", "").strip()
    if value.isdigit():
        return max(1, int(value))
    if total <= ONE_PART_PAGES:
        return ONE_PART_PAGES
    return SMALL_TARGET_PAGES if total < LARGE_FROM_PAGES else LARGE_TARGET_PAGES


def split(r: Rendering, html: str, target: int | None = None) -> list[Chunk]:
    """The rendered report as chunks of about `target` estimated pages (by default
    `target_pages`), in order."""
    root = lxml_html.document_fromstring(html)
    main = root.find(".//main")
    if main is None:
        return [Chunk(0, pack(_with_css(html)), 1.0)]
    parts = list(main)
    units = _units(r, parts)
    starts = _starts(units, target or target_pages(sum(u.pages for u in units)))
    if len(starts) == 1:
        return [Chunk(0, pack(_with_css(html)), sum(u.pages for u in units))]
    _mark_shared(main, parts)
    _literal_page_numbers(root, len(str(math.ceil(sum(u.pages for u in units)))))
    for part in parts:
        main.remove(part)
    chunks, held = [], {}
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(units)
        chunk, ids, named = _chunk(n, root, parts, units[begin:end])
        held.update(dict.fromkeys(ids, n))
        chunks.append((chunk, named))
    return [replace(c, needs=max([c.index, *(held.get(a, 0) for a in named)])) for c, named in chunks]


def _units(r: Rendering, parts: list) -> list[_Unit]:
    by_anchor = {p.anchor: p for p in r.document.policies}
    paged = not r.profile.compact  # the report starts every level, and its table, on a new page
    units: list[_Unit] = []
    for top, part in enumerate(parts):
        rows = _rows(part)
        if not rows or "level" not in (part.get("class") or "").split():
            units.append(_Unit(top, "part", pages=_part_pages(r.document, part), free=paged or not units))
            continue
        units.append(_Unit(top, "head", pages=1.0 + len(rows) / 30, free=paged or not units, alone=paged))
        for n, row in enumerate(rows):
            policy = by_anchor.get(row.get("id") or "")
            share = estimated_share(policy, r.paper) if policy else 0.3
            mark = zlib.crc32((row.get("id") or row.text_content()).encode("utf-8", "surrogatepass"))
            units.append(_Unit(top, "row", n, pages=share, free=paged and n == 0, mark=mark))
    return units


def _part_pages(document: Document, part) -> float:
    classes = (part.get("class") or "").split()
    if "frameworks" in classes:
        return 1.0 + sum(len(g.frameworks) for g in document.frameworks) / 20
    return 1.0


def _rows(part) -> list:
    body = part.find(".//table/tbody")
    return [row for row in body if row.tag == "tr"] if body is not None else []


def _starts(units: list[_Unit], target: int) -> list[int]:
    """Indexes of the units that start a chunk. Runs of units between two pages the
    profile starts anyway (the report: a part, a level's head, its table) are packed
    while a chunk stays under `target` pages. A run longer than that is cut between
    rows where the content says so, as a deduplicating backup cuts a file: once a
    chunk holds 3/4 of `target`, before the first row whose anchor's checksum is a
    multiple of `_every(target)`, past `target` before one whose checksum is a
    multiple of half that (so a cut is rarely forced), and at the latest before it
    would pass 5/4 of `target`; not where less than 3/8 of `target` would be left for
    the run's last chunk (which may so grow to about 13/8). So an edit moves no cut
    before it (but for the run's last cut), and the cuts after it fall on the same
    rows again at the first marked row: a rebuild renders the edited chunk again,
    not its neighbours."""
    if sum(unit.pages for unit in units) <= target:
        return [0]
    runs: list[list[int]] = []
    for n, unit in enumerate(units):
        if unit.free or not runs:
            runs.append([])
        runs[-1].append(n)
    low, high, every = 0.75 * target, 1.25 * target, _every(target)
    looser = max(1, every // 2)
    starts: list[int] = []
    filled = 0.0
    alone = False  # the run before was a level's head: its rows start a chunk
    rows = False  # the chunk so far holds rows (else a head may join it: the title page)
    for run in runs:
        total = sum(units[n].pages for n in run)
        head = units[run[0]].alone
        if not starts or alone or (head and rows) or filled + min(total, low) > target:
            starts.append(run[0])
            filled, rows = 0.0, False
        alone = head
        rest = total
        for n in run:
            unit = units[n]
            if (
                total > target
                and unit.kind == "row"
                and unit.row > 0
                and filled >= low
                and (
                    unit.mark % every == 0
                    or (filled >= target and unit.mark % looser == 0)
                    or filled + unit.pages > high
                )
                and rest >= low / 2
            ):
                starts.append(n)
                filled = 0.0
            rest -= unit.pages
            filled += unit.pages
            rows = rows or unit.kind == "row"
    return starts


def _every(target: int) -> int:
    """One row in how many may end a chunk past its 3/4 mark: about a quarter of
    `target` in rows of a page."""
    return max(1, round(0.25 * target))


def _mark_shared(main, parts: list) -> None:
    """The elements that several chunks may hold a piece of (the ancestors of <main>,
    <main> itself, each top-level part, a level's table with its header row and body)
    carry `SHARED`, the same in every chunk and named by their place (so an edit of
    one row changes no name): the merge joins their pieces into one structure element
    (pdf_tagging.py, pdf_tree.py), as it joins the pieces of a page break."""
    for depth, element in enumerate([*reversed(list(main.iterancestors())), main]):
        element.set(SHARED, f"m{depth}")
    for top, part in enumerate(parts):
        part.set(SHARED, f"p{top}")
        for table in part.findall("table"):
            table.set(SHARED, f"p{top}t")
            for child in table:
                if child.tag == "thead":
                    for n, element in enumerate(child.iter()):
                        element.set(SHARED, f"p{top}h{n}")
                elif child.tag == "tbody":
                    child.set(SHARED, f"p{top}b")


def _shallow(element):
    out = element.makeelement(element.tag, dict(element.attrib))
    out.text, out.tail = element.text, element.tail
    return out


def _chunk(n: int, skeleton, parts: list, units: list[_Unit]) -> tuple[Chunk, set[str], set[str]]:
    """Chunk `n`, the ids it holds, and the anchors whose page numbers it shows."""
    root = copy.deepcopy(skeleton)
    main = root.find(".//main")
    continues = 0
    for top in dict.fromkeys(u.top for u in units):
        mine = [u for u in units if u.top == top]
        part = parts[top]
        if mine[0].kind == "part" or (mine[0].kind == "head" and len(mine) == len(_rows(part)) + 1):
            main.append(copy.deepcopy(part))
            continue
        main.append(_level_part(part, mine))
        if mine[0].kind == "row" and n and top == units[0].top:
            continues = len(mine)
    _point_links_across(root)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    named = {_anchor(e.get(a[len(PAGE_OF) :])) for e in root.iter() for a in e.attrib if a.startswith(PAGE_OF)}
    pages = sum(u.pages for u in units)
    chunk = Chunk(n, pack(_with_css(_serialise(root))), pages, continues, bool(named), counting=bool(named))
    return chunk, ids, named


def _level_part(part, units: list[_Unit]):
    """The piece of a level's section that holds `units` (its head and/or some rows)."""
    has_head = units[0].kind == "head"
    rows = {u.row for u in units if u.kind == "row"}
    section = _shallow(part)
    if not has_head:
        for attribute in ("id", "aria-labelledby"):
            section.attrib.pop(attribute, None)
    for child in part:
        if child.tag == "table":
            if rows:
                section.append(_table_part(child, rows))
        elif child.tag == "nav" or has_head:
            section.append(copy.deepcopy(child))
    return section


def _table_part(table, rows: set[int]):
    out = _shallow(table)
    for child in table:
        if child.tag == "tbody":
            body = _shallow(child)
            for n, row in enumerate(r for r in child if r.tag == "tr"):
                if n in rows:
                    body.append(copy.deepcopy(row))
            out.append(body)
        elif child.tag != "caption" or 0 in rows:
            out.append(copy.deepcopy(child))
    return out


def _serialise(root) -> str:
    return lxml_html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode")


def _with_css(html: str) -> str:
    return html.replace("</head>", f"<style>{_NO_MARGIN_BOXES}</style>\n</head>", 1)


def _point_links_across(root) -> None:
    """A link to an anchor in another chunk would be dropped by WeasyPrint: it points
    at PART_URL + anchor instead, which the merge resolves."""
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for link in root.iter("a"):
        href = link.get("href") or ""
        if href.startswith("#") and href[1:] not in ids:
            link.set("href", PART_URL + href[1:])


def _literal_page_numbers(root, digits: int) -> None:
    """Every `target-counter(attr(NAME), page)` of the stylesheet becomes
    `attr(data-via-page-NAME)`, and every element whose NAME points at an anchor
    gets that attribute: a placeholder of `digits` zeros (as wide as the number
    will be, in a font with figures of one width), and no leader before it, until
    with_page_numbers."""
    names: set[str] = set()
    for style in root.iter("style"):
        if style.text and _TARGET_COUNTER.search(style.text):
            names.update(_TARGET_COUNTER.findall(style.text))
            style.text = _CONTENT.sub(
                _without_leader, _TARGET_COUNTER.sub(lambda m: f"attr({PAGE_OF}{m.group(1)})", style.text)
            )
    if not names:
        return
    for element in root.iter():
        for name in names:
            if _anchor(element.get(name)):
                element.set(PAGE_OF + name, "0" * digits)


def _without_leader(declaration: re.Match) -> str:
    text = declaration.group(0)
    return _LEADER.sub(lambda m: f'"" /*via-leader {m.group(1)} */', text) if f"attr({PAGE_OF}" in text else text


def _anchor(value: str | None) -> str:
    if value and value.startswith("#"):
        return value[1:]
    if value and value.startswith(PART_URL):
        return value[len(PART_URL) :]
    return ""


def with_page_numbers(chunk: Chunk, pages: Mapping[str, int]) -> Chunk:
    """`chunk` with the page numbers of the elements it names (anchor → page of the
    merged document) written in. An anchor that is nowhere gets no number."""
    if not chunk.numbered:
        return chunk
    root = lxml_html.document_fromstring(chunk.html)
    for style in root.iter("style"):
        if style.text:
            style.text = _NO_LEADER.sub(lambda m: f"leader({m.group(1)})", style.text)
    for element in root.iter():
        for name in [n for n in element.attrib if n.startswith(PAGE_OF)]:
            page = pages.get(_anchor(element.get(name[len(PAGE_OF) :])))
            element.set(name, str(page) if page is not None else "")
    return replace(chunk, packed=pack(_serialise(root)), counting=False)
