"""A real browser for the tests: Debian's Chromium driven by Playwright, with axe-core
(installed by `.ci/run` with npm into tests/js). Shared by every test that looks at a
page (the HTML output, the web app): `browser` is a session fixture, registered in
conftest.py.

    page = browser.open(path_or_url, width=320, text_scale=2)
    page.axe_violations()   # WCAG 2.1 A/AA violations, as "rule: target" strings
    page.horizontal_overflow()  # scrollWidth - innerWidth, in CSS pixels
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str | None:
    """Debian's Chromium (never a browser Playwright would download)."""
    return shutil.which("chromium")


@dataclass
class Page:
    page: object  # playwright Page

    def axe_violations(self, tags: tuple[str, ...] = WCAG_21_AA) -> list[str]:
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            list(tags),
        )
        return [
            f"{violation['id']}: {' '.join(node['target'][0] for node in violation['nodes'][:3])}"
            for violation in result["violations"]
        ]

    def horizontal_overflow(self) -> int:
        """How far the page scrolls sideways (0: it reflows)."""
        return self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    def wide_elements(self) -> list[str]:
        """The elements that stick out to the right of the window (to tell what to fix)."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""
        )

    def close(self) -> None:
        self.page.context.close()


class Browser:
    def __init__(self, browser) -> None:
        self.browser = browser

    def open(self, target: str | Path, width: int = 1280, height: int = 800, text_scale: float = 1) -> Page:
        """Open a file or URL in a fresh context `width` CSS pixels wide; `text_scale`
        2 sets the browser's text size to 200 % (as a reader who enlarges text does)."""
        context = self.browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        if text_scale != 1:
            session = context.new_cdp_session(page)
            size = round(16 * text_scale)
            session.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": round(13 * text_scale)}})
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        page.goto(url, wait_until="load")
        return Page(page)


_PLAYWRIGHT = None


def launch_chromium(executable: str):
    """A new Chromium from the one Playwright of this test process: Playwright's sync API
    runs one event loop, so a second `sync_playwright()` in the same process fails."""
    global _PLAYWRIGHT
    if _PLAYWRIGHT is None:
        import atexit

        from playwright.sync_api import sync_playwright

        _PLAYWRIGHT = sync_playwright().start()
        atexit.register(_PLAYWRIGHT.stop)
    return _PLAYWRIGHT.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser():
    executable = chromium()
    if executable is None or not AXE.is_file():
        pytest.skip("Chromium or axe-core (npm ci --prefix tests/js) is not installed")
    instance = launch_chromium(executable)
    try:
        yield Browser(instance)
    finally:
        instance.close()
