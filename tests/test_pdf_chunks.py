"""Chunked PDFs (writers/pdf_chunks.py, pdf_merge.py, pdf_stamp.py, pdf_cache.py):
a document rendered in many small chunks in worker processes reads like the same
document rendered at once: the same bookmarks, destinations and links, page numbers
on every page, the accessibility checker clean, the same bytes on every build; and a
build after one edit renders only the chunk that changed."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from openpyxl import load_workbook

from benchmarks.synthetic import make_workbook
from tests.conftest import environment
from tests.pdf_structure import Pdf, StructureTree
from tests.validators import outloud_findings as _findings
from tests.validators import validation_failures
from via_reports.api import validate
from via_reports.build import build

SMALL_CHUNKS = "4"  # pages: a 24-policy workbook (~34 pages) in about eight chunks


def _build(workbook: Path, out: Path, chunk_pages: str, cache: Path | None = None, **options) -> Path:
    settings = {"VIA_REPORTS_CHUNK_PAGES": chunk_pages, "SOURCE_DATE_EPOCH": "1700000000", "VIA_REPORTS_WORKERS": "2"}
    settings |= {"VIA_REPORTS_CACHE_DIR": str(cache), "VIA_REPORTS_CACHE": "1"} if cache else {"VIA_REPORTS_CACHE": "0"}
    with environment(**settings):
        return build(workbook, out, ["pdf"], **options).outputs[0]


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("delen")
    workbook = make_workbook(folder / "dertig.xlsx", 24)
    cache = folder / "cache"
    out = {
        "workbook": workbook,
        "cache": cache,
        "one": _build(workbook, folder / "een", "100000"),
        "levels": _build(workbook, folder / "niveaus", "15"),
        "chunked": _build(workbook, folder / "delen", SMALL_CHUNKS),
        "cached": _build(workbook, folder / "cache-vullen", SMALL_CHUNKS, cache),
        "from-cache": _build(workbook, folder / "uit-cache", SMALL_CHUNKS, cache),
    }
    return out | {"entries": sorted([*cache.glob("*.pdf"), *cache.glob("*.json")])}


def _outline(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            out.append((depth, item.title))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return out


def _dests(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    flat = pdf.Root.Names.Dests.Names
    return {str(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _reader_view(path: Path) -> dict:
    with pikepdf.open(path) as pdf:
        dests = _dests(pdf)
        pages = {p.obj.objgen for p in pdf.pages}
        targets = [str(a.Dest) for p in pdf.pages for a in p.obj.get("/Annots") or [] if "/Dest" in a]
        return {
            "pages": len(pdf.pages),
            "outline": _outline(pdf),
            "dests": sorted(dests),
            "dests on pages": all(d[0].objgen in pages for d in dests.values()),
            "unresolved": sorted({t for t in targets if t not in dests}),
            "link targets": sorted(set(targets)),
            "uri": sorted(str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots") or [] if "/A" in a),
        }


def test_many_chunks_read_like_one_render(renders) -> None:
    one, chunked = _reader_view(renders["one"]), _reader_view(renders["chunked"])
    assert chunked["outline"] == one["outline"] and len(one["outline"]) > 20
    assert chunked["dests"] == one["dests"]
    assert chunked["dests on pages"] and one["dests on pages"]
    assert chunked["unresolved"] == [] and chunked["link targets"] == one["link targets"]
    assert set(chunked["uri"]) == set(one["uri"])  # no link left pointing at another chunk


def test_another_reader_finds_the_pages_the_page_tree_holds(renders) -> None:
    """poppler (pdfinfo) reads the page count from the page tree's /Count; the merge
    writes the page tree itself (pdf_merge.py), so a wrong count would have viewers
    show pages that are not there."""
    import re
    import shutil
    import subprocess

    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    for name in ("one", "levels", "chunked", "from-cache"):
        with pikepdf.open(renders[name]) as pdf:
            pages = len(pdf.pages)
        info = subprocess.run(["pdfinfo", str(renders[name])], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1) == str(pages), name
        assert pages > 20


def test_structure_ids_stay_unique_across_chunks(renders) -> None:
    with pikepdf.open(renders["chunked"]) as pdf:
        elements = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"]
        ids = [str(e.ID) for e in elements if "/ID" in e]
        named = [
            str(h)
            for e in elements
            for a in (e.A if isinstance(e.get("/A"), pikepdf.Array) else [e.get("/A")])
            if isinstance(a, pikepdf.Dictionary) and "/Headers" in a
            for h in a.Headers
        ]
    assert ids and len(ids) == len(set(ids)) and any(i.startswith("c") for i in ids)
    assert set(named) <= set(ids)


def test_the_id_tree_gathered_from_the_chunks_is_the_tree_s_own(renders) -> None:
    """The merge builds the /IDTree from the chunks' own, without the header cells
    of a table's repeated header row that the join took out of the tree."""
    for name in ("one", "chunked", "levels", "from-cache"):
        assert StructureTree(renders[name]).id_tree_problems() == [], name


