"""The order in which a PDF's parts are rendered (writers/pdf_parts.py): a level's
head, whose index shows the pages of rows in later parts, is rendered again with the
right numbers as soon as those parts are done, ahead of parts still waiting; and the
numbers stay right when writing them in changes the head's own page count."""

from __future__ import annotations

import re
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from via_reports.writers.pdf_chunks import Chunk, pack, with_page_numbers
from via_reports.writers.pdf_parts import document_pages, render_parts


@dataclass(frozen=True)
class Result:
    pages: int
    anchors: tuple[tuple[str, int], ...] = ()
    problems: tuple[str, ...] = ()


HEAD = (
    '<html><body><ul><li data-page-of="#r1" data-via-page-data-page-of="0">één</li>'
    '<li data-page-of="#r2" data-via-page-data-page-of="0">twee</li></ul></body></html>'
)


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-via-page-data-page-of="(\d+)"', html)]


def _chunks() -> list[Chunk]:
    rows = [Chunk(n, pack(f"<p id='r{n}'>rij</p>"), 3.0) for n in range(1, 5)]
    return [Chunk(0, pack(HEAD), 1.0, numbered=True, needs=2), *rows]


def _renderer(grows_at: int | None = None):
    """A stand-in for the workers: a head is one page (two once a number reaches
    `grows_at`), row part n has n + 2 pages and anchor r<n> on its second page."""
    order: list[int] = []

    def submit(chunk: Chunk, done: int) -> Future:
        order.append(chunk.index)
        if chunk.numbered:
            big = grows_at is not None and any(n >= grows_at for n in _numbers(chunk.html))
            result = Result(2 if big else 1)
        else:
            result = Result(chunk.index + 2, ((f"r{chunk.index}", 1),))
        future: Future = Future()
        future.set_result(result)
        return future

    return submit, order


def test_the_head_is_rendered_again_as_soon_as_its_rows_are_done() -> None:
    chunks = _chunks()
    submit, order = _renderer()
    results = render_parts(chunks, submit, slots=2)
    assert order == [0, 1, 2, 3, 0, 4]  # again before part 4, which it does not need
    pages = document_pages(results)
    assert _numbers(chunks[0].html) == [pages["r1"], pages["r2"]] == [3, 6]


def test_the_numbers_follow_when_the_head_grows() -> None:
    chunks = _chunks()
    submit, order = _renderer(grows_at=6)
    results = render_parts(chunks, submit, slots=2)
    assert results[0].pages == 2
    pages = document_pages(results)
    assert _numbers(chunks[0].html) == [pages["r1"], pages["r2"]] == [4, 7]
    assert order.count(0) == 3


def test_no_part_is_started_after_one_failed() -> None:
    chunks = _chunks()
    order: list[int] = []

    def submit(chunk: Chunk, done: int) -> Future:
        order.append(chunk.index)
        future: Future = Future()
        future.set_result(Result(1, problems=("kapot",) if chunk.index == 1 else ()))
        return future

    results = render_parts(chunks, submit, slots=2)
    assert order == [0, 1] and any(r.problems for r in results)


def test_progress_counts_every_page_once() -> None:
    chunks = _chunks()
    submit, order = _renderer()
    heard: list[int] = []
    results = render_parts(chunks, submit, slots=2, progress=lambda stage, count: heard.append(count))
    assert order.count(0) == 2  # the index was rendered twice …
    assert heard == sorted(heard) and heard[-1] == sum(r.pages for r in results)  # … and counted once


def _split(workbook: Path) -> tuple[list[Chunk], int]:
    """The parts of the report of `workbook` by default, and its number of levels."""
    from via_reports.build import build_info
    from via_reports.reader.workbook import read_workbook
    from via_reports.writers.common import Rendering
    from via_reports.writers.pdf import _without_dates
    from via_reports.writers.pdf_chunks import split
    from via_reports.writers.render import render_report

    rendering = Rendering(read_workbook(workbook).document, build_info())
    levels = sum(1 for section in rendering.document.levels if section.policies)
    return split(rendering, _without_dates(render_report(rendering, medium="pdf"))), levels


