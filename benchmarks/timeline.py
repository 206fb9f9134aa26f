"""Where the time of one build goes: a timeline of the build as a command, its
worker processes included.

    .venv/bin/python -m benchmarks.timeline                  # the rebuild after one edit, 200 policies
    .venv/bin/python -m benchmarks.timeline --size 20 --runs 5
    .venv/bin/python -m benchmarks.timeline --first          # the first build (no cache) instead

It makes a synthetic workbook (synthetic.py), fills a chunk cache in a temporary
folder with a first build (`VIA_REPORTS_CACHE_DIR`), edits one policy as the
benchmark does (run.py `_edit_one`), and runs the rebuild --runs times, each in a
fresh process with an empty copy of that cache state, docx + pdf, as run.py does.
Each run records when the main stages start and end, in the build's process and
in each worker (the functions in STAGES are wrapped as their modules are imported,
so nothing is imported earlier than in a real build). Prints the run with the
median wall time as a timeline (seconds from the launch of the command), then the
wall time of every run. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# module → functions whose start and end are recorded
STAGES = {
    "via_reports.workers": ("start_early", "_start_worker"),
    "via_reports.build": ("build", "render_all", "_write_in_worker", "_start_worker"),
    "via_reports.system": ("require_pdf", "pdf_problem"),
    "via_reports.reader.compose": ("read_document",),
    "via_reports.writers.render": ("check_templates", "render_report"),
    "via_reports.writers.pdf": ("write_pdf", "render_chunk", "count_chunk", "_merge", "without_missing_glyphs"),
    "via_reports.writers.pdf_chunks": ("split",),
    "via_reports.writers.pdf_parts": ("render_parts",),
    "via_reports.writers.pdf_stamp": ("stamp_pages",),
    "via_reports.writers.pdf_streams": ("save",),
}

# Run in the measured process: wraps STAGES as their modules load, then runs the CLI.
_HOOK = r"""
import functools, importlib.abc, importlib.machinery, os, sys, time
LOG, STAGES = sys.argv.pop(1), eval(sys.argv.pop(1))
def mark(what):
    with open(LOG, "a") as out:
        out.write(f"{time.time():.4f} {os.getpid()} {time.process_time():.3f} {what}\n")
def wrapped(name, func):
    if getattr(func, "__wrapped__", None) is not None:
        return func
    @functools.wraps(func)
    def timed(*args, **kwargs):
        mark(f"{name} start")
        try:
            return func(*args, **kwargs)
        finally:
            mark(f"{name} end")
    return timed
class Loader(importlib.abc.Loader):
    def __init__(self, inner): self.inner = inner
    def create_module(self, spec): return self.inner.create_module(spec)
    def exec_module(self, module):
        self.inner.exec_module(module)
        for name in STAGES[module.__name__]:
            if callable(getattr(module, name, None)):  # a stage the code at hand has
                setattr(module, name, wrapped(name, getattr(module, name)))
        mark(f"imported {module.__name__}")
class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in STAGES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None:
            spec.loader = Loader(spec.loader)
        return spec
sys.meta_path.insert(0, Finder())
mark("python started")
import atexit, resource
def cpu():
    own, workers = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    mark(f"exit: atexit; cpu seconds: build {own.ru_utime + own.ru_stime:.2f}, "
         f"workers {workers.ru_utime + workers.ru_stime:.2f}")
atexit.register(cpu)
import runpy
runpy.run_module("via_reports", run_name="__main__", alter_sys=True)
"""


def _command(workbook: Path, out: Path) -> list[str]:
    return [*("-m", "via_reports", "build", str(workbook), "-o", str(out), "-q", "-f", "docx,pdf")]


Mark = tuple[float, int, float, str]  # seconds from the launch, process, its processor seconds so far, what


def _run(workbook: Path, folder: Path, cache: Path | None) -> tuple[float, list[Mark]]:
    """One build in a fresh process: its wall time and its marks."""
    log = folder / "marks.txt"
    log.unlink(missing_ok=True)
    settings = {"VIA_REPORTS_CACHE": "1", "VIA_REPORTS_CACHE_DIR": str(cache)} if cache else {"VIA_REPORTS_CACHE": "0"}
    args = [sys.executable, "-c", _HOOK, str(log), repr(STAGES), *_command(workbook, folder / "out")[2:]]
    start = time.time()
    subprocess.run(args, check=True, env={**os.environ, **settings})
    end = time.time()
    marks = []
    for line in log.read_text().splitlines():
        when, pid, cpu, what = line.split(" ", 3)
        marks.append((float(when) - start, int(pid), float(cpu), what))
    return end - start, [*marks, (end - start, 0, 0.0, "exit: process ended")]


QUICK = 0.01  # seconds: a call shorter than this is counted, not shown (a chunk from the cache)


def _print(marks: list[Mark]) -> None:
    """The marks, a line each: seconds from the launch, the process, what; a stage's
    end with its wall and processor seconds (`0.570 s, cpu 0.540`)."""
    names: dict[int, str] = {}
    for _, pid, _, _ in marks:
        names.setdefault(pid, "build" if not names else f"worker {len(names)}")
    names[0] = "build"
    started: dict[tuple[int, str], tuple[float, float]] = {}
    quick: dict[tuple[int, str], int] = {}
    for n, (when, pid, cpu, what) in enumerate(marks):
        stage, _, edge = what.rpartition(" ")
        if edge == "start":
            started[pid, stage] = when, cpu
            end = next((m for m in marks[n + 1 :] if m[1] == pid and m[3] == f"{stage} end"), None)
            if end is not None and end[0] - when < QUICK:
                quick[pid, stage] = quick.get((pid, stage), 0) + 1
                continue
        elif edge == "end" and (pid, stage) in started:
            began, cpu_began = started.pop((pid, stage))
            if when - began < QUICK:
                continue
            what += f" ({when - began:.3f} s, cpu {cpu - cpu_began:.3f})"
        print(f"{when:7.3f}  {names[pid]:<9} {what}")
    for (pid, stage), count in quick.items():
        print(f"         {names[pid]:<9} {stage}: {count} more calls of under {QUICK * 1000:.0f} ms each")


def main(argv: list[str] | None = None) -> None:
    from benchmarks.run import _edit_one
    from benchmarks.synthetic import make_workbook

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200, help="policies")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--first", action="store_true", help="the first build (no cache), not the rebuild")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        original = make_workbook(folder / "origineel.xlsx", args.size)
        workbook = folder / f"synthetisch-{args.size}.xlsx"
        filled = folder / "cache-first"
        if args.first:
            shutil.copy(original, workbook)
        else:
            first = [sys.executable, *_command(original, folder / "out")]
            subprocess.run(first, check=True, env={**os.environ, "VIA_REPORTS_CACHE_DIR": str(filled)})
            _edit_one(original, workbook)
        runs = []
        for _ in range(args.runs):
            cache = None
            if not args.first:
                cache = folder / "cache"
                shutil.rmtree(cache, ignore_errors=True)
                shutil.copytree(filled, cache)
            runs.append(_run(workbook, folder, cache))
        walls = [wall for wall, _ in runs]
        median = statistics.median(walls)
        _print(min(runs, key=lambda run: abs(run[0] - median))[1])
        what = "first build" if args.first else "rebuild after one edit"
        every = ", ".join(f"{w:.3f}" for w in walls)
        print(f"{what}, {args.size} policies, docx + pdf: median {median:.3f} s of {every}")


if __name__ == "__main__":
    main()