def test_a_chunk_without_an_id_tree_has_its_ids_found_by_a_walk(renders, tmp_path: Path) -> None:
    """The merge takes a chunk's identified elements from its /IDTree, and from a walk
    of its tree when it has none (a chunk written by another version, or by hand)."""
    from via_reports.writers.pdf_finish import elements_with_ids as walked
    from via_reports.writers.pdf_merge import _identified

    chunks = [p for p in renders["entries"] if p.suffix == ".pdf"]
    found = 0
    for n, entry in enumerate(chunks):
        path = tmp_path / f"{n}.pdf"
        path.write_bytes(entry.read_bytes()[32:])  # the entry's checksum, then the PDF
        with pikepdf.open(path) as pdf:
            expected = sorted(e.objgen for e in walked(pdf))
            assert sorted(e.objgen for e in _identified(pdf)) == expected
            if expected:
                del pdf.Root.StructTreeRoot["/IDTree"]
            assert sorted(e.objgen for e in _identified(pdf)) == expected
            found += len(expected)
    assert found


def test_a_split_between_rows_adds_at_most_a_page(renders) -> None:
    """A chunk that starts inside a table starts on a new page: the page before it may
    end a little early. Nothing else moves."""
    with pikepdf.open(renders["one"]) as one, pikepdf.open(renders["chunked"]) as chunked:
        extra = len(chunked.pages) - len(one.pages)
        assert 0 <= extra <= len(one.pages) // int(SMALL_CHUNKS)


def test_splits_where_the_report_breaks_pages_change_nothing(renders) -> None:
    """Levels (and their tables) start on a new page in the report: chunks that start
    there give exactly the pages of one render."""
    one, levels = _reader_view(renders["one"]), _reader_view(renders["levels"])
    assert levels == one
    with pdfplumber.open(renders["one"]) as a, pdfplumber.open(renders["levels"]) as b:
        assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]  # the index's numbers too


@pytest.mark.parametrize("name", ["one", "chunked"])
def test_every_page_carries_its_number(renders, name: str) -> None:
    with pdfplumber.open(renders[name]) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            foot = page.crop((page.width / 2, page.height - 40, page.width, page.height)).extract_text()
            assert foot == f"pagina {number} van {total}"


def _rules(path: Path) -> set[str]:
    return {f.split()[1] for f in _findings(path)}


def test_chunking_adds_nothing_the_accessibility_checker_finds(renders) -> None:
    """Nothing new against one render, but PAG-001: the header row that a continued
    table repeats at the top of its chunk is tagged as that chunk's header row (as
    WeasyPrint tags it on every page); the join across chunks while they are merged
    (pdf_join.py) is where such repeats become artifacts."""
    assert _rules(renders["chunked"]) - _rules(renders["one"]) <= {"PAG-001"}
    assert _rules(renders["levels"]) == _rules(renders["one"])


def test_same_bytes_on_every_build_with_or_without_cache(renders) -> None:
    data = renders["chunked"].read_bytes()
    assert renders["cached"].read_bytes() == data
    assert renders["from-cache"].read_bytes() == data


def test_appendix_label_before_the_page_number(renders, tmp_path: Path) -> None:
    pdf = _build(renders["workbook"], tmp_path, SMALL_CHUNKS, profile="bijlage", appendix_label="Bijlage 2")
    with pdfplumber.open(pdf) as doc:
        total = len(doc.pages)
        assert total > 5
        last = doc.pages[-1]
        assert f"Bijlage 2 – pagina {total} van {total}" in last.extract_text()


def _entries(cache: Path) -> set[str]:
    return {p.name for p in cache.glob("*.pdf")}


