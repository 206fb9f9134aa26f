"""Writing workbooks that follow the contract and open well in Excel: `init`'s starter
workbook (and the bundled Oss workbook, made with the same function).

Bold frozen header rows with hover help, sensible widths, wrapped text, drop-down
lists for Niveau and Opnemen, and an `Uitleg` sheet that explains every column.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .contract import BELEID, DOCUMENT, KADERS, LEVEL_NAMES, SETTINGS, Sheet

Row = Mapping[str, object]  # column name (as in the contract) → value

STARTER_NAME = "via-beleid.xlsx"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_VALIDATED_ROWS = 1000  # drop-downs reach this far down
_MAX_ROW_HEIGHT = 409  # Excel's limit, in points

EXAMPLE_POLICIES: tuple[Row, ...] = (
    {
        "Niveau": "Landelijk",
        "Nr": 1,
        "Titel": "Voorbeeld: landelijk programma",
        "Korte titel": "Landelijk programma",
        "Toelichting": (
            "Vervang deze regel door een echt beleidsstuk.\n\n"
            "Een lege regel begint een nieuwe alinea. Een opsomming:\n"
            "• eerste punt;\n"
            "• tweede punt."
        ),
        "Bronnen": "Rapport op Rijksoverheid.nl | https://www.rijksoverheid.nl/",
        "Periode": "2023-2028",
        "Thema's": "huiselijk geweld, kindermishandeling",
    },
    {
        "Niveau": "Lokaal",
        "Titel": "Voorbeeld: lokaal uitvoeringsplan",
        "Toelichting": "Een genummerde lijst begint bij het getypte nummer:\n1. eerste stap\n2. tweede stap",
        "Bronnen": "Uitvoeringsplan (nog zonder link)",
        "Periode": "2025-2028",
        "Thema's": "jeugd",
    },
)
EXAMPLE_FRAMEWORKS: tuple[Row, ...] = (
    {"Categorie": "Nederlandse wetgeving", "Naam": "Jeugdwet"},
    {"Categorie": "Internationale kaders", "Naam": "Verdrag van Istanbul"},
)
EXAMPLE_SETTINGS: tuple[Row, ...] = (
    {"Veld": "Titel", "Waarde": "Veiligheid in afhankelijkheidsrelaties"},
    {"Veld": "Ondertitel", "Waarde": "een complex beleidslandschap"},
    {"Veld": "Organisatie", "Waarde": "Gemeente Voorbeeld"},
    {"Veld": "Editie", "Waarde": "2025"},
    {"Veld": "Datum", "Waarde": None},
    {"Veld": "Inleiding", "Waarde": "Dit overzicht laat zien welk beleid er is op het gebied van ViA."},
)


def _wrapped_lines(value: object, width: int) -> int:
    if value is None:
        return 1
    per_line = max(width - 2, 4)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in str(value).split("\n"))


def _table_sheet(ws: Worksheet, spec: Sheet, rows: Sequence[Row]) -> None:
    ws.title = spec.name
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        cell.comment = Comment(("Verplicht. " if column.required else "") + column.help, "via-reports")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].alignment = _WRAP
    for r, row in enumerate(rows, start=2):
        lines = 1
        for index, column in enumerate(spec.columns, start=1):
            value = row.get(column.name)
            cell = ws.cell(row=r, column=index, value=value)
            cell.alignment = _WRAP
            lines = max(lines, _wrapped_lines(value, column.width))
        # Not every spreadsheet program fits wrapped rows on opening: give them room.
        ws.row_dimensions[r].height = min(15 * lines, _MAX_ROW_HEIGHT)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(spec.columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _drop_down(ws: Worksheet, spec: Sheet, column_name: str, choices: Sequence[str], prompt: str) -> None:
    index = [c.name for c in spec.columns].index(column_name) + 1
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column_name,
        error=prompt,
        promptTitle=column_name,
        prompt=prompt,
        showInputMessage=True,
    )
    validation.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    ws.add_data_validation(validation)


def _explanation_sheet(ws: Worksheet, about: Sequence[str] = ()) -> None:
    ws.title = "Uitleg"
    lines: list[tuple[str, str, str, str]] = [
        ("Werkblad", "Kolom of veld", "Verplicht", "Uitleg"),
    ]
    lines += [("Deze werkmap" if i == 0 else "", "", "", text) for i, text in enumerate(about)]
    for spec in (BELEID, KADERS, DOCUMENT):
        lines.append((spec.name, "", "ja" if spec.required else "nee", spec.help))
        for column in spec.columns:
            lines.append(("", column.name, "ja" if column.required else "nee", column.help))
    lines.append(("Document", "(velden)", "", "Deze waarden kunnen in de kolom Veld staan:"))
    for setting in SETTINGS:
        default = f" Standaard: {setting.default}." if setting.default else ""
        lines.append(("", setting.name, "nee", setting.help + default))
    lines += [
        ("", "", "", ""),
        (
            "Algemeen",
            "",
            "",
            "Hoofdletters, spaties en accenten in namen van werkbladen en kolommen maken niet uit; "
            "kolommen mogen in elke volgorde staan. Lege regels worden overgeslagen. Andere werkbladen "
            "(zoals dit) worden niet gelezen. Een link maken kan ook met Ctrl+K op de cel.",
        ),
        (
            "Controleren",
            "",
            "",
            "Controleer de werkmap met: via-reports validate via-beleid.xlsx. Elke fout noemt de cel, "
            "bijvoorbeeld Beleid!B7.",
        ),
    ]
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            cell = ws.cell(row=r, column=c, value=value or None)
            cell.alignment = _WRAP
            if r == 1:
                cell.font = _HEADER_FONT
                cell.fill = _HEADER_FILL
            elif c == 1 and value:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (18, 18, 10, 100), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def write_workbook(
    path: Path,
    policies: Sequence[Row],
    frameworks: Sequence[Row] = (),
    settings: Sequence[Row] = (),
    about: Sequence[str] = (),
) -> Path:
    """Write a contract-following workbook to `path` (which must not exist yet); `about`:
    paragraphs on its Uitleg sheet saying what this workbook is for."""
    book = Workbook()
    beleid = book.active
    _table_sheet(beleid, BELEID, policies)
    _drop_down(beleid, BELEID, "Niveau", LEVEL_NAMES, "Kies Landelijk, Regionaal of Lokaal.")
    _drop_down(beleid, BELEID, "Opnemen", ("ja", "nee"), "Nee: deze regel komt in geen enkel document.")
    _table_sheet(book.create_sheet(), KADERS, frameworks)
    _table_sheet(book.create_sheet(), DOCUMENT, settings)
    _explanation_sheet(book.create_sheet(), about)
    book.properties.creator = "via-reports"
    book.properties.title = "Bronwerkmap ViA-beleidsoverzicht"
    book.properties.language = "nl-NL"
    book.save(path)
    return path


def dated_examples(year: int) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """The example policies and settings for an edition of `year`: Editie is that year
    and the example periods run on past it, so a new starter workbook has no period
    warnings in any year."""
    periods = (f"{year - 2}-{year + 3}", f"{year}-{year + 3}")
    policies = tuple({**row, "Periode": period} for row, period in zip(EXAMPLE_POLICIES, periods, strict=True))
    settings = tuple({**row, "Waarde": str(year)} if row["Veld"] == "Editie" else row for row in EXAMPLE_SETTINGS)
    return policies, settings


def init_workbook(folder: str | Path, *, name: str = STARTER_NAME, year: int | None = None) -> Path:
    """Write a starter workbook into `folder` (created if needed) for the edition of
    `year` (default: this year). Never overwrites: raises FileExistsError when the
    file is already there."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if path.exists():
        raise FileExistsError(path)
    policies, settings = dated_examples(year or dt.date.today().year)
    return write_workbook(path, policies, EXAMPLE_FRAMEWORKS, settings)


