"""One region, many municipalities: a base workbook + a local workbook → ONE document.

A local workbook names its base in the Document field `Basis` (a path from the
workbook's folder), or the user gives `--basis`, which wins. The rules:

- the base's policies come first, then the local ones (shown by Nr within a level);
- the local Document settings win over the base's, which are the defaults;
- Wettelijke kaders from both, local rows after the base's in each group; a law in
  both (the same Naam) is one, with the local Link and Toelichting where it has them;
- a local row with the same Niveau and Titel as a base row (matched as the contract
  matches names) replaces it, keeping the base's number unless it carries its own;
  with `Opnemen = nee` it leaves that base policy out;
- numbers: the base's are kept; local rows without a number continue after the
  highest base number of their level; a local number that a base row of the level
  already has is an error naming both files and cells;
- one level only: a base that names a base is refused; a base with errors stops
  everything, its problems reported with its file name. Period checks use the
  composed Editie (the local one, else the base's).

Every diagnostic of a composed document names its file (`regio.xlsx Beleid!B4`);
a workbook without a base is read exactly as before. Writers, diff and selection
only ever see the composed `Document`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path, PureWindowsPath

from ..contract import normalize_name
from ..diagnostics import Diagnostic, error, errors_in, warning
from ..editions import SIMILAR
from ..model import CellRef, Document, DocumentInfo, FrameworkGroup, LegalFramework, Level, LevelSection, Policy
from .workbook import PERIOD_WARNINGS, ReadResult, period_warnings, read_workbook

OPTION = "--basis"
_LEVELS = {normalize_name(level.value): level for level in Level}


@dataclass
class ComposedResult(ReadResult):
    """A local workbook read together with its base."""

    basis: Path | None = None
    shared: int = 0  # base policies in the document as the base has them
    replaced: int = 0  # base policies replaced by a local row
    dropped: int = 0  # base policies left out (Opnemen = nee)


def read_document(
    path: str | Path, *, basis: str | Path | None = None, today=None, cell_basis: bool = True
) -> ReadResult | ComposedResult:
    """The workbook at `path`, composed with its base when it names one (or `basis`
    is given: it wins over the workbook's own Basis). Without either, exactly
    `read_workbook(path)`. With `cell_basis` False (a workbook someone uploaded to a
    server) the workbook's own Basis cell may not name a file to read: an error at the
    cell unless `basis` is given."""
    path = Path(path)
    local = read_workbook(path, today=today, part=basis is not None)
    if basis is None and local.parts.basis is None:
        return local
    problems: list[Diagnostic] = []
    if basis is None and not cell_basis:
        assert local.parts.basis is not None
        problems.append(error("basis_not_here", local.parts.basis[1], value=_cleaned(local.parts.basis[0])))
        result = ComposedResult(path, None, [*local.diagnostics, *problems], local.excluded)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result
    target, where = locate_basis(path, local, basis, problems)
    if target is None:
        result = ComposedResult(path, None, [*in_file(local.diagnostics, path.name), *problems], local.excluded)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result
    return compose(local, read_base(target), where=where, problems=problems)


def named_base(path: str | Path) -> Path | None:
    """The file the Basis cell of the workbook at `path` names (relative to it), if any."""
    path = Path(path)
    cell = read_workbook(path, part=True).parts.basis
    return _from_cell(path, cell[0]) if cell else None


def read_base(path: str | Path) -> ReadResult:
    """A base workbook: the same contract; it may hold no policy of its own."""
    return read_workbook(path, part=True)


def locate_basis(
    path: Path, local: ReadResult, basis: str | Path | None, problems: list[Diagnostic]
) -> tuple[Path | None, CellRef | str]:
    """The base's file and where to report problems with it (the Basis cell or
    `--basis`); None when there is no usable file."""
    cell = local.parts.basis
    cell_ref = replace(cell[1], file=path.name) if cell else None
    if basis is not None:
        where: CellRef | str = OPTION
        target, value = Path(basis), str(basis)
        if cell is not None and not _same(target, _from_cell(path, cell[0])):
            problems.append(warning("basis_overridden", cell_ref, option=value, value=cell[0]))
    else:
        assert cell is not None and cell_ref is not None
        where, value = cell_ref, cell[0]
        target = _from_cell(path, value)
        if Path(_cleaned(value)).is_absolute() or PureWindowsPath(value).drive:
            problems.append(warning("basis_absolute", cell_ref, name=PureWindowsPath(_cleaned(value)).name))
    if value.strip().lower().startswith(("http://", "https://")):
        problems.append(error("basis_url", where, value=value))
        return None, where
    if _same(target, path):
        problems.append(error("basis_self", where))
        return None, where
    if not _exists(target):
        problems.append(error("basis_missing", where, value=value, path=os.path.normpath(target)))
        return None, where
    return target, where


def _cleaned(value: str) -> str:
    """A path as typed: quotes from Windows' "Copy as path" off, backslashes as slashes."""
    return value.strip().strip('"').strip().replace("\\", "/")


