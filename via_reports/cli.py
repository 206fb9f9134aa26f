"""The `via-reports` command: a thin click layer over `via_reports.api`.

It translates options into API calls and results into sentences and exit codes
(0 fine, 1 problems in the workbook or its outputs, 2 wrong use of the command),
and nothing else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .diagnostics import LANGUAGES, Diagnostic, ViaReportsError, WorkbookError, default_language
from .messages import text
from .profiles import DEFAULT_PROFILE, PROFILES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES, case_sensitive=False),
        default=default_language,
        show_default="nl, of VIA_REPORTS_LANG",
        help="Taal van de meldingen: nl (Nederlands) of en (English).",
    )(func)


def _basis_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--basis",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="PAD",
        help="De basiswerkmap van de regio: eerst haar beleid en wettelijke kaders, dan die van de werkmap. "
        "Gaat voor het veld Basis in het werkblad Document.",
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


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="via-reports", help="Toon de versie.")
@click.help_option("-h", "--help", help="Toon deze hulp.")
def main() -> None:
    """via-reports maakt het beleidsoverzicht Veiligheid in afhankelijkheidsrelaties
    (ViA) uit één Excel-werkmap.

    \b
    Beginnen:
      via-reports init mijn-overzicht          een startwerkmap met uitleg
      via-reports validate mijn-overzicht/via-beleid.xlsx
      via-reports build mijn-overzicht/via-beleid.xlsx

    Meer hulp bij een opdracht: via-reports OPDRACHT --help
    """


@main.command(context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=True))
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


@main.command(context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--naam", "name", default="via-beleid.xlsx", show_default=True, help="Bestandsnaam van de werkmap.")
@click.option(
    "--regio",
    "region",
    is_flag=True,
    help="Voor een regio: een basiswerkmap (MAP/regio/regio.xlsx) en de werkmap van één gemeente die haar "
    "gebruikt (MAP/gemeenten/gemeente.xlsx, of --naam).",
)
@_lang_option
@click.pass_context
def init(ctx: click.Context, folder: Path, name: str, region: bool, lang: str) -> None:
    """Schrijf een startwerkmap die aan het contract voldoet, met uitleg en voorbeelden.

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


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """`-f docx -f pdf` and `-f docx,pdf` both work."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip().lower()
            if part not in _FORMATS:
                raise click.BadParameter(f"'{part}' is geen van: {', '.join(_FORMATS)}", ctx, param)
            out.append(part)
    return tuple(out)


@main.command(context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
@click.argument("workbooks", metavar="[WERKMAP]...", type=click.Path(path_type=Path), nargs=-1)
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Map voor de documenten.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=_formats,
    metavar="docx|pdf|html",
    help="Welke soorten documenten (herhaalbaar, of met komma's). Standaard: docx en pdf.",
)
@click.option(
    "-p",
    "--profile",
    type=click.Choice(list(PROFILES)),
    default=DEFAULT_PROFILE.name,
    show_default=True,
    help="; ".join(f"{p.name}: {p.description}" for p in PROFILES.values()) + ".",
)
@click.option("--bijlage", "appendix_label", metavar="LABEL", help='Het label van een bijlage, zoals "Bijlage 2".')
@click.option("--qr", is_flag=True, help="Handout: een QR-code bij elke bron met een adres.")
@click.option("--niveau", "levels", multiple=True, metavar="NIVEAU", help="Alleen dit niveau (herhaalbaar).")
@click.option("--thema", "themes", multiple=True, metavar="THEMA", help="Alleen beleid met dit thema (herhaalbaar).")
@click.option(
    "--theme",
    "theme_dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="MAP",
    help="Themamap met via-reports.toml (huisstijl) en eigen sjablonen. Standaard: de map van de werkmap "
    "als daar een via-reports.toml staat.",
)
@click.option(
    "--vorige",
    "previous",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="WERKMAP",
    help="De werkmap van de vorige editie: het overzicht krijgt een hoofdstuk met de wijzigingen.",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/ua-1+pdf/a-3u", "pdf/ua-1+pdf/a-2u", "pdf/ua-1", "pdf/a-3u", "pdf/a-2u"]),
    default="pdf/ua-1+pdf/a-3u",
    show_default=True,
    help="Welke normen de PDF volgt: toegankelijk (PDF/UA-1) en archiveerbaar (PDF/A).",
)
@click.option(
    "--looptijd/--geen-looptijd",
    "mark_periods",
    default=True,
    show_default=True,
    help="Markeer beleid dat verlopen is of afloopt in het jaar van de Editie.",
)
@_basis_option
@click.option(
    "--herkomst",
    "mark_shared",
    is_flag=True,
    help="Zet (regio) achter de titel van beleid dat uit de basiswerkmap van de regio komt.",
)
@click.option(
    "--cache/--geen-cache",
    "cache",
    default=True,
    show_default=True,
    help="Gebruik eerder gemaakte delen van de PDF opnieuw (sneller na een kleine wijziging).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Hoeveel werkmappen tegelijk (standaard: aantal kernen)."
)
@click.option("-q", "--quiet", is_flag=True, help="Geen voortgang en geen lijst van geschreven bestanden.")
@_lang_option
def build(
    workbooks: tuple[Path, ...],
    outdir: Path,
    formats: tuple[str, ...],
    profile: str,
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
      via-reports build --profile bijlage --bijlage "Bijlage 2" --thema jeugd
      via-reports build --profile handout --qr --niveau Lokaal
      via-reports build --theme mijn-thema
      via-reports build --vorige editie-2024.xlsx editie-2025.xlsx
      via-reports build regio/ --jobs 2
      via-reports build --basis regio/regio-nob.xlsx gemeenten/
      via-reports build --herkomst gemeenten/oss.xlsx
    """
    from . import api

    lang = lang.lower()
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
    _echo_diagnostics(result.diagnostics, lang, err=True)
    if not quiet:
        for path in result.outputs:
            click.echo(text("cli_built", lang, path=path))
    return 0


def _build_batch(workbooks, outdir: Path, formats, options: dict, jobs: int | None, quiet: bool, lang: str) -> int:
    from .batch import BatchError, build_many, expand
    from .progress import TerminalProgress
    from .region import base_problems, from_base, without_base

    basis = options.get("basis")
    try:
        paths = without_base(expand(workbooks), basis)
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


@main.group(context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
def theme() -> None:
    """Huisstijl: kleuren, lettertype, logo, papier en sjablonen.

    \b
    Voorbeelden:
      via-reports theme export mijn-thema
      via-reports build --theme mijn-thema
    """


@theme.command("export", context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
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


@main.command(context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp.")
@click.argument("old", metavar="OUD", type=click.Path(path_type=Path))
@click.argument("new", metavar="NIEUW", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor andere programma's.")
@_basis_option
@click.option(
    "--gemeenten",
    "municipalities",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="MAP",
    help="OUD en NIEUW zijn twee edities van de basiswerkmap van de regio: toon per gemeente (de werkmappen "
    "in MAP, of losse werkmappen; herhaalbaar) wat er in haar documenten verandert.",
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
