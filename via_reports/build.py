"""One build: read → check → render every format to a temporary file → move into place.

Nothing is written when the workbook has errors, and the outputs replace the
previous ones only when every requested format rendered: a failed build leaves
the earlier documents as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .contract import normalize_name
from .diagnostics import Diagnostic, OutputError, WorkbookError, warning
from .editions import compare, edition_label
from .model import Changes, Document, Selection
from .outputs import check_outputs, make_folder, move_into_place, output_error, remove_stale, reserve
from .pdf_variants import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from .profiles import DEFAULT_APPENDIX_LABEL, DEFAULT_PROFILE, Profile, choose_profile
from .selection import select
from .theme import SETTINGS_FILE, Theme, find_theme
from .workers import release_memory, take_early, worker_count, worker_pool
from .writers.common import BuildInfo, Rendering
from .writers.completeness import describe, missing_policies
from .writers.render import builtin_theme_dir, check_templates, theme_dirs

FORMATS = ("docx", "pdf", "html")
DEFAULT_FORMATS = ("docx", "pdf")

Writer = Callable[..., list[Diagnostic]]  # (rendering, path[, progress]): writes the file, returns its warnings
Progress = Callable[..., None]  # progress(stage, count=None): what the build is doing now


def _docx(r: Rendering, path: Path) -> list[Diagnostic]:
    from .writers.docx import write_docx  # imported when used: keeps `--help` and `validate` quick

    return write_docx(r, path)


def _pdf(r: Rendering, path: Path, progress: Progress | None = None, pool=None, made=None) -> list[Diagnostic]:
    from .writers.pdf import write_pdf

    return write_pdf(r, path, progress, pool, made)


def _html(r: Rendering, path: Path) -> list[Diagnostic]:
    from .writers.html import write_html

    return write_html(r, path)


def _pdf_input(r: Rendering):
    from .writers.pdf import pdf_input

    return pdf_input(r)


WRITERS: dict[str, Writer] = {"docx": _docx, "pdf": _pdf, "html": _html}


@dataclass
class BuildResult:
    workbook: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings only: errors raise
    theme_source: Path | None = None  # the via-reports.toml beside the workbook that gave the house style


def build_info() -> BuildInfo:
    """Now, or `SOURCE_DATE_EPOCH` when set (for reproducible files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return BuildInfo(dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC), fixed=True)
    return BuildInfo(dt.datetime.now(dt.UTC).replace(microsecond=0))


def output_name(workbook: Path, profile: Profile, selection: Selection | None) -> str:
    """`via-beleid`, `via-beleid-bijlage`, `via-beleid-handout-lokaal-jeugd`: the report keeps
    the workbook's name; other profiles and selections add theirs."""
    parts = [workbook.stem]
    if profile is not DEFAULT_PROFILE:
        parts.append(profile.name)
    if selection is not None:
        parts += [level.slug for level in selection.levels]
        parts += [_slug(theme) for theme in selection.themes]
    return "-".join(p for p in parts if p)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-")


