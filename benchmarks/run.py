"""The benchmark: how long via-reports takes, and how much memory, as workbooks grow.

    .venv/bin/python -m benchmarks.run                 # 20, 200 and 2,000 policies
    .venv/bin/python -m benchmarks.run --sizes 20,200  # quicker

For each size it makes a synthetic workbook (see synthetic.py), then measures:
- per stage, inside one process: reading the workbook, and writing docx, html, pdf;
- whole builds as a user runs them (a fresh process, start-up included): docx + pdf,
  and docx + pdf + html, with the peak memory of that build;
- when `pandoc` and `soffice` are on PATH, the same content through pandoc
  (markdown → docx) and LibreOffice (docx → pdf), and our docx + pdf time divided by
  theirs (below 1: we are faster).

Medians of --repeat runs (default 3, and 1 for 2,000 policies and more). Prints a
table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _process(args: list[str], runs: int) -> tuple[float, int]:
    """Median wall time of a command, and the peak memory (MB) of its process tree."""
    times, peak = [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak // 1024


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


def measure(size: int, folder: Path, runs: int) -> dict[str, float | int | None]:
    from via_reports.writers.docx import write_docx
    from via_reports.writers.html import write_html
    from via_reports.writers.pdf import write_pdf

    workbook = make_workbook(folder / f"synthetisch-{size}.xlsx", size)
    row: dict[str, float | int | None] = {"policies": size}
    row["read"] = _median(runs, lambda: read_workbook(workbook))
    rendering = Rendering(read_workbook(workbook).document, build_info())
    row["docx"] = _median(runs, lambda: write_docx(rendering, folder / "x.docx"))
    row["html"] = _median(runs, lambda: write_html(rendering, folder / "x.html"))
    row["pdf"] = _median(runs, lambda: write_pdf(rendering, folder / "x.pdf"))
    row["pages"] = _pages(folder / "x.pdf")
    command = [sys.executable, "-m", "via_reports", "build", str(workbook), "-o", str(folder / "out"), "-q"]
    row["docx+pdf"], _ = _process([*command, "-f", "docx,pdf"], runs)
    row["all three"], row["peak MB"] = _process([*command, "-f", "docx,pdf,html"], runs)
    row["pandoc"] = row["soffice"] = row["ratio"] = None
    if shutil.which("pandoc") and shutil.which("soffice"):
        (folder / "x.md").write_text(_markdown(rendering.document), encoding="utf-8")
        row["pandoc"], _ = _process(["pandoc", str(folder / "x.md"), "-o", str(folder / "p.docx")], runs)
        profile = f"-env:UserInstallation=file://{folder}/lo"
        convert = [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "p.docx"),
        ]
        subprocess.run(convert, check=True, capture_output=True)  # LibreOffice's first start makes its profile
        row["soffice"], _ = _process(convert, runs)
        row["ratio"] = row["docx+pdf"] / (row["pandoc"] + row["soffice"])
    return row


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


COLUMNS = (
    "policies",
    "pages",
    "read",
    "docx",
    "html",
    "pdf",
    "docx+pdf",
    "all three",
    "peak MB",
    "pandoc",
    "soffice",
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
    print("stages in one process; 'docx+pdf' and 'all three' are whole builds, start-up included")
    print(" | ".join(COLUMNS))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            runs = args.repeat or (1 if size >= 2000 else 3)
            row = measure(size, Path(tmp), runs)
            print(" | ".join(_cell(row[c]) for c in COLUMNS), flush=True)


if __name__ == "__main__":
    main()
