"""Rich text written as an HTML fragment, as in the original overview.

Understood: `p`, `br`, `ul`, `ol`, `li`, `strong`/`b`, `em`/`i`, `u`, `a href`;
other block-like tags (div, headings, table cells …) separate paragraphs; any other
tag is dropped and its text kept; `script`, `style` and the like are dropped with
their content. Attributes other than `href` are ignored, except that a list styled
`list-style-type: none` takes the markers its items carry as typed text.

Parsing is done by lxml's HTML parser (libxml2), which never fetches anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml import html as lxml_html

from ..links import safe_url
from ..model import Block, ListKind, Paragraph
from .chars import clean
from .inlines import BREAK, PLAIN, Style, Tok, slice_toks, strip_toks, text_of, to_inlines
from .markers import Marker, group_items, split_points, typed_marker

_KNOWN_TAGS = (
    "a|abbr|address|article|aside|audio|b|base|big|blockquote|body|br|button|caption|center|cite|"
    "code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|fieldset|figcaption|figure|font|"
    "footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|"
    "main|mark|math|meta|nav|noscript|object|ol|option|p|param|picture|pre|q|s|samp|script|section|"
    "select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|"
    "textarea|tfoot|th|thead|title|tr|tt|u|ul|var|video"
)
_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)

# Dropped with everything inside them.
_DROP = frozenset(
    "script style template noscript head title iframe object embed svg math select "
    "textarea button audio video frameset frame".split()
)
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote section article aside header footer main nav "
    "address pre figure figcaption table caption thead tbody tfoot tr td th dl dt dd "
    "details summary fieldset form center hr body html li".split()
)
_LISTS = frozenset({"ul", "ol"})
_STYLES: dict[str, dict[str, bool]] = {
    "strong": {"bold": True},
    "b": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
    "u": {"underline": True},
    "ins": {"underline": True},
}


def looks_like_html(text: str) -> bool:
    """Whether a cell holds an HTML fragment rather than typed text."""
    return bool(_TAG.search(text))


@dataclass
class _Flow:
    """Blocks in the making: finished blocks plus the paragraph still open."""

    blocks: list[Block] = field(default_factory=list)
    toks: list[Tok] = field(default_factory=list)

    def end_paragraph(self) -> None:
        if self.toks:
            inlines = to_inlines(self.toks, fold_space=True)
            if inlines:
                self.blocks.append(Paragraph(inlines))
            self.toks = []


def _tag(el: etree._Element) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None  # comments, PIs: None


def _list_style_none(el: etree._Element) -> bool:
    style = (el.get("style") or "").lower().replace(" ", "")
    return "list-style-type:none" in style or "list-style:none" in style


class _Walker:
    def children(self, el: etree._Element, flow: _Flow, style: Style, href: str | None) -> None:
        if el.text:
            flow.toks.append(Tok(el.text, style, href))
        for child in el:
            self.node(child, flow, style, href)
            if child.tail:
                flow.toks.append(Tok(child.tail, style, href))

    def node(self, el: etree._Element, flow: _Flow, style: Style, href: str | None) -> None:
        tag = _tag(el)
        if tag is None or tag in _DROP:
            return
        if tag == "br":
            flow.toks.append(replace(BREAK, href=href))
        elif tag in _LISTS:
            flow.end_paragraph()
            flow.blocks.extend(self.list_blocks(el, style))
        elif tag in _BLOCK:
            flow.end_paragraph()
            self.children(el, flow, style, href)
            flow.end_paragraph()
        elif tag == "a":
            self.children(el, flow, style, self.link(el, href))
        elif tag in _STYLES:
            self.children(el, flow, replace(style, **_STYLES[tag]), href)
        else:
            self.children(el, flow, style, href)

    def link(self, el: etree._Element, outer: str | None) -> str | None:
        if outer is not None:
            return outer  # a link inside a link: the outer one wins
        return safe_url(el.get("href"))  # refused addresses were reported from the raw fragment

    def list_blocks(self, el: etree._Element, style: Style) -> list[Block]:
        """The blocks an `ul`/`ol` becomes: usually one list; more when the typed
        numbers jump, or when stray paragraphs stand between items."""
        none_style = _list_style_none(el)
        default = Marker(ListKind.NUMBERED, ".", 1) if _tag(el) == "ol" else Marker(ListKind.BULLET, "•")
        out: list[Block] = []
        items: list[tuple[Marker, tuple[Block, ...]]] = []
        loose = _Flow()  # text standing in the list without an <li>

        def previous() -> Marker | None:
            return items[-1][0] if items else None

        def add_item(blocks: Iterable[Block], typed: Marker | None) -> None:
            prev = previous()
            if typed is not None:
                marker = typed
            elif prev is not None:
                marker = replace(prev, number=prev.number + 1)
            else:
                marker = default
            items.append((marker, tuple(blocks)))

        def flush_loose() -> None:
            for typed, toks in _split_loose(loose.toks):
                blocks = _blocks_of(toks)
                if blocks:
                    add_item(blocks, typed)
            loose.toks = []

        def flush_items() -> None:
            out.extend(group_items(items))
            items.clear()

        if el.text:
            loose.toks.append(Tok(el.text, style))
        for child in el:
            tag = _tag(child)
            if tag == "li":
                flush_loose()
                item = _Flow()
                self.children(child, item, style, None)
                item.end_paragraph()
                typed, blocks = _take_marker(item.blocks, none_style, default.kind)
                if blocks:
                    add_item(blocks, typed)
            elif tag in _BLOCK or tag in _LISTS:
                flush_loose()
                flush_items()
                stray = _Flow()
                self.node(child, stray, style, None)
                stray.end_paragraph()
                out.extend(stray.blocks)
            elif tag is not None:
                self.node(child, loose, style, None)
            if child.tail:
                loose.toks.append(Tok(child.tail, style))
        flush_loose()
        flush_items()
        return out


def _split_loose(toks: list[Tok]) -> list[tuple[Marker | None, list[Tok]]]:
    """Text standing in a list without `<li>` (as in the extracted original:
    `<ol> 1. a 2. b`) split into items at its typed markers."""
    toks = strip_toks(toks)
    text = text_of(toks)
    if not text.strip():
        return []
    points = split_points(text)
    if not points:
        return [(None, toks)]
    out: list[tuple[Marker | None, list[Tok]]] = []
    for n, (pos, marker) in enumerate(points):
        end = points[n + 1][0] if n + 1 < len(points) else None
        out.append((marker, slice_toks(toks, pos + marker.length, end)))
    return out


def _blocks_of(toks: list[Tok]) -> list[Block]:
    flow = _Flow(toks=list(toks))
    flow.end_paragraph()
    return flow.blocks


def _take_marker(blocks: list[Block], none_style: bool, list_kind: ListKind) -> tuple[Marker | None, list[Block]]:
    """An item's typed marker, removed from its text. In a list styled
    `list-style-type: none` any typed marker counts; elsewhere only one of the
    list's own kind (which the browser would otherwise have shown twice)."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None, blocks
    first = blocks[0]
    inlines = first.inlines
    lead = inlines[0] if inlines else None
    text = getattr(lead, "text", None)
    if not isinstance(text, str):
        return None, blocks
    marker = typed_marker(text)
    if marker is None or not (none_style or marker.kind is list_kind):
        return None, blocks
    rest = text[marker.length :]
    head = (replace(lead, text=rest),) if rest else ()  # type: ignore[type-var]
    return marker, [Paragraph(head + inlines[1:]), *blocks[1:]]


