"""The `via-reports` command: a thin click layer over `via_reports.api`.

It translates options into API calls and results into sentences and exit codes
(0 fine, 1 problems in the workbook or its outputs, 2 wrong use of the command),
and nothing else.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from . import __version__
from .cli_language import HELP, VERSION_HELP, Group, english, language
from .diagnostics import LANGUAGES, Diagnostic, ViaReportsError, WorkbookError
from .messages import LABELS, text
from .pdf_variants import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from .profiles import DEFAULT_PROFILE, PROFILES, OptionError, choose_profile

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# When the command ends, after every other exit handler (registered later, so run
# earlier: the worker pool's, the temporary fonts'), the objects left are frozen: the
# interpreter's last garbage collections would walk them all (the modules of
# WeasyPrint, pikepdf, python-docx…), a tenth of a second, for memory the ending
# process gives back anyway.
atexit.register(gc.freeze)


def _lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES, case_sensitive=False),
        default=language,  # --lang anywhere on the line (also before the command), else VIA_REPORTS_LANG
        show_default=english("nl, of VIA_REPORTS_LANG", "nl, or VIA_REPORTS_LANG"),
        help=english(
            "Taal van de meldingen: nl (Nederlands) of en (English).",
            "Language of the messages: nl (Nederlands) or en (English).",
        ),
    )(func)


def _basis_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--basis",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="PAD",
        help=english(
            "De basiswerkmap van de regio: eerst haar beleid en wettelijke kaders, dan die van de werkmap. "
            "Gaat voor het veld Basis in het werkblad Document.",
            "The region's base workbook: first its policies and legal frameworks, then the workbook's own. "
            "Takes precedence over the field Basis on the Document sheet.",
        ),
    )(func)


def _echo_composed(result, lang: str) -> None:
    """Which base a document was composed with, and what it took from it."""
    if getattr(result, "basis", None) is not None and result.document is not None:
        click.echo(
            text(
                "cli_composed",
                lang,
                base=result.basis.name,
                shared=result.shared,
                replaced=result.replaced,
                dropped=result.dropped,
            )
        )


def _existing_file(path: Path, lang: str) -> None:
    if not path.exists():
        raise click.UsageError(text("cli_no_file", lang, path=path))


def _echo_diagnostics(diagnostics: list[Diagnostic], lang: str, *, err: bool = False) -> None:
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(lang), err=err)


@click.group(
    cls=Group,
    context_settings=CONTEXT,
    help_en="""via-reports makes the policy overview Veiligheid in afhankelijkheidsrelaties
    (ViA, safety in relationships of dependence) from one Excel workbook.

    \b
    Getting started:
      via-reports init my-overview             a starter workbook with explanations
      via-reports validate my-overview/via-beleid.xlsx
      via-reports build my-overview/via-beleid.xlsx

    More help on a command: via-reports COMMAND --help
    """,
)
@click.version_option(
    __version__, "-V", "--version", prog_name="via-reports", message="%(prog)s %(version)s", help=VERSION_HELP
)
@click.help_option("-h", "--help", help=HELP)
@_lang_option
def main(lang: str) -> None:
    """via-reports maakt het beleidsoverzicht Veiligheid in afhankelijkheidsrelaties
    (ViA) uit één Excel-werkmap.

    \b
    Beginnen:
      via-reports init mijn-overzicht          een startwerkmap met uitleg
      via-reports validate mijn-overzicht/via-beleid.xlsx
      via-reports build mijn-overzicht/via-beleid.xlsx

    Meer hulp bij een opdracht: via-reports OPDRACHT --help
    """


@main.command(
    context_settings=CONTEXT,
    help_en="""Check a workbook and name every problem with its cell (Beleid!B7).

    Errors must be fixed before a document can be made of it; warnings need not.
    Exit code 0: no errors; 1: errors; 2: the command was used wrongly.

    \b
    Examples:
      via-reports validate source/via-beleid.xlsx
      via-reports validate --lang en source/via-beleid.xlsx
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("workbook", metavar="WERKMAP", type=click.Path(path_type=Path, dir_okay=True))
@_basis_option
@_lang_option
def validate(workbook: Path, basis: Path | None, lang: str) -> None:
    """Controleer een werkmap en noem elk probleem met zijn cel (Beleid!B7).

    Fouten moeten worden hersteld voordat er een document van kan worden gemaakt;
    waarschuwingen niet. Exitcode 0: geen fouten; 1: wel fouten; 2: verkeerd gebruik.

    \b
    Voorbeelden:
      via-reports validate source/via-beleid.xlsx
      via-reports validate --lang en source/via-beleid.xlsx
      via-reports validate --basis regio/regio-nob.xlsx gemeenten/oss.xlsx
    """
    from .api import validate as run_validate

    lang = lang.lower()
    _existing_file(workbook, lang)
    if basis is not None:
        _existing_file(basis, lang)
    result = run_validate(workbook, basis=basis)
    click.echo(text("cli_checking", lang, name=workbook.name))
    _echo_diagnostics(result.diagnostics, lang)
    if not result.ok:
        counts = text("cli_counts", lang, errors=len(result.errors), warnings=len(result.warnings))
        click.echo(text("cli_failed", lang, counts=counts))
        sys.exit(1)
    document = result.document
    assert document is not None
    levels = ", ".join(f"{s.level.label} {len(s.policies)}" for s in document.levels)
    excluded = text("cli_excluded", lang, count=result.excluded) if result.excluded else ""
    click.echo(
        text(
            "cli_ok",
            lang,
            name=workbook.name,
            policies=len(document.policies),
            levels=levels,
            frameworks=sum(len(g.frameworks) for g in document.frameworks),
            excluded=excluded,
        )
    )
    _echo_composed(result, lang)


