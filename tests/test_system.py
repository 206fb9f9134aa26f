"""Install problems are explained: a missing or too old Pango, missing fonts, a too
old Python each give a sentence with what to install, exit 1, and nothing written."""

from __future__ import annotations

import importlib.abc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, policy
from via_reports import system
from via_reports.cli import main


class _NoPango(importlib.abc.MetaPathFinder):
    """`import weasyprint` fails as it does without Pango: the banner, then cffi's OSError."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            print("\n-----\n\nWeasyPrint could not import some external libraries. Please carefully follow …")
            raise OSError(
                "cannot load library 'libgobject-2.0-0': libgobject-2.0-0: cannot open shared object file: "
                "No such file or directory.  Additionally, ctypes.util.find_library() did not manage to locate "
                "a library called 'libgobject-2.0-0'"
            )
        return None


@pytest.fixture
def no_pango(monkeypatch):
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    finder = _NoPango()
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    return finder


def _build(workbook: Path, out: Path, formats: str, workers: str, monkeypatch):
    monkeypatch.setenv("VIA_REPORTS_WORKERS", workers)
    return CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), "-f", formats])


@pytest.mark.parametrize("workers", ["1", "2"])  # checked here, or in a worker while the workbook is read
def test_without_pango_a_pdf_build_says_what_to_install(
    no_pango, make_workbook, tmp_path: Path, monkeypatch, workers: str
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    out = tmp_path / "uit"
    result = _build(make_workbook(policies=[policy("Lokaal")]), out, "docx,pdf", workers, monkeypatch)
    assert result.exit_code == 1
    assert "fout: de PDF kan niet worden gemaakt: de tekstbibliotheek Pango" in result.output
    assert "(libgobject-2.0-0)" in result.output
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.output
    assert "Er is niets geschreven" in result.output
    for english in ("WeasyPrint could not import", "cannot load library", "kan niet schrijven", "Traceback"):
        assert english not in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    ("platform", "line"),
    [("darwin", "brew install pango"), ("win32", "pacman -S mingw-w64-x86_64-pango")],
)
def test_the_install_line_fits_the_operating_system(no_pango, monkeypatch, platform: str, line: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    with pytest.raises(system.SystemProblem) as caught:
        system.load_weasyprint()
    assert line in caught.value.message("nl") and line in caught.value.message("en")
    assert "the Pango text library" in caught.value.message("en")


def test_without_pango_other_formats_still_build(no_pango, make_workbook, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(make_workbook()), "-o", str(tmp_path), "-f", "html"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_too_old_pango(monkeypatch, make_workbook, tmp_path: Path, workers: str) -> None:
    monkeypatch.setattr(system, "pango_version", lambda pango: (1, 42, 4))
    monkeypatch.setenv("VIA_REPORTS_WORKERS", workers)
    result = CliRunner().invoke(main, ["build", str(make_workbook()), "-o", str(tmp_path / "uit"), "-f", "pdf"])
    assert result.exit_code == 1
    assert "Pango is versie 1.42.4; nodig is 1.44 of nieuwer" in result.output
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_without_pango_a_workbook_with_errors_still_hears_of_pango_first(
    no_pango, make_workbook, tmp_path: Path, monkeypatch, workers: str
) -> None:
    """The check comes first, as if made before the workbook is read (with a pool it
    runs in a worker meanwhile): its sentence, not the workbook's problems."""
    out = tmp_path / "uit"
    result = _build(make_workbook(policies=[policy("Nergens")]), out, "pdf", workers, monkeypatch)
    assert result.exit_code == 1
    assert "de tekstbibliotheek Pango" in result.output
    assert "Nergens" not in result.output and "Traceback" not in result.output
    assert not out.exists()


