"""Batch builds (several workbooks at once) and progress on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import policy
from via_reports.build import build
from via_reports.cli import main
from via_reports.progress import TerminalProgress


def test_a_batch_with_one_broken_workbook_builds_the_others_and_exits_1(make_workbook, tmp_path: Path) -> None:
    good = [make_workbook(name="oss.xlsx"), make_workbook(name="uden.xlsx")]
    broken = make_workbook(policies=[policy(level="Landelyk"), policy(title=None)], name="bernheze.xlsx")
    out = tmp_path / "uit"
    result = CliRunner().invoke(
        main, ["build", *map(str, [good[0], broken, good[1]]), "-o", str(out), "-f", "docx", "--jobs", "2"]
    )
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["oss.docx", "uden.docx"]
    assert "bernheze.xlsx: niet gemaakt" in result.output
    assert "Beleid!A2" in result.output and "Beleid!C3" in result.output
    assert "2 van 3 werkmappen gemaakt; 1 met fouten" in result.output
    assert "Traceback" not in result.output


def test_a_folder_of_workbooks(make_workbook, tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        make_workbook(name=name).rename(folder / name)
    (folder / "~$a.xlsx").write_bytes(b"Excel's lock file")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "uit"), "-f", "docx", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["a.docx", "b.docx"]
    assert "2 van 2 werkmappen gemaakt." in result.output


def test_two_workbooks_with_the_same_name_are_a_usage_error(make_workbook, tmp_path: Path) -> None:
    first = make_workbook(name="oss.xlsx")
    (tmp_path / "ander").mkdir()
    second = make_workbook(name="x.xlsx").rename(tmp_path / "ander" / "oss.xlsx")
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(tmp_path / "uit")])
    assert result.exit_code == 2 and "dezelfde naam" in result.output


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_stage_and_page_count_on_a_terminal(make_workbook, tmp_path: Path) -> None:
    stream = _Terminal()
    progress = TerminalProgress(stream)
    progress.DELAY = progress.INTERVAL = 0
    build(make_workbook(policies=[policy(nr=n) for n in range(1, 30)]), tmp_path, ["pdf", "docx"], progress=progress)
    progress.done()
    shown = stream.getvalue()
    assert "werkmap lezen" in shown and "PDF opmaken: pagina" in shown
    assert shown.endswith("\r\x1b[K")  # the line is wiped at the end


def test_no_progress_when_not_a_terminal_or_quiet(make_workbook, tmp_path: Path) -> None:
    piped = io.StringIO()
    progress = TerminalProgress(piped)
    progress.DELAY = 0
    progress("PDF opmaken: pagina", 3)
    assert piped.getvalue() == ""
    quiet = TerminalProgress(_Terminal(), enabled=False)
    quiet("PDF opmaken: pagina", 3)
    assert quiet.stream.getvalue() == ""
    result = CliRunner().invoke(main, ["build", str(make_workbook()), "-o", str(tmp_path), "-f", "docx", "--quiet"])
    assert result.exit_code == 0 and result.output == ""
