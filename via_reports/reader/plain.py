"""Rich text as typed in a cell: lines (Alt+Enter), typed bullets and numbers.

- an empty line separates paragraphs;
- a run of lines that start with a bullet (• ▪ ◦ - * –) is a bulleted list with that
  bullet; lines that start with `1.` or `1)` a numbered list starting at that number;
- deeper indented list lines make a nested list; a deeper indented line without a
  marker continues the item above it;
- any other single line break stays a line break.

Works on styled tokens, so bold or italic parts of an Excel cell survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Block, ListBlock, Paragraph
from .inlines import BREAK, Tok, slice_toks, strip_toks, text_of, to_inlines
from .markers import Marker, group_items, typed_marker

_TAB = 4
MAX_LIST_DEPTH = 40  # lists inside lists: more cannot be a real outline, and would exhaust the writers


class ListTooDeep(ValueError):
    """Typed lines indented into more than MAX_LIST_DEPTH nested lists."""


@dataclass
class _Line:
    indent: int
    marker: Marker | None
    content: list[Tok]  # without indent and marker

    @property
    def blank(self) -> bool:
        return self.marker is None and not self.content


@dataclass
class _Item:
    marker: Marker
    indent: int
    blocks: list[Block | list[Tok]] = field(default_factory=list)  # list[Tok]: an open paragraph


def _split_lines(toks: Sequence[Tok]) -> list[list[Tok]]:
    lines: list[list[Tok]] = [[]]
    for tok in toks:
        parts = tok.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Tok(part, tok.style, tok.href))
    return lines


def _classify(toks: list[Tok]) -> _Line:
    text = text_of(toks)
    body = text.lstrip(" \t\u00a0")
    indent = sum(_TAB if ch == "\t" else 1 for ch in text[: len(text) - len(body)])
    start = len(text) - len(body)
    marker = typed_marker(body)
    if marker is not None:
        start += marker.length
    return _Line(indent, marker, strip_toks(slice_toks(toks, start)))


def _paragraph(lines: list[list[Tok]]) -> Paragraph:
    toks: list[Tok] = []
    for i, line in enumerate(lines):
        if i:
            toks.append(BREAK)
        toks.extend(line)
    return Paragraph(to_inlines(toks, fold_space=False))


def _finish(item: _Item) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for block in item.blocks:
        if isinstance(block, list):
            paragraph = _paragraph([block])
            if paragraph.inlines:
                blocks.append(paragraph)
        else:
            blocks.append(block)
    return tuple(blocks)


def _next_nonblank(lines: list[_Line], i: int) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i


def _parse_list(lines: list[_Line], i: int, depth: int = 1) -> tuple[list[ListBlock], int]:
    if depth > MAX_LIST_DEPTH:
        raise ListTooDeep(depth)
    indent = lines[i].indent
    items: list[_Item] = []
    while i < len(lines):
        line = lines[i]
        if line.blank:
            j = _next_nonblank(lines, i)
            nxt = lines[j] if j < len(lines) else None
            if nxt is None or nxt.marker is None or nxt.indent != indent or not items:
                break
            if not nxt.marker.continues(items[-1].marker):
                break
            i = j
            continue
        if line.marker is None:
            if not items or line.indent <= indent:
                break
            last = items[-1].blocks
            if last and isinstance(last[-1], list):
                last[-1].extend([BREAK, *line.content])
            else:
                last.append(list(line.content))
            i += 1
        elif line.indent > indent and items:
            nested, i = _parse_list(lines, i, depth + 1)
            items[-1].blocks.extend(nested)
        elif line.indent < indent:
            break
        else:
            items.append(_Item(line.marker, line.indent, [list(line.content)]))
            i += 1
    return group_items([(item.marker, _finish(item)) for item in items]), i


def parse_plain(toks: Sequence[Tok]) -> tuple[Block, ...]:
    lines = [_classify(line) for line in _split_lines(toks)]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank:
            i += 1
        elif line.marker is not None:
            lists, i = _parse_list(lines, i)
            blocks.extend(lists)
        else:
            run: list[list[Tok]] = []
            while i < len(lines) and not lines[i].blank and lines[i].marker is None:
                run.append(lines[i].content)
                i += 1
            paragraph = _paragraph(run)
            if paragraph.inlines:
                blocks.append(paragraph)
    return tuple(blocks)
