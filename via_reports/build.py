"""One build: read → check → render every format to a temporary file → move into place.

Nothing is written when the workbook has errors, and the outputs replace the
previous ones only when every requested format rendered: a failed build leaves
the earlier documents as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, OutputError, WorkbookError
from .model import Document
from .reader.workbook import read_workbook
from .theme import DEFAULT_THEME, Theme
from .writers.common import BuildInfo

FORMATS = ("docx", "pdf", "html")
DEFAULT_FORMATS = ("docx", "pdf")

Writer = Callable[[Document, Path, BuildInfo, Theme], Path]


def _docx(document: Document, path: Path, build: BuildInfo, theme: Theme) -> Path:
    from .writers.docx import write_docx  # imported when used: keeps `--help` and `validate` quick

    return write_docx(document, path, build, theme)


def _pdf(document: Document, path: Path, build: BuildInfo, theme: Theme) -> Path:
    from .writers.pdf import write_pdf

    return write_pdf(document, path, build, theme)


def _html(document: Document, path: Path, build: BuildInfo, theme: Theme) -> Path:
    from .writers.html import write_html

    return write_html(document, path, build, theme)


WRITERS: dict[str, Writer] = {"docx": _docx, "pdf": _pdf, "html": _html}


@dataclass
class BuildResult:
    workbook: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings only: errors raise
    not_available: list[str] = field(default_factory=list)  # formats this version cannot make yet


def build_info() -> BuildInfo:
    """Now, or `SOURCE_DATE_EPOCH` when set (for reproducible files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return BuildInfo(dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC), fixed=True)
    return BuildInfo(dt.datetime.now(dt.UTC).replace(microsecond=0))


def output_path(workbook: Path, outdir: Path, fmt: str) -> Path:
    """`source/via-beleid.xlsx` → `output/via-beleid.docx`."""
    return outdir / f"{workbook.stem}.{fmt}"


def build(
    workbook: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    theme: Theme = DEFAULT_THEME,
) -> BuildResult:
    """Build the requested formats of `workbook` into `outdir`.

    Raises WorkbookError (with every diagnostic) when the workbook has errors, and
    OutputError when a file cannot be written; in both cases no output is touched.
    """
    workbook, outdir = Path(workbook), Path(outdir)
    read = read_workbook(workbook)
    if not read.ok or read.document is None:
        raise WorkbookError(str(workbook), read.diagnostics)
    result = BuildResult(workbook, diagnostics=read.warnings)
    info = build_info()
    wanted = list(dict.fromkeys(f.lower() for f in formats))
    result.not_available = [f for f in wanted if f not in WRITERS]
    todo = [f for f in wanted if f in WRITERS]
    if not todo:
        return result
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("output_failed", outdir, detail=exc.strerror or exc) from exc
    temporary: list[tuple[Path, Path]] = []
    try:
        for fmt in todo:
            final = output_path(workbook, outdir, fmt)
            temp = outdir / f".{final.name}.{os.getpid()}.tmp"
            temporary.append((temp, final))
            try:
                WRITERS[fmt](read.document, temp, info, theme)
            except OSError as exc:
                raise OutputError("output_failed", final, detail=exc.strerror or exc) from exc
        for temp, final in temporary:
            _replace(temp, final)
            result.outputs.append(final)
    finally:
        for temp, _ in temporary:
            temp.unlink(missing_ok=True)
    return result


def _replace(temp: Path, final: Path) -> None:
    try:
        os.replace(temp, final)
    except PermissionError as exc:
        raise OutputError("output_locked", final) from exc
    except OSError as exc:
        raise OutputError("output_failed", final, detail=exc.strerror or exc) from exc
