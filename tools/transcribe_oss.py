"""How `source/via-beleid.xlsx` was made: the original Oss overview, transcribed.

Two steps, each a file in the repository:

1. `tests/data/via-beleid-html.xlsx`, the transcription: the text comes from the
   extraction of the original (`tests/data/via-overzicht-origineel.txt`), so every
   word, typo and marker stays exactly as the municipality wrote it, with its rich
   text as HTML, as in the original. The extraction lost the `<li>` tags of the lists;
   they are put back around the typed items. The last paragraphs that named a source
   document become Bronnen (labels only: their addresses were lost, none are made up).
   Index labels come from the index pages; periods only where the title states them.
2. `source/via-beleid.xlsx`, the bundled workbook: the transcription in the typed
   form a policy adviser edits in Excel (paragraphs, typed bullets and numbers),
   made by `via_reports.convert`, which is `via-reports omzetten
   tests/data/via-beleid-html.xlsx source/via-beleid.xlsx`. The test suite proves
   that both give the same document (tests/test_convert.py).

Run from the project root: `python tools/transcribe_oss.py` (writes what is missing,
overwrites nothing; the bundled workbook is the source of truth once made).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from via_reports.convert import convert_workbook  # noqa: E402
from via_reports.reader.markers import split_points  # noqa: E402
from via_reports.starter import write_workbook  # noqa: E402

SEED = ROOT / "tests" / "data" / "via-overzicht-origineel.txt"
TRANSCRIPTION = ROOT / "tests" / "data" / "via-beleid-html.xlsx"
TARGET = ROOT / "source" / "via-beleid.xlsx"
LEVELS = ("Landelijk", "Regionaal", "Lokaal")

# Index labels, as on the three index pages.
INDEX = {
    "Landelijk": [
        "Toekomstscenario kind en gezinsbescherming",
        "Visie gefaseerd samenwerken aan veiligheid",
        "Stop Femicide",
        "Aanpak veiligheid voorop",
        "Leidraad werken aan veiligheid",
    ],
    "Regionaal": [
        "Regionaal koersplan",
        "Regionaal Meerjarig uitvoeringsprogramma",
        "Aanpak Veiligheid Voorop",
        "Samenwerkingsagenda zorg en veiligheid",
        "Regionaal veiligheidsplan Oost-Brabant",
        "Regionaal Jeugdbeleidsprogramma NOB 2024-2028",
    ],
    "Lokaal": [
        "Lokaal uitvoeringsplan ViA",
        "Integraal jeugdbeleid",
        "Visie sociale basis Oss 2024",
        "Beleidskader Wmo",
        "Integraal veiligheidsbeleid",
        "Handboek AVE",
        "Beleidsplan Mensenhandel",
    ],
}
# Source documents named at the end of a Toelichting (their links were lost).
SOURCES = {
    (
        "Landelijk",
        1,
    ): "Programma Toekomstscenario kind- en gezinsbescherming Rapport Rijksoverheid.nl (voortgangsbrief)",
    ("Landelijk", 2): "Onze visie waar gaan we voor Civil Care",
    ("Landelijk", 3): "Stop femicide! Rapport Rijksoverheid.nl",
    ("Landelijk", 4): "werkplan-aanpak-veiligheid-voorop-2025.pdf",
    ("Landelijk", 5): "Leidraad werken aan veiligheid",
}
THEMES = {
    ("Landelijk", 1): "jeugd, kindermishandeling, huiselijk geweld",
    ("Landelijk", 2): "huiselijk geweld, kindermishandeling",
    ("Landelijk", 3): "femicide",
    ("Landelijk", 4): "huiselijk geweld, kindermishandeling, zorg en veiligheid",
    ("Landelijk", 5): "huiselijk geweld, jeugd",
    ("Regionaal", 1): "huiselijk geweld, kindermishandeling",
    ("Regionaal", 2): "huiselijk geweld, kindermishandeling",
    ("Regionaal", 3): "huiselijk geweld, kindermishandeling, zorg en veiligheid",
    ("Regionaal", 4): "zorg en veiligheid",
    ("Regionaal", 5): "zorg en veiligheid, huiselijk geweld, kindermishandeling",
    ("Regionaal", 6): "jeugd",
    ("Lokaal", 1): "huiselijk geweld, kindermishandeling",
    ("Lokaal", 2): "jeugd, huiselijk geweld",
    ("Lokaal", 3): "sociale basis",
    ("Lokaal", 4): "Wmo",
    ("Lokaal", 5): "zorg en veiligheid, huiselijk geweld, kindermishandeling",
    ("Lokaal", 6): "huiselijk geweld, kindermishandeling",
    ("Lokaal", 7): "mensenhandel",
}
_LIST = re.compile(r'<(ol|ul) style="list-style-type: none">(.*?)(?=<p>|$)', re.S)


def _restore_items(match: re.Match[str]) -> str:
    tag, body = match.group(1), match.group(2).strip()
    points = split_points(body)
    items = []
    for n, (pos, _) in enumerate(points):
        end = points[n + 1][0] if n + 1 < len(points) else len(body)
        items.append(f"<li>{body[pos:end].strip()}</li>")
    return f'<{tag} style="list-style-type: none">\n' + "\n".join(items) + f"\n</{tag}>\n"


def _toelichting(raw: str, source: str | None) -> str:
    if "<" not in raw:
        return raw.strip()
    if source:
        tail = f"<p>{source}</p>"
        assert raw.rstrip().endswith(tail), (source, raw[-120:])
        raw = raw.rstrip()[: -len(tail)]
    html = _LIST.sub(_restore_items, raw.strip())
    html = re.sub(r"</p>\s*<p>", "</p>\n<p>", html)
    return re.sub(r"\n\s*\n", "\n", html).strip()


def _period(title: str) -> str | None:
    match = re.search(r"(\d{4})(?:-(\d{4}))?\s*(?:\"|$)", title)
    if match is None or title.startswith("Visie Sociale Basis"):  # 2040 is a horizon, not a period
        return None
    return match.group(0).strip(' "')


def policies(seed: str) -> list[dict[str, object]]:
    rows = [line.split("\t") for line in seed.splitlines() if re.match(r"^\d+\t", line)]
    out: list[dict[str, object]] = []
    level = -1
    for nr_text, title, raw in rows:
        nr = int(nr_text)
        if nr == 1:
            level += 1
        name = LEVELS[level]
        label = INDEX[name][nr - 1]
        source = SOURCES.get((name, nr))
        out.append(
            {
                "Niveau": name,
                "Nr": nr,
                "Titel": title,
                "Korte titel": label if label != title else None,
                "Toelichting": _toelichting(raw, source),
                "Bronnen": source,
                "Periode": _period(title),
                "Thema's": THEMES[(name, nr)],
            }
        )
    return out


def frameworks(seed: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    category = None
    tail = seed[seed.index("Nederlandse wetgeving") :]
    for line in tail.splitlines():
        if line in ("Nederlandse wetgeving", "Internationale kaders"):
            category = line
        elif line.startswith("- "):
            out.append({"Categorie": category, "Naam": line[2:].strip()})
    return out


def intro(seed: str) -> tuple[str, str]:
    heading = "Veiligheid in afhankelijkheidsrelaties: een complex beleidslandschap"
    after = seed[seed.index(heading) + len(heading) :].strip().split("\n\n")
    return heading, "\n\n".join(after[:2])


def transcribe(path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    heading, inleiding = intro(seed)
    title, subtitle = heading.split(": ", 1)
    settings = [
        {"Veld": "Titel", "Waarde": title},
        {"Veld": "Ondertitel", "Waarde": subtitle},
        {"Veld": "Organisatie", "Waarde": "Gemeente Oss"},
        {"Veld": "Editie", "Waarde": None},
        {"Veld": "Datum", "Waarde": None},
        {"Veld": "Inleiding", "Waarde": inleiding},
    ]
    write_workbook(path, policies(seed), frameworks(seed), settings)


def main() -> None:
    if TARGET.exists():
        sys.exit(f"{TARGET.relative_to(ROOT)} bestaat al; verwijder het eerst om het opnieuw te maken.")
    if not TRANSCRIPTION.exists():
        transcribe(TRANSCRIPTION)
        print(f"geschreven: {TRANSCRIPTION.relative_to(ROOT)}")
    TARGET.parent.mkdir(exist_ok=True)
    result = convert_workbook(TRANSCRIPTION, TARGET)
    for problem in result.diagnostics:
        print(problem.format())
    print(f"geschreven: {TARGET.relative_to(ROOT)} ({len(result.converted)} cellen getypt)")


if __name__ == "__main__":
    main()
