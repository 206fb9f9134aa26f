"""The bundled workbook holds the whole original overview of the municipality of Oss.

The expected text is taken here, independently of the reader, from the extraction
of the original (`tests/data/via-overzicht-origineel.txt`): every title, index label,
paragraph, list item and source name must be in the model, once, in order.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA, ROOT
from via_reports.model import Level, ListBlock, Paragraph, inline_text, iter_paragraphs
from via_reports.reader.workbook import read_workbook

SEED = (DATA / "via-overzicht-origineel.txt").read_text(encoding="utf-8")
LEVELS = list(Level)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _items(piece: str) -> list[str]:
    """A run of typed list items from the seed (`1. a 2. b`, `• a • b`) split by hand."""
    if re.match(r"^1\. ", piece):
        parts, n, rest = [], 2, piece[3:]
        while (cut := rest.find(f" {n}. ")) >= 0:
            parts.append(rest[:cut])
            rest, n = rest[cut + len(f" {n}. ") :], n + 1
        return [*parts, rest]
    glyph = piece[0]
    return [p for p in piece[1:].split(f" {glyph} ")]


def _expected_fragments(html: str) -> tuple[list[str], int]:
    """Paragraph and list-item texts of a Toelichting in the seed, and how many were list items."""
    fragments, items = [], 0
    for piece in re.split(r"<[^>]+>", html):
        piece = _squash(piece)
        if not piece:
            continue
        if re.match(r"^(1\. |[•▪-] )", piece):
            found = [_squash(p) for p in _items(piece)]
            fragments += found
            items += len(found)
        else:
            fragments.append(piece)
    return fragments, items


def _seed_rows() -> list[tuple[Level, int, str, str]]:
    rows, level = [], -1
    for line in SEED.splitlines():
        if m := re.match(r"^(\d+)\t([^\t]+)\t(.*)$", line):
            nr = int(m.group(1))
            level += nr == 1
            rows.append((LEVELS[level], nr, m.group(2), m.group(3)))
    return rows


def _seed_index() -> list[tuple[Level, int, str]]:
    out, level = [], -1
    for m in re.finditer(r"^(\d+) \[(.+)\]\(#\)$", SEED, re.M):
        nr = int(m.group(1))
        level += nr == 1
        out.append((LEVELS[level], nr, m.group(2)))
    return out


@pytest.fixture(scope="module")
def document():
    result = read_workbook(ROOT / "source" / "via-beleid.xlsx")
    assert result.ok, [d.format() for d in result.diagnostics]
    assert not result.warnings
    return result.document


def test_counts_per_level(document) -> None:
    assert [len(s.policies) for s in document.levels] == [5, 6, 7]
    assert [s.level for s in document.levels] == LEVELS


def test_titles_numbers_and_order(document) -> None:
    expected = [(level, nr, title) for level, nr, title, _ in _seed_rows()]
    assert [(p.level, p.nr, p.title) for p in document.policies] == expected


def test_index_labels(document) -> None:
    assert [(p.level, p.nr, p.index_label) for p in document.policies] == _seed_index()


def test_every_paragraph_list_item_and_source_in_order(document) -> None:
    policies = document.policies
    for (level, nr, _, html), p in zip(_seed_rows(), policies, strict=True):
        expected, list_items = _expected_fragments(html)
        got = [_squash(inline_text(par.inlines)) for _, par in iter_paragraphs(p.explanation)]
        got += [s.label for s in p.sources]
        assert got == expected, f"{level.value} {nr}"
        in_lists = sum(1 for depth, _ in iter_paragraphs(p.explanation) if depth)
        assert in_lists == list_items, f"{level.value} {nr}"


def test_lists_keep_their_typed_markers(document) -> None:
    def lists(level: Level, nr: int) -> list[tuple[str, int, int]]:
        policy = next(p for p in document.section(level).policies if p.nr == nr)
        return [(b.marker, b.start, len(b.items)) for b in policy.explanation if isinstance(b, ListBlock)]

    assert lists(Level.LANDELIJK, 1) == [(".", 1, 9)]
    assert lists(Level.LANDELIJK, 2) == [("•", 1, 5)]
    assert lists(Level.LANDELIJK, 4) == [(".", 1, 4)]
    assert lists(Level.REGIONAAL, 5) == [("-", 1, 1)]
    assert lists(Level.LOKAAL, 2) == [("▪", 1, 3)]
    assert lists(Level.LOKAAL, 3) == [(".", 1, 6)]


def test_typos_are_kept(document) -> None:
    text = " ".join(inline_text(par.inlines) for p in document.policies for _, par in iter_paragraphs(p.explanation))
    for typo in ("Samen op in Acuat", "kindersmishandeling", "specifiek hebben benoemt", "samenloop zorg-straft"):
        assert typo in text


def test_no_markup_or_typed_marker_left_in_text(document) -> None:
    for p in document.policies:
        for _, par in iter_paragraphs(p.explanation):
            text = inline_text(par.inlines)
            assert "<" not in text and ">" not in text
            assert not re.match(r"^(\d+\. |[•▪]\s?|- )", text), text


def test_document_info_and_introduction(document) -> None:
    info = document.info
    assert (info.title, info.subtitle, info.organisation) == (
        "Veiligheid in afhankelijkheidsrelaties",
        "een complex beleidslandschap",
        "Gemeente Oss",
    )
    intro = [inline_text(b.inlines) for b in document.intro if isinstance(b, Paragraph)]
    assert len(intro) == 2
    assert intro[0].startswith("Veiligheid in afhankelijkheidsrelaties (ViA) is een thema")
    assert intro[0] in SEED and intro[1] in SEED


def test_legal_frameworks(document) -> None:
    tail = SEED[SEED.index("Nederlandse wetgeving") :]
    names = [line[2:] for line in tail.splitlines() if line.startswith("- ")]
    groups = document.frameworks
    assert [g.category for g in groups] == ["Nederlandse wetgeving", "Internationale kaders"]
    assert [f.name for g in groups for f in g.frameworks] == names
    assert [len(g.frameworks) for g in groups] == [6, 3]


def test_no_address_was_made_up(document) -> None:
    assert all(s.url is None for p in document.policies for s in p.sources)
    assert all(p.title_url is None for p in document.policies)
    assert all(f.url is None for g in document.frameworks for f in g.frameworks)