def _index_rule(html: str) -> str:
    (rule,) = re.findall(r"content\s*:[^;{}]*attr\(data-via-page-data-page-of\)[^;{}]*", html)
    return rule


def test_by_default_a_long_report_is_made_in_parts_and_a_short_one_whole(tmp_path: Path) -> None:
    from benchmarks.synthetic import make_workbook

    assert len(_split(ROOT / "source" / "via-beleid.xlsx")[0]) == 1  # Oss: one render, as before
    chunks, levels = _split(make_workbook(tmp_path / "honderd.xlsx", 100))
    assert len(chunks) > levels
    numbered = [c for c in chunks if c.numbered]
    assert len(numbered) == levels  # a level's heading and index (the report): the parts made twice …
    for chunk in numbered:
        assert '<ul class="index">' in chunk.html and "<tbody" not in chunk.html  # … and small: no rows
        assert "leader(" not in _index_rule(chunk.html)  # the first render only counts pages
        assert "leader(dotted)" in _index_rule(with_page_numbers(chunk, {}).html)
    assert all("<tbody" in c.html for c in chunks if not c.numbered and c.index)  # the rows are elsewhere


def test_counting_a_part_finds_its_pages_and_anchors_where_its_pdf_has_them(tmp_path: Path) -> None:
    """The first render of an index's part is its layout only; a row that runs over a
    page is anchored on the page where it starts, as in the PDF's destinations."""
    from benchmarks.synthetic import make_workbook
    from via_reports.build import build_info
    from via_reports.profiles import BIJLAGE
    from via_reports.reader.workbook import read_workbook
    from via_reports.writers.common import Rendering
    from via_reports.writers.pdf import count_chunk, render_chunk
    from via_reports.writers.pdf_chunks import split
    from via_reports.writers.render import render_report, theme_dirs

    rendering = Rendering(read_workbook(make_workbook(tmp_path / "twintig.xlsx", 20)).document, build_info())
    rendering = Rendering(rendering.document, rendering.build, profile=BIJLAGE)  # the index shares its part
    chunks = split(rendering, render_report(rendering, medium="pdf"), 12)
    chunk = next(c for c in chunks if c.counting and "<tbody" in c.html)
    folders = theme_dirs(rendering.theme.folders)
    counted = count_chunk(chunk.html, folders, None)
    rendered = render_chunk(chunk.html, folders, rendering.pdf_variant, tmp_path / "deel.pdf", None)
    assert counted.pages == rendered.pages > 3
    assert dict(counted.anchors) == dict(rendered.anchors)
    assert len(set(dict(rendered.anchors).values())) > 3  # anchors on several pages


def test_the_merge_takes_each_part_while_the_workers_render_the_rest(tmp_path: Path, monkeypatch) -> None:
    """The build's process merges beside the rendering (pdf_parts.MergeBeside): the
    first part is in the merged file before the last part is rendered, and the parts
    go in in document order."""
    import multiprocessing

    from benchmarks.synthetic import make_workbook
    from via_reports.build import build
    from via_reports.writers import pdf_merge, pdf_parts

    feeds, seen = [], []
    feed_init, add = pdf_parts.Feed.__init__, pdf_merge._Document.add

    def remember(self, paths):
        feed_init(self, paths)
        feeds.append(self)

    def add_and_look(self, pdf, k, continues):
        feed = feeds[-1]
        with feed.changed:
            seen.append((k, len(feed.ready), len(feed.paths), len(multiprocessing.active_children())))
        return add(self, pdf, k, continues)

    monkeypatch.setattr(pdf_parts.Feed, "__init__", remember)
    monkeypatch.setattr(pdf_merge._Document, "add", add_and_look)
    for name, value in {"VIA_REPORTS_CHUNK_PAGES": "4", "VIA_REPORTS_WORKERS": "2", "VIA_REPORTS_CACHE": "0"}.items():
        monkeypatch.setenv(name, value)
    build(make_workbook(tmp_path / "acht.xlsx", 8), tmp_path / "uit", ["docx", "pdf"])
    assert [k for k, *_ in seen] == list(range(len(feeds[0].paths))) and len(seen) > 3
    # parts merged while others were still to be rendered, by workers still at work
    assert any(settled < parts and workers > 0 for _, settled, parts, workers in seen[:-1]), seen


