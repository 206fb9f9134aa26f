"""Property-based tests (hypothesis): the rich-text parser and the reader never fail
on whatever a cell holds, never invent or drop words, and never let a refused link
through."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BELEID_HEADER, write_xlsx
from via_reports.diagnostics import Severity
from via_reports.links import safe_url
from via_reports.model import CellRef, Link, ListBlock, Text, inline_text, iter_paragraphs, plain_text
from via_reports.reader.richtext import parse_rich_text
from via_reports.reader.workbook import read_workbook

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# printable text as people type it: letters, digits, punctuation, symbols, spaces
PRINTABLE = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029")
WORD = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12)


def _inlines(blocks):
    for _, paragraph in iter_paragraphs(blocks):
        for inline in paragraph.inlines:
            if isinstance(inline, Link):
                yield inline
                yield from inline.children
            else:
                yield inline


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_parses_and_every_link_is_allowed(text: str) -> None:
    result = parse_rich_text(text)
    for inline in _inlines(result.blocks):
        if isinstance(inline, Link):
            assert safe_url(inline.href) == inline.href
        elif isinstance(inline, Text):
            assert inline.text  # no empty runs


@SETTINGS
@given(st.lists(st.lists(WORD, min_size=1, max_size=8), min_size=1, max_size=6), st.sampled_from(["\n", "\n\n"]))
def test_plain_words_are_kept_in_order(lines: list[list[str]], separator: str) -> None:
    text = separator.join(" ".join(words) for words in lines)
    blocks = parse_rich_text(text).blocks
    assert plain_text(blocks).split() == text.split()


@SETTINGS
@given(st.text(alphabet=PRINTABLE, min_size=1, max_size=200))
def test_escaped_text_in_a_paragraph_comes_back_exactly(text: str) -> None:
    blocks = parse_rich_text(f"<p>{html.escape(text)}</p>").blocks
    expected = " ".join(re.split(r"[ \t\n\r\f]+", text.strip(" \t\n\r\f")))
    assert plain_text(blocks) == expected


@SETTINGS
@given(st.lists(st.lists(WORD, min_size=1, max_size=5), min_size=1, max_size=9), st.sampled_from(["•", "▪", "-", "*"]))
def test_typed_bullets_become_one_list_without_markers(items: list[list[str]], bullet: str) -> None:
    text = "\n".join(f"{bullet} {' '.join(words)}" for words in items)
    (block,) = parse_rich_text(text).blocks
    assert isinstance(block, ListBlock) and block.marker == bullet
    assert [inline_text(item.blocks[0].inlines) for item in block.items] == [" ".join(w) for w in items]


@SETTINGS
@given(
    st.integers(min_value=1, max_value=150), st.lists(st.lists(WORD, min_size=1, max_size=5), min_size=1, max_size=9)
)
def test_typed_numbers_keep_their_start(start: int, items: list[list[str]]) -> None:
    html_items = "".join(f"<li>{start + n}. {' '.join(words)}</li>" for n, words in enumerate(items))
    (block,) = parse_rich_text(f'<ol style="list-style-type: none">{html_items}</ol>').blocks
    assert isinstance(block, ListBlock)
    assert (block.start, len(block.items)) == (start, len(items))


LEVELS = st.sampled_from(["Landelijk", "regionaal", " LOKAAL ", "Landelyk", "", None])
NUMBERS = st.one_of(st.none(), st.integers(min_value=-2, max_value=6), st.sampled_from(["3", "x", 2.5, " 4 "]))
ROWS = st.lists(
    st.tuples(LEVELS, NUMBERS, st.one_of(st.none(), WORD), st.one_of(st.none(), st.text(PRINTABLE, max_size=40))),
    min_size=0,
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_the_reader_never_fails_and_locates_every_error(tmp_path: Path, rows) -> None:
    sheet = [
        BELEID_HEADER,
        *[(level, nr, title, None, text, None, None, None, None) for level, nr, title, text in rows],
    ]
    path = write_xlsx(tmp_path / "eigenschap.xlsx", {"Beleid": sheet})
    result = read_workbook(path)
    for problem in result.diagnostics:
        if problem.severity is Severity.ERROR and isinstance(problem.location, CellRef):
            assert problem.location.sheet == "Beleid"
            assert 1 <= (problem.location.row or 1) <= len(sheet)
        assert problem.message()
    if result.ok:
        for section in result.document.levels:
            numbers = [p.nr for p in section.policies]
            assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers)
        titles = {title for _, _, title, _ in rows}
        assert all(p.title in titles for p in result.document.policies)
