"""On paper the index needs page numbers: every PDF's index gives the page each row
is on (checked against the PDF's own bookmarks), whether the PDF was rendered in one
part or in many (the index in one part, its rows in others), and every PDF opens
with its bookmarks panel shown."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from tests.conftest import BELEID_HEADER, environment, policy, write_xlsx
from tests.pdf_structure import Pdf
from via_reports.build import build
from via_reports.writers.render import builtin_theme_dir

LEVELS = ("Landelijk", "Regionaal", "Lokaal")
LONG = "\n\n".join(f"Alinea {n}: " + "de aanpak van huiselijk geweld vraagt samenwerking. " * 12 for n in range(4))
POLICIES = [
    policy(level, nr, f"Beleid {level} {nr}", short=f"{level} kort {nr}", text=LONG)
    for level in LEVELS
    for nr in (1, 2, 3)
]
INDEX_LINE = re.compile(r"^(\d+) (.+?) ?(?:\.{3,}|:) ?(\d+)$")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("index")
    workbook = write_xlsx(folder / "lang.xlsx", {"Beleid": [BELEID_HEADER, *POLICIES]})
    out = {}
    for profile in ("rapport", "bijlage", "handout"):
        (out[profile],) = build(workbook, folder / profile, ["pdf"], profile=profile).outputs
        with environment(VIA_REPORTS_CHUNK_PAGES="2", VIA_REPORTS_CACHE="0"):  # parts of two pages: rows elsewhere
            (out[profile, "delen"],) = build(workbook, folder / f"{profile}-delen", ["pdf"], profile=profile).outputs
            # a house style that asks for the numbers in its own spelling, after a colon
            theme = folder / "huisstijl"
            theme.mkdir(exist_ok=True)
            css = (builtin_theme_dir() / "print.css").read_text(encoding="utf-8")
            rule = 'content: leader(dotted) " " target-counter(attr(data-page-of), page);'
            assert rule in css
            css = css.replace(rule, 'content: " : " TARGET-COUNTER( attr( data-page-of ) , page , decimal );')
            (theme / "print.css").write_text(css, encoding="utf-8")
            (out[profile, "huisstijl"],) = build(
                workbook, folder / f"{profile}-huisstijl", ["pdf"], profile=profile, theme_dir=theme
            ).outputs
    return out


def _index(path: Path) -> dict[tuple[str, int], int]:
    """(level, nr) → the page number the index gives."""
    found: dict[tuple[str, int], int] = {}
    level = None
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in (page.extract_text() or "").splitlines():
                if line.strip() in LEVELS:
                    level = line.strip()
                elif (match := INDEX_LINE.match(line.strip())) and level and "kort" in match.group(2):
                    found[level, int(match.group(1))] = int(match.group(3))
    return found


def _bookmarked(path: Path) -> dict[tuple[str, int], int]:
    """(level, nr) → the page of the row's bookmark."""
    reader = Pdf(path).reader
    out = {}
    for position, item in enumerate(reader.outline):
        if isinstance(item, list):
            level = reader.outline[position - 1].title
            for child in item:
                nr = int(child.title.split(".")[0])
                out[level, nr] = reader.get_destination_page_number(child) + 1
    return out


@pytest.mark.parametrize("parts", ["een", "delen", "huisstijl"])
@pytest.mark.parametrize("profile", ["rapport", "bijlage", "handout"])
def test_the_index_gives_the_page_of_every_row(pdfs, profile: str, parts: str) -> None:
    pdf = pdfs[profile] if parts == "een" else pdfs[profile, parts]
    index = _index(pdf)
    assert set(index) == {(level, nr) for level in LEVELS for nr in (1, 2, 3)}
    assert index == _bookmarked(pdf)
    assert len(set(index.values())) > 3  # the rows really are on different pages


@pytest.mark.parametrize("profile", ["rapport", "bijlage", "handout"])
def test_in_parts_the_index_is_in_another_part_than_its_rows(pdfs, profile: str) -> None:
    """The test above means something only if the PDF really was made of parts: the
    structure IDs of each part after the first carry its own prefix (pdf.py, _prefixes)."""
    with pikepdf.open(pdfs[profile, "delen"]) as pdf:
        ids = {str(o.ID) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/ID" in o and "/S" in o}
    assert len({m.group(1) for i in ids if (m := re.match(r"(c[0-9a-f]{10})-", i))}) >= 2


@pytest.mark.parametrize("profile", ["rapport", "bijlage", "handout"])
def test_every_pdf_opens_with_its_bookmarks_shown(pdfs, profile: str) -> None:
    assert Pdf(pdfs[profile]).root["/PageMode"] == "/UseOutlines"
