"""`via-reports serve` as a person uses it, in Debian's Chromium against a live server:
a broken workbook shows its six cells, a good one its preview, the build gives the
same .docx and .pdf as `via-reports build`; axe-core finds no WCAG 2.1 A/AA violation
in any state of the page; the same flow works without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from tests.serve_browser import axe_violations, chromium, live_server, needs_chromium, new_page
from tests.serve_support import SIX_CELLS, SIX_ERRORS, workbook
from via_reports import api

pytestmark = needs_chromium
TIMEOUT = 60_000  # ms: a bound, not a speed claim


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("boeken")
    return {"broken": workbook(folder, "kapot.xlsx", SIX_ERRORS), "good": workbook(folder, "via-beleid.xlsx")}


@pytest.fixture(scope="module")
def server():
    with live_server("--werkers", "2") as (address, _):
        yield address


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _cells(page) -> list[str]:
    return [c.strip() for c in page.locator("#controle td.cel").all_inner_texts()]


def test_pick_check_preview_build_download(server, browser, books, tmp_path) -> None:
    page = new_page(browser, accept_downloads=True)
    context = page.context
    page.set_default_timeout(TIMEOUT)
    page.goto(server)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert axe_violations(page) == []

    page.set_input_files("#werkmap", str(books["broken"]))  # checked at once, no click
    page.wait_for_selector("#samenvatting")
    assert _cells(page) == SIX_CELLS
    assert "6 fout(en)" in page.inner_text("#samenvatting")
    assert "Aanpak huiselijk geweld" in page.inner_text("#controle")
    page.wait_for_function("() => document.getElementById('melder').textContent.includes('6 fout')")
    assert page.locator("#voorbeeld").count() == 0 and page.locator("#maak").count() == 0
    assert axe_violations(page) == []

    page.set_input_files("#werkmap", str(books["good"]))
    page.wait_for_selector("#voorbeeld iframe")
    frame = page.locator("#voorbeeld iframe")
    assert frame.get_attribute("sandbox") == ""
    title = page.frame_locator("#voorbeeld iframe").locator("h1.doc-title")
    title.wait_for()
    assert title.inner_text() == "Veiligheid in afhankelijkheidsrelaties"
    assert page.locator("#maak input[name=thema]").evaluate_all("els => els.map(e => e.value)") == [
        "huiselijk geweld",
        "jeugd",
        "ouderen",
    ]
    assert axe_violations(page) == []

    # hold the build's state at "running" for a moment, so the progress can be looked at
    running = {"status": "running", "stage": "PDF opmaken: pagina 3", "pages": 3, "diagnostics": [], "files": []}
    page.route("**/api/builds/*", lambda route: route.fulfill(json=running))
    page.click("#maak-knop")  # docx and pdf are checked by default
    page.wait_for_function("() => document.getElementById('voortgang').textContent.includes('pagina 3')")
    assert page.locator("#maak-knop").is_disabled()
    page.wait_for_function("() => document.getElementById('melder').textContent.includes('PDF opmaken')")
    assert axe_violations(page) == []
    page.unroute("**/api/builds/*")
    page.wait_for_selector("#resultaat .bestanden")
    assert axe_violations(page) == []
    links = page.locator("#resultaat .bestanden a")
    assert links.all_inner_texts() == ["via-beleid.docx", "via-beleid.pdf", "Alle bestanden als zip"]
    downloaded = {}
    for name in ("via-beleid.docx", "via-beleid.pdf"):
        with page.expect_download() as info:
            page.click(f"#resultaat .bestanden a:text-is('{name}')")
        downloaded[name] = tmp_path / info.value.suggested_filename
        info.value.save_as(downloaded[name])
    assert page.errors == []  # nothing blocked by the page's CSP, no script error
    context.close()

    made = api.build(books["good"], tmp_path / "cli", ["docx", "pdf"]).outputs
    ours, theirs = Docx(downloaded["via-beleid.docx"]), Docx(made[0])
    assert [p.text for p in ours.paragraphs()] == [p.text for p in theirs.paragraphs()]
    assert ours.bookmarks() == theirs.bookmarks()
    ours_pdf, theirs_pdf = Pdf(downloaded["via-beleid.pdf"]), Pdf(made[1])
    assert len(ours_pdf.reader.pages) == len(theirs_pdf.reader.pages)
    assert ours_pdf.outline() == theirs_pdf.outline()
    assert ours_pdf.text == theirs_pdf.text


def test_the_same_flow_without_javascript(server, browser, books) -> None:
    page = new_page(browser, java_script_enabled=False, accept_downloads=True)
    context = page.context
    page.set_default_timeout(TIMEOUT)
    page.goto(server)
    page.set_input_files("#werkmap", str(books["broken"]))
    page.click("#kiezen button[type=submit]")
    page.wait_for_url("**/controle/*")
    assert _cells(page) == SIX_CELLS
    page.set_input_files("#werkmap", str(books["good"]))
    page.click("#kiezen button[type=submit]")
    page.wait_for_selector("#voorbeeld iframe")
    page.uncheck("#formaat-pdf")
    page.check("#profiel-bijlage")
    page.fill("#bijlage", "Bijlage 4")
    page.check("#maak input[value=jeugd]")
    page.click("#maak-knop")
    page.wait_for_url("**/maak/*")
    assert page.locator("#resultaat .bestanden a").all_inner_texts() == [
        "via-beleid-bijlage-jeugd.docx",
        "Alle bestanden als zip",
    ]
    with page.expect_download() as info:
        page.click("#resultaat .bestanden a >> nth=0")
    assert info.value.suggested_filename == "via-beleid-bijlage-jeugd.docx"
    assert page.errors == []
    context.close()


def test_an_unknown_job_and_a_failed_build_are_accessible_pages(server, browser, books) -> None:
    page = new_page(browser)
    context = page.context
    page.set_default_timeout(TIMEOUT)
    reply = page.goto(server + "maak/bestaat-niet")
    assert reply.status == 404 and "bestaat niet" in page.inner_text("#foutmelding")
    assert axe_violations(page) == []
    page.goto(server)
    page.set_input_files("#werkmap", str(books["good"]))
    page.wait_for_selector("#maak")
    page.check("#maak input[value=jeugd]")
    page.check("#maak input[value=Landelijk]")  # no policy is both: the build fails with a sentence
    page.click("#maak-knop")
    page.wait_for_selector("#resultaat .meldingen")
    assert "geen enkel beleidsstuk" in page.inner_text("#resultaat")
    assert axe_violations(page) == []
    context.close()


def test_the_page_reflows_on_a_narrow_screen(server, browser, books) -> None:
    """WCAG 1.4.10: at 320 CSS pixels nothing needs scrolling sideways."""
    page = new_page(browser, viewport={"width": 320, "height": 640})
    context = page.context
    page.set_default_timeout(TIMEOUT)
    page.goto(server)
    widths = [page.evaluate("document.documentElement.scrollWidth")]
    page.set_input_files("#werkmap", str(books["broken"]))
    page.wait_for_selector("#controle")
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    page.set_input_files("#werkmap", str(books["good"]))
    page.wait_for_selector("#maak")
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    assert widths == [320, 320, 320]
    context.close()


def _choose_by_keyboard(page):
    """Space on the focused file field opens the file dialog. Chromium now and then
    sends no file-chooser event for the first press after a page has loaded (a known
    race of its automation, microsoft/playwright#28023): the press is tried again, up
    to three times; a field the keyboard cannot open fails all three."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        try:
            with page.expect_file_chooser(timeout=TIMEOUT / 3) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def test_the_whole_way_by_keyboard(server, browser, books) -> None:
    page = new_page(browser)
    page.set_default_timeout(TIMEOUT)
    page.goto(server)

    def focused() -> str:
        return page.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()")

    def tab_to(target: str) -> None:
        for _ in range(60):  # bounded: a focus trap fails the test
            page.keyboard.press("Tab")
            if focused() == target:
                return
        raise AssertionError(f"Tab never reached {target}")

    page.keyboard.press("Tab")
    assert focused() == "Naar de inhoud"  # the skip link comes first
    tab_to("werkmap")
    chooser = _choose_by_keyboard(page)
    chooser.set_files(str(books["good"]))
    page.wait_for_selector("#maak")
    assert focused() == "kop-controle"  # the result of the check has the focus
    page.frame_locator("#voorbeeld iframe").locator("main").wait_for()  # the preview, with its many links, is there
    tab_to("Sla het voorbeeld over: naar 4. Documenten maken")  # … and a link past it, before it
    page.keyboard.press("Enter")
    assert focused() == "kop-maken"
    tab_to("profiel-rapport")
    page.keyboard.press("ArrowDown")  # radio buttons move with the arrow keys
    assert page.locator("#profiel-bijlage").is_checked()
    tab_to("formaat-pdf")
    page.keyboard.press("Space")
    assert not page.locator("#formaat-pdf").is_checked()
    tab_to("maak-knop")
    page.keyboard.press("Enter")
    page.wait_for_selector("#resultaat .bestanden")
    assert focused() == "kop-resultaat"
    files = page.locator("#resultaat .bestanden a").all_inner_texts()
    assert files == ["via-beleid-bijlage.docx", "Alle bestanden als zip"]
    page.context.close()