@main.command(
    context_settings=CONTEXT,
    help_en="""Write a starter workbook that follows the agreements on the workbook, with explanations and examples.

    The workbook gets the sheets Beleid, Wettelijke kaders, Document and Uitleg, with
    drop-down lists for Niveau and Opnemen. An existing file is never overwritten.

    \b
    Examples:
      via-reports init my-overview
      via-reports init . --naam beleid-2026.xlsx
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("folder", metavar="[MAP]", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "--naam",
    "name",
    metavar="TEKST",
    default="via-beleid.xlsx",
    show_default=True,
    help=english("Bestandsnaam van de werkmap.", "File name of the workbook."),
)
@click.option(
    "--regio",
    "region",
    is_flag=True,
    help=english(
        "Voor een regio: een basiswerkmap (MAP/regio/regio.xlsx) en de werkmap van één gemeente die haar "
        "gebruikt (MAP/gemeenten/gemeente.xlsx, of --naam).",
        "For a region: a base workbook (FOLDER/regio/regio.xlsx) and the workbook of one municipality that "
        "uses it (FOLDER/gemeenten/gemeente.xlsx, or --naam).",
    ),
)
@_lang_option
@click.pass_context
def init(ctx: click.Context, folder: Path, name: str, region: bool, lang: str) -> None:
    """Schrijf een startwerkmap volgens de afspraken over de werkmap, met uitleg en voorbeelden.

    De werkmap krijgt de werkbladen Beleid, Wettelijke kaders, Document en Uitleg,
    met keuzelijsten voor Niveau en Opnemen. Een bestaand bestand wordt nooit
    overschreven.

    \b
    Voorbeelden:
      via-reports init mijn-overzicht
      via-reports init . --naam beleid-2026.xlsx
      via-reports init noordoost-brabant --regio --naam oss.xlsx
    """
    from .api import init as run_init
    from .api import init_region

    lang = lang.lower()
    if region and ctx.get_parameter_source("name") is click.core.ParameterSource.DEFAULT:
        name = "gemeente.xlsx"
    if not name.lower().endswith(".xlsx"):
        name += ".xlsx"
    try:
        if region:
            base, local = init_region(folder, name=name)
            click.echo(text("cli_init_region_done", lang, base=base, local=local))
            return
        path = run_init(folder, name=name)
    except FileExistsError as exc:
        click.echo(text("cli_init_exists", lang, path=exc.args[0]), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(text("cli_cannot_write", lang, path=folder, detail=exc.strerror or exc), err=True)
        sys.exit(1)
    click.echo(text("cli_init_done", lang, path=path))


_FORMATS = ("docx", "pdf", "html")
_FORMAT_ALIASES = {"word": ("docx",), "alles": _FORMATS, "all": _FORMATS}


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """`-f docx -f pdf` and `-f docx,pdf` both work; `word` is docx, `alles` every format."""
    lang = language()
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip().lower()
            if part not in _FORMATS and part not in _FORMAT_ALIASES:
                raise click.BadParameter(text("option_format_unknown", lang, value=part), ctx, param)
            out += _FORMAT_ALIASES.get(part, (part,))
    return tuple(dict.fromkeys(out))


def _explicit(ctx: click.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _check_options(ctx: click.Context, workbooks, formats, profile, appendix_label, qr, lang) -> str:
    """Every option that cannot apply is said, never silently ignored; returns the profile."""
    try:
        chosen = choose_profile(profile, appendix_label=appendix_label, qr=qr)
    except OptionError as exc:
        raise click.UsageError(exc.message(lang), ctx) from None
    if _explicit(ctx, "pdf_variant") and "pdf" not in formats:
        raise click.UsageError(text("option_pdf_variant", lang, formats=", ".join(formats)), ctx)
    if _explicit(ctx, "jobs") and len(workbooks) == 1 and workbooks[0].is_file():
        click.echo(text("option_jobs_single", lang), err=True)
    return chosen.name


@main.command(
    context_settings=CONTEXT,
    help_en="""Make the overview as a Word document, PDF and/or HTML from one or more workbooks.

    Without WORKBOOK the workbook in the folder source/ is used. The files are named
    after the workbook: source/via-beleid.xlsx becomes output/via-beleid.docx; another
    profile or a selection is added to the name (via-beleid-bijlage-jeugd.pdf). When
    the workbook has errors nothing is written and earlier documents stay as they
    were. Several workbooks (or a folder of them) are made at the same time; a broken
    workbook does not stop the others.

    \b
    Examples:
      via-reports build
      via-reports build source/via-beleid.xlsx -o output -f docx,pdf,html
      via-reports build --bijlage "Bijlage 2" --thema jeugd
      via-reports build --profile handout --qr --niveau Lokaal
      via-reports build --theme my-theme
      via-reports build --vorige edition-2024.xlsx edition-2025.xlsx
      via-reports build region/ --jobs 2
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("workbooks", metavar="[WERKMAP]...", type=click.Path(path_type=Path), nargs=-1)
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    metavar="MAP",
    show_default=True,
    help=english("Map voor de documenten.", "Folder for the documents."),
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=_formats,
    metavar="docx|pdf|html|alles",
    help=english(
        "Welke soorten documenten (herhaalbaar, of met komma's; word = docx, alles = alle drie). "
        "Standaard: docx en pdf.",
        "Which kinds of documents (repeatable, or comma-separated; word = docx, all = all three). "
        "Default: docx and pdf.",
    ),
)
@click.option(
    "-p",
    "--profile",
    type=click.Choice(list(PROFILES)),
    default=None,
    show_default=english(
        f"{DEFAULT_PROFILE.name}; bijlage met --bijlage", f"{DEFAULT_PROFILE.name}; bijlage with --bijlage"
    ),
    help=english(
        "; ".join(f"{p.name}: {p.description}" for p in PROFILES.values()) + ".",
        "rapport: the yearly report like the original (landscape, with a title page and tabs); "
        "bijlage: an appendix to a council memo (portrait, no title page); "
        "handout: for print (portrait, every address written out).",
    ),
)
@click.option(
    "--bijlage",
    "appendix_label",
    metavar="TEKST",
    help=english(
        'Het label van een bijlage, zoals "Bijlage 2"; maakt een bijlage (--profile bijlage).',
        'The label of an appendix, like "Bijlage 2"; makes an appendix (--profile bijlage).',
    ),
)
@click.option(
    "--qr",
    is_flag=True,
    help=english(
        "Alleen bij --profile handout: een QR-code bij elke bron met een adres.",
        "Only with --profile handout: a QR code beside every source with an address.",
    ),
)
@click.option(
    "--niveau",
    "levels",
    multiple=True,
    metavar="NIVEAU",
    help=english("Alleen dit niveau (herhaalbaar).", "Only this level (repeatable)."),
)
@click.option(
    "--thema",
    "themes",
    multiple=True,
    metavar="THEMA",
    help=english("Alleen beleid met dit thema (herhaalbaar).", "Only policies with this theme (repeatable)."),
)
@click.option(
    "--theme",
    "theme_dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="MAP",
    help=english(
        "Themamap met via-reports.toml (huisstijl) en eigen sjablonen. Standaard: de map van de werkmap "
        "als daar een via-reports.toml staat.",
        "Theme folder with via-reports.toml (house style) and own templates. Default: the workbook's "
        "folder when it holds a via-reports.toml.",
    ),
)
@click.option(
    "--vorige",
    "previous",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="WERKMAP",
    help=english(
        "De werkmap van de vorige editie: het overzicht krijgt een hoofdstuk met de wijzigingen.",
        "The workbook of the previous edition: the overview gets a section with the changes.",
    ),
)
@click.option(
    "--pdf-variant",
    type=click.Choice(list(PDF_VARIANTS)),
    default=DEFAULT_PDF_VARIANT,
    show_default=True,
    help=english(
        "Welke normen de PDF volgt: toegankelijk (PDF/UA-1) en archiveerbaar (PDF/A).",
        "Which standards the PDF follows: accessible (PDF/UA-1) and archivable (PDF/A).",
    ),
)
@click.option(
    "--looptijd/--geen-looptijd",
    "mark_periods",
    default=True,
    show_default=True,
    help=english(
        "Markeer beleid dat verlopen is of afloopt in het jaar van de Editie.",
        "Mark policies whose period has ended or ends in the year of the Editie.",
    ),
)
@_basis_option
@click.option(
    "--herkomst",
    "mark_shared",
    is_flag=True,
    help=english(
        "Zet (regio) achter de titel van beleid dat uit de basiswerkmap van de regio komt.",
        "Put (regio) after the title of policies that come from the region's base workbook.",
    ),
)
@click.option(
    "--cache/--geen-cache",
    "cache",
    default=True,
    show_default=True,
    help=english(
        "Gebruik eerder gemaakte delen van de PDF opnieuw (sneller na een kleine wijziging).",
        "Reuse parts of the PDF made before (faster after a small change).",
    ),
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="GETAL",
    help=english(
        "Hoeveel werkmappen tegelijk (vanaf 1; als u niets opgeeft: het aantal kernen).",
        "How many workbooks at a time (1 or more; when not given: the number of cores).",
    ),
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help=english(
        "Geen voortgang en geen lijst van geschreven bestanden.", "No progress and no list of the files written."
    ),
)
@_lang_option
def build(
    workbooks: tuple[Path, ...],
    outdir: Path,
    formats: tuple[str, ...],
    profile: str | None,
    appendix_label: str | None,
    qr: bool,
    levels: tuple[str, ...],
    themes: tuple[str, ...],
    theme_dir: Path | None,
    previous: Path | None,
    mark_periods: bool,
    pdf_variant: str,
    basis: Path | None,
    mark_shared: bool,
    cache: bool,
    jobs: int | None,
    quiet: bool,
    lang: str,
) -> None:
    """Maak het overzicht als Word-document, PDF en/of HTML uit een of meer werkmappen.

    Zonder WERKMAP wordt de werkmap in de map source/ gebruikt. De bestanden krijgen
    de naam van de werkmap: source/via-beleid.xlsx wordt output/via-beleid.docx;
    een ander profiel of een selectie komt erachter (via-beleid-bijlage-jeugd.pdf).
    Heeft de werkmap fouten, dan wordt er niets geschreven en blijven eerdere
    documenten staan. Meerdere werkmappen (of een map vol) worden tegelijk gemaakt;
    een kapotte werkmap houdt de andere niet tegen.

    \b
    Voorbeelden:
      via-reports build
      via-reports build source/via-beleid.xlsx -o output -f docx,pdf,html
      via-reports build --bijlage "Bijlage 2" --thema jeugd
      via-reports build --profile handout --qr --niveau Lokaal
      via-reports build --theme mijn-thema
      via-reports build --vorige editie-2024.xlsx editie-2025.xlsx
      via-reports build regio/ --jobs 2
      via-reports build --basis regio/regio-nob.xlsx gemeenten/
      via-reports build --herkomst gemeenten/oss.xlsx
    """
    if (not workbooks or workbooks[0].is_file()) and len(workbooks) <= 1 and (not formats or "pdf" in formats):
        from .workers import discard_early, start_early  # one workbook, and a PDF (the default: docx and pdf)

        start_early()  # its workers now: one loads WeasyPrint while this process loads the rest
        click.get_current_context().call_on_close(discard_early)  # not taken by a build (a wrong option): gone
    from . import api

    lang = lang.lower()
    ctx = click.get_current_context()
    formats = formats or api.DEFAULT_FORMATS
    if not workbooks:
        workbooks = (_default_workbook(lang),)
    for path in workbooks:
        _existing_file(path, lang)
    profile = _check_options(ctx, workbooks, formats, profile, appendix_label, qr, lang)
    options = {
        "profile": profile,
        "appendix_label": appendix_label,
        "qr": qr,
        "levels": levels,
        "themes": themes,
        "theme_dir": theme_dir,
        "previous": previous,
        "mark_periods": mark_periods,
        "basis": basis,
        "mark_shared": mark_shared,
        "pdf_variant": pdf_variant,
        "cache": cache,
    }
    formats = formats or api.DEFAULT_FORMATS
    if not workbooks:
        workbooks = (_default_workbook(lang),)
    for path in (*workbooks, *([basis] if basis else [])):
        _existing_file(path, lang)
    if len(workbooks) == 1 and workbooks[0].is_file():
        sys.exit(_build_one(workbooks[0], outdir, formats, options, quiet, lang))
    sys.exit(_build_batch(workbooks, outdir, formats, options, jobs, quiet, lang))