# --- a region: a base workbook and one municipality's own (init --regio) -----------

REGION_BASE = Path("regio") / "regio.xlsx"
REGION_LOCAL = "gemeente.xlsx"  # in gemeenten/

REGION_POLICIES: tuple[Row, ...] = (
    {**EXAMPLE_POLICIES[0], "Korte titel": "Landelijk programma"},
    {
        "Niveau": "Regionaal",
        "Titel": "Voorbeeld: regionaal koersplan",
        "Toelichting": (
            "Het plan dat alle gemeenten van de regio samen maken. Het staat in het overzicht van elke gemeente."
        ),
        "Periode": "2023-2026",
        "Thema's": "huiselijk geweld",
    },
    {
        "Niveau": "Regionaal",
        "Titel": "Voorbeeld: regionaal uitvoeringsprogramma",
        "Toelichting": "Hoe de regio het koersplan uitvoert.",
        "Thema's": "jeugd",
    },
)
REGION_SETTINGS: tuple[Row, ...] = (
    EXAMPLE_SETTINGS[0],
    EXAMPLE_SETTINGS[1],
    {"Veld": "Editie", "Waarde": "2025"},
    {"Veld": "Inleiding", "Waarde": "Dit overzicht laat zien welk beleid er is op het gebied van ViA in de regio."},
)
REGION_ABOUT = (
    "Dit is de basiswerkmap van de regio: het landelijke en regionale beleid en de wettelijke kaders die alle "
    "gemeenten van de regio delen. De regio houdt deze werkmap bij; elke gemeente heeft daarnaast een eigen "
    "werkmap (in de map gemeenten) die deze werkmap in het veld Basis noemt.",
    "Wat hier staat, komt in het overzicht van elke gemeente, vóór het beleid van de gemeente zelf. De nummers "
    "blijven in elke gemeente gelijk: Regionaal 2 is overal hetzelfde beleid. De instellingen op het werkblad "
    "Document gelden als een gemeente ze niet zelf invult.",
    "Een basiswerkmap heeft zelf geen Basis. Controleer de werkmap van een gemeente met via-reports validate "
    "(dat controleert deze werkmap ook) en maak de documenten van alle gemeenten in één keer met: "
    "via-reports build gemeenten/.",
)
LOCAL_POLICIES: tuple[Row, ...] = (
    EXAMPLE_POLICIES[1],
    {
        "Niveau": "Regionaal",
        "Titel": "Voorbeeld: regionaal uitvoeringsprogramma",
        "Toelichting": "Zo voert onze gemeente het regionale programma uit (deze regel vervangt die van de regio).",
        "Thema's": "jeugd",
    },
)
LOCAL_SETTINGS: tuple[Row, ...] = (
    {"Veld": "Basis", "Waarde": "../regio/regio.xlsx"},
    {"Veld": "Organisatie", "Waarde": "Gemeente Voorbeeld"},
)
LOCAL_ABOUT = (
    "Dit is de werkmap van één gemeente. Het veld Basis op het werkblad Document noemt de basiswerkmap van de "
    "regio (../regio/regio.xlsx: het pad vanaf de map van deze werkmap). Het overzicht bevat eerst het beleid "
    "en de wettelijke kaders van de regio, daarna wat hier staat. Vul hier alleen in wat van de gemeente zelf is.",
    "Nummers: een regel zonder Nr krijgt het eerste nummer na die van de regio op hetzelfde niveau. Een Nr dat "
    "de regio op dat niveau al gebruikt, is een fout.",
    "Regionaal beleid weglaten: een regel met hetzelfde Niveau en dezelfde Titel als in de basis en Opnemen = "
    "nee. Vervangen (bijvoorbeeld met een eigen Toelichting): een regel met hetzelfde Niveau en dezelfde Titel "
    "en de eigen tekst; hij houdt het nummer van de regio en wat u leeg laat, blijft leeg. Zo vervangt de "
    "tweede regel op het werkblad Beleid het regionale uitvoeringsprogramma.",
    "Instellingen (Titel, Organisatie, Editie, Inleiding …) die hier zijn ingevuld, gaan voor die van de regio.",
)


