"""The HTML writer: one self-contained, semantic file, parsed back with lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.models import rendering, sample_document
from via_reports.writers.html import write_html


@pytest.fixture(scope="module")
def model():
    return sample_document()


@pytest.fixture(scope="module")
def page(model, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "overzicht.html"
    write_html(rendering(model), path)
    return lxml_html.fromstring(path.read_bytes())


def test_language_title_and_metadata(page) -> None:
    assert page.get("lang") == "nl"
    assert page.findtext(".//title") == "Veiligheid in afhankelijkheidsrelaties"
    assert page.xpath("string(//meta[@name='author']/@content)") == "Gemeente Oss"
    assert page.xpath("//meta[@name='viewport']")


def test_semantic_structure(page, model) -> None:
    assert page.xpath("//nav//a/@href") == ["#landelijk", "#regionaal", "#lokaal", "#wettelijke-kaders"]
    assert page.xpath("//main/section/h1/text()") == [
        "Veiligheid in afhankelijkheidsrelaties",
        "Landelijk",
        "Regionaal",
        "Lokaal",
        "Wettelijke kaders",
    ]
    tables = page.xpath("//table")
    assert len(tables) == 2
    for table in tables:
        assert table.xpath("thead/tr/th[@scope='col']/text()") == ["Nr.", "Programma/Beleid/aanpak", "Toelichting"]
        assert table.xpath("caption/text()")
    numbers = page.xpath("//tbody/tr/td[@class='nr']/text()")
    assert numbers == [str(x.nr) for x in model.policies]


def test_every_internal_link_has_a_target(page, model) -> None:
    ids = set(page.xpath("//@id"))
    for href in page.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
    index = page.xpath("//ul[@class='index']//a/@href")
    assert index == [f"#{x.anchor}" for x in model.policies]


def test_lists_keep_markers_and_start_numbers(page) -> None:
    numbered = page.xpath("//ol")[0]
    assert numbered.get("start") == "3"
    assert "counter-reset: list-item 2" in numbered.get("style")
    bullets = [ul.get("style") for ul in page.xpath("//ul[@class='bullets']")]
    assert any("25AA" in style for style in bullets)  # ▪, as the author typed it
    assert [li.text_content() for li in numbered.xpath("li")] == ["Preventie.", "Vragen ontvangen."]


def test_self_contained_nothing_remote(page) -> None:
    assert page.xpath("//style")
    assert not page.xpath("//link | //script | //img | //iframe | //object | //embed")
    for attr in page.xpath("//@src"):
        pytest.fail(f"a resource is loaded: {attr}")
    css = "".join(page.xpath("//style/text()"))
    assert "url(" not in css and "@import" not in css


def test_external_links_are_the_models(page) -> None:
    hrefs = {h for h in page.xpath("//a/@href") if not h.startswith("#")}
    assert hrefs == {
        "https://www.rijksoverheid.nl/titel",
        "https://www.rijksoverheid.nl/x",
        "https://www.rijksoverheid.nl/rapport",
        "https://wetten.overheid.nl/BWBR0034925",
    }


def test_screen_stylesheet_works_on_a_phone(page) -> None:
    css = "".join(page.xpath("//style/text()"))
    assert "@media (max-width" in css and "position: sticky" in css


def test_file_is_utf8_without_surprises(model, tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    assert write_html(rendering(model), path) == []
    data = path.read_bytes()
    assert data.startswith(b"<!DOCTYPE html>")
    assert "Gemeente Oss · editie 2025".encode() in data  # UTF-8, not entities
