"""`--pdf-variant` through the command line (one workbook and a batch): the PDF's XMP
declares exactly the chosen standards, and page-validation finds no failed rule for
any of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.validators import declared, validation_failures
from via_reports.api import build
from via_reports.cli import main
from via_reports.pdf_variants import DEFAULT_PDF_VARIANT, PDF_VARIANTS

EXPECTED = {
    "pdf/ua-1+pdf/a-2u": {"pdfuaid:part": "1", "pdfaid:part": "2", "pdfaid:conformance": "U"},
    "pdf/ua-1+pdf/a-3u": {"pdfuaid:part": "1", "pdfaid:part": "3", "pdfaid:conformance": "U"},
    "pdf/ua-1": {"pdfuaid:part": "1", "pdfaid:part": None, "pdfaid:conformance": None},
    "pdf/a-2u": {"pdfuaid:part": None, "pdfaid:part": "2", "pdfaid:conformance": "U"},
    "pdf/a-3u": {"pdfuaid:part": None, "pdfaid:part": "3", "pdfaid:conformance": "U"},
}


def _workbook(path: Path, title: str = "Stop femicide") -> Path:
    return write_xlsx(
        path,
        {
            "Beleid": [
                BELEID_HEADER,
                policy(
                    "Landelijk",
                    1,
                    title,
                    sources="Rapport | https://www.rijksoverheid.nl/x",
                    text='<p>Zie <a href="https://www.example.org/">de brief</a>.</p><ol><li>een</li><li>2</li></ol>',
                ),
                policy("Lokaal", 1, "Handboek AVE", text="- een\n- twee"),
            ]
        },
    )


def _cli(*args: str) -> None:
    result = CliRunner().invoke(main, ["build", *args, "-f", "pdf", "-q"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def by_variant(tmp_path_factory) -> dict[str | None, Path]:
    """The same workbook built through the CLI once per variant, and once without the option."""
    folder = tmp_path_factory.mktemp("varianten")
    workbook = _workbook(folder / "werkmap.xlsx")
    out: dict[str | None, Path] = {}
    for variant in [*PDF_VARIANTS, None]:
        target = folder / (variant or "standaard").replace("/", "_").replace("+", "_")
        _cli(str(workbook), "-o", str(target), *(["--pdf-variant", variant] if variant else []))
        out[variant] = target / "werkmap.pdf"
    return out


def test_every_variant_is_offered_and_tested() -> None:
    assert set(EXPECTED) == set(PDF_VARIANTS)


@pytest.mark.parametrize("variant", list(EXPECTED))
def test_the_xmp_declares_exactly_the_chosen_variant(by_variant, variant: str) -> None:
    assert declared(by_variant[variant]) == EXPECTED[variant]


def test_the_default_is_pdf_ua_1_with_pdf_a_2u(by_variant) -> None:
    assert DEFAULT_PDF_VARIANT == "pdf/ua-1+pdf/a-2u"
    assert declared(by_variant[None]) == EXPECTED["pdf/ua-1+pdf/a-2u"]


@pytest.mark.parametrize("variant", list(EXPECTED))
def test_every_variant_passes_page_validation(by_variant, variant: str) -> None:
    assert validation_failures(by_variant[variant]) == {}


def test_a_batch_build_follows_the_variant(tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    for name in ("oss", "uden"):
        _workbook(folder / f"{name}.xlsx", title=f"Aanpak {name}")
    _cli(str(folder), "-o", str(tmp_path / "uit"), "-j", "2", "--pdf-variant", "pdf/a-3u")
    for name in ("oss", "uden"):
        assert declared(tmp_path / "uit" / f"{name}.pdf") == EXPECTED["pdf/a-3u"]


def test_the_python_api_takes_the_variant_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    workbook = _workbook(tmp_path / "werkmap.xlsx")
    (path,) = build(workbook, tmp_path / "uit", ["pdf"], pdf_variant="pdf/ua-1").outputs
    assert declared(path) == EXPECTED["pdf/ua-1"]
    with pytest.raises(ValueError, match="pdf/a-1b"):
        build(workbook, tmp_path / "uit", ["pdf"], pdf_variant="pdf/a-1b")


def test_an_unknown_variant_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    workbook = _workbook(tmp_path / "werkmap.xlsx")
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(tmp_path), "--pdf-variant", "pdf/a-1b"])
    assert result.exit_code == 2
    assert not list(tmp_path.glob("*.pdf"))