def build(
    workbook: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    profile: str | None = None,
    appendix_label: str | None = None,
    qr: bool = False,
    levels: Sequence[str] = (),
    themes: Sequence[str] = (),
    theme_dir: str | Path | None = None,
    previous: str | Path | None = None,
    basis: str | Path | None = None,
    cell_basis: bool = True,
    mark_shared: bool = False,
    mark_periods: bool = True,
    pdf_variant: str = DEFAULT_PDF_VARIANT,
    parallel: bool = True,
    progress: Progress | None = None,
    cache: bool = True,
) -> BuildResult:
    """Build the requested formats of `workbook` into `outdir`. The workbook is composed
    with its base (its Document field Basis, or `basis`, which wins; see reader/compose.py).

    `profile` None: `bijlage` with an `appendix_label`, else `rapport`; an option the
    profile cannot use (`appendix_label` outside `bijlage`, `qr` outside `handout`)
    raises OptionError before anything is read.

    Raises WorkbookError (with every diagnostic) when the workbook has errors,
    SelectionError when a selection leaves nothing, ThemeError for a broken theme
    setting or template, RenderError or OutputError when a file cannot be made; in
    every case no earlier output is touched.
    """
    workbook, outdir = Path(workbook), Path(outdir)
    if pdf_variant not in PDF_VARIANTS:
        raise ValueError(f"unknown pdf_variant: {pdf_variant} (known: {', '.join(PDF_VARIANTS)})")
    report = progress or (lambda stage, count=None: None)
    chosen = choose_profile(profile, appendix_label=appendix_label, qr=qr)
    theme = find_theme(Path(theme_dir) if theme_dir else None, workbook)
    check_templates(theme.folders)
    pdf = "pdf" in (f.lower() for f in formats)
    with _workers(pdf and parallel) as (pool, pango):  # one worker loads WeasyPrint while the workbook is read
        with _pdf_checked(theme_dirs(theme.folders) if pdf else None, pool, pango):  # then nothing is written yet
            report("werkmap lezen")
            read = _read(workbook, basis, cell_basis)
            if not read.ok or read.document is None:
                raise WorkbookError(str(workbook), read.diagnostics)
            document = select(read.document, levels, themes)
            if previous is not None:
                document = replace(document, changes=_changes_since(Path(previous), read.document, basis, cell_basis))
            rendering = Rendering(
                document,
                build_info(),
                theme,
                chosen,
                appendix_label or DEFAULT_APPENDIX_LABEL,
                qr,
                mark_periods,
                pdf_variant,
                mark_shared=mark_shared,
                cache=cache,
            )
            if pdf:
                report(_STAGES["pdf"])
            made = _pdf_input(rendering) if pdf else None  # its HTML and chunks
            if made is not None:
                release_memory()  # what making them took (the whole HTML, its tree) is not kept while they render
        result = BuildResult(workbook, diagnostics=read.warnings, theme_source=_beside(theme, theme_dir))
        if qr and not any(source.url for p in document.policies for source in p.sources):
            result.diagnostics.append(warning("qr_no_addresses", workbook.name))
        todo = list(dict.fromkeys(f.lower() for f in formats))
        unknown = [f for f in todo if f not in WRITERS]
        if unknown:
            raise ValueError(f"unknown format(s): {', '.join(unknown)} (known: {', '.join(FORMATS)})")
        if not todo:
            return result
        make_folder(outdir)
        name = output_name(workbook, chosen, document.selection)
        finals = [outdir / f"{name}.{fmt}" for fmt in todo]
        builtin = builtin_theme_dir().iterdir()
        templates = [folder / path.name for folder in theme_dirs(theme.folders) for path in builtin]
        check_outputs(finals, [workbook, *([Path(previous)] if previous is not None else [])], templates)
        remove_stale(outdir, finals)
        temporary: list[tuple[Path, Path]] = []
        try:
            for final in finals:
                temporary.append((reserve(final), final))
            jobs = [(fmt, temp, final) for fmt, (temp, final) in zip(todo, temporary, strict=True)]
            result.diagnostics += render_all(rendering, jobs, progress=report, pool=pool, made=made)
            for temp, final in temporary:
                move_into_place(temp, final)
                result.outputs.append(final)
        finally:
            for temp, _ in temporary:
                temp.unlink(missing_ok=True)
        return result


def _read(workbook: Path, basis: str | Path | None, cell_basis: bool):
    """reader.compose.read_document, loaded when used: a worker that writes the Word
    file imports this module, and needs no workbook reader (openpyxl)."""
    from .reader.compose import read_document

    return read_document(workbook, basis=basis, cell_basis=cell_basis)


def _beside(theme: Theme, theme_dir: str | Path | None) -> Path | None:
    """The settings file of a theme found beside the workbook (not named with --theme):
    the user is told, so a folder someone mailed cannot restyle a report unnoticed."""
    return theme.folder / SETTINGS_FILE if theme_dir is None and theme.folder is not None else None


def _changes_since(previous: Path, current: Document, basis: str | Path | None, cell_basis: bool) -> Changes:
    """What changed since the workbook of the previous edition (build --vorige)."""
    old = _read(previous, basis, cell_basis)
    if not old.ok or old.document is None:
        raise WorkbookError(str(previous), old.diagnostics)
    return compare(old.document, current, edition_label(old.document, previous))