def test_after_one_edit_one_chunk_is_rendered_again(renders, tmp_path: Path) -> None:
    """Only the edited chunk's entry is written again: every other one, the page
    counts of the indexes included, is read from the cache as it was."""
    cache = renders["cache"]
    kept = tmp_path / "bewaard"  # a second name for every entry: a rewritten one is another file
    kept.mkdir()
    before = sorted(p.name for p in cache.iterdir() if not p.name.startswith("."))
    for name in before:
        os.link(cache / name, kept / name)
    assert len([n for n in before if n.endswith(".pdf")]) >= 4 and any(n.endswith(".json") for n in before)
    edited = tmp_path / "bewerkt.xlsx"
    book = load_workbook(renders["workbook"])
    sheet = book["Beleid"]
    column = [c.value for c in sheet[1]].index("Toelichting") + 1
    sheet.cell(row=20, column=column).value = str(sheet.cell(row=20, column=column).value) + " Aangepast."
    book.save(edited)
    second = _build(edited, tmp_path / "b", SMALL_CHUNKS, cache)
    after = sorted(p.name for p in cache.iterdir() if not p.name.startswith("."))
    rewritten = [n for n in before if not (cache / n).exists() or not (cache / n).samefile(kept / n)]
    assert rewritten == [] and len(set(after) - set(before)) == 1
    assert second.read_bytes() != renders["chunked"].read_bytes()


