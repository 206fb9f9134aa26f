"""Document models written in code, for writer tests (no reader involved)."""

from __future__ import annotations

import datetime as dt

from via_reports.model import (
    Document,
    DocumentInfo,
    FrameworkGroup,
    LegalFramework,
    Level,
    LevelSection,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Paragraph,
    Period,
    Policy,
    Source,
    Text,
)
from via_reports.writers.common import BuildInfo, Rendering

BUILD = BuildInfo(dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC))


def p(*parts: str | Text | Link | LineBreak) -> Paragraph:
    return Paragraph(tuple(Text(x) if isinstance(x, str) else x for x in parts))


def items(*texts: str) -> tuple[ListItem, ...]:
    return tuple(ListItem((p(t),)) for t in texts)


def sample_document() -> Document:
    """Every kind of block and inline, three levels (Regionaal empty) and two groups of laws."""
    landelijk = (
        Policy(
            Level.LANDELIJK,
            1,
            "Toekomstscenario Kind- en gezinsbescherming",
            "Toekomstscenario kind en gezinsbescherming",
            (
                p(
                    "Eerste alinea met ",
                    Text("vet", bold=True),
                    ", ",
                    Text("schuin", italic=True),
                    " en ",
                    Text("onderstreept", underline=True),
                    ".",
                ),
                p("regel een", LineBreak(), "regel twee"),
                ListBlock(ListKind.NUMBERED, items("Preventie.", "Vragen ontvangen."), ".", 3),
                p("Zie ", Link("https://www.rijksoverheid.nl/x", (Text("de brief"),)), "."),
            ),
            sources=(Source("Rapport Rijksoverheid.nl", "https://www.rijksoverheid.nl/rapport"), Source("Zonder link")),
            period=Period(2023, 2028),
            themes=("jeugd",),
            title_url="https://www.rijksoverheid.nl/titel",
        ),
        Policy(
            Level.LANDELIJK,
            4,
            "Stop Femicide!",
            "Stop Femicide",
            (
                ListBlock(
                    ListKind.BULLET,
                    (
                        ListItem(
                            (p("werken aan veiligheid;"), ListBlock(ListKind.BULLET, items("sub a", "sub b"), "-"))
                        ),
                        ListItem((p("werken aan herstel;"),)),
                    ),
                    "▪",
                ),
            ),
        ),
    )
    lokaal = (Policy(Level.LOKAAL, 2, "Handboek AVE", "Handboek AVE", (p("Tekst met kindersmishandeling."),)),)
    return Document(
        DocumentInfo(
            "Veiligheid in afhankelijkheidsrelaties",
            "een complex beleidslandschap",
            "Gemeente Oss",
            "2025",
            dt.date(2025, 3, 1),
        ),
        (p("Inleiding een."), p("Inleiding twee.")),
        (
            LevelSection(Level.LANDELIJK, landelijk),
            LevelSection(Level.REGIONAAL, ()),
            LevelSection(Level.LOKAAL, lokaal),
        ),
        (
            FrameworkGroup(
                "Nederlandse wetgeving",
                (
                    LegalFramework("Jeugdwet", "https://wetten.overheid.nl/BWBR0034925"),
                    LegalFramework("Wet tijdelijk huisverbod"),
                ),
            ),
            FrameworkGroup(
                "Internationale kaders", (LegalFramework("Verdrag van Istanbul", explanation=(p("Uitleg."),)),)
            ),
        ),
    )


def rendering(document: Document | None = None, **options) -> Rendering:
    """A Rendering of `document` (the sample by default) with BUILD's date."""
    return Rendering(document or sample_document(), BUILD, **options)