def _from_cell(path: Path, value: str) -> Path:
    typed = Path(_cleaned(value))
    return typed if typed.is_absolute() else path.parent / typed


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, ValueError):  # a name too long, a NUL character: not the same file
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def in_file(diagnostics: list[Diagnostic], name: str) -> list[Diagnostic]:
    """The diagnostics of one workbook of a composed document, each naming its file."""
    out = []
    for d in diagnostics:
        loc = d.location
        if isinstance(loc, CellRef):
            loc = replace(loc, file=name)
        elif loc is None:
            loc = name
        elif Path(loc).name != name:  # a sheet (a location naming the file already says it)
            loc = CellRef(str(loc), file=name)
        out.append(replace(d, location=loc))
    return out


def nested(base: ReadResult, name: str) -> list[Diagnostic]:
    """A base that names a base of its own is refused: one level of composition."""
    if base.parts.basis is None:
        return []
    return [error("basis_nested", replace(base.parts.basis[1], file=name), name=name)]


def compose(
    local: ReadResult, base: ReadResult, *, where: CellRef | str = OPTION, problems: list[Diagnostic] | None = None
) -> ComposedResult:
    """`local` composed over `base` (both already read) by the rules in this module's
    docstring. The document is None when either has errors or they conflict."""
    lname = local.path.name
    bname = base.path.name if base.path.name != lname else str(base.path)
    base_diags = in_file(base.diagnostics, bname)
    local_diags = in_file(local.diagnostics, lname) + list(problems or ())
    base_diags += nested(base, bname)
    if errors_in(base_diags):
        local_diags.append(error("basis_broken", where, name=bname))
    result = ComposedResult(local.path, None, [], local.excluded + base.excluded, basis=base.path)
    if local.document is not None and base.document is not None and not errors_in(base_diags):
        composer = _Composer(local, base, lname, bname)
        document = composer.document()
        local_diags += composer.problems
        if not errors_in(composer.problems):
            result.document = document
            result.shared, result.replaced, result.dropped = composer.shared, composer.replaced, composer.dropped
            # each workbook checked its periods against its own Editie; the composed one counts
            base_diags = [d for d in base_diags if d.code not in PERIOD_WARNINGS]
            local_diags = [d for d in local_diags if d.code not in PERIOD_WARNINGS]
            for d in composer.period_warnings(document):
                in_base = isinstance(d.location, CellRef) and d.location.file == bname
                (base_diags if in_base else local_diags).append(d)
    base_diags.sort(key=Diagnostic.sort_key)
    local_diags.sort(key=Diagnostic.sort_key)
    result.diagnostics = base_diags + local_diags
    return result


def _key(title: str) -> str:
    return normalize_name(title)