def _write(
    rendering: Rendering, jobs: Sequence[tuple[str, Path, Path]], progress: Progress, pool=None, pdf=None
) -> list[Diagnostic]:
    """Write each job's file; the PDF in `pool` when there is one, from `pdf` (its
    writers.pdf.PdfInput) when it was made before."""
    warnings: list[Diagnostic] = []
    for fmt, temp, final in jobs:
        progress(_STAGES[fmt])
        try:
            if fmt == "pdf":
                warnings += WRITERS[fmt](rendering, temp, progress, pool, pdf)
            else:
                warnings += WRITERS[fmt](rendering, temp)
        except OSError as exc:
            raise output_error(exc, final) from exc
        missing = missing_policies(fmt, temp, rendering.document)
        if missing:
            raise OutputError("output_incomplete", final, count=len(missing), policies=describe(missing))
    return warnings


def _quiet(stage: str, count: int | None = None) -> None:
    pass


def _write_in_worker(rendering: Rendering, jobs: Sequence[tuple[str, Path, Path]]) -> list[Diagnostic]:
    return _write(rendering, jobs, _quiet)


_STAGES = {"docx": "Word-document maken", "html": "HTML maken", "pdf": "PDF opmaken"}


def render_all(
    rendering: Rendering, jobs: Sequence[tuple[str, Path, Path]], *, progress: Progress, pool=None, made=None
) -> list[Diagnostic]:
    """Render every (format, temporary file, final file); the PDF from `made` (its
    writers.pdf.PdfInput) when it was made before. The PDF takes most of the time:
    with a pool of worker processes (`_workers`) its chunks are rendered there, and
    the other formats are made in the same pool meanwhile; without one, here."""
    pdf = [job for job in jobs if job[0] == "pdf"]
    others = [job for job in jobs if job[0] != "pdf"]
    if not pdf or pool is None:
        return _write(rendering, [*others, *pdf], progress, pdf=made)
    meanwhile = pool.submit(_write_in_worker, rendering, others) if others else None
    try:
        warnings = _write(rendering, pdf, progress, pool, made)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # the other files may be being written: then cleared
        raise
    return (meanwhile.result() if meanwhile else []) + warnings


@contextmanager
def _workers(wanted: bool) -> Iterator[tuple[ProcessPoolExecutor | None, Future | None]]:
    """The build's pool when it makes a PDF with more than one core (one worker a
    core, or `VIA_REPORTS_WORKERS`), else None; with the Pango check of a pool the
    command started (workers.start_early), else None. Started, at the latest, before
    the workbook is read, so that a worker loads WeasyPrint (`_pdf_checked`) while
    this process reads."""
    early = take_early()
    workers = worker_count() if wanted else 1
    if workers < 2:
        if early is not None:
            early[0].shutdown(wait=False, cancel_futures=True)
        yield None, None
        return
    with early[0] if early is not None else worker_pool(workers) as pool:
        yield pool, early[1] if early is not None else None


@contextmanager
def _pdf_checked(
    theme_folders: list[Path] | None, pool: ProcessPoolExecutor | None, pango: Future | None = None
) -> Iterator[None]:
    """Check that the PDF can be made (Pango, the theme's fonts: system.require_pdf),
    for a build that makes one (`theme_folders` not None), before what the block does
    (read the workbook, make the HTML) is of any use. Without a pool, first. With one,
    in a worker, which so loads WeasyPrint for the chunks while the block runs here
    (this process never loads it), or by the check `pango` the command started (then
    the fonts are checked here); its problem is raised when the block ends, also
    when the block failed, as if the check had come first."""
    from .system import SystemProblem, pdf_problem, require_fonts, require_pdf

    if theme_folders is None:
        yield
        return
    if pool is None:
        require_pdf(theme_folders)
        yield
        return
    asked = pango if pango is not None else pool.submit(pdf_problem, theme_folders)
    try:
        yield
    finally:
        try:
            problem = asked.result()
        except BrokenProcessPool:  # the worker died loading the libraries: say why from here
            require_pdf(theme_folders)
            raise
        if problem is not None:
            code, params = problem
            raise SystemProblem(code, **params)
        if pango is not None:
            require_fonts(theme_folders)