_MAIN_PROCESS_MODULES = """
import atexit, runpy, sys
atexit.register(lambda: print("weasyprint loaded here:", "weasyprint" in sys.modules, file=sys.stderr))
runpy.run_module("via_reports", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(("workers", "loaded"), [("2", False), ("1", True)])
def test_with_workers_the_build_leaves_weasyprint_to_them(
    make_workbook, tmp_path: Path, workers: str, loaded: bool
) -> None:
    """With a pool, WeasyPrint is loaded in a worker (while the build reads the
    workbook), never in the build's own process; with one worker, there."""
    out = tmp_path / "uit"
    command = ["build", str(make_workbook()), "-o", str(out), "-f", "pdf,docx"]
    args = [sys.executable, "-c", _MAIN_PROCESS_MODULES, *command]
    env = {**os.environ, "VIA_REPORTS_WORKERS": workers, "VIA_REPORTS_CACHE": "0"}
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert f"weasyprint loaded here: {loaded}" in done.stderr
    assert {p.suffix for p in out.iterdir()} == {".docx", ".pdf"}


def test_missing_fonts_are_named(make_workbook, tmp_path: Path) -> None:
    theme = tmp_path / "thema"
    theme.mkdir()
    (theme / "print.css").write_text(
        (ROOT / "templates" / "print.css").read_text(encoding="utf-8").replace("LiberationSans-Bold.ttf", "Huis.ttf"),
        encoding="utf-8",
    )
    out = tmp_path / "uit"
    result = CliRunner().invoke(
        main, ["build", str(make_workbook()), "-o", str(out), "-f", "pdf", "--theme", str(theme)]
    )
    assert result.exit_code == 1
    # the theme check finds it first, at its line in the stylesheet
    assert "print.css:5: fout: fonts/Huis.ttf staat niet in de themamap" in result.output
    assert not out.exists()


def test_a_too_old_python_is_said_before_anything_else() -> None:
    code = "import sys; sys.version_info = (3, 9, 2, 'final', 0); import via_reports"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "via-reports heeft Python 3.11 of nieuwer nodig; dit is Python 3.9. Vraag uw IT-afdeling om een nieuwere "
        "Python (https://www.python.org/downloads/)"
    )


def test_doctor_names_versions_and_places() -> None:
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    import weasyprint
    from weasyprint.text.ffi import pango

    lines = result.output.splitlines()
    assert f"  WeasyPrint: {weasyprint.__version__}" in lines
    assert f"  Pango: {'.'.join(map(str, system.pango_version(pango)))}" in lines
    assert any(line.startswith(f"  Python: {sys.version.split()[0]}") for line in lines)
    assert any(line.startswith("  LibreOffice: ") for line in lines)
    assert any(line.startswith("  thema: ") and line.endswith("templates") for line in lines)
    assert any(line.startswith("  lettertypen: ") and "LiberationSans-Regular.ttf" in line for line in lines)


def test_doctor_without_pango_exits_1(no_pango) -> None:
    result = CliRunner().invoke(main, ["doctor", "--lang", "en"])
    assert result.exit_code == 1
    assert "  Pango: error: the PDF cannot be made: the Pango text library" in result.output
    assert "Something is missing" in result.output


def test_workers_the_command_started_for_a_build_that_never_comes_are_shut_down(
    make_workbook, tmp_path: Path, monkeypatch
) -> None:
    """The command starts a PDF build's workers before it looks at the options: a
    wrong option (exit 2) leaves none behind; nor does a copy of the started pool
    reach a process forked from the command."""
    import multiprocessing

    from via_reports import workers

    monkeypatch.setenv("VIA_REPORTS_WORKERS", "2")
    args = ["build", str(make_workbook()), "-o", str(tmp_path / "uit"), "-f", "pdf", "--qr"]  # --qr: handout only
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert multiprocessing.active_children() == [] and workers.take_early() is None
    workers.start_early()
    with workers.worker_pool(1) as other:
        assert other.submit(workers.take_early).result() is None  # a forked copy is not its own
    started = workers.take_early()
    assert started is not None and started[1].result() is None  # Pango was checked: no problem
    started[0].shutdown()
