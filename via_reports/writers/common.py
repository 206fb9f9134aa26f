"""What every writer shows the same way: the document's fixed words (in Dutch),
its sections and navigation tabs, dates, and the document properties.

Writers and templates take these instead of deciding for themselves, so the Word,
HTML and PDF versions never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..editions import period_label
from ..model import Document, Level, Policy, inline_text, iter_paragraphs
from ..pdf_variants import DEFAULT_PDF_VARIANT
from ..profiles import DEFAULT_APPENDIX_LABEL, RAPPORT, Profile, appendix_heading
from ..theme import DEFAULT_THEME, Paper, Theme

TABLE_HEADERS = ("Nr.", "Programma/Beleid/aanpak", "Toelichting")
FRAMEWORKS_TITLE = "Wettelijke kaders"
FRAMEWORKS_ANCHOR = "wettelijke-kaders"
EMPTY_LEVEL = "Er staan op dit niveau geen beleidsstukken in dit overzicht."
NAV_LABEL = "Onderdelen"
LANG = "nl-NL"
SHARED_LABEL = "(regio)"
SHARED_NOTE = "Beleid met (regio) achter de titel is gedeeld: het komt uit de werkmap van de regio."
HANDOUT_HEAD_FILL = "E6E6E6"  # table header on paper: light grey, black text, legible in black and white

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Tab:
    label: str
    anchor: str
    level: Level | None = None  # None: Wettelijke kaders


@dataclass(frozen=True)
class BuildInfo:
    """What a build adds to the document: when it was made."""

    generated: dt.datetime  # timezone-aware
    fixed: bool = False  # True when SOURCE_DATE_EPOCH set the time: it then wins over Datum

    def display_date(self, document: Document) -> dt.date:
        return document.info.date or self.generated.date()

    def timestamp(self, document: Document) -> dt.datetime:
        """The files' creation time: SOURCE_DATE_EPOCH, else the Document sheet's Datum,
        else the moment of the build."""
        if not self.fixed and document.info.date is not None:
            return dt.datetime.combine(document.info.date, dt.time(), tzinfo=dt.UTC)
        return self.generated


@dataclass(frozen=True)
class Rendering:
    """Everything a writer needs: the document, when it was built, the house style,
    the profile (rapport, bijlage, handout) and its options."""

    document: Document
    build: BuildInfo
    theme: Theme = DEFAULT_THEME
    profile: Profile = RAPPORT
    appendix_label: str = DEFAULT_APPENDIX_LABEL
    qr: bool = False
    mark_periods: bool = True  # label rows whose period ended before, or ends in, the edition year
    pdf_variant: str = DEFAULT_PDF_VARIANT  # see pdf_variants.py
    mark_shared: bool = False  # --herkomst: mark the rows taken from a region's base workbook
    cache: bool = True  # PDF chunks may come from the chunk cache (writers/pdf_cache.py); --geen-cache

    @property
    def paper(self) -> Paper:
        return self.theme.page(self.profile.name)

    @property
    def organisation(self) -> str | None:
        return self.document.info.organisation or self.theme.organisation

    @property
    def heading(self) -> str:
        """The document's first words: its title, or the appendix heading."""
        if self.profile.title_page:
            return self.document.info.title
        return appendix_heading(self.appendix_label, self.document.info.title)

    @property
    def page_label(self) -> str:
        """What precedes `pagina X van Y`: the appendix label inside a larger document."""
        return "" if self.profile.title_page else f"{self.appendix_label} – "

    @property
    def tabs(self) -> tuple[Tab, ...]:
        return tabs(self.document) if self.profile.header_tabs else ()

    def selection_note(self) -> str | None:
        selection = self.document.selection
        return f"Selectie: {selection.describe()}" if selection else None

    def shared_label(self, policy: Policy) -> str | None:
        """`(regio)` after the title of a row shared by the region (with --herkomst)."""
        return SHARED_LABEL if self.mark_shared and policy.shared else None

    def shared_note(self) -> str | None:
        """What the marker means, said once at the start of the document."""
        if self.mark_shared and any(p.shared for p in self.document.policies):
            return SHARED_NOTE
        return None

    def tall_rows(self) -> frozenset[str]:
        """Rows that will not fit on one page: they may split at once, in the PDF and in
        Word (one estimate for both). Asking them to stay whole would push them to a new
        page first (leaving a page with a header row and nothing under it) and, in Word,
        cut off what does not fit on that page."""
        return frozenset(p.anchor for p in self.document.policies if estimated_share(p, self.paper) > 0.8)

    def period_label(self, policy: Policy) -> str | None:
        """`verlopen` or `loopt af in 2025` on a row, when the edition year is known."""
        if not self.mark_periods:
            return None
        return period_label(policy, self.document.info.edition_year)

    def change_groups(self) -> tuple[ChangeGroup, ...]:
        return change_groups(self.document)

    def shows_address(self, href: str, label: str) -> bool:
        """Whether a link's address is printed beside its text (handouts)."""
        return self.profile.print_addresses and label.strip() != href


