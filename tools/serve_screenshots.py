"""The README's pictures of `via-reports serve`: each state of the page, in Debian's
Chromium, against a live server on 127.0.0.1, as small PNGs in docs/.

    .venv/bin/python -m tools.serve_screenshots
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image

from tests.serve_browser import chromium, live_server, new_page
from tests.serve_support import SIX_ERRORS, workbook

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
WIDTH = 900


def _small(path: Path) -> None:
    """Fewer colours: the pictures stay a few tens of kB."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def _shot(page, path: Path, top: str, bottom: str | None = None, height: int | None = None) -> None:
    """From the top of element `top` to the bottom of `bottom` (or `height` pixels)."""
    box = "e => { const r = e.getBoundingClientRect(); return [r.top + window.scrollY, r.bottom + window.scrollY]; }"
    y = max(0, page.locator(top).evaluate(box)[0] - 12)
    end = page.locator(bottom or top).evaluate(box)[1] + 12 if (bottom or not height) else y + height
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": y, "width": WIDTH, "height": end - y})
    _small(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        broken = workbook(folder, "via-beleid-kapot.xlsx", SIX_ERRORS)
        good = ROOT / "source" / "via-beleid.xlsx"
        with live_server("--werkers", "1") as (address, _), chromium() as browser:
            viewport = {"width": WIDTH, "height": 700}
            page = new_page(browser, viewport=viewport, locale="nl-NL")
            page.goto(address)
            _shot(page, DOCS / "serve-kiezen.png", "header", "#kiezen")
            page.set_input_files("#werkmap", str(broken))
            page.wait_for_selector("#controle")
            _shot(page, DOCS / "serve-fouten.png", "#kop-kiezen", "#controle")
            page.set_input_files("#werkmap", str(good))
            page.frame_locator("#voorbeeld iframe").locator("h1").first.wait_for()
            page.wait_for_timeout(300)
            _shot(page, DOCS / "serve-voorbeeld.png", "#controle", "#voorbeeld")
            _shot(page, DOCS / "serve-maken.png", "#maken", "#maak-knop")
            page.click("#maak-knop")
            page.wait_for_function("() => document.getElementById('voortgang').textContent.includes('pagina')")
            _shot(page, DOCS / "serve-bezig.png", "#maak-knop", "#voortgang")
            page.wait_for_selector("#resultaat .bestanden", timeout=120_000)
            _shot(page, DOCS / "serve-klaar.png", "#resultaat")
        followed = folder / "via-beleid.xlsx"
        followed.write_bytes(good.read_bytes())
        with live_server(str(followed)) as (address, _), chromium() as browser:
            viewport = {"width": WIDTH, "height": 700}
            page = new_page(browser, viewport=viewport, locale="nl-NL")
            page.goto(address)
            page.frame_locator("#voorbeeld iframe").locator("h1").first.wait_for()
            _shot(page, DOCS / "serve-volgen.png", "#kop-werkmap", "#samenvatting")
    for png in sorted(DOCS.glob("serve-*.png")):
        print(png.relative_to(ROOT), png.stat().st_size // 1024, "kB")


if __name__ == "__main__":
    main()
