"""Building several workbooks at once (a region's dozens of municipalities), in
parallel processes; one broken workbook is reported and the others still build."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path

from .build import BuildResult, build, worker_pool
from .diagnostics import CodedError, ViaReportsError


@dataclass
class BatchItem:
    workbook: Path
    result: BuildResult | None = None
    error: ViaReportsError | None = None
    unexpected: str | None = None  # a bug of ours, as text

    @property
    def ok(self) -> bool:
        return self.result is not None


class BatchError(CodedError):
    """The workbooks of a batch cannot be built together."""


class NoWorkbooks(BatchError):
    """A folder given to build holds no workbook (a problem of the input, not of the command)."""


def _is_workbook(path: Path) -> bool:
    """An .xlsx or .xlsm in a folder (any case), Excel's lock files `~$…` aside."""
    return path.suffix.lower() in (".xlsx", ".xlsm") and not path.name.startswith("~$") and path.is_file()


def expand(paths: Iterable[Path]) -> list[Path]:
    """Workbooks given as files or folders (every .xlsx or .xlsm in a folder, Excel's lock
    files `~$…` aside), in the order given; two with the same name would overwrite each
    other; a folder without any is an error."""
    workbooks: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _is_workbook(p))
            if not found:
                raise NoWorkbooks("batch_no_workbooks", folder=path)
            workbooks += found
        else:
            workbooks.append(path)
    seen: dict[str, Path] = {}
    for workbook in workbooks:
        other = seen.setdefault(workbook.stem.casefold(), workbook)
        if other != workbook:
            raise BatchError("batch_same_name", first=other, second=workbook)
    return workbooks


def build_one(workbook: Path, outdir: Path, formats: Sequence[str], options: dict) -> BatchItem:
    """Build one workbook; every failure becomes part of the item (a worker never raises)."""
    try:
        return BatchItem(workbook, build(workbook, outdir, formats, parallel=False, **options))
    except ViaReportsError as exc:
        return BatchItem(workbook, error=exc)
    except Exception as exc:  # reported for this workbook; the others go on
        return BatchItem(workbook, unexpected=f"{type(exc).__name__}: {exc}")


def build_many(
    workbooks: Sequence[Path],
    outdir: Path,
    formats: Sequence[str],
    *,
    jobs: int | None = None,
    done: Callable[[BatchItem, int, int], None] | None = None,
    **options,
) -> list[BatchItem]:
    """Build every workbook; `jobs` processes at a time (default: the number of cores).
    `done(item, finished, total)` hears of each workbook as it finishes."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(workbooks)))
    items: dict[Path, BatchItem] = {}
    if jobs == 1:
        for n, workbook in enumerate(workbooks, start=1):
            items[workbook] = build_one(workbook, outdir, formats, options)
            if done:
                done(items[workbook], n, len(workbooks))
    else:
        with worker_pool(jobs) as pool:
            futures = [pool.submit(build_one, workbook, outdir, formats, options) for workbook in workbooks]
            for n, future in enumerate(as_completed(futures), start=1):
                item = future.result()
                items[item.workbook] = item
                if done:
                    done(item, n, len(workbooks))
    return [items[w] for w in workbooks]