CHANGES_ANCHOR = "wijzigingen"


@dataclass(frozen=True)
class ChangeLine:
    kind: str  # Nieuw, Vervallen, Gewijzigd
    text: str  # `Lokaal 8 – Nieuw plan`
    anchor: str | None = None  # the row in this document, when it is in it
    detail: str = ""  # what changed


@dataclass(frozen=True)
class ChangeGroup:
    heading: str
    lines: tuple[ChangeLine, ...]


def changes_heading(document: Document) -> str:
    assert document.changes is not None
    return f"Wijzigingen ten opzichte van {document.changes.old_label}"


def change_groups(document: Document) -> tuple[ChangeGroup, ...]:
    """The changes section as every format shows it: per level, then the laws."""
    changes = document.changes
    if changes is None:
        return ()
    shown = {p.anchor for p in document.policies}
    groups = []
    for lc in changes.levels:
        lines = [
            ChangeLine("Nieuw", f"{p.level.value} {p.nr} – {p.title}", p.anchor if p.anchor in shown else None)
            for p in lc.added
        ]
        lines += [ChangeLine("Vervallen", f"{p.level.value} {p.nr} – {p.title}") for p in lc.removed]
        for c in lc.changed:
            number = str(c.new.nr) if c.old.nr == c.new.nr else f"{c.new.nr} (was {c.old.nr})"
            detail = "; ".join(f"{f.field}: {f.summary}" for f in c.fields)
            anchor = c.new.anchor if c.new.anchor in shown else None
            lines.append(ChangeLine("Gewijzigd", f"{c.new.level.value} {number} – {c.new.title}", anchor, detail))
        if lines:
            groups.append(ChangeGroup(lc.level.value, tuple(lines)))
    laws = [ChangeLine("Nieuw", f"{c}: {f.name}") for c, f in changes.frameworks_added]
    laws += [ChangeLine("Vervallen", f"{c}: {f.name}") for c, f in changes.frameworks_removed]
    laws += [ChangeLine("Gewijzigd", f"{c}: {f.name}", None, what) for c, f, what in changes.frameworks_changed]
    if laws:
        groups.append(ChangeGroup(FRAMEWORKS_TITLE, tuple(laws)))
    return tuple(groups)


def estimated_share(policy: Policy, paper: Paper) -> float:
    """Roughly how much of a page the policy's row takes in the PDF (1.0: a full page):
    lines of its Toelichting at the column's width, for the default print stylesheet."""
    width_mm = paper.width_mm - 36 - (77 if paper.landscape else 55) - 4  # margins, Nr. and title columns, padding
    per_line = max(int(width_mm / 1.75), 20)  # characters of 9.5 pt text per line
    lines = 2 + len(policy.sources)
    for depth, paragraph in iter_paragraphs(policy.explanation):
        text = inline_text(paragraph.inlines)
        lines += sum(max(1, -(-len(part) // max(per_line - 4 * depth, 10))) for part in text.split("\n")) + 0.3
    capacity = (paper.height_mm - 36 - 10) / 4.4  # body height in mm over the line height
    return lines / capacity


def qr_png(url: str) -> bytes:
    """A QR code of `url` as PNG bytes (for Word)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def qr_data_url(url: str) -> str:
    """A QR code of `url` as a data: address of an SVG image (for HTML and PDF, where
    an <img> carries its alternative text)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=2, border=2)


def tabs(document: Document) -> tuple[Tab, ...]:
    """The navigation: one tab per level, and Wettelijke kaders when there are any."""
    out = [Tab(section.level.label, section.level.slug, section.level) for section in document.levels]
    if document.frameworks:
        out.append(Tab(FRAMEWORKS_TITLE, FRAMEWORKS_ANCHOR))
    return tuple(out)


def dutch_date(date: dt.date) -> str:
    """`2025-03-01` → `1 maart 2025`."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def subtitle_line(r: Rendering) -> str:
    """`Gemeente Oss · editie 2025 · 1 maart 2025`: who, which edition, when."""
    info = r.document.info
    parts = [r.organisation] if r.organisation else []
    if info.edition:
        parts.append(f"editie {info.edition}")
    parts.append(dutch_date(r.build.display_date(r.document)))
    return " · ".join(parts)


def subject(document: Document) -> str:
    info = document.info
    if info.subtitle:
        return f"{info.title}: {info.subtitle}"
    return f"Overzicht van beleid: {info.title}"


def keywords(document: Document) -> str:
    seen: dict[str, str] = {}
    for policy in document.policies:
        for theme in policy.themes:
            seen.setdefault(theme.casefold(), theme)
    return ", ".join(["ViA", *seen.values()])


def table_caption(level: Level) -> str:
    return f"{level.label} beleid"


def table_description(level: Level, count: int) -> str:
    return f"{count} beleidsstukken op {level.label.lower()} niveau, met nummer, titel en toelichting."
