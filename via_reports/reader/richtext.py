"""Rich text (Toelichting, Inleiding) → model blocks, from either syntax.

The only place rich text is parsed: a cell holding an HTML fragment goes to
`html.parse_html`, anything else (typed text, possibly with Excel's own bold or
italic parts) to `plain.parse_plain`. Both give the same kind of blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Block, iter_paragraphs
from .html import looks_like_html, parse_html
from .inlines import Tok, text_of
from .plain import MAX_LIST_DEPTH, ListTooDeep, parse_plain


@dataclass(frozen=True)
class RichText:
    blocks: tuple[Block, ...]
    refused_links: tuple[str, ...] = ()
    removed_chars: tuple[str, ...] = ()  # characters no document can hold, left out (U+0007 …)
    problem: tuple[str, dict[str, object]] | None = None  # why the cell was not read: (message code, values)


def parse_rich_text(value: str | Sequence[Tok]) -> RichText:
    """`value` is a cell's text, or its styled parts when Excel formatted part of it."""
    toks = [Tok(value)] if isinstance(value, str) else list(value)
    text = text_of(toks)
    too_deep = ("list_too_deep", {"limit": MAX_LIST_DEPTH})
    if looks_like_html(text):
        parsed = parse_html(text)
        rich = RichText(parsed.blocks, parsed.refused, parsed.removed, parsed.problem)
    else:
        try:
            rich = RichText(parse_plain(toks))
        except ListTooDeep:
            return RichText((), problem=too_deep)
    if rich.problem is None and max((depth for depth, _ in iter_paragraphs(rich.blocks)), default=0) > MAX_LIST_DEPTH:
        return replace(rich, blocks=(), problem=too_deep)
    return rich
