"""The document model: what a report says, independent of any file format.

Readers produce it, writers consume it. Frozen dataclasses and enums only; no I/O
and no imports of openpyxl, docx or jinja. Rich text is already parsed here:
blocks (`Paragraph`, `ListBlock`) made of inlines (`Text`, `LineBreak`, `Link`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    LANDELIJK = "Landelijk"
    REGIONAAL = "Regionaal"
    LOKAAL = "Lokaal"

    @property
    def label(self) -> str:
        return self.value

    @property
    def slug(self) -> str:
        return self.value.lower()


class ListKind(Enum):
    BULLET = "bullet"
    NUMBERED = "numbered"


# --- where a thing came from -------------------------------------------------


def column_letter(index: int) -> str:
    """1 → A, 27 → AA (Excel's column names)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class CellRef:
    """A place in the workbook as a person finds it in Excel: `Beleid!B7`.

    Without a row it names a sheet, without a column a whole row (`Beleid!7:7`).
    In a document composed of two workbooks (a base and a local one) it also names
    its file: `regio-nob.xlsx Beleid!B7`.
    """

    sheet: str
    row: int | None = None
    column: int | None = None
    file: str | None = None
    header: bool = field(default=False, compare=False)  # the row is the sheet's header row

    def __str__(self) -> str:
        return f"{self.file} {self._in_sheet()}" if self.file else self._in_sheet()

    def _in_sheet(self) -> str:
        if self.row is None:
            return (
                self.sheet
                if self.column is None
                else f"{self.sheet}!{column_letter(self.column)}:{column_letter(self.column)}"
            )
        if self.column is None:
            return f"{self.sheet}!{self.row}:{self.row}"
        return f"{self.sheet}!{column_letter(self.column)}{self.row}"


# --- rich text ----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Link:
    """An external link (http, https or mailto; checked by the reader)."""

    href: str
    children: tuple[Text | LineBreak, ...]


Inline = Text | LineBreak | Link


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    """A real list. `marker` is the bullet the author typed (•, ▪, -, …) for a
    bulleted list, or the delimiter after the number ('.' or ')') for a numbered one."""

    kind: ListKind
    items: tuple[ListItem, ...]
    marker: str = "•"
    start: int = 1

    def marker_for(self, index: int) -> str:
        """The visible marker of item `index` (0-based): '•', or '3.'."""
        if self.kind is ListKind.BULLET:
            return self.marker
        return f"{self.start + index}{self.marker}"


Block = Paragraph | ListBlock


def inline_text(inlines: Iterable[Inline]) -> str:
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif isinstance(inline, LineBreak):
            parts.append("\n")
        else:
            parts.append(inline_text(inline.children))
    return "".join(parts)


def iter_paragraphs(blocks: Iterable[Block]) -> Iterator[tuple[int, Paragraph]]:
    """Every paragraph with its list depth (0 outside lists), in reading order."""

    def walk(blocks: Iterable[Block], depth: int) -> Iterator[tuple[int, Paragraph]]:
        for block in blocks:
            if isinstance(block, Paragraph):
                yield depth, block
            else:
                for item in block.items:
                    yield from walk(item.blocks, depth + 1)

    return walk(blocks, 0)


def plain_text(blocks: Iterable[Block]) -> str:
    """The text of blocks, one paragraph or list item a line (for diffs and tests)."""
    return "\n".join(inline_text(p.inlines) for _, p in iter_paragraphs(blocks))


# --- the overview -------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


@dataclass(frozen=True)
class Source:
    label: str
    url: str | None = None


@dataclass(frozen=True)
class Policy:
    level: Level
    nr: int
    title: str
    index_label: str
    explanation: tuple[Block, ...]
    sources: tuple[Source, ...] = ()
    period: Period | None = None
    themes: tuple[str, ...] = ()
    title_url: str | None = None
    origin: CellRef | None = None  # the row in the workbook
    shared: bool = False  # taken from a region's base workbook (shown only with --herkomst)

    @property
    def anchor(self) -> str:
        """A stable id for bookmarks and internal links: `lokaal-3`."""
        return f"{self.level.slug}-{self.nr}"


@dataclass(frozen=True)
class LevelSection:
    level: Level
    policies: tuple[Policy, ...]


@dataclass(frozen=True)
class LegalFramework:
    name: str
    url: str | None = None
    explanation: tuple[Block, ...] = ()
    origin: CellRef | None = None


@dataclass(frozen=True)
class FrameworkGroup:
    category: str
    frameworks: tuple[LegalFramework, ...]


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subtitle: str | None = None
    organisation: str | None = None
    edition: str | None = None
    date: _dt.date | None = None  # None: the build fills in its own date

    @property
    def edition_year(self) -> int | None:
        if self.edition and self.edition.isascii() and self.edition.isdigit() and len(self.edition) == 4:
            return int(self.edition)
        return None


# --- changes since an earlier edition (computed in editions.py) ----------------------


@dataclass(frozen=True)
class FieldChange:
    field: str  # one of FIELDS
    old: str
    new: str
    summary: str  # a short, readable word-level summary


@dataclass(frozen=True)
class PolicyChange:
    old: Policy
    new: Policy
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LevelChanges:
    level: Level
    added: tuple[Policy, ...] = ()
    removed: tuple[Policy, ...] = ()
    changed: tuple[PolicyChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Changes:
    """Everything that changed from `old_label` to `new_label` (an edition or file name)."""

    old_label: str
    levels: tuple[LevelChanges, ...]
    new_label: str = ""
    frameworks_added: tuple[tuple[str, LegalFramework], ...] = ()  # (category, framework)
    frameworks_removed: tuple[tuple[str, LegalFramework], ...] = ()
    frameworks_changed: tuple[tuple[str, LegalFramework, str], ...] = ()  # (category, new, what changed)

    @property
    def empty(self) -> bool:
        return all(level.empty for level in self.levels) and not (
            self.frameworks_added or self.frameworks_removed or self.frameworks_changed
        )


@dataclass(frozen=True)
class Selection:
    """Which policies a document shows: only these levels and/or themes (empty: all)."""

    levels: tuple[Level, ...] = ()
    themes: tuple[str, ...] = ()

    def describe(self) -> str:
        """`niveau Lokaal; thema jeugd`, as the document says it."""
        parts = []
        if self.levels:
            parts.append(
                ("niveau " if len(self.levels) == 1 else "niveaus ") + ", ".join(level.value for level in self.levels)
            )
        if self.themes:
            parts.append(("thema " if len(self.themes) == 1 else "thema's ") + ", ".join(self.themes))
        return "; ".join(parts)


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    intro: tuple[Block, ...] = ()
    levels: tuple[LevelSection, ...] = field(default_factory=lambda: tuple(LevelSection(level, ()) for level in Level))
    frameworks: tuple[FrameworkGroup, ...] = ()
    selection: Selection | None = None  # None: the whole workbook
    changes: Changes | None = None  # since an earlier edition (build --vorige)

    @property
    def policies(self) -> tuple[Policy, ...]:
        return tuple(p for section in self.levels for p in section.policies)

    def section(self, level: Level) -> LevelSection:
        return next(s for s in self.levels if s.level is level)
