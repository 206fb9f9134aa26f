"""The output folder under stress: builds at the same time, a full or read-only disk,
links, outputs that would replace the workbook, folders without workbooks. Each
refusal is a sentence that says what to do; earlier documents stay as they were."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BELEID_HEADER, ROOT, policy, write_xlsx
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from tests.tools import override_template
from via_reports import build as build_module
from via_reports import outputs
from via_reports.build import build
from via_reports.cli import main

PYTHON = sys.executable


def _cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def _refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "onverwachte fout" not in result.output
    for word in words:
        assert word in result.output, result.output


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    rows = [BELEID_HEADER, policy("Landelijk", 1, "Eerste"), policy("Lokaal", 1, "Tweede")]
    return write_xlsx(tmp_path / "overzicht.xlsx", {"Beleid": rows})


# --- builds at the same time ----------------------------------------------------------------


def test_two_builds_into_one_folder_at_once_both_succeed_with_whole_files(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [PYTHON, "-m", "via_reports", "build", str(workbook), "-o", str(out), "-f", "docx,pdf,html"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [process.communicate(timeout=180) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert sorted(p.name for p in out.iterdir()) == ["overzicht.docx", "overzicht.html", "overzicht.pdf"]
    assert "Eerste" in Docx(out / "overzicht.docx").table_paragraph_texts()
    assert "Tweede" in Pdf(out / "overzicht.pdf").text
    assert out.joinpath("overzicht.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


@contextlib.contextmanager
def _other_process() -> Iterator[int]:
    sleeper = subprocess.Popen([PYTHON, "-c", "import time; time.sleep(60)"])
    try:
        yield sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()


def test_stale_temporary_files_are_removed_only_when_their_build_is_gone(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    finished = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = out / f".overzicht.docx.{int(finished.stdout)}-0123456789ab.tmp"
    dead.write_bytes(b"half")
    with _other_process() as pid:
        alive = out / f".overzicht.docx.{pid}-ba9876543210.tmp"
        alive.write_bytes(b"nog bezig")
        build(workbook, out, ["docx"])
        assert alive.read_bytes() == b"nog bezig" and not dead.exists()
    build(workbook, out, ["docx"])
    assert not alive.exists()
    assert sorted(p.name for p in out.iterdir()) == ["overzicht.docx"]


def test_a_pdf_part_left_by_a_killed_build_is_removed(workbook: Path, tmp_path: Path) -> None:
    """A PDF in parts writes one temporary file a part, named after the build's own."""
    out = tmp_path / "uit"
    out.mkdir()
    finished = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    part = outputs.part_of(out / f".overzicht.pdf.{int(finished.stdout)}-0123456789ab-{outputs._host()}.tmp", 3)
    part.write_bytes(b"half")
    build(workbook, out, ["pdf"])
    assert sorted(p.name for p in out.iterdir()) == ["overzicht.pdf"]