def _default_workbook(lang: str) -> Path:
    from . import api

    try:
        return api.default_workbook()
    except LookupError as exc:
        folder, names = exc.args
        reason = (
            text("cli_no_workbook_many", lang, folder=folder, names=", ".join(names))
            if names
            else text("cli_no_workbook_none", lang, folder=folder)
        )
        raise click.UsageError(text("cli_no_workbook", lang, reason=reason)) from None


def _report_failure(exc: BaseException, lang: str) -> None:
    if isinstance(exc, WorkbookError):
        _echo_diagnostics(exc.diagnostics, lang, err=True)
        errors = [d for d in exc.diagnostics if d.is_error]
        counts = text("cli_counts", lang, errors=len(errors), warnings=len(exc.diagnostics) - len(errors))
        click.echo(text("cli_failed", lang, counts=counts), err=True)
    elif isinstance(exc, ViaReportsError):
        click.echo(exc.message(lang), err=True)
    else:
        click.echo(text("cli_unexpected", lang, detail=f"{type(exc).__name__}: {exc}"), err=True)


def _echo_theme_source(result, lang: str) -> None:
    """A house style taken from beside the workbook is always said (also with --quiet)."""
    if result.theme_source is not None:
        click.echo(text("cli_theme_beside", lang, path=result.theme_source), err=True)


