"""Long documents: a synthetic workbook of 60 policies (paragraphs, lists, sources
shaped like the original) whose tables, rows and lists run over many pages, in
landscape (rapport) and portrait (bijlage, handout). Each PDF is rendered once and
checked by the independent validators."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import make_workbook
from tests.validators import validation_failures
from via_reports.build import build

PROFILES = ("rapport", "bijlage", "handout")


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lang")
    workbook = make_workbook(folder / "synthetisch.xlsx", 60)
    return {
        profile: build(workbook, folder / profile, ["pdf"], profile=profile, qr=profile == "handout").outputs[0]
        for profile in PROFILES
    }


@pytest.mark.parametrize("profile", PROFILES)
def test_a_long_pdf_passes_page_validation(long_pdfs, profile: str) -> None:
    assert validation_failures(long_pdfs[profile]) == {}
