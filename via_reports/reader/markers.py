"""Typed list markers (`• `, `▪ `, `- `, `1. `, `3) `) and grouping items into lists.

Shared by both rich-text syntaxes, so a typed marker means the same in a plain cell
and in an HTML list: it becomes the list's marker and disappears from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, ListBlock, ListItem, ListKind

# Bullets that may stand right against the text, and ones that need a space after
# them so that "-9 maanden" or "*noot" stay text.
_GLYPH_BULLETS = "•▪◦●○■□►➢✓·"
_SPACED_BULLETS = "-*–—"
_BULLET = re.compile(rf"^([{_GLYPH_BULLETS}])[ \t\u00a0]*|^([{re.escape(_SPACED_BULLETS)}])[ \t\u00a0]+")
_NUMBER = re.compile(r"^(\d{1,3})([.)])[ \t\u00a0]+")


@dataclass(frozen=True)
class Marker:
    kind: ListKind
    marker: str  # the bullet, or the delimiter after the number
    number: int = 0
    length: int = 0  # characters the typed marker (and its spaces) take up

    def continues(self, previous: Marker) -> bool:
        """Whether this item belongs in the same list as `previous`."""
        if (self.kind, self.marker) != (previous.kind, previous.marker):
            return False
        return self.kind is ListKind.BULLET or self.number == previous.number + 1


def typed_marker(text: str) -> Marker | None:
    """The marker a line or list item starts with, if any (after no white space)."""
    if m := _NUMBER.match(text):
        return Marker(ListKind.NUMBERED, m.group(2), int(m.group(1)), m.end())
    if m := _BULLET.match(text):
        rest = text[m.end() :]
        if not rest.strip():
            return None  # a lone dash is text, not an empty item
        return Marker(ListKind.BULLET, m.group(1) or m.group(2), 0, m.end())
    return None


def split_points(text: str) -> list[tuple[int, Marker]]:
    """Where a run of text with typed markers (`1. a 2. b 3. c`, `• a • b`) splits
    into items, as (position, marker) pairs; empty when the text starts with none.

    Only the marker the text starts with counts, and numbers only when they follow
    each other (1, 2, 3 …), so "(-9 maanden tot 100+ jaar)" or "zorg- en" never split.
    """
    first = typed_marker(text)
    if first is None:
        return []
    if first.kind is ListKind.NUMBERED:
        pattern = rf"(\d{{1,3}}){re.escape(first.marker)}[ \t\u00a0]+"
    elif first.marker in _GLYPH_BULLETS:
        pattern = rf"{re.escape(first.marker)}[ \t\u00a0]*"
    else:
        pattern = rf"{re.escape(first.marker)}[ \t\u00a0]+"
    out: list[tuple[int, Marker]] = []
    expected = first.number
    for m in re.finditer(rf"(?:^|(?<=\s)){pattern}", text):
        number = 0
        if first.kind is ListKind.NUMBERED:
            number = int(m.group(1))
            if number != expected:
                continue
            expected += 1
        out.append((m.start(), Marker(first.kind, first.marker, number, m.end() - m.start())))
    return out


def group_items(items: list[tuple[Marker, tuple[Block, ...]]]) -> list[ListBlock]:
    """Consecutive items with the same kind and marker (and numbers that follow each
    other) become one list; a jump in the numbers starts a new list at that number,
    so every visible number stays what the author typed."""
    lists: list[ListBlock] = []
    run: list[ListItem] = []
    first: Marker | None = None
    previous: Marker | None = None
    for marker, blocks in items:
        if previous is None or not marker.continues(previous):
            if run and first is not None:
                lists.append(_list(first, run))
            run, first = [], marker
        run.append(ListItem(blocks))
        previous = marker
    if run and first is not None:
        lists.append(_list(first, run))
    return lists


def _list(first: Marker, items: list[ListItem]) -> ListBlock:
    start = first.number if first.kind is ListKind.NUMBERED else 1
    return ListBlock(first.kind, tuple(items), first.marker, start)