def test_a_damaged_cache_entry_is_rendered_again(renders, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for entry in renders["entries"]:
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF
        (cache / entry.name).write_bytes(bytes(data))
    again = _build(renders["workbook"], tmp_path / "b", SMALL_CHUNKS, cache)
    assert again.read_bytes() == renders["chunked"].read_bytes()
    assert all((cache / p.name).read_bytes() == p.read_bytes() for p in renders["entries"])  # stored anew


def test_no_cache_when_switched_off(renders, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from via_reports.cli import main

    cache = tmp_path / "cache"
    with environment(VIA_REPORTS_CACHE_DIR=str(cache), VIA_REPORTS_CACHE="0"):
        build(renders["workbook"], tmp_path / "a", ["html", "pdf"])
    assert not cache.exists()
    with environment(VIA_REPORTS_CACHE_DIR=str(cache), VIA_REPORTS_CACHE="1"):
        args = ["build", str(renders["workbook"]), "-o", str(tmp_path / "b"), "-f", "pdf", "--geen-cache", "-q"]
        assert CliRunner().invoke(main, args).exit_code == 0
    assert not cache.exists()


def test_header_and_footer_follow_the_house_style(renders, tmp_path: Path) -> None:
    """Colours, paper, margins and font of a theme reach the stamped header and footer."""
    from via_reports.writers.render import builtin_theme_dir

    theme = tmp_path / "huisstijl"
    theme.mkdir()
    (theme / "via-reports.toml").write_text(
        '[huisstijl]\nhoofdkleur = "#7A1F1F"\naccentkleur = "#F4E1E1"\ngrijstint = "#4D4D4D"\n'
        '[papier]\nrapport = "A5 liggend"\n',
        encoding="utf-8",
    )
    css = (builtin_theme_dir() / "print.css").read_text(encoding="utf-8")
    css = css.replace("margin: 2.1cm 1.8cm 1.5cm 1.8cm", "margin: 3cm 3cm 2cm 2cm")
    (theme / "fonts").mkdir()
    for style, dejavu in (("Regular", "DejaVuSans"), ("Bold", "DejaVuSans-Bold")):  # the house font
        (theme / "fonts" / f"Huis-{style}.ttf").write_bytes(
            (builtin_theme_dir() / "fonts" / f"{dejavu}.ttf").read_bytes()
        )
        css = css.replace(f'url("fonts/LiberationSans-{style}.ttf")', f'url("fonts/Huis-{style}.ttf")')
    (theme / "print.css").write_text(css)
    pdf = _build(renders["workbook"], tmp_path / "uit", SMALL_CHUNKS, theme_dir=theme)
    cm = 72 / 2.54
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]
        assert (round(page.width), round(page.height)) == (595, 420)  # A5 landscape
        words = page.extract_words(extra_attrs=["non_stroking_color", "fontname"])
        foot = [w for w in words if w["top"] > page.height - 2 * cm]
        assert " ".join(w["text"] for w in foot) == f"pagina 2 van {len(doc.pages)}"
        assert abs(foot[-1]["x1"] - (page.width - 3 * cm)) < 1
        assert all(tuple(round(c, 2) for c in w["non_stroking_color"]) == (0.3, 0.3, 0.3) for w in foot)
        assert all("DejaVuSans" in w["fontname"] for w in foot)
        head = [w for w in words if w["bottom"] < 3 * cm]
        assert head[0]["text"] == "Veiligheid" and abs(head[0]["x0"] - 2 * cm) < 1
        current = [w for w in head if "Bold" in w["fontname"]]
        assert [w["text"] for w in current] == ["Landelijk"]
        assert tuple(round(c, 2) for c in current[0]["non_stroking_color"]) == (0.48, 0.12, 0.12)
        assert any(abs(r["x0"] - current[0]["x0"] + 4) < 1 for r in page.rects)  # the accent behind it


def test_cache_folder_follows_the_platform(monkeypatch, tmp_path: Path) -> None:
    from via_reports.writers import pdf_cache

    monkeypatch.delenv("VIA_REPORTS_CACHE_DIR", raising=False)
    monkeypatch.setattr(pdf_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdf_cache.folder() == tmp_path / "xdg" / "via-reports"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert pdf_cache.folder() == Path.home() / ".cache" / "via-reports"
    monkeypatch.setattr(pdf_cache.sys, "platform", "darwin")
    assert pdf_cache.folder() == Path.home() / "Library" / "Caches" / "via-reports"
    monkeypatch.setattr(pdf_cache.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert pdf_cache.folder() == tmp_path / "local" / "via-reports" / "Cache"


def test_cache_keeps_its_size_by_removing_the_least_recently_used(monkeypatch, tmp_path: Path) -> None:
    from via_reports.writers import pdf_cache

    cache = tmp_path / "cache"
    monkeypatch.setenv("VIA_REPORTS_CACHE_DIR", str(cache))
    source = tmp_path / "deel.pdf"
    source.write_bytes(b"%PDF-1.7\n" + bytes(400_000))
    for n, name in enumerate(["oud", "middel", "nieuw"]):
        pdf_cache.store(name, source)
        os.utime(cache / f"{name}.pdf", (1_000_000 + n, 1_000_000 + n))
    assert pdf_cache.load("oud", tmp_path / "terug.pdf")  # used now: the most recent
    pdf_cache.evict(limit_mb=0.9)
    assert sorted(p.stem for p in cache.glob("*.pdf")) == ["nieuw", "oud"]


def test_workers_can_be_chosen(monkeypatch) -> None:
    from via_reports.build import worker_count

    monkeypatch.setenv("VIA_REPORTS_WORKERS", "3")
    assert worker_count() == 3
    monkeypatch.delenv("VIA_REPORTS_WORKERS")
    assert worker_count() >= 1


def test_cache_sees_a_changed_theme_file_and_nothing_else(renders, tmp_path: Path) -> None:
    """A new logo (any theme file the PDF uses) renders the chunks again; other files
    in the theme folder (a build's outputs, say) change nothing."""
    import segno

    theme = tmp_path / "huisstijl"
    theme.mkdir()
    (theme / "via-reports.toml").write_text('[huisstijl]\nlogo = "logo.png"\nlogo_tekst = "Logo"\n', encoding="utf-8")
    segno.make("een").save(theme / "logo.png", kind="png", scale=4)
    cache = tmp_path / "cache"
    _build(renders["workbook"], tmp_path / "a", SMALL_CHUNKS, cache, theme_dir=theme)
    first = _entries(cache)
    (theme / "notities.txt").write_text("iets anders", encoding="utf-8")
    _build(renders["workbook"], tmp_path / "b", SMALL_CHUNKS, cache, theme_dir=theme)
    assert _entries(cache) == first
    segno.make("twee").save(theme / "logo.png", kind="png", scale=4)
    _build(renders["workbook"], tmp_path / "c", SMALL_CHUNKS, cache, theme_dir=theme)
    assert len(_entries(cache) - first) >= 1


@pytest.mark.parametrize("name", ["levels", "chunked"])
def test_a_table_that_runs_into_the_next_chunk_is_one_table(renders, name: str) -> None:
    """What crosses a chunk boundary is joined as what crosses a page: one table per
    level with one header row and a row per policy, one section per level; the
    structure has the elements of one render, type for type."""
    one, parts = StructureTree(renders["one"]), StructureTree(renders[name])
    policies = validate(renders["workbook"]).document
    levels = [section for section in policies.levels if section.policies]
    tables = [t for t in parts.root.find("/Table") if t.children("/THead")]
    assert len(tables) == len(levels) == len(parts.root.find("/Table"))
    for table, section in zip(tables, levels, strict=True):
        (head,) = table.children("/THead")
        assert len(head.children("/TR")) == 1 and len(table.find("/TH")) == 3
        rows = [row for body in table.children("/TBody") for row in body.children("/TR")]
        assert len(rows) == len(section.policies)
    assert _grouping(renders[name]) == _grouping(renders["one"])
    assert len(parts.root.find("/Sect")) == len(one.root.find("/Sect"))


def _grouping(path: Path) -> Counter:
    """How many elements of each type, but Span and NonStruct: the index's page
    numbers (dotted leaders, spans) of policies in another chunk are not yet shown."""
    return Counter(t for t in Pdf(path).structure_types() if t not in {"/Span", "/NonStruct"})


@pytest.mark.parametrize("name", ["levels", "chunked"])
def test_no_working_marks_are_left_in_the_merged_file(renders, name: str) -> None:
    """The identities the join uses (pdf_tree.IDENTITY) are working marks: the merge
    walks only the elements chunks share, and still removes every one of them."""
    with pikepdf.open(renders[name]) as pdf:
        marked, seen, stack = [], set(), [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary | pikepdf.Array):
                key = node.objgen if node.is_indirect else None
                if key is not None and (key in seen or len(seen) > 200_000):
                    continue
                seen.add(key)
                if isinstance(node, pikepdf.Dictionary):
                    marked += [node] if "/ViaElement" in node else []
                    stack += [v for k, v in node.items() if k not in ("/P", "/Pg", "/Obj", "/ParentTree", "/IDTree")]
                else:
                    stack += list(node)
    assert len(seen) > 100 and not marked


@pytest.mark.parametrize("name", ["levels", "chunked"])
def test_the_merged_file_passes_page_validation(renders, name: str) -> None:
    """PDF/A-2u and PDF/UA-1 as declared, after the merge, the stamps and the save."""
    assert validation_failures(renders[name]) == {}


def test_the_merge_streams_one_chunk_at_a_time(renders, tmp_path: Path, monkeypatch) -> None:
    """The merge writes each chunk before it opens the next: while a chunk is added,
    no other chunk's file is open, the merged file has grown by the chunk before it,
    and a chunk overwritten once it was added changes nothing in the result."""
    from via_reports.writers import pdf_merge

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("the open files are read from /proc (Linux, as in CI)")
    original, seen = pdf_merge._Document.add, []

    def add_and_look(self, pdf, k, continues):
        opened = {Path(f).resolve() for f in _open_files()}
        chunks = sorted(Path(pdf.filename).parent.glob("*.deel*"))
        seen.append(([c.name for c in chunks if c.resolve() in opened], self.out.at))
        original(self, pdf, k, continues)
        Path(pdf.filename).write_bytes(b"\0" * Path(pdf.filename).stat().st_size)  # written: no longer needed

    monkeypatch.setattr(pdf_merge._Document, "add", add_and_look)
    again = _build(renders["workbook"], tmp_path, SMALL_CHUNKS)
    assert len(seen) > 2
    assert all(len(names) == 1 for names, _ in seen), seen
    sizes = [size for _, size in seen]
    assert sizes == sorted(set(sizes)), sizes  # every chunk was written before the next was opened
    assert again.read_bytes() == renders["chunked"].read_bytes()


def _open_files() -> list[str]:
    """The files this process has open (Linux: /proc/self/fd)."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            out.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return out


def test_a_cache_entry_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    """A full disk while an entry is written: no entry, no temporary file left in
    the cache folder, and the build goes on (the cache is no reason to fail)."""
    import errno

    from via_reports.writers import pdf_cache

    class Full:
        def __init__(self, handle, mode):
            os.close(handle)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setenv("VIA_REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf_cache.os, "fdopen", Full)
    pdf_cache.store_counted("sleutel", {"pages": 1, "anchors": []})
    assert list((tmp_path / "cache").iterdir()) == []
    assert pdf_cache.load_counted("sleutel") is None
