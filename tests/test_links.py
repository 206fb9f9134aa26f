"""The one allow-list for link addresses."""

from __future__ import annotations

import pytest

from via_reports.links import looks_like_address, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.rijksoverheid.nl/documenten/rapporten/2024/stop-femicide",
        "http://oss.nl",
        "https://wetten.overheid.nl/BWBR0034925/2024-01-01#Hoofdstuk1",
        "https://xn--bcher-kva.example/",
        "https://bücher.example/pad?x=1&y=2",
        "https://192.168.1.10/intranet",
        "https://www.oss.nl:8443/a",
        "mailto:info@oss.nl",
        "mailto:info@oss.nl?subject=ViA",
        "HTTPS://WWW.OSS.NL",
    ],
)
def test_allowed(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "\\\\server\\share\\doc.pdf",
        "https:/\\evil.example",
        "https:0",
        "https:",
        "https://",
        "https://localhost/",
        "https://intranet/",
        "https://user:pw@oss.nl/",
        "https://oss.nl:99999/",
        "https://oss .nl/",
        "https://oss.nl/\nx",
        "ftp://oss.nl/",
        "mailto:",
        "mailto:niemand",
        "www.oss.nl",
        "",
        None,
    ],
)
def test_refused(url) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://oss.nl", True),
        ("javascript:alert(1)", True),
        ("\\\\srv\\x", True),
        ("Rapport Rijksoverheid.nl", False),
        ("Let op: dit", False),
        ("Stop femicide!", False),
    ],
)
def test_looks_like_address(text: str, expected: bool) -> None:
    assert looks_like_address(text) is expected


def test_a_www_address_in_bronnen_becomes_an_https_link_with_a_warning(make_workbook) -> None:
    from tests.conftest import policy
    from via_reports.reader.workbook import read_workbook

    sources = "www.oss.nl/beleid\nPlan van aanpak | www.oss.nl/plan?jaar=2025\nwww.oss\nAlleen een naam"
    kaders = [("Categorie", "Naam", "Link"), ("Nederlandse wetgeving", "Jeugdwet", "WWW.wetten.nl")]
    result = read_workbook(make_workbook(policies=[policy(sources=sources)], kaders=kaders))
    assert result.ok
    found = [(s.label, s.url) for s in result.document.policies[0].sources]
    assert found == [
        ("www.oss.nl/beleid", "https://www.oss.nl/beleid"),
        ("Plan van aanpak", "https://www.oss.nl/plan?jaar=2025"),
        ("www.oss", None),
        ("Alleen een naam", None),
    ]
    assert result.document.frameworks[0].frameworks[0].url == "https://WWW.wetten.nl"
    messages = sorted(d.format() for d in result.warnings)
    assert messages == [
        "Beleid!F2: waarschuwing: 'www.oss.nl/beleid' is gelezen als het webadres https://www.oss.nl/beleid; "
        "zet https:// voor het adres, dan verdwijnt deze melding",
        "Beleid!F2: waarschuwing: 'www.oss.nl/plan?jaar=2025' is gelezen als het webadres "
        "https://www.oss.nl/plan?jaar=2025; zet https:// voor het adres, dan verdwijnt deze melding",
        "Wettelijke kaders!C2: waarschuwing: 'WWW.wetten.nl' is gelezen als het webadres https://WWW.wetten.nl; "
        "zet https:// voor het adres, dan verdwijnt deze melding",
    ]
