"""The benchmark: how long via-reports takes, and how much memory, as workbooks grow.

    .venv/bin/python -m benchmarks.run                 # 20, 200 and 2,000 policies
    .venv/bin/python -m benchmarks.run --sizes 20,200  # quicker

For each size it makes a synthetic workbook (see synthetic.py), then measures:
- per stage, inside one process: reading the workbook, and writing docx and html;
- whole docx + pdf builds as a user runs them (a fresh process, start-up included,
  no chunk cache) with 1 and with 2 worker processes (`VIA_REPORTS_WORKERS`), the
  peak memory of the whole process tree (the sum of the resident memory of the build
  and its workers, sampled: RSS, in which memory a forked worker shares with the build
  counts twice, and PSS, in which it is shared out; RSS every 50 ms, PSS, which costs
  the kernel more to count, every 0.5 s), the speed-up and pages per second;
- the rebuild after one edited policy, with the chunk cache, and its share of the
  first build: in a fresh process (a command), and in a process that has built
  before, its modules loaded, as in `serve` ("warm"; serve builds in one process,
  here the build keeps its workers);
- when `pandoc` and `soffice` are on PATH, the same content through pandoc
  (markdown → docx) + LibreOffice (docx → pdf), and through docxtpl (a Word template
  filled with Jinja, `pip install -e '.[bench]'`) + LibreOffice; `ratio` is our
  2-worker docx + pdf time divided by pandoc + LibreOffice's (below 1: we are faster).

Medians of --repeat runs (default 3, and 1 for 2,000 policies and more). Prints a
table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import make_workbook
from via_reports.build import build_info
from via_reports.model import ListBlock, ListKind, Paragraph, inline_text
from via_reports.reader.workbook import read_workbook
from via_reports.writers.common import Rendering


def _median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _tree_memory(process, pss: bool) -> tuple[int, int]:
    """Resident memory (bytes) of a process and all its children, now: the sum of
    their RSS (pages the workers share with the process they were forked from
    counted in each), and with `pss` of their PSS (shared pages divided among the
    processes that share them; Linux), else 0."""
    import psutil

    rss = proportional = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a worker that just ended
            if pss and sys.platform.startswith("linux"):
                info = member.memory_full_info()
                rss, proportional = rss + info.rss, proportional + info.pss
            else:
                rss += member.memory_info().rss
    return rss, proportional


# PSS is sampled every PSS_EVERY samples, the first after 0.25 s: the kernel walks a
# process's page tables to count it (about 10 ms for 800 MB here), which every 50 ms
# would take a fifth of a core from the build being measured.
PSS_EVERY = 10


def _process(args: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Median wall time of a command, and the peak memory (MB) of its whole process
    tree: the sum of the resident memory (RSS) of the process and its workers, sampled
    every 50 ms, and the sum of their proportional memory (PSS), every 0.5 s (off
    Linux: the RSS peak again)."""
    import psutil

    times, peak, peak_pss = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        child = psutil.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
        )
        sample = 0
        while child.poll() is None:
            rss, pss = _tree_memory(child, pss=sample % PSS_EVERY == PSS_EVERY // 2)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            sample += 1
            time.sleep(0.05)
        times.append(time.perf_counter() - start)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, args)
    if not sys.platform.startswith("linux"):
        peak_pss = peak
    return statistics.median(times), peak // (1024 * 1024), peak_pss // (1024 * 1024)


def _markdown(document) -> str:
    """The same content as markdown, for pandoc."""
    lines = [f"# {document.info.title}", ""]
    for section in document.levels:
        lines += [f"# {section.level.label}", ""]
        for policy in section.policies:
            lines += [f"## {policy.nr}. {policy.title}", ""]
            for block in policy.explanation:
                if isinstance(block, Paragraph):
                    lines += [inline_text(block.inlines), ""]
                elif isinstance(block, ListBlock):
                    for n, item in enumerate(block.items):
                        marker = "-" if block.kind is ListKind.BULLET else f"{block.start + n}."
                        first = item.blocks[0]
                        lines.append(f"{marker} {inline_text(first.inlines) if isinstance(first, Paragraph) else ''}")
                    lines.append("")
            lines += [f"- [{s.label}]({s.url})" if s.url else f"- {s.label}" for s in policy.sources] + [""]
    return "\n".join(lines)


def _docxtpl(document, folder: Path) -> Path:
    """The same content through docxtpl (a Word template filled with Jinja): the way
    template engines such as Carbone make documents."""
    from docx import Document as Word
    from docxtpl import DocxTemplate

    template = folder / "sjabloon.docx"
    word = Word()
    word.add_heading("{{ title }}", 0)
    for line in (
        "{%p for level in levels %}",
        "{{ level.label }}",
        "{%p for p in level.policies %}",
        "{{ p.nr }}. {{ p.title }}",
        "{%p for para in p.text %}",
        "{{ para }}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{%p endfor %}",
    ):
        word.add_paragraph(line)
    word.save(template)
    context = {
        "title": document.info.title,
        "levels": [
            {
                "label": section.level.label,
                "policies": [
                    {"nr": p.nr, "title": p.title, "text": [inline_text(b.inlines) for b in _paragraphs(p)]}
                    for p in section.policies
                ],
            }
            for section in document.levels
        ],
    }
    out = folder / "t.docx"
    filled = DocxTemplate(template)
    filled.render(context)
    filled.save(out)
    return out


def _paragraphs(policy):
    from via_reports.model import iter_paragraphs

    return [paragraph for _, paragraph in iter_paragraphs(policy.explanation)]