class _Composer:
    def __init__(self, local: ReadResult, base: ReadResult, lname: str, bname: str):
        assert local.document is not None and base.document is not None
        self.local, self.base = local, base
        self.lname, self.bname = lname, bname
        self.problems: list[Diagnostic] = []
        self.shared = self.replaced = self.dropped = 0
        self.left_out: dict[tuple[Level, str], CellRef] = {}
        for niveau, titel, ref in local.parts.left_out:
            level = _LEVELS.get(normalize_name(niveau))
            if level is not None and titel:
                self.left_out.setdefault((level, _key(titel)), replace(ref, file=lname))

    def _local_cell(self, cells: dict[int, CellRef], policy: Policy) -> CellRef:
        assert policy.origin is not None and policy.origin.row is not None
        return replace(cells.get(policy.origin.row, policy.origin), file=self.lname)

    def _base_cell(self, policy: Policy) -> str:
        assert policy.origin is not None and policy.origin.row is not None
        return str(self.base.parts.nr_cells.get(policy.origin.row, policy.origin))

    def _typed(self, policy: Policy) -> bool:
        return policy.origin is not None and policy.origin.row in self.local.parts.typed_nr

    def document(self) -> Document:
        local, base = self.local.document, self.base.document
        assert local is not None and base is not None
        given = self.local.parts.settings
        li, bi = local.info, base.info
        info = DocumentInfo(
            title=li.title if "titel" in given else bi.title,
            subtitle=li.subtitle if "ondertitel" in given else bi.subtitle,
            organisation=li.organisation if "organisatie" in given else bi.organisation,
            edition=li.edition if "editie" in given else bi.edition,
            date=li.date if "datum" in given else (bi.date or li.date),
        )
        intro = local.intro if "inleiding" in given else base.intro
        levels = tuple(LevelSection(level, self._level(level)) for level in Level)
        if not any(section.policies for section in levels):
            self.problems.append(error("basis_nothing", self.lname, base=self.bname))
        frameworks = _frameworks(base.frameworks, local.frameworks, self.lname, self.bname)
        return Document(info, intro, levels, frameworks)

    def _level(self, level: Level) -> tuple[Policy, ...]:
        assert self.local.document is not None and self.base.document is not None
        base_rows = self.base.document.section(level).policies
        first: dict[str, Policy] = {}
        for b in base_rows:
            first.setdefault(_key(b.title), b)
        replacing: dict[str, Policy] = {}
        own: list[Policy] = []
        titles = self.local.parts.title_cells
        for p in sorted(self.local.document.section(level).policies, key=lambda p: p.origin.row if p.origin else 0):
            k = _key(p.title)
            if k not in first:
                own.append(p)
            elif k in replacing:
                other = self._local_cell(titles, replacing[k])
                self.problems.append(
                    error(
                        "basis_replaced_twice",
                        self._local_cell(titles, p),
                        other=str(other),
                        level=level.value,
                        title=first[k].title,
                        base=self.bname,
                    )
                )
            elif (level, k) in self.left_out:
                self.problems.append(
                    error(
                        "basis_left_out_and_replaced",
                        self.left_out[(level, k)],
                        other=str(self._local_cell(titles, p)),
                        level=level.value,
                        title=first[k].title,
                        base=self.bname,
                    )
                )
            else:
                replacing[k] = p
        self._near_misses(level, first, [(p.title, self._local_cell(titles, p)) for p in own])
        claimed: dict[int, Policy] = {}  # number → the base row that holds it (also when left out)
        rows: list[Policy] = []
        for b in base_rows:
            k = _key(b.title)
            if first[k] is not b:
                rows.append(self._shared(b))
                claimed[b.nr] = b
            elif k in replacing:
                self.replaced += 1
                p = replacing[k]
                nr = p.nr if self._typed(p) else b.nr
                if self._typed(p) and nr != b.nr:
                    own.append(p)  # numbered below, with the local rows that carry their own
                    continue
                rows.append(replace(p, nr=nr, origin=replace(p.origin, file=self.lname) if p.origin else None))
                claimed[nr] = b
            elif (level, k) in self.left_out:
                self.dropped += 1
                claimed[b.nr] = b  # left out here, still its number in the region
            else:
                rows.append(self._shared(b))
                claimed[b.nr] = b
        rows += self._numbered(level, own, claimed, {b.nr for b in base_rows})
        return tuple(sorted(rows, key=lambda p: p.nr))

    def _near_misses(self, level: Level, base: dict[str, Policy], rows: list[tuple[str, CellRef]]) -> None:
        """A local title almost like a base title (a typo?) neither replaces nor leaves
        out the shared row: say so, at the local Titel cell."""
        rows = rows + [
            (title, ref)
            for niveau, title, ref in self.local.parts.left_out
            if _LEVELS.get(normalize_name(niveau)) is level and title and _key(title) not in base
        ]
        for title, ref in rows:
            close = difflib.get_close_matches(_key(title), list(base), n=1, cutoff=SIMILAR)
            if close:
                self.problems.append(
                    warning(
                        "basis_similar",
                        replace(ref, file=self.lname),
                        title=title,
                        base=self.bname,
                        level=level.value,
                        other=base[close[0]].title,
                    )
                )

    def _shared(self, b: Policy) -> Policy:
        self.shared += 1
        return replace(b, shared=True, origin=replace(b.origin, file=self.bname) if b.origin else None)

    def _numbered(self, level: Level, own: list[Policy], claimed: dict[int, Policy], base_numbers: set[int]):
        """Local rows: a typed number must be free of base rows; an empty one is the
        next free number after the previous local row, starting after the base's."""
        typed = {p.nr for p in own if self._typed(p)}
        last = max(base_numbers, default=0)
        out = []
        for p in sorted(own, key=lambda p: p.origin.row if p.origin else 0):
            if self._typed(p):
                holder = claimed.get(p.nr)
                if holder is not None:
                    self.problems.append(
                        error(
                            "basis_nr_taken",
                            self._local_cell(self.local.parts.nr_cells, p),
                            level=level.value,
                            nr=p.nr,
                            base=self.bname,
                            ref=self._base_cell(holder),
                            title=holder.title,
                        )
                    )
                nr = p.nr
            else:
                nr = last + 1
                while nr in claimed or nr in base_numbers or nr in typed:
                    nr += 1
            last = nr
            out.append(replace(p, nr=nr, origin=replace(p.origin, file=self.lname) if p.origin else None))
        return out

    def period_warnings(self, document: Document) -> list[Diagnostic]:
        """Period checks of every composed row against the composed Editie."""
        year = document.info.edition_year
        if year is None:
            return []

        def cell(policy: Policy) -> CellRef | None:
            if policy.origin is None:
                return None
            facts = self.base.parts if policy.shared else self.local.parts
            ref = facts.period_cells.get(policy.origin.row or -1)
            return replace(ref, file=policy.origin.file) if ref else None

        return period_warnings(document.policies, year, cell)


def _frameworks(
    base: tuple[FrameworkGroup, ...], local: tuple[FrameworkGroup, ...], lname: str, bname: str
) -> tuple[FrameworkGroup, ...]:
    groups: dict[str, tuple[str, list[LegalFramework]]] = {}
    from_base: dict[str, tuple[list[LegalFramework], int]] = {}  # law → (its group's list, index)
    for source, name in ((base, bname), (local, lname)):
        for group in source:
            items = groups.setdefault(normalize_name(group.category), (group.category, []))[1]
            for law in group.frameworks:
                law = replace(law, origin=replace(law.origin, file=name) if law.origin else None)
                key = normalize_name(law.name)
                if source is local and key in from_base:
                    where, index = from_base[key]
                    shared = where[index]
                    where[index] = replace(
                        shared, url=law.url or shared.url, explanation=law.explanation or shared.explanation
                    )
                    continue
                if source is base:
                    from_base.setdefault(key, (items, len(items)))
                items.append(law)
    return tuple(FrameworkGroup(category, tuple(items)) for category, items in groups.values() if items)