def test_temporary_files_of_another_computer_are_left_until_they_are_old(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    theirs = out / ".overzicht.docx.999999999-0123456789ab-andere-pc.tmp"  # a number no process here has
    old = out / ".overzicht.docx.999999998-0123456789ab-andere-pc.tmp"
    theirs.write_bytes(b"bezig")
    old.write_bytes(b"oud")
    os.utime(old, (0, 0))
    build(workbook, out, ["docx"])
    assert theirs.exists() and not old.exists()


def test_temporary_names_differ_per_build(tmp_path: Path) -> None:
    final = tmp_path / "overzicht.pdf"
    first, second = outputs.reserve(final), outputs.reserve(final)
    assert first != second and first.name.startswith(f".overzicht.pdf.{os.getpid()}-")
    assert outputs._TEMPORARY.search(first.name).group("host") == outputs._host()


# --- outputs that would replace an input ------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("overzicht.html", "html"), ("overzicht.docx", "docx"), ("X.pdf", "pdf")])
def test_a_build_that_would_replace_the_workbook_is_refused(workbook: Path, name: str, fmt: str) -> None:
    disguised = workbook.rename(workbook.with_name(name))
    before = disguised.read_bytes()
    result = _cli("build", disguised, "-o", disguised.parent, "-f", fmt)
    _refused(result, f"{disguised}: fout: dit is de werkmap die wordt gelezen")
    assert disguised.read_bytes() == before


def test_the_previous_edition_is_not_replaced_either(workbook: Path, tmp_path: Path) -> None:
    previous = shutil.copy(workbook, tmp_path / "overzicht.docx")
    result = _cli("build", workbook, "--vorige", previous, "-o", tmp_path, "-f", "docx")
    _refused(result, "dit is de werkmap die wordt gelezen")


# --- folders without workbooks -------------------------------------------------------------------


def test_an_empty_folder_or_one_named_like_a_workbook(tmp_path: Path) -> None:
    for folder in (tmp_path / "leeg", tmp_path / "beleid.xlsx"):
        folder.mkdir()
        (folder / "~$beleid.xlsx").write_bytes(b"Excel's lock file")
        _refused(_cli("build", folder), f"fout: geen werkmappen in {folder}")


def test_a_folder_finds_workbooks_whatever_the_case_of_their_extension(tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    write_xlsx(folder / "OSS.XLSX", {"Beleid": [BELEID_HEADER, policy()]})
    result = _cli("build", folder, "-o", tmp_path / "uit", "-f", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "uit" / "OSS.html").exists()


# --- full, read-only, locked ------------------------------------------------------------------------


def _failing_writer(code: int):
    def write(rendering, path: Path, *rest) -> list:
        path.write_bytes(b"%PDF-1.7 half")
        raise OSError(code, os.strerror(code), str(path))

    return write


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EDQUOT, "schijfquotum"),
        (errno.EROFS, "in deze map kan niet worden geschreven"),
    ],
    ids=["ENOSPC", "EDQUOT", "EROFS"],
)
def test_a_write_that_fails_midway_is_a_sentence_and_changes_nothing(workbook, tmp_path, monkeypatch, code, words):
    out = tmp_path / "uit"
    build(workbook, out, ["docx", "pdf"])
    before = _snapshot(out)
    monkeypatch.setitem(build_module.WRITERS, "pdf", _failing_writer(code))
    _refused(_cli("build", workbook, "-o", out, "-f", "docx,pdf"), words, "Eerdere documenten zijn niet veranderd")
    assert _snapshot(out) == before and sorted(os.listdir(out)) == sorted(before)


def test_a_pdf_part_that_fails_on_a_full_disk_leaves_no_part_behind(tmp_path, monkeypatch) -> None:
    """A PDF in parts whose third part meets a full disk in its worker (the workers
    are forked, so they have the failing write too): the located sentence, the
    earlier documents as they were, and no part of the others still being written
    when the build gave up."""
    from benchmarks.synthetic import make_workbook
    from via_reports.writers import pdf_finish

    workbook = make_workbook(tmp_path / "delen.xlsx", 24)
    out = tmp_path / "uit"
    build(workbook, out, ["pdf"])
    before = _snapshot(out)
    finish = pdf_finish.finish

    def full(path, **options):
        if ".deel2." in Path(path).name:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return finish(path, **options)

    monkeypatch.setattr(pdf_finish, "finish", full)
    for name, value in {"VIA_REPORTS_CHUNK_PAGES": "4", "VIA_REPORTS_WORKERS": "2", "VIA_REPORTS_CACHE": "0"}.items():
        monkeypatch.setenv(name, value)
    _refused(
        _cli("build", workbook, "-o", out, "-f", "pdf"), "de schijf is vol", "Eerdere documenten zijn niet veranderd"
    )
    assert _snapshot(out) == before and sorted(os.listdir(out)) == sorted(before)


