"""A small browser helper for the tests of `via-reports serve`: Debian's Chromium driven
by Playwright (never a browser of Playwright's own), axe-core injected into a page, and
a live server (`via-reports serve` in its own process on 127.0.0.1, any free port)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import AXE, WCAG_21_AA, launch_chromium

CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = list(WCAG_21_AA)

needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and AXE.exists()),
    reason="Debian's Chromium (/usr/bin/chromium) and axe-core (npm ci --prefix tests/js) are needed",
)


@contextmanager
def chromium() -> Iterator[object]:
    browser = launch_chromium(CHROMIUM)
    try:
        yield browser
    finally:
        browser.close()


def new_page(browser, **options):
    """A page in a fresh context whose every document gets axe-core before its own
    scripts (as an init script: the page's CSP stays in force, unlike bypass_csp), and
    that keeps the browser console's errors (a CSP violation is one) in `page.errors`."""
    context = browser.new_context(**options)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations of the page as it is now (a page from new_page)."""
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"][:200] for n in v["nodes"]]} for v in result["violations"]
    ]


@contextmanager
def live_server(*args: str, env: dict | None = None, timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """`via-reports serve --port 0 ARGS…` in its own process; yields (address, process)
    and stops it (SIGTERM, then SIGKILL) afterwards."""
    command = [sys.executable, "-m", "via_reports", "serve", "--port", "0", *args]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        address, seen = None, []
        end = time.monotonic() + timeout
        while address is None and time.monotonic() < end:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if match := re.search(r"(http://\S+/)", line):
                address = match.group(1)
        if address is None:
            raise AssertionError("the server did not start: " + "".join(seen))
        # keep reading what it says, so a full pipe never blocks the server
        threading.Thread(target=lambda: seen.extend(process.stdout), daemon=True).start()
        process.output = seen
        yield address, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def process_tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        rss[int(entry.name)] = int(match.group(1)) * 1024 if match else 0
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total
