"""The index's dotted leaders as one run of text a line (writers/pdf_leaders.py):
the same dots in the same places as WeasyPrint's own leaders, but laid out, drawn and
tagged as one piece instead of one box a dot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from via_reports.writers.pdf_leaders import one_run_leaders

INDEX = """<html lang="nl"><head><title>Index</title><style>
@page { size: A4 landscape; margin: 2cm; }
li { margin-bottom: 6pt; font: 12pt sans-serif; }
li::after { content: leader(dotted) " " attr(data-page); }
</style></head><body><ul>
<li data-page="3">Regie hulpverlening</li>
<li data-page="12">Uitvoering professionals lokaal ambitie</li>
<li data-page="7">Een titel die zo lang is dat hij over meer dan één regel loopt, zoals een beleidsadviseur
hem in de werkmap schreef, met nog wat woorden erbij om de regel te vullen tot het einde</li>
<li data-page="140">Kort</li>
</ul></body></html>"""

RENDER = "import sys; from weasyprint import HTML; HTML(string=sys.stdin.read()).write_pdf(sys.argv[1], pdf_tags=True)"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("leiders")
    own = folder / "weasyprint.pdf"  # in a process of its own: WeasyPrint's leaders, untouched
    subprocess.run([sys.executable, "-c", RENDER, str(own)], input=INDEX, text=True, check=True)
    from weasyprint import HTML

    assert one_run_leaders()
    ours = folder / "een-reeks.pdf"
    HTML(string=INDEX).write_pdf(ours, pdf_tags=True)
    return {"own": own, "ours": ours}


def _dots(path: Path) -> list[list[float]]:
    """Per line: the x of every dot of its leader."""
    with pdfplumber.open(path) as pdf:
        lines: dict[float, list[float]] = {}
        for char in pdf.pages[0].chars:
            if char["text"] == ".":
                lines.setdefault(round(char["top"]), []).append(char["x0"])
        return [sorted(xs) for _, xs in sorted(lines.items())]


def test_the_same_dots_in_the_same_places(pdfs) -> None:
    own, ours = _dots(pdfs["own"]), _dots(pdfs["ours"])
    assert len(own) == len(ours) == 4
    for mine, theirs in zip(ours, own, strict=True):
        assert len(mine) == len(theirs) > 5
        assert max(abs(a - b) for a, b in zip(mine, theirs, strict=True)) < 0.5  # points


def test_the_numbers_and_words_are_where_they_were(pdfs) -> None:
    def words(path: Path) -> list[tuple[str, int, int]]:
        with pdfplumber.open(path) as pdf:
            return [
                (w["text"], round(w["x0"]), round(w["top"]))
                for w in pdf.pages[0].extract_words()
                if "." not in w["text"]
            ]

    assert words(pdfs["ours"]) == words(pdfs["own"])


def _marked_pieces(path: Path) -> int:
    """How many pieces of marked content the page draws (one per tagged text run)."""
    with pikepdf.open(path) as pdf:
        return sum(1 for _, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "BDC")


def test_a_leader_is_one_piece_of_text(pdfs) -> None:
    own, ours = _marked_pieces(pdfs["own"]), _marked_pieces(pdfs["ours"])
    assert own > 4 * 50  # WeasyPrint: a piece a dot
    assert ours < 4 * 8  # a line: its number, a space, its words, one leader