def _fed(paths: list[Path]):
    """A MergeBeside whose merge only notes the parts it is given."""
    from via_reports.writers.pdf_parts import Feed, MergeBeside

    taken: list[Path] = []
    return MergeBeside(lambda feed: taken.extend(feed), Feed(paths)), taken


def test_the_merge_beside_waits_for_each_part_in_turn() -> None:
    import time

    paths = [Path(f"deel-{n}.pdf") for n in range(3)]
    beside, taken = _fed(paths)
    beside.feed.settled(2)
    beside.feed.settled(1)
    time.sleep(0.05)
    assert taken == []  # part 0 is not settled yet
    beside.feed.settled(0)
    assert beside.finish()
    assert taken == paths


def test_a_part_rendered_again_after_it_was_merged_makes_the_merge_start_again() -> None:
    """The last check of the numbers may render a numbered part again (pdf_parts.py):
    once the merge has taken that part, its file is stale, and the whole merge is
    done again (write_pdf) when every part is in."""
    import time

    paths = [Path(f"deel-{n}.pdf") for n in range(3)]
    beside, taken = _fed(paths)
    beside.feed.settled(0)
    time.sleep(0.05)
    assert taken == paths[:1]
    beside.feed.settled(0)  # rendered again
    beside.feed.settled(1)
    beside.feed.settled(2)
    assert not beside.finish()
    assert taken == paths[:1]


def test_a_failed_merge_beside_is_told_by_the_build() -> None:
    from via_reports.writers.pdf_parts import Feed, MergeBeside

    def merge(feed) -> None:
        for _ in feed:
            raise OSError(28, "No space left on device")

    beside = MergeBeside(merge, Feed([Path("deel-0.pdf")]))
    beside.feed.settled(0)
    with pytest.raises(OSError, match="No space"):
        beside.finish()


def _edited(workbook: Path, target: Path, row: int, text: str) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book["Beleid"]
    column = [c.value for c in sheet[1]].index("Toelichting") + 1
    sheet.cell(row=row, column=column).value = str(sheet.cell(row=row, column=column).value) + text
    book.save(target)
    return target


def test_an_edit_changes_the_part_it_is_in_and_no_other(tmp_path: Path, monkeypatch) -> None:
    """The rows where a long table is cut follow from the rows themselves, and a part's
    structure IDs from its HTML: after an edit of one policy, small or long, every
    other part is the same HTML with the same IDs as before (so the cache has it),
    also when the edit made its part two (then the last part of its level may change
    too), and the parts stay near their size."""
    from benchmarks.synthetic import make_workbook
    from via_reports.writers.pdf import _prefixes
    from via_reports.writers.pdf_chunks import SMALL_TARGET_PAGES

    monkeypatch.delenv("VIA_REPORTS_CHUNK_PAGES", raising=False)

    def parts(workbook: Path) -> list[tuple[str, str]]:
        chunks = _split(workbook)[0]
        prefixes = _prefixes(chunks)
        return [(c.html, prefixes[c.index]) for c in chunks]

    workbook = make_workbook(tmp_path / "tweehonderd.xlsx", 200)
    chunks = _split(workbook)[0]
    before = parts(workbook)
    sizes = [c.pages for c in chunks if "<tbody" in c.html]
    assert len(before) > 8 and max(sizes) <= (1.25 + 0.375) * SMALL_TARGET_PAGES + 2
    sentence = " Een zin die erbij kwam en de toelichting langer maakt."
    changed, moved = {}, False
    for row in (5, 60, 101, 150, 199):
        for name, text in (("kort", " Aangepast."), ("lang", sentence * 12), ("heel lang", sentence * 150)):
            after = parts(_edited(workbook, tmp_path / f"{name}{row}.xlsx", row, text))
            changed[row, name] = len(set(after) - set(before))
            moved = moved or len(after) != len(before)
            assert len(set(before) - set(after)) <= changed[row, name]
    most = {"kort": 1, "lang": 2, "heel lang": 3}  # a long edit may make its part two, and move its run's last cut …
    assert all(n <= most[name] for (row, name), n in changed.items()), sorted(changed.items())
    assert moved  # … and the parts after it move: found again all the same
