"""The HTML of every profile in a real browser (Debian's Chromium): it reflows at
320 CSS pixels with text at 200 % (WCAG 1.4.10, 1.4.4: no sideways scrolling), and
axe-core finds no WCAG 2.1 A or AA violation, at desktop width and at 320 pixels."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BELEID_HEADER, ROOT, policy, write_xlsx
from via_reports.build import build

PROFILES = ("rapport", "bijlage", "handout")
LONG_URL = "https://www.rijksoverheid.nl/documenten/rapporten/2024/05/13/toekomstscenario-kind-en-gezinsbescherming"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every profile's HTML of a workbook with long addresses, long words, lists,
    sources and a changes section."""
    folder = tmp_path_factory.mktemp("html")
    workbook = write_xlsx(
        folder / "werkmap.xlsx",
        {
            "Beleid": [
                BELEID_HEADER,
                policy(
                    "Landelijk",
                    1,
                    "Toekomstscenario Kind- en gezinsbescherming",
                    sources=f"Eindrapport | {LONG_URL}\nZonder adres",
                    text=f'<p>Zie <a href="{LONG_URL}">{LONG_URL}</a>.</p><ol><li>een</li><li>twee</li></ol>',
                    period="2024-2028",
                    themes="jeugd",
                ),
                policy("Lokaal", 1, "Huiselijkgeweldenkindermishandelingsaanpak", text="- een\n- twee", themes="jeugd"),
            ],
            "Wettelijke kaders": [("Categorie", "Naam", "Link"), ("Wetten", "Jeugdwet", LONG_URL)],
            "Document": [("Veld", "Waarde"), ("Editie", 2025), ("Organisatie", "Gemeente Test")],
        },
    )
    previous = ROOT / "source" / "via-beleid.xlsx"
    return {
        profile: build(
            workbook, folder / profile, ["html"], profile=profile, qr=profile == "handout", previous=previous
        ).outputs[0]
        for profile in PROFILES
    }


@pytest.mark.parametrize("profile", PROFILES)
def test_the_html_reflows_at_320_pixels_with_text_at_200_percent(browser, pages, profile: str) -> None:
    page = browser.open(pages[profile], width=320, height=640, text_scale=2)
    try:
        assert page.horizontal_overflow() <= 0, page.wide_elements()
    finally:
        page.close()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("profile", PROFILES)
def test_axe_finds_no_wcag_21_aa_violation(browser, pages, profile: str, width: int) -> None:
    page = browser.open(pages[profile], width=width)
    try:
        assert page.axe_violations() == []
    finally:
        page.close()
