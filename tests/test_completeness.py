"""After rendering, every policy of the model must be in each file (PDF: destination and
bookmark; Word: bookmark; HTML: id); a file that lacks one fails the build and
replaces nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.tools import override_template
from via_reports.cli import main
from via_reports.writers import docx as docx_writer

PDF_ROW_LOOP = "{%- for policy in section.policies %}"


@pytest.fixture
def setting(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A workbook, its output folder with the earlier documents (report and handout), and their bytes."""
    rows = [
        BELEID_HEADER,
        policy("Landelijk", 1, "Eerste landelijk"),
        policy("Landelijk", 2, "Tweede landelijk"),
        policy("Lokaal", 1, "Eerste lokaal"),
    ]
    workbook = write_xlsx(tmp_path / "overzicht.xlsx", {"Beleid": rows})
    out = tmp_path / "uit"
    for profile in ("rapport", "handout"):
        args = ["build", str(workbook), "-o", str(out), "-f", "docx,pdf,html", "--profile", profile]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    return workbook, out, {p.name: p.read_bytes() for p in out.iterdir()}


def _fails(workbook: Path, out: Path, before: dict[str, bytes], *args: str) -> str:
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "onverwachte fout" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(os.listdir(out)) == sorted(before)  # no temporary file left
    return result.output


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_a_template_that_drops_rows_fails_the_build(setting, tmp_path: Path, fmt: str) -> None:
    workbook, out, before = setting
    theme = override_template(
        tmp_path / "thema", "partials/policy_table.html", PDF_ROW_LOOP, "{%- for policy in section.policies[1:] %}"
    )
    # the index leaves them out too (its page numbers point at the rows), so nothing else notices them missing
    override_template(theme, "partials/level.html", PDF_ROW_LOOP, "{%- for policy in section.policies[1:] %}")
    output = _fails(workbook, out, before, "-f", f"docx,{fmt}", "--theme", str(theme), "--profile", "handout")
    assert f"overzicht-handout.{fmt}: fout: in het gemaakte document ontbreken 2 beleidsstukken" in output
    assert "Landelijk 1 (Eerste landelijk), Lokaal 1 (Eerste lokaal)" in output
    assert "Tweede landelijk" not in output


def test_a_pdf_without_the_bookmarks_fails_the_build(setting, tmp_path: Path) -> None:
    workbook, out, before = setting
    theme = override_template(tmp_path / "thema", "print.css", "bookmark-level: 2;", "bookmark-level: none;")
    output = _fails(workbook, out, before, "-f", "pdf", "--theme", str(theme))
    assert "overzicht.pdf: fout: in het gemaakte document ontbreken 3 beleidsstukken" in output


def test_a_word_file_that_lacks_a_policy_fails_the_build(setting, monkeypatch) -> None:
    workbook, out, before = setting
    real_row = docx_writer._Writer.row

    def row(self, row, policy) -> None:
        if policy.nr != 2:
            real_row(self, row, policy)

    monkeypatch.setattr(docx_writer._Writer, "row", row)
    output = _fails(workbook, out, before, "-f", "docx,html")
    assert "overzicht.docx: fout: in het gemaakte document ontbreken 1 beleidsstukken: Landelijk 2 (Tweede" in output
