"""The Python API under the command line: every CLI command is one call here.

from via_reports.api import validate, init
result = validate("source/via-beleid.xlsx")
for problem in result.diagnostics:
    print(problem.format())
"""

from __future__ import annotations

from pathlib import Path

from .build import DEFAULT_FORMATS, FORMATS, BuildResult, build
from .reader.compose import read_document
from .reader.workbook import ReadResult, read_workbook
from .starter import STARTER_NAME, init_workbook


def validate(workbook: str | Path, *, basis: str | Path | None = None, cell_basis: bool = True) -> ReadResult:
    """Read and check a workbook (composed with its base: its Document field Basis, or
    `basis`, which wins); `result.ok` is False when it or its base has errors. With
    `cell_basis` False the workbook's own Basis cell names no file to read (uploads)."""
    return read_document(workbook, basis=basis, cell_basis=cell_basis)


def init(folder: str | Path, *, name: str = STARTER_NAME) -> Path:
    """Write a starter workbook into `folder`; FileExistsError if it is already there."""
    return init_workbook(folder, name=name)


def init_region(folder: str | Path, *, name: str = "gemeente.xlsx") -> tuple[Path, Path]:
    """Write a region's base workbook and one municipality's workbook that uses it
    into `folder` (regio/regio.xlsx, gemeenten/`name`); FileExistsError if either exists."""
    from .starter import init_region as run

    return run(folder, local_name=name)


def diff(old: str | Path, new: str | Path, *, basis: str | Path | None = None):
    """The changes from workbook `old` to `new` (editions.Changes), each composed with
    its base (or `basis`). Raises WorkbookError (naming the workbook) when either
    cannot be read."""
    from .diagnostics import WorkbookError
    from .editions import compare, edition_label

    documents = []
    for path in (Path(old), Path(new)):
        result = read_document(path, basis=basis)
        if not result.ok:
            raise WorkbookError(str(path), result.diagnostics)
        documents.append(result.document)
    old_label, new_label = edition_label(documents[0], Path(old)), edition_label(documents[1], Path(new))
    return compare(documents[0], documents[1], old_label, new_label)


def diff_region(old: str | Path, new: str | Path, workbooks):
    """What going from base workbook `old` to `new` changes for each municipality's
    workbook (region.RegionChanges). Raises WorkbookError when a base cannot be used."""
    from .region import diff_region as run

    return run(old, new, [Path(w) for w in workbooks])


def export_theme(folder: str | Path) -> Path:
    """Copy the built-in theme into `folder` (new or empty) with a documented
    via-reports.toml. FileExistsError if `folder` holds anything."""
    from .themes_export import export

    return export(Path(folder))


def default_workbook(folder: str | Path = "source") -> Path:
    """The workbook `build` uses when none is named: the only .xlsx in `folder`, or
    `via-beleid.xlsx` there. Raises LookupError (with the candidates) otherwise."""
    folder = Path(folder)
    candidates = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith("~$")) if folder.is_dir() else []
    if len(candidates) == 1:
        return candidates[0]
    preferred = folder / STARTER_NAME
    if preferred in candidates:
        return preferred
    raise LookupError(folder, [p.name for p in candidates])


__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "BuildResult",
    "ReadResult",
    "build",
    "default_workbook",
    "diff",
    "diff_region",
    "export_theme",
    "init",
    "init_region",
    "read_document",
    "read_workbook",
    "validate",
]
