"""The workbook contract in one place: sheets, columns, settings and how names match.

The reader validates against these definitions, `init` writes its starter workbook
from them (including the explanations on the `Uitleg` sheet), so the two can never
disagree. Nothing here reads or writes files.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Apostrophes people type (or Excel's autocorrect makes) in "Thema's".
_APOSTROPHES = "'’‘`´ʼ"


def normalize_name(name: object) -> str:
    """A sheet name or column header as compared: no case, accents, apostrophes,
    dots or surrounding/double spaces. "  Thema’s " and "themas" are the same."""
    text = "" if name is None else str(name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in _APOSTROPHES + ".":
        text = text.replace(ch, "")
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Column:
    name: str  # the canonical header, as `init` writes it
    required: bool
    help: str  # plain Dutch, shown on the Uitleg sheet
    width: int  # column width in the starter workbook (characters)
    example: str = ""

    @property
    def key(self) -> str:
        return normalize_name(self.name)


@dataclass(frozen=True)
class Sheet:
    name: str
    required: bool
    help: str
    columns: tuple[Column, ...]

    @property
    def key(self) -> str:
        return normalize_name(self.name)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def key(self) -> str:
        return normalize_name(self.name)


LEVEL_NAMES = ("Landelijk", "Regionaal", "Lokaal")
EXCLUDE_VALUES = frozenset({"nee", "no", "0", "onwaar", "false"})

BELEID = Sheet(
    name="Beleid",
    required=True,
    help="Eén regel per beleidsstuk, programma of aanpak.",
    columns=(
        Column("Niveau", True, "Landelijk, Regionaal of Lokaal (hoofdletters maken niet uit).", 12),
        Column(
            "Nr",
            False,
            "Volgnummer binnen het niveau: een heel getal vanaf 1, uniek binnen het niveau. "
            "Leeg: het volgende vrije nummer in de volgorde van de regels. "
            "Het overzicht toont de regels per niveau op nummer.",
            6,
        ),
        Column("Titel", True, "De volledige naam, zoals in de kolom Programma/Beleid/aanpak.", 40),
        Column("Korte titel", False, "De naam in de inhoudsopgave van het niveau. Leeg: de Titel.", 28),
        Column(
            "Toelichting",
            True,
            "De uitleg. Alt+Enter voor een nieuwe regel; een lege regel begint een nieuwe alinea; "
            "regels die beginnen met • - * ▪ of 1. 2. worden een opsomming; vet, cursief en onderstreept "
            "kan met Excels eigen opmaak. (Een HTML-fragment zoals in het oorspronkelijke overzicht wordt ook "
            "gelezen; via-reports omzetten maakt er getypte tekst van.)",
            80,
        ),
        Column(
            "Bronnen",
            False,
            "De brondocumenten, één per regel: 'Naam | https://…', alleen een adres, "
            "of alleen een naam (dan zonder link).",
            40,
        ),
        Column("Periode", False, "Looptijd: 2023-2028 of één jaar (2025). Mag leeg.", 12),
        Column("Thema's", False, "Trefwoorden, gescheiden door komma's, om een selectie te maken.", 24),
        Column(
            "Opnemen",
            False,
            "Nee, no, 0, onwaar of false: de regel komt in geen enkel document (concept). "
            "Leeg of iets anders: opnemen.",
            10,
        ),
    ),
)

KADERS = Sheet(
    name="Wettelijke kaders",
    required=False,
    help="Eén regel per wet of verdrag. Mag ontbreken.",
    columns=(
        Column(
            "Categorie",
            True,
            "De groep, bijvoorbeeld Nederlandse wetgeving of Internationale kaders. "
            "Groepen verschijnen in de volgorde waarin ze voor het eerst voorkomen.",
            26,
        ),
        Column("Naam", True, "De naam van de wet of het verdrag, bijvoorbeeld Jeugdwet.", 50),
        Column("Link", False, "Een adres dat begint met https://. Mag leeg.", 40),
        Column("Toelichting", False, "Uitleg, net als in Beleid. Mag leeg.", 60),
    ),
)

DOCUMENT = Sheet(
    name="Document",
    required=False,
    help="Instellingen van het document: één per regel, met Veld en Waarde. Mag ontbreken.",
    columns=(
        Column("Veld", True, "De naam van de instelling (zie hieronder).", 16),
        Column("Waarde", True, "De waarde; leeg betekent de standaardwaarde.", 80),
    ),
)

SHEETS = (BELEID, KADERS, DOCUMENT)

DEFAULT_TITLE = "Veiligheid in afhankelijkheidsrelaties"

SETTINGS = (
    Setting("Titel", DEFAULT_TITLE, "Titel van het document, ook de titel in de eigenschappen van PDF en Word."),
    Setting("Ondertitel", "", "Bijvoorbeeld: een complex beleidslandschap."),
    Setting("Organisatie", "", "Bijvoorbeeld: Gemeente Oss. Ook de auteur in de eigenschappen."),
    Setting("Editie", "", "Het jaar dat deze editie beschrijft, bijvoorbeeld 2025."),
    Setting("Datum", "", "Datum van het document (datumcel of 2025-03-01). Leeg: de dag van het maken."),
    Setting("Inleiding", "", "Tekst vóór het eerste niveau; opmaak als bij Toelichting."),
    Setting(
        "Basis",
        "",
        "Een basiswerkmap die de regio deelt, als pad vanaf deze werkmap (bijvoorbeeld ../regio/regio.xlsx). "
        "Het beleid en de wettelijke kaders van de basis komen eerst, daarna die van deze werkmap; de "
        "instellingen van deze werkmap gaan voor. Een regel met hetzelfde Niveau en dezelfde Titel als in de "
        "basis vervangt die regel, of laat hem weg met Opnemen = nee. Een basis heeft zelf geen Basis.",
    ),
)
