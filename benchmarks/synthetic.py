"""Synthetic workbooks shaped like the original overview, of any size.

Each policy: 2–4 paragraphs of 60–150 words, a list of 5–9 items (bulleted or
numbered, typed markers as users type them), 1–2 sources with addresses. The same
seed gives the same workbook.
"""

from __future__ import annotations

import random
from pathlib import Path

from via_reports.contract import LEVEL_NAMES
from via_reports.starter import write_workbook

WORDS = (
    "veiligheid gemeente samenwerking aanpak huiselijk geweld kindermishandeling jeugd ouderen zorg partners "
    "regionaal lokaal landelijk beleid uitvoering ketensamenwerking signalering preventie hulpverlening "
    "gezinnen kinderen professionals melding advies onderzoek bescherming ondersteuning netwerk ambitie "
    "doelstelling programma plan visie kader werkwijze afstemming regie casus escalatie herstel trauma "
    "wijkteam inwoners Veilig Thuis politie rechtspraak reclassering onderwijs"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    total, sentences = rng.randint(60, 150), []
    while total > 0:
        n = min(total, rng.randint(8, 20))
        sentences.append(_sentence(rng, n))
        total -= n
    return " ".join(sentences)


def policy_row(rng: random.Random, level: str, nr: int) -> dict[str, object]:
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(2, 4))]
    items = rng.randint(5, 9)
    if rng.random() < 0.5:
        listing = "\n".join(f"{i}. {_sentence(rng, rng.randint(4, 12))}" for i in range(1, items + 1))
    else:
        bullet = rng.choice("•▪-")
        listing = "\n".join(f"{bullet} {_sentence(rng, rng.randint(4, 12))}" for _ in range(items))
    at = rng.randint(1, len(paragraphs))
    text = "\n\n".join([*paragraphs[:at], listing, *paragraphs[at:]])
    sources = "\n".join(
        f"Document {nr}-{k} | https://www.example.org/{level.lower()}/{nr}/{k}.pdf"
        for k in range(1, rng.randint(1, 2) + 1)
    )
    return {
        "Niveau": level,
        "Nr": nr,
        "Titel": f"{_sentence(rng, rng.randint(3, 9))[:-1]} {2020 + nr % 6}-{2026 + nr % 4}",
        "Korte titel": _sentence(rng, rng.randint(2, 4))[:-1],
        "Toelichting": text,
        "Bronnen": sources,
        "Periode": f"{2020 + nr % 6}-{2026 + nr % 4}",
        "Thema's": ", ".join(rng.sample(["jeugd", "huiselijk geweld", "ouderen", "femicide", "mensenhandel"], 2)),
    }


def make_workbook(path: Path, policies: int, seed: int = 2025) -> Path:
    """A workbook of `policies` synthetic policies, spread over the three levels."""
    rng = random.Random(seed)
    rows, numbers = [], dict.fromkeys(LEVEL_NAMES, 0)
    for i in range(policies):
        level = LEVEL_NAMES[i % 3]
        numbers[level] += 1
        rows.append(policy_row(rng, level, numbers[level]))
    frameworks = [{"Categorie": "Nederlandse wetgeving", "Naam": f"Wet {i}"} for i in range(1, 7)]
    settings = [
        {"Veld": "Titel", "Waarde": "Veiligheid in afhankelijkheidsrelaties"},
        {"Veld": "Organisatie", "Waarde": "Gemeente Voorbeeld"},
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    return write_workbook(path, rows, frameworks, settings)