@pytest.mark.parametrize("workers", ["1", "2"])  # with 2, the merge runs in a thread beside the rendering
def test_a_full_disk_while_the_merged_pdf_is_written_is_a_sentence_and_changes_nothing(
    tmp_path, monkeypatch, workers: str
) -> None:
    """The merge writes the PDF part by part (writers/pdf_writer.py): a disk that fills
    up halfway through gives the located sentence, and the documents already there
    stay as they were, with no half-written file beside them."""
    from benchmarks.synthetic import make_workbook
    from via_reports.writers import pdf_writer

    workbook = make_workbook(tmp_path / "delen.xlsx", 24)
    out = tmp_path / "uit"
    build(workbook, out, ["docx", "pdf"])
    before = _snapshot(out)
    put = pdf_writer.FileWriter._put

    def filling(self, data: bytes) -> None:
        if self.at > 20_000:  # the first part or so is written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", self.file.name)
        put(self, data)

    monkeypatch.setattr(pdf_writer.FileWriter, "_put", filling)
    settings = {"VIA_REPORTS_CHUNK_PAGES": "4", "VIA_REPORTS_WORKERS": workers, "VIA_REPORTS_CACHE": "0"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    _refused(
        _cli("build", workbook, "-o", out, "-f", "docx,pdf"),
        "de schijf is vol",
        "Eerdere documenten zijn niet veranderd",
    )
    assert _snapshot(out) == before and sorted(os.listdir(out)) == sorted(before)


def test_a_folder_that_refuses_new_files_is_told_before_rendering(workbook, tmp_path, monkeypatch) -> None:
    out = tmp_path / "uit"
    build(workbook, out, ["docx"])
    before = _snapshot(out)
    real_open = os.open

    def refusing_open(path, flags, *args):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(outputs.os, "open", refusing_open)
    monkeypatch.setitem(build_module.WRITERS, "docx", _failing_writer(errno.EIO))  # must never be reached
    _refused(_cli("build", workbook, "-o", out, "-f", "docx"), f"{out}: fout: in deze map kan niet worden geschreven")
    assert _snapshot(out) == before


def test_a_locked_output_is_told_before_rendering(workbook, tmp_path, monkeypatch) -> None:
    out = tmp_path / "uit"
    build(workbook, out, ["docx"])
    real_open = os.open

    def locked(path, flags, *args):
        if Path(path).name == "overzicht.docx":
            raise PermissionError(errno.EACCES, "in use", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(outputs.os, "open", locked)
    _refused(_cli("build", workbook, "-o", out, "-f", "docx"), "overzicht.docx: fout: het bestand is in gebruik")


# --- links ------------------------------------------------------------------------------------------


def test_an_output_that_is_a_link_to_elsewhere_is_never_written_through(workbook: Path, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "uit", tmp_path / "elders"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "belangrijk.pdf").write_bytes(b"niet overschrijven")
    (out / "overzicht.pdf").symlink_to(elsewhere / "belangrijk.pdf")
    (out / "overzicht.docx").symlink_to(elsewhere / "bestaat-niet.docx")
    for fmt in ("pdf", "docx"):
        _refused(_cli("build", workbook, "-o", out, "-f", fmt), "symbolische link", "Er is niets geschreven")
    assert sorted(os.listdir(elsewhere)) == ["belangrijk.pdf"]
    assert (elsewhere / "belangrijk.pdf").read_bytes() == b"niet overschrijven"
    assert sorted(os.listdir(out)) == ["overzicht.docx", "overzicht.pdf"]  # the links, untouched


def test_an_output_folder_that_is_a_link_is_that_folder(workbook: Path, tmp_path: Path) -> None:
    real = tmp_path / "echt"
    real.mkdir()
    (tmp_path / "snelkoppeling").symlink_to(real, target_is_directory=True)
    result = _cli("build", workbook, "-o", tmp_path / "snelkoppeling", "-f", "html")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(real)) == ["overzicht.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["echt", "overzicht.xlsx", "snelkoppeling"]


# --- a real small or read-only disk (needs the right to mount) -----------------------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(path: Path) -> None:
    """Write zeros until the disk takes no more."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1 << 10, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)


@pytest.mark.may_skip
def test_a_really_full_disk(workbook: Path, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "klein", "4m") as disk:
        out = disk / "uit"
        build(workbook, out, ["docx", "pdf"])
        before = _snapshot(out)
        _fill(disk / "vulling")
        result = _cli("build", workbook, "-o", out, "-f", "docx,pdf")
        _refused(result, "de schijf is vol")
        assert _snapshot(out) == before and sorted(os.listdir(out)) == sorted(before)


@pytest.mark.may_skip
def test_a_really_read_only_disk(workbook: Path, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "alleen-lezen", "8m") as disk:
        out = disk / "uit"
        build(workbook, out, ["docx"])
        before = _snapshot(out)
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        _refused(_cli("build", workbook, "-o", out, "-f", "docx"), "in deze map kan niet worden geschreven")
        _refused(_cli("build", workbook, "-o", disk / "nieuw", "-f", "docx"), "in deze map kan niet worden geschreven")
        assert _snapshot(out) == before


def test_a_build_that_would_replace_a_theme_template_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    workbook = write_xlsx(folder / "report.xlsx", {"Beleid": [BELEID_HEADER, policy()]})
    (folder / "via-reports.toml").write_text('[huisstijl]\norganisatie = "Oss"\n', encoding="utf-8")
    override_template(folder, "report.html", "<main", "<main data-eigen")
    before = (folder / "report.html").read_bytes()
    _refused(
        _cli("build", workbook, "-o", folder, "-f", "html"), "report.html: fout: dit is een sjabloon van het thema"
    )
    assert (folder / "report.html").read_bytes() == before


def test_an_output_folder_that_is_a_broken_link(workbook: Path, tmp_path: Path) -> None:
    (tmp_path / "weg").symlink_to(tmp_path / "bestaat-niet", target_is_directory=True)
    _refused(_cli("build", workbook, "-o", tmp_path / "weg", "-f", "html"), "een link naar", "die niet bestaat")
    assert not (tmp_path / "bestaat-niet").exists()