def _soffice(folder: Path, docx: Path) -> list[str]:
    profile = f"-env:UserInstallation=file://{folder}/lo"
    return ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)]


def _edit_one(workbook: Path, target: Path) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book["Beleid"]
    column = [c.value for c in sheet[1]].index("Toelichting") + 1
    row = sheet.max_row // 2
    sheet.cell(row=row, column=column).value = str(sheet.cell(row=row, column=column).value) + " Aangepast."
    book.save(target)
    return target


def measure(size: int, folder: Path, runs: int) -> dict[str, float | int | None]:
    from via_reports.writers.docx import write_docx
    from via_reports.writers.html import write_html

    workbook = make_workbook(folder / f"synthetisch-{size}.xlsx", size)
    row: dict[str, float | int | None] = {"policies": size}
    row["read"] = _median(runs, lambda: read_workbook(workbook))
    rendering = Rendering(read_workbook(workbook).document, build_info())
    row["docx"] = _median(runs, lambda: write_docx(rendering, folder / "x.docx"))
    row["html"] = _median(runs, lambda: write_html(rendering, folder / "x.html"))
    command = [sys.executable, "-m", "via_reports", "build", str(workbook), "-o", str(folder / "out"), "-q"]
    command += ["-f", "docx,pdf"]
    parts = {k: v for k, v in os.environ.items() if k == "VIA_REPORTS_CHUNK_PAGES"}  # else the default
    no_cache = parts | {"VIA_REPORTS_CACHE": "0"}
    for n in (1, 2):
        settings = no_cache | {"VIA_REPORTS_WORKERS": str(n)}
        name = "1 worker" if n == 1 else f"{n} workers"
        row[name], row[f"peak MB {n}"], row[f"PSS MB {n}"] = _process(command, runs, settings)
    row["pages"] = _pages(folder / "out" / f"synthetisch-{size}.pdf")
    row["speed-up"] = row["1 worker"] / row["2 workers"]
    row["pages/s"] = row["pages"] / row["2 workers"]
    cache = parts | {"VIA_REPORTS_CACHE": "1", "VIA_REPORTS_CACHE_DIR": str(folder / f"cache-{size}")}
    first = _process(command, 1, cache)[0]
    _edit_one(workbook, workbook)
    rebuild = _process(command, 1, cache)[0]
    row["rebuild"] = rebuild
    row["rebuild %"] = 100 * rebuild / first
    row["warm rebuild %"] = 100 * _warm_rebuild(workbook, folder, cache) / first
    row["pandoc+LO"] = row["docxtpl+LO"] = row["ratio"] = None
    if shutil.which("pandoc") and shutil.which("soffice"):
        (folder / "x.md").write_text(_markdown(rendering.document), encoding="utf-8")
        pandoc = _process(["pandoc", str(folder / "x.md"), "-o", str(folder / "p.docx")], runs)[0]
        subprocess.run(_soffice(folder, folder / "p.docx"), check=True, capture_output=True)  # makes its profile
        soffice = _process(_soffice(folder, folder / "p.docx"), runs)[0]
        row["pandoc+LO"] = pandoc + soffice
        row["ratio"] = row["2 workers"] / row["pandoc+LO"]
        try:
            start = time.perf_counter()
            filled = _docxtpl(rendering.document, folder)
            fill = time.perf_counter() - start
            office = _process(_soffice(folder, filled), runs)[0]
            row["docxtpl+LO"] = fill + office
        except ImportError:  # pip install -e '.[bench]'
            pass
    return row


def _warm_rebuild(workbook: Path, folder: Path, cache: dict[str, str]) -> float:
    """The rebuild after one more edit in a process that has made a build before
    (modules loaded, as in `serve`), with the chunk cache."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from via_reports.build import build\n"
        "book, out, edited = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])\n"
        "build(book, out, ['docx', 'pdf'])\n"
        "start = time.perf_counter()\n"
        "build(edited, out, ['docx', 'pdf'])\n"
        "print(time.perf_counter() - start)\n"
    )
    edited = _edit_one(workbook, folder / f"{workbook.stem}-warm.xlsx")
    args = [sys.executable, "-c", script, str(workbook), str(folder / "warm"), str(edited)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, env={**os.environ, **cache})
    return float(done.stdout.split()[-1])


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


COLUMNS = (
    "policies",
    "pages",
    "read",
    "docx",
    "html",
    "1 worker",
    "2 workers",
    "speed-up",
    "pages/s",
    "peak MB 1",
    "peak MB 2",
    "PSS MB 1",
    "PSS MB 2",
    "rebuild",
    "rebuild %",
    "warm rebuild %",
    "pandoc+LO",
    "docxtpl+LO",
    "ratio",
)


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20,200,2000", help="policies per workbook, comma-separated")
    parser.add_argument("--repeat", type=int, help="runs per measurement (median); default 3, 1 from 2,000 on")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"via-reports benchmark · {os.cpu_count()} cores · Python {sys.version.split()[0]} · seconds, medians")
    print(
        "read/docx/html: stages in one process; '1 worker'/'2 workers': whole docx+pdf builds (start-up"
        " included, no cache); peak MB: the whole process tree (RSS summed; PSS: shared pages counted once);"
        " rebuild: after one edited policy, with"
        " the chunk cache, as a command and in a warm process; ratio: 2 workers / (pandoc+LO)"
    )
    print(" | ".join(COLUMNS))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            runs = args.repeat or (1 if size >= 2000 else 3)
            row = measure(size, Path(tmp), runs)
            print(" | ".join(_cell(row[c]) for c in COLUMNS), flush=True)


if __name__ == "__main__":
    main()
