"""The workbook → the document model, exactly per the contract.

Every problem is collected (errors and warnings, each at its cell) before anything
is decided; a document is returned only when there is no error. Numbering, sorting
and draft filtering happen here, not in templates or writers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..contract import BELEID, DEFAULT_TITLE, DOCUMENT, EXCLUDE_VALUES, KADERS, SETTINGS, normalize_name
from ..diagnostics import Diagnostic, error, errors_in, warning
from ..links import looks_like_address, safe_url, www_address
from ..model import (
    Block,
    CellRef,
    Document,
    DocumentInfo,
    FrameworkGroup,
    LegalFramework,
    Level,
    LevelSection,
    Period,
    Policy,
    Source,
)
from .cells import Row, Table, cell_toks, find_sheet, is_blank, open_workbook, read_table, shown
from .markers import typed_marker
from .richtext import parse_rich_text

_LEVELS = {normalize_name(level.value): level for level in Level}
_PERIOD = re.compile(r"^([0-9]{4})(?:\s*(?:[-–—]|t/m|tot en met)\s*([0-9]{4}))?$", re.IGNORECASE)
_ASCII_NUMBER = re.compile(r"^[0-9]+$")
MAX_NR = 9999  # a policy number; more is a typing or formula mistake


_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})


@dataclass
class ReadResult:
    """What reading a workbook gave: the document (None when there are errors) and
    every diagnostic, in workbook order."""

    path: Path
    document: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    excluded: int = 0  # rows left out with Opnemen = nee
    parts: PartFacts = field(default_factory=lambda: PartFacts())

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class PartFacts:
    """What composing this workbook with a base (reader/compose.py) needs to know
    beyond the document: which cells said what, row by row."""

    basis: tuple[str, CellRef] | None = None  # the Basis setting as typed, and its cell
    settings: frozenset[str] = frozenset()  # the Document settings given a value (their keys)
    typed_nr: frozenset[int] = frozenset()  # rows whose Nr was typed (not numbered by the reader)
    nr_cells: dict[int, CellRef] = field(default_factory=dict)  # row → its Nr cell
    title_cells: dict[int, CellRef] = field(default_factory=dict)  # row → its Titel cell
    period_cells: dict[int, CellRef] = field(default_factory=dict)  # row → its Periode cell (valid periods)
    left_out: tuple[tuple[str, str, CellRef], ...] = ()  # Opnemen = nee rows: (Niveau, Titel, Titel cell)


def read_workbook(path: str | Path, *, today: dt.date | None = None, part: bool = False) -> ReadResult:
    """Read `path` (never writing it). `today` fills in the date when the workbook
    gives none; without it the date stays None for the build to decide. A `part` of a
    composed document (or a workbook that names a Basis) may hold no policy of its own."""
    path = Path(path)
    book, problems = open_workbook(path)
    if book is None:
        return ReadResult(path, None, problems)
    diags: list[Diagnostic] = list(problems)
    reader = _Reader(diags)
    policies: list[Policy] = []
    ws = find_sheet(book, BELEID, path.name, diags)
    if ws is not None and (table := read_table(ws, BELEID, diags)) is not None:
        policies = reader.policies(table)
    frameworks: tuple[FrameworkGroup, ...] = ()
    ws = find_sheet(book, KADERS, path.name, diags)
    if ws is not None and (table := read_table(ws, KADERS, diags)) is not None:
        frameworks = reader.frameworks(table)
    info, intro = DocumentInfo(DEFAULT_TITLE, date=today), ()
    ws = find_sheet(book, DOCUMENT, path.name, diags)
    if ws is not None and (table := read_table(ws, DOCUMENT, diags)) is not None:
        info, intro = reader.settings(table, today)
    if not policies and reader.empty is not None and not (part or reader.facts.basis):
        diags.append(reader.empty)
    if info.edition_year is not None:
        cells = reader.period_cells
        diags += period_warnings(policies, info.edition_year, lambda p: cells.get(p.origin.row if p.origin else -1))
    diags.sort(key=Diagnostic.sort_key)
    facts = reader.facts
    if errors_in(diags):
        return ReadResult(path, None, diags, reader.excluded, facts)
    levels = tuple(
        LevelSection(level, tuple(sorted((p for p in policies if p.level is level), key=lambda p: p.nr)))
        for level in Level
    )
    return ReadResult(path, Document(info, intro, levels, frameworks), diags, reader.excluded, facts)


PERIOD_WARNINGS = ("period_expired", "period_ends", "period_expired_many", "period_ends_many")


def period_warnings(
    policies: Iterable[Policy], year: int, cell: Callable[[Policy], CellRef | None]
) -> list[Diagnostic]:
    """With an edition year: periods that ended before it, and those ending in it, each
    at the policy's Periode cell (`cell(policy)`), with what to do; several of a kind in
    one workbook are one warning that names every cell."""
    found: dict[tuple[str, str | None], list[tuple[CellRef, Policy]]] = {}
    for policy in policies:
        ref = cell(policy)
        if policy.period is None or ref is None:
            continue
        if policy.period.end < year:
            found.setdefault(("period_expired", ref.file), []).append((ref, policy))
        elif policy.period.end == year:
            found.setdefault(("period_ends", ref.file), []).append((ref, policy))
    out = []
    for (code, file), items in found.items():
        if len(items) == 1:
            ((ref, policy),) = items
            out.append(warning(code, ref, period=str(policy.period), year=year))
        else:
            cells = ", ".join(f"{replace(ref, file=None)} ({policy.period})" for ref, policy in items)
            place = CellRef(items[0][0].sheet, file=file)
            out.append(warning(f"{code}_many", place, count=len(items), year=year, cells=cells))
    return out


@dataclass
class _Draft:
    row: Row
    level: Level | None
    nr: int | None


class _Reader:
    def __init__(self, diags: list[Diagnostic]):
        self.diags = diags
        self.excluded = 0
        # cells already reported as formulas without a value: not also "empty"
        self.unknown = {d.location for d in diags if d.code == "formula_no_value"}
        self.period_cells: dict[int, CellRef] = {}  # row number → its Periode cell
        self.facts = PartFacts(period_cells=self.period_cells)
        self.empty: Diagnostic | None = None  # "nothing to publish", unless this is a part

    # --- shared field readers

    def _excel_error(self, row: Row, key: str) -> bool:
        value = row.value(key)
        if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
            self.diags.append(error("excel_error", row.ref(key), value=value.strip()))
            return True
        return False

    def _text(self, row: Row, key: str, *, required: bool = False) -> str:
        if self._excel_error(row, key) or row.ref(key) in self.unknown:
            return ""
        text = row.text(key)
        if required and not text and row.table.has(key):
            self.diags.append(error("required_missing", row.ref(key), column=row.table.spec.column(key).name))
        return text

    def _rich(self, row: Row, key: str, *, required: bool = False) -> tuple[Block, ...]:
        if not self._text(row, key, required=required):
            return ()
        rich = parse_rich_text(cell_toks(row.value(key)))
        for href in rich.refused_links:
            self.diags.append(warning("link_refused", row.ref(key), href=href))
        if rich.removed_chars:
            self.diags.append(warning("char_removed", row.ref(key), chars=", ".join(rich.removed_chars)))
        if rich.problem is not None:
            code, params = rich.problem
            self.diags.append(error(code, row.ref(key), **params))
        elif required and not rich.blocks:
            self.diags.append(error("html_no_text", row.ref(key), column=row.table.spec.column(key).name))
        return rich.blocks

    def _url(self, raw: str | None, ref: CellRef) -> str | None:
        if not raw:
            return None
        url = safe_url(raw)
        if url is None:
            self.diags.append(warning("link_refused", ref, href=raw))
        return url

    def _www(self, raw: str | None, ref: CellRef) -> str | None:
        """`www.…` is read as `https://www.…`, and the warning says so."""
        full = www_address(raw) if raw else None
        if full is None:
            return raw
        self.diags.append(warning("link_www", ref, address=raw, url=full))
        return full

    # --- Beleid

    def policies(self, table: Table) -> list[Policy]:
        drafts: list[tuple[_Draft, Policy]] = []
        rows = 0
        for row in table.rows:
            rows += 1
            if normalize_name(row.text("opnemen")) in EXCLUDE_VALUES:
                self.excluded += 1
                self.facts.left_out += ((row.text("niveau"), row.text("titel"), row.ref("titel")),)
                continue
            self.facts.nr_cells[row.number] = row.ref("nr")
            self.facts.title_cells[row.number] = row.ref("titel")
            draft = _Draft(row, self._level(row), self._nr(row))
            title = self._text(row, "titel", required=True)
            policy = Policy(
                level=draft.level or Level.LANDELIJK,
                nr=0,
                title=title,
                index_label=self._text(row, "korte titel") or title,
                explanation=self._rich(row, "toelichting", required=True),
                sources=self._sources(row),
                period=self._period(row),
                themes=self._themes(row),
                title_url=self._url(row.hyperlink("titel"), row.ref("titel")),
                origin=CellRef(table.sheet_name, row.number),
            )
            drafts.append((draft, policy))
        if not drafts:
            code = "all_excluded" if rows else "no_policies"
            self.empty = error(code, table.sheet_name, count=rows)
        self.facts.typed_nr = frozenset(d.row.number for d, _ in drafts if d.nr is not None)
        return self._numbered(drafts)

    def _level(self, row: Row) -> Level | None:
        if not row.table.has("niveau") or self._excel_error(row, "niveau") or row.ref("niveau") in self.unknown:
            return None
        raw = row.text("niveau")
        if not raw:
            self.diags.append(error("level_missing", row.ref("niveau")))
            return None
        level = _LEVELS.get(normalize_name(raw))
        if level is None:
            self.diags.append(error("level_unknown", row.ref("niveau"), value=shown(raw)))
        return level

    def _nr(self, row: Row) -> int | None:
        value = row.value("nr")
        if value is None or (isinstance(value, str) and not value.strip()) or self._excel_error(row, "nr"):
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and _ASCII_NUMBER.match(value.strip()):
            digits = value.strip().lstrip("0") or "0"
            number = int(digits) if len(digits) <= 12 else MAX_NR + 1  # int() refuses thousands of digits
        if number is not None and number > MAX_NR:
            self.diags.append(error("nr_too_big", row.ref("nr"), value=shown(value), limit=MAX_NR))
            return None
        if number is None or number < 1:
            self.diags.append(error("nr_invalid", row.ref("nr"), value=shown(value), limit=MAX_NR))
            return None
        return number

    def _numbered(self, drafts: list[tuple[_Draft, Policy]]) -> list[Policy]:
        """Explicit numbers must be unique per level; empty ones get the next free
        number after the previous row of that level, in row order."""
        used: dict[Level, dict[int, CellRef]] = {level: {} for level in Level}
        for draft, _ in drafts:
            if draft.level is None or draft.nr is None:
                continue
            first = used[draft.level].get(draft.nr)
            if first is not None:
                self.diags.append(
                    error("nr_duplicate", draft.row.ref("nr"), nr=draft.nr, level=draft.level.value, other=str(first))
                )
            else:
                used[draft.level][draft.nr] = draft.row.ref("nr")
        last = dict.fromkeys(Level, 0)
        result: list[Policy] = []
        for draft, policy in drafts:
            if draft.level is None:
                continue
            nr = draft.nr
            if nr is None:
                nr = last[draft.level] + 1
                while nr in used[draft.level]:
                    nr += 1
                used[draft.level][nr] = draft.row.ref("nr")
            last[draft.level] = nr
            result.append(replace(policy, level=draft.level, nr=nr))
        return result

    def _period(self, row: Row) -> Period | None:
        raw = self._text(row, "periode")
        if not raw:
            return None
        match = _PERIOD.match(" ".join(raw.split()))
        if match is None:
            self.diags.append(error("period_invalid", row.ref("periode"), value=shown(raw)))
            return None
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if end < start:
            self.diags.append(error("period_reversed", row.ref("periode"), value=shown(raw)))
            return None
        self.period_cells[row.number] = row.ref("periode")
        return Period(start, end)

    def _themes(self, row: Row) -> tuple[str, ...]:
        raw = self._text(row, "themas")
        themes: list[str] = []
        for part in re.split(r"[,;\n]", raw):
            theme = " ".join(part.split())
            if theme and normalize_name(theme) not in {normalize_name(t) for t in themes}:
                themes.append(theme)
        return tuple(themes)

    def _sources(self, row: Row) -> tuple[Source, ...]:
        raw = self._text(row, "bronnen")
        ref = row.ref("bronnen")
        sources: list[Source] = []
        for line in raw.split("\n"):
            line = line.strip()
            if marker := typed_marker(line):
                line = line[marker.length :].strip()
            if not line:
                continue
            label, address = line, None
            if "|" in line:
                left, right = (part.strip() for part in line.rsplit("|", 1))
                label, address = left or right, right or None
            elif looks_like_address(line) or www_address(line):
                address = line
            sources.append(Source(label, self._url(self._www(address, ref), ref)))
        cell_link = row.hyperlink("bronnen")
        if cell_link:
            if len(sources) == 1 and sources[0].url is None:
                sources[0] = Source(sources[0].label, self._url(cell_link, ref))
            elif len(sources) > 1:
                self.diags.append(warning("hyperlink_unused", ref, href=cell_link, count=len(sources)))
        return tuple(sources)

    # --- Wettelijke kaders

    def frameworks(self, table: Table) -> tuple[FrameworkGroup, ...]:
        groups: dict[str, tuple[str, list[LegalFramework]]] = {}
        for row in table.rows:
            category = self._text(row, "categorie", required=True)
            name = self._text(row, "naam", required=True)
            explanation = self._rich(row, "toelichting")
            raw_link = self._www(self._text(row, "link") or None, row.ref("link"))
            if raw_link and not looks_like_address(raw_link):
                raw_link = None  # a label in the Link cell: the address can only be the cell's hyperlink
            url = self._url(raw_link or row.hyperlink("link"), row.ref("link"))
            if not category or not name:
                continue
            key = normalize_name(category)
            groups.setdefault(key, (category, []))[1].append(
                LegalFramework(name, url, explanation, CellRef(table.sheet_name, row.number))
            )
        return tuple(FrameworkGroup(category, tuple(items)) for category, items in groups.values())

    # --- Document

    def settings(self, table: Table, today: dt.date | None) -> tuple[DocumentInfo, tuple[Block, ...]]:
        known = {s.key: s for s in SETTINGS}
        rows: dict[str, Row] = {}
        for row in table.rows:
            name = row.text("veld")
            if not name:
                self.diags.append(warning("setting_unnamed", row.ref("waarde")))
                continue
            key = normalize_name(name)
            if key not in known:
                names = ", ".join(s.name for s in SETTINGS)
                self.diags.append(warning("setting_unknown", row.ref("veld"), name=shown(name), known=names))
            elif key in rows:
                self.diags.append(
                    warning("setting_twice", row.ref("veld"), name=shown(name), other=str(rows[key].ref("veld")))
                )
            else:
                rows[key] = row

        def text(key: str) -> str | None:
            row = rows.get(key)
            return (self._text(row, "waarde") or None) if row else None

        edition = text("editie")
        if edition and not (edition.isascii() and edition.isdigit() and len(edition) == 4):
            self.diags.append(warning("edition_not_year", rows["editie"].ref("waarde"), value=shown(edition)))
        date = self._date(rows["datum"]) if "datum" in rows else None
        self.facts.settings = frozenset(key for key, row in rows.items() if not is_blank(row.value("waarde")))
        if basis := text("basis"):
            self.facts.basis = (basis, rows["basis"].ref("waarde"))
        info = DocumentInfo(
            title=text("titel") or DEFAULT_TITLE,
            subtitle=text("ondertitel"),
            organisation=text("organisatie"),
            edition=edition,
            date=date or today,
        )
        intro = self._rich(rows["inleiding"], "waarde") if "inleiding" in rows else ()
        return info, intro

    def _date(self, row: Row) -> dt.date | None:
        value = row.value("waarde")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raw = self._text(row, "waarde")
        if not raw:
            return None
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        self.diags.append(error("date_invalid", row.ref("waarde"), value=shown(raw)))
        return None