def _build_one(workbook: Path, outdir: Path, formats, options: dict, quiet: bool, lang: str) -> int:
    from . import api
    from .progress import TerminalProgress

    progress = TerminalProgress(enabled=None if not quiet else False)
    try:
        result = api.build(workbook, outdir, formats, progress=progress, **options)
    except Exception as exc:  # every failure is a sentence; a bug of ours too (the earlier outputs are intact)
        progress.done()
        if not isinstance(exc, ViaReportsError) and os.environ.get("VIA_REPORTS_DEBUG"):
            raise
        _report_failure(exc, lang)
        return 1
    progress.done()
    _echo_theme_source(result, lang)
    _echo_diagnostics(result.diagnostics, lang, err=True)
    if not quiet:
        for path in result.outputs:
            click.echo(text("cli_built", lang, path=path))
    return 0


def _build_batch(workbooks, outdir: Path, formats, options: dict, jobs: int | None, quiet: bool, lang: str) -> int:
    from .batch import BatchError, NoWorkbooks, build_many, expand
    from .progress import TerminalProgress
    from .region import base_problems, from_base, without_base

    basis = options.get("basis")
    try:
        paths = without_base(expand(workbooks), basis)
    except NoWorkbooks as exc:
        click.echo(f"{LABELS['error'][lang == 'en']}: {exc.message(lang)}", err=True)
        return 1
    except BatchError as exc:
        raise click.UsageError(exc.message(lang)) from None
    if basis is not None:  # checked once, not once per municipality
        base = base_problems(basis)
        if not base.ok:
            click.echo(text("batch_basis_broken", lang, name=Path(basis).name), err=True)
            _report_failure(WorkbookError(str(basis), base.diagnostics), lang)
            return 1
    progress = TerminalProgress(enabled=None if not quiet else False)
    shown: set[str] = set()  # a base's warnings are the same for every municipality: said once

    def done(item, finished: int, total: int) -> None:
        progress.done()
        if item.ok:
            _echo_theme_source(item.result, lang)
            for diagnostic in item.result.diagnostics:
                line = diagnostic.format(lang)
                if line not in shown:
                    click.echo(line, err=True)
                if from_base(diagnostic, item.workbook):
                    shown.add(line)
            if not quiet:
                files = ", ".join(str(p) for p in item.result.outputs)
                click.echo(text("batch_ok", lang, workbook=item.workbook, files=files))
        else:
            click.echo(text("batch_failed", lang, workbook=item.workbook), err=True)
            _report_failure(item.error or RuntimeError(item.unexpected), lang)
        progress("werkmappen klaar:", finished)

    items = build_many(paths, outdir, formats, jobs=jobs, done=done, **options)
    progress.done()
    failed = [item for item in items if not item.ok]
    note = text("batch_summary_failed", lang, count=len(failed)) if failed else ""
    click.echo(text("batch_summary", lang, built=len(items) - len(failed), total=len(items), failed=note))
    return 1 if failed else 0


