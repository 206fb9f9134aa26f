"""A region's base workbook and its municipalities at once: checking the base once
before a batch build, and what a new edition of the base changes for every
municipality (`via-reports diff OUD NIEUW --gemeenten MAP`).

Each municipality's workbook is composed with the old base and with the new one
(reader/compose.py) and the two documents are compared as editions are
(editions.py): so a municipality sees only the changes that reach its documents —
not those to a shared policy it leaves out or replaces with its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, WorkbookError, errors_in
from .editions import as_data, compare, describe, edition_label
from .model import CellRef, Changes
from .reader.compose import compose, in_file, nested, read_base
from .reader.workbook import ReadResult, read_workbook


def base_problems(basis: str | Path) -> ReadResult:
    """The base read on its own, its diagnostics naming its file (a batch checks it
    once instead of once per municipality). Not ok when it has errors or a Basis."""
    result = read_base(basis)
    result.diagnostics = in_file(result.diagnostics, result.path.name) + nested(result, result.path.name)
    if not result.ok:
        result.document = None
    return result


def without_base(workbooks: Iterable[Path], basis: str | Path | None) -> list[Path]:
    """The workbooks of a batch, the base itself left out (it may stand in the folder)."""
    if basis is None:
        return list(workbooks)
    target = Path(basis).resolve()
    return [w for w in workbooks if w.resolve() != target]


def from_base(diagnostic: Diagnostic, workbook: Path) -> bool:
    """Whether a composed workbook's diagnostic is about its base (another file): the
    same for every municipality of the region, so a batch says it once."""
    loc = diagnostic.location
    return isinstance(loc, CellRef) and loc.file is not None and loc.file != workbook.name


@dataclass
class Municipality:
    workbook: Path
    organisation: str | None = None
    changes: Changes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.changes is not None


@dataclass
class RegionChanges:
    old_label: str
    new_label: str
    municipalities: list[Municipality]


def diff_region(old: str | Path, new: str | Path, workbooks: Sequence[Path]) -> RegionChanges:
    """What going from base `old` to base `new` changes for every workbook. Raises
    WorkbookError when a base cannot be used; a broken municipality is reported in
    its entry and the others are still compared."""
    bases = []
    for path in (old, new):
        base = base_problems(path)
        if not base.ok or base.document is None:
            raise WorkbookError(str(path), base.diagnostics)
        bases.append(base)
    old_base, new_base = bases
    assert old_base.document is not None and new_base.document is not None
    labels = [edition_label(b.document, b.path) for b in bases if b.document is not None]
    if labels[0] == labels[1]:
        labels = [Path(old).name, Path(new).name]
    out = []
    for workbook in without_base(without_base(workbooks, old), new):
        local = read_workbook(workbook, part=True)
        before, after = compose(local, old_base), compose(local, new_base)
        entry = Municipality(workbook)
        if before.document is None or after.document is None:
            entry.diagnostics = _once(before.diagnostics + after.diagnostics)
        else:
            entry.organisation = after.document.info.organisation
            entry.changes = compare(before.document, after.document, labels[0], labels[1])
            entry.diagnostics = [d for d in _once(before.diagnostics + after.diagnostics) if not d.is_error]
        out.append(entry)
    return RegionChanges(labels[0], labels[1], out)


def _once(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A local workbook's problems appear in both compositions: say them once."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in diagnostics:
        key = (d.code, str(d.location), repr(sorted(d.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def describe_region(region: RegionChanges) -> list[str]:
    """Per municipality, the changes as `diff` tells them, and a closing count."""
    lines = [f"Wijzigingen van {region.old_label} naar {region.new_label}, per gemeente", ""]
    changed = 0
    for m in region.municipalities:
        name = f"{m.workbook.name} ({m.organisation})" if m.organisation else m.workbook.name
        if m.changes is None:
            lines += [name, "  niet vergeleken: de werkmap heeft fouten (zie de meldingen)", ""]
            continue
        changed += not m.changes.empty
        lines.append(name)
        lines += [f"  {line}" if line else "" for line in describe(m.changes)[2:]]
        lines.append("")
    broken = sum(not m.ok for m in region.municipalities)
    total = len(region.municipalities)
    summary = f"{total} gemeente(n): {changed} met wijzigingen, {total - changed - broken} zonder"
    lines.append(summary + (f", {broken} met fouten." if broken else "."))
    return lines


def region_data(region: RegionChanges) -> dict:
    """The same as data (for --json)."""
    return {
        "vorige_editie": region.old_label,
        "nieuwe_editie": region.new_label,
        "gemeenten": [
            {
                "werkmap": m.workbook.name,
                "organisatie": m.organisation,
                **({"wijzigingen": as_data(m.changes)} if m.changes is not None else {}),
                "fouten": [d.format() for d in errors_in(m.diagnostics)],
            }
            for m in region.municipalities
        ],
    }
