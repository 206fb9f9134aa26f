"""The model's rich text written back in the typed form of a cell (`omzetten`).

The reverse of `reader/plain.py`: paragraphs separated by an empty line, a line
break as a new line, list items as lines that start with their marker (`• `, `1. `),
a nested list indented four spaces deeper, bold, italic and underline as styled
parts of the cell (Excel's own formatting).

A cell cannot hold a link with a text of its own. A link whose text is its address
stays that address (the reader makes it a link again); any other link is written as
its text followed by its address in brackets, `de brief (https://…)`, so that no word
and no address is lost. `meaning()` is the model that typed form stands for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import assert_never

from .model import Block, Inline, LineBreak, Link, ListBlock, ListItem, Paragraph, Text, inline_text
from .reader.inlines import PLAIN, Style, Tok

INDENT = "    "


@dataclass
class Typed:
    toks: list[Tok] = field(default_factory=list)  # the cell's text in styled parts ("\n" for a new line)
    relabelled: list[tuple[str, str]] = field(default_factory=list)  # (link text, address) written as text

    def add(self, text: str, style: Style = PLAIN) -> None:
        if text:
            self.toks.append(Tok(text, style))


def typed_form(blocks: Sequence[Block]) -> Typed:
    out = Typed()
    for n, block in enumerate(blocks):
        if n:
            out.add("\n\n")
        _block(out, block, "")
    return out


def _block(out: Typed, block: Block, indent: str) -> None:
    match block:
        case Paragraph(inlines):
            _inlines(out, inlines, indent)
        case ListBlock():
            for i, item in enumerate(block.items):
                if i:
                    out.add("\n")
                _item(out, item, f"{indent}{block.marker_for(i)} ", indent)
        case _:
            assert_never(block)


def _item(out: Typed, item: ListItem, prefix: str, indent: str) -> None:
    out.add(prefix)
    for n, block in enumerate(item.blocks):
        if n:
            out.add("\n" + (indent + INDENT if isinstance(block, Paragraph) else ""))
        _block(out, block, indent + INDENT)


def _inlines(out: Typed, inlines: Sequence[Inline], indent: str) -> None:
    for inline in inlines:
        match inline:
            case Text():
                out.add(inline.text, Style(inline.bold, inline.italic, inline.underline))
            case LineBreak():
                out.add("\n" + indent)
            case Link(href, children):
                _inlines(out, children, indent)
                if inline_text(children) != href:
                    out.relabelled.append((inline_text(children), href))
                    out.add(f" ({href})")
            case _:
                assert_never(inline)


def meaning(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The model the typed form of `blocks` stands for: the same, but every link
    with a text of its own as that text, then its address in brackets as a link."""
    return tuple(_mean_block(b) for b in blocks)


def _mean_block(block: Block) -> Block:
    match block:
        case Paragraph(inlines):
            return Paragraph(_mean_inlines(inlines))
        case ListBlock():
            items = tuple(ListItem(tuple(_mean_block(b) for b in item.blocks)) for item in block.items)
            return ListBlock(block.kind, items, block.marker, block.start)
        case _:
            assert_never(block)


def _mean_inlines(inlines: Sequence[Inline]) -> tuple[Inline, ...]:
    flat: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Link) and inline_text(inline.children) != inline.href:
            flat += [*inline.children, Text(" ("), Link(inline.href, (Text(inline.href),)), Text(")")]
        else:
            flat.append(inline)
    merged: list[Inline] = []
    for inline in flat:
        prev = merged[-1] if merged else None
        if isinstance(prev, Text) and isinstance(inline, Text) and _style(prev) == _style(inline):
            merged[-1] = Text(prev.text + inline.text, prev.bold, prev.italic, prev.underline)
        else:
            merged.append(inline)
    return tuple(merged)


def _style(text: Text) -> tuple[bool, bool, bool]:
    return text.bold, text.italic, text.underline