def init_region(folder: str | Path, *, local_name: str = REGION_LOCAL, year: int | None = None) -> tuple[Path, Path]:
    """Write a region's base workbook (`folder/regio/regio.xlsx`) and one municipality's
    workbook that uses it (`folder/gemeenten/<local_name>`, Basis ../regio/regio.xlsx),
    for the edition of `year` (default: this year; the example periods run on past it).
    Never overwrites: raises FileExistsError before writing anything when either exists."""
    year = year or dt.date.today().year
    folder = Path(folder)
    base, local = folder / REGION_BASE, folder / "gemeenten" / local_name
    for path in (base, local):
        if path.exists():
            raise FileExistsError(path)
    for path in (base, local):
        path.parent.mkdir(parents=True, exist_ok=True)
    policies = tuple(
        {**row, "Periode": f"{year - 2}-{year + 1}"} if "Periode" in row else row for row in REGION_POLICIES
    )
    settings = tuple({**row, "Waarde": str(year)} if row["Veld"] == "Editie" else row for row in REGION_SETTINGS)
    write_workbook(base, policies, EXAMPLE_FRAMEWORKS, settings, REGION_ABOUT)
    write_workbook(local, LOCAL_POLICIES, (), LOCAL_SETTINGS, LOCAL_ABOUT)
    return base, local