@main.group(
    context_settings=CONTEXT,
    help_en="""House style: colours, font, logo, paper and templates.

    \b
    Examples:
      via-reports theme export my-theme
      via-reports build --theme my-theme
    """,
)
@click.help_option("-h", "--help", help=HELP)
@_lang_option
def theme(lang: str) -> None:
    """Huisstijl: kleuren, lettertype, logo, papier en sjablonen.

    \b
    Voorbeelden:
      via-reports theme export mijn-thema
      via-reports build --theme mijn-thema
    """


@theme.command(
    "export",
    context_settings=CONTEXT,
    help_en="""Copy the built-in theme into FOLDER, to start a house style of your own.

    FOLDER gets via-reports.toml (every setting explained) and all templates, CSS and
    fonts. Delete what you do not change: what is missing comes from the built-in theme.

    \b
    Example:
      via-reports theme export my-theme
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("folder", metavar="MAP", type=click.Path(path_type=Path, file_okay=False))
@_lang_option
def theme_export(folder: Path, lang: str) -> None:
    """Kopieer het ingebouwde thema naar MAP, als begin van een eigen huisstijl.

    MAP krijgt via-reports.toml (alle instellingen met uitleg) en alle sjablonen, CSS
    en lettertypen. Verwijder wat u niet aanpast: wat ontbreekt komt uit het
    ingebouwde thema.

    \b
    Voorbeeld:
      via-reports theme export mijn-thema
    """
    from . import api

    lang = lang.lower()
    try:
        path = api.export_theme(folder)
    except FileExistsError:
        click.echo(text("theme_export_exists", lang, path=folder), err=True)
        sys.exit(1)
    click.echo(text("theme_exported", lang, path=path))


@main.command(
    context_settings=CONTEXT,
    help_en="""Show what via-reports uses on this computer: the versions of Python,
    WeasyPrint, Pango and LibreOffice (if any), and where the theme and fonts come from.

    Exit code 0 when everything needed is there, 1 when something is missing (with
    the line that installs it).

    \b
    Examples:
      via-reports doctor
      via-reports doctor --theme my-theme
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.option(
    "--theme",
    "theme_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="MAP",
    help=english("Een eigen themamap (zie build --theme).", "A theme folder of your own (see build --theme)."),
)
@_lang_option
def doctor(theme_dir: Path | None, lang: str) -> None:
    """Toon wat via-reports op deze computer gebruikt: de versies van Python,
    WeasyPrint, Pango en LibreOffice (als dat er is), en waar het thema en de
    lettertypen vandaan komen.

    Exitcode 0 als alles wat nodig is aanwezig is, 1 als er iets ontbreekt (met de
    regel die het installeert).

    \b
    Voorbeelden:
      via-reports doctor
      via-reports doctor --theme mijn-thema
    """
    from .system import findings
    from .writers.render import theme_dirs

    lang = lang.lower()
    found = findings(theme_dirs([theme_dir] if theme_dir else []), lang)
    click.echo(text("doctor_title", lang))
    for finding in found:
        name = text(finding.name, lang) if finding.name.startswith("doctor_") else finding.name
        click.echo(f"  {name}: {finding.value}")
    ok = all(finding.ok for finding in found)
    click.echo(text("doctor_ok" if ok else "doctor_problem", lang))
    sys.exit(0 if ok else 1)


@main.command(
    context_settings=CONTEXT,
    help_en="""Write a copy of a workbook with its HTML explanations as typed text.

    The Toelichting cells (and the Inleiding) that hold HTML, such as <p> or <li>, get
    the typed form you edit in Excel: an empty line between paragraphs, lines that
    start with • or 1. for lists, bold and italic as Excel's own formatting. The
    document stays the same; a link with a text of its own is typed as the text with
    its address in brackets. WORKBOOK is never changed, and NEW is never overwritten.

    \b
    Example:
      via-reports omzetten edition-2024.xlsx edition-2024-typed.xlsx
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("workbook", metavar="WERKMAP", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("target", metavar="NIEUW", type=click.Path(path_type=Path, dir_okay=False))
@_lang_option
def omzetten(workbook: Path, target: Path, lang: str) -> None:
    """Schrijf een kopie van een werkmap met de HTML in de toelichtingen als getypte tekst.

    De cellen Toelichting (en de Inleiding) met HTML, zoals <p> of <li>, krijgen de
    getypte vorm die u in Excel bewerkt: een lege regel tussen alinea's, regels die
    met • of 1. beginnen voor opsommingen, vet en cursief als Excels eigen opmaak.
    Het document blijft hetzelfde; een link met een eigen tekst wordt getypt als de
    tekst met het adres erachter tussen haakjes. WERKMAP wordt nooit veranderd en
    NIEUW nooit overschreven.

    \b
    Voorbeeld:
      via-reports omzetten editie-2024.xlsx editie-2024-getypt.xlsx
    """
    from .convert import ConvertError, convert_workbook

    lang = lang.lower()
    _existing_file(workbook, lang)
    try:
        result = convert_workbook(workbook, target)
    except ConvertError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(1)
    except WorkbookError as exc:
        _report_failure(exc, lang)
        sys.exit(1)
    _echo_diagnostics(result.diagnostics, lang, err=True)
    if not result.converted:
        click.echo(text("convert_nothing", lang, source=workbook))
        return
    click.echo(text("convert_done", lang, path=target, count=len(result.converted), source=workbook))


@main.command(
    context_settings=CONTEXT,
    help_en="""A web page to check workbooks and make documents, with an API.

    Open the address the server names in the browser. With WORKBOOK the page follows
    that file: after every save in Excel or Calc it shows the new check. The server
    listens on this computer only (127.0.0.1) unless --host says otherwise; then a
    password is required. Stop with Ctrl+C.

    \b
    Examples:
      via-reports serve --open
      via-reports serve source/via-beleid.xlsx
      VIA_REPORTS_WACHTWOORD=secret via-reports serve --host 0.0.0.0 --root-path /via-reports
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("workbook", metavar="[WERKMAP]", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADRES",
    help=english(
        "Het adres waarop de server luistert. Een ander adres dan 127.0.0.1 vraagt een wachtwoord.",
        "The address the server listens on. Any address other than 127.0.0.1 needs a password.",
    ),
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    metavar="GETAL",
    help=english("De poort (0: een vrije poort).", "The port (0: a free port)."),
)
@click.option(
    "--theme",
    "theme_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="MAP",
    help=english(
        "Themamap (huisstijl en sjablonen) voor alle documenten van deze server.",
        "Theme folder (house style and templates) for every document of this server.",
    ),
)
@click.option(
    "--open",
    "open_browser",
    is_flag=True,
    help=english("Open de pagina in de browser.", "Open the page in the browser."),
)
@click.option(
    "--wachtwoord",
    "password",
    envvar="VIA_REPORTS_WACHTWOORD",
    metavar="WACHTWOORD",
    help=english(
        "Wachtwoord voor de pagina en de API (HTTP Basic of Bearer). Liever via VIA_REPORTS_WACHTWOORD.",
        "Password for the page and the API (HTTP Basic or Bearer). Preferably through VIA_REPORTS_WACHTWOORD.",
    ),
)
@click.option(
    "--root-path",
    default="",
    metavar="PAD",
    help=english(
        "Het pad waaronder een reverse proxy de server doorgeeft, zoals /via-reports.",
        "The path under which a reverse proxy passes the server on, such as /via-reports.",
    ),
)
@click.option(
    "--max-upload",
    "max_upload",
    default=100,
    show_default=True,
    type=click.IntRange(1),
    metavar="MB",
    help=english("Hoe groot een upload hoogstens mag zijn.", "How large an upload may be at most."),
)
@click.option(
    "--wachtrij",
    "queue_limit",
    default=20,
    show_default=True,
    type=click.IntRange(1),
    metavar="GETAL",
    help=english(
        "Hoeveel opdrachten er hoogstens wachten; daarboven antwoordt de server 'druk' (503).",
        "How many jobs may wait at most; beyond that the server answers 'busy' (503).",
    ),
)
@click.option(
    "--werkers",
    "workers",
    type=click.IntRange(1),
    metavar="GETAL",
    help=english(
        "Hoeveel documenten tegelijk worden gemaakt (als u niets opgeeft: het aantal kernen, hoogstens 4).",
        "How many documents are made at a time (when not given: the number of cores, at most 4).",
    ),
)
@click.option(
    "--bewaar",
    "keep",
    default=60,
    show_default=True,
    type=click.FloatRange(min=0.05),
    metavar="MINUTEN",
    help=english(
        "Hoe lang de bestanden van een opdracht op de server blijven.",
        "How long the files of a job stay on the server.",
    ),
)
@_basis_option
@_lang_option
def serve(
    workbook,
    host,
    port,
    theme_dir,
    open_browser,
    password,
    root_path,
    max_upload,
    queue_limit,
    workers,
    keep,
    basis,
    lang,
):
    """Een webpagina om werkmappen te controleren en documenten te maken, met een API.

    Open het adres dat de server noemt in de browser. Met WERKMAP volgt de pagina dat
    bestand: na elke keer opslaan in Excel of Calc toont hij de nieuwe controle.
    De server luistert alleen op deze computer (127.0.0.1), tenzij --host iets anders
    zegt; dan is een wachtwoord verplicht. Stop met Ctrl+C.

    \b
    Voorbeelden:
      via-reports serve --open
      via-reports serve source/via-beleid.xlsx
      VIA_REPORTS_WACHTWOORD=geheim via-reports serve --host 0.0.0.0 --root-path /via-reports
    """
    from .serve.config import ServeConfig, is_loopback
    from .serve.server import run

    lang = lang.lower()
    for path in (workbook, basis):
        if path is not None:
            _existing_file(path, lang)
    if not password and not is_loopback(host):
        raise click.UsageError(text("serve_needs_password", lang, host=host))
    root_path = "/" + root_path.strip("/") if root_path.strip("/") else ""
    config = ServeConfig(
        host=host,
        port=port,
        workbook=workbook,
        theme_dir=theme_dir,
        basis=basis,
        password=password or None,
        root_path=root_path,
        max_upload_mb=max_upload,
        queue_limit=queue_limit,
        workers=workers or 0,
        keep_minutes=keep,
    )
    if workbook is not None:
        click.echo(text("serve_watching", lang, path=workbook))
    try:
        run(config, open_browser=open_browser)
    except ViaReportsError as exc:  # a broken --theme, before anything listens
        click.echo(exc.message(lang), err=True)
        sys.exit(1)


@main.command(
    context_settings=CONTEXT,
    help_en="""What changed between two editions of the workbook?

    Per level: added, removed and changed policies (with the fields and a short
    summary per text), and the legal frameworks. A policy is recognised by its title
    (also with a new number or a small change in the title). Exit code 0, also when
    there are differences; 1 when a workbook cannot be read.

    \b
    Examples:
      via-reports diff edition-2024.xlsx edition-2025.xlsx
      via-reports diff edition-2024.xlsx edition-2025.xlsx --json > changes.json
    """,
)
@click.help_option("-h", "--help", help=HELP)
@click.argument("old", metavar="OUD", type=click.Path(path_type=Path))
@click.argument("new", metavar="NIEUW", type=click.Path(path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=english("Als JSON, voor andere programma's.", "As JSON, for other programs."),
)
@_basis_option
@click.option(
    "--gemeenten",
    "municipalities",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="MAP",
    help=english(
        "OUD en NIEUW zijn twee edities van de basiswerkmap van de regio: toon per gemeente (de werkmappen "
        "in MAP, of losse werkmappen; herhaalbaar) wat er in haar documenten verandert.",
        "OLD and NEW are two editions of the region's base workbook: show per municipality (the workbooks "
        "in FOLDER, or single workbooks; repeatable) what changes in its documents.",
    ),
)
@_lang_option
def diff(old: Path, new: Path, as_json: bool, basis: Path | None, municipalities: tuple[Path, ...], lang: str) -> None:
    """Wat is er veranderd tussen twee edities van de werkmap?

    Per niveau: toegevoegd, verwijderd en gewijzigd beleid (met welke velden en een
    korte samenvatting per tekst), en de wettelijke kaders. Beleid wordt herkend aan
    zijn titel (ook bij een nieuw nummer of een kleine tekstwijziging in de titel).
    Exitcode 0, ook als er verschillen zijn; 1 als een werkmap niet te lezen is.

    \b
    Voorbeelden:
      via-reports diff editie-2024.xlsx editie-2025.xlsx
      via-reports diff editie-2024.xlsx editie-2025.xlsx --json > wijzigingen.json
      via-reports diff --basis regio/regio-nob.xlsx oss-2025.xlsx oss-2026.xlsx
      via-reports diff regio-2025.xlsx regio-2026.xlsx --gemeenten gemeenten/
    """
    import json

    from . import api
    from .editions import as_data, describe

    lang = lang.lower()
    for path in (old, new, *([basis] if basis else []), *municipalities):
        _existing_file(path, lang)
    if municipalities:
        if basis is not None:
            raise click.UsageError(text("cli_diff_basis_and_region", lang))
        sys.exit(_diff_region(old, new, municipalities, as_json, lang))
    try:
        changes = api.diff(old, new, basis=basis)
    except WorkbookError as exc:
        click.echo(text("cli_checking", lang, name=Path(exc.path).name), err=True)
        _report_failure(exc, lang)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(as_data(changes), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(describe(changes)))


def _diff_region(old: Path, new: Path, municipalities: tuple[Path, ...], as_json: bool, lang: str) -> int:
    import json

    from . import api
    from .batch import BatchError, expand
    from .region import describe_region, region_data

    try:
        workbooks = expand(municipalities)
    except BatchError as exc:
        raise click.UsageError(exc.message(lang)) from None
    try:
        region = api.diff_region(old, new, workbooks)
    except WorkbookError as exc:
        click.echo(text("cli_checking", lang, name=Path(exc.path).name), err=True)
        _report_failure(exc, lang)
        return 1
    shown: set[str] = set()
    for m in region.municipalities:
        lines = [d.format(lang) for d in m.diagnostics]
        if not m.ok:
            click.echo(text("region_failed", lang, workbook=m.workbook), err=True)
        for line in lines:
            if line not in shown:
                click.echo(line, err=True)
                shown.add(line)
    if as_json:
        click.echo(json.dumps(region_data(region), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(describe_region(region)))
    return 0 if all(m.ok for m in region.municipalities) else 1