# What the sanitizer (nh3, on top of this module's own walk) lets through: the tags
# the walk understands, with only `href` and a list's `list-style-type`.
_SANITIZER_TAGS = (_BLOCK | _LISTS | set(_STYLES) | {"a", "br"}) - {"body", "html"}
_SANITIZER_DROP = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "title",
    "select",
    "textarea",
    "button",
    "audio",
    "video",
    "frameset",
    "frame",
    "head",
}


def sanitize(text: str) -> str:
    """The fragment cleaned by a maintained HTML sanitizer: unknown tags dropped (their
    text kept), scripts and the like dropped with their content, every attribute but
    `href` (http, https, mailto) and a list's `list-style-type` removed."""
    import nh3

    return nh3.clean(
        text,
        tags=_SANITIZER_TAGS,
        clean_content_tags=_SANITIZER_DROP,
        attributes={"a": {"href"}, "ul": {"style"}, "ol": {"style"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"list-style-type", "list-style"},
    )


def _refused_links(text: str) -> list[str]:
    """Link addresses in the raw fragment that the allow-list refuses (for warnings)."""
    try:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    refused = []
    for a in root.iter("a"):
        href = a.get("href")
        if href is not None and safe_url(href) is None and not _inside_dropped(a):
            refused.append(href)
    return refused


def _inside_dropped(el: etree._Element) -> bool:
    return any(_tag(parent) in _DROP for parent in el.iterancestors())


MAX_TAGS = 11_000  # tags in one cell: more than a full Excel cell (32,767 characters) of `<p>` holds
MAX_DEPTH = 100  # elements inside each other; libxml2 silently drops text past about 255
_ANY_TAG = re.compile(r"<[A-Za-z/]")
_CLEAN_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_VOID = frozenset({"br", "hr"})


@dataclass(frozen=True)
class Parsed:
    """What an HTML fragment gave: its blocks, the link addresses refused, the characters
    left out (referenced as `&#7;`), or why it was not read at all (message code, values)."""

    blocks: tuple[Block, ...] = ()
    refused: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    problem: tuple[str, dict[str, object]] | None = None


def _depth(clean_html: str) -> int:
    """How deep the elements of a sanitized fragment (every element closed) nest."""
    depth = deepest = 0
    for match in _CLEAN_TAG.finditer(clean_html):
        closing, tag = match.group(1), match.group(2).lower()
        if tag in _VOID or match.group(0).endswith("/>"):
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def parse_html(text: str) -> Parsed:
    """Blocks of an HTML fragment, checked first against the limits above so that no
    text is lost without a word and no cell takes long."""
    tags = sum(1 for _ in _ANY_TAG.finditer(text))
    if tags > MAX_TAGS:
        return Parsed(problem=("html_too_many_tags", {"count": tags, "limit": MAX_TAGS}))
    refused = tuple(_refused_links(text))
    cleaned, removed = clean(sanitize(text))
    depth = _depth(cleaned)
    if depth > MAX_DEPTH:
        return Parsed(refused=refused, problem=("html_too_deep", {"depth": depth, "limit": MAX_DEPTH}))
    try:
        root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    except (etree.ParserError, ValueError):
        return Parsed(refused=refused, removed=tuple(removed))
    flow = _Flow()
    _Walker().children(root, flow, PLAIN, None)
    flow.end_paragraph()
    return Parsed(tuple(flow.blocks), refused, tuple(removed))
