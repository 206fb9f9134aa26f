"""Theme folders made in code for the theme safety tests, and what every refusal
must look like: exit code 1, a located Dutch sentence, no traceback, the output folder
as it was, and no line of a file outside the theme anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from via_reports.cli import main
from via_reports.writers.render import builtin_theme_dir

SECRET = "GEHEIM-regel-die-nooit-in-een-uitvoer-mag-staan"
TITLE_PAGE = "partials/title_page.html"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    """A small workbook of two policies, one per module (fixture; see the test modules)."""
    return small_workbook(tmp_path_factory.mktemp("werkmap"))


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    return secret_file(tmp_path)


def small_workbook(folder: Path) -> Path:
    return write_xlsx(
        folder / "overzicht.xlsx",
        {"Beleid": [BELEID_HEADER, policy(title="Eerste beleid"), policy("Lokaal", title="Tweede beleid")]},
    )


def secret_file(folder: Path) -> Path:
    """A file outside every theme; its lines must never appear in any output."""
    path = folder / "buiten" / "geheim.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n{{{{ 7*7 }}}}\n@font-face {{ }} {SECRET}-2\n", encoding="utf-8")
    return path


def builtin(name: str) -> str:
    return (builtin_theme_dir() / name).read_text(encoding="utf-8")


def make_theme(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


EXTRA_LINE = 3  # where with_title_page puts its line: right inside the <section>, in no block


def with_title_page(folder: Path, extra: str) -> Path:
    """A theme whose title page template has `extra` on a line of its own (EXTRA_LINE)."""
    lines = builtin(TITLE_PAGE).splitlines()
    assert lines[EXTRA_LINE - 2].startswith("<section"), lines[:EXTRA_LINE]
    lines.insert(EXTRA_LINE - 1, extra)
    return make_theme(folder, {TITLE_PAGE: "\n".join(lines) + "\n"})


def run_build(workbook: Path, theme: Path | None, out: Path, formats: str = "html", *extra: str) -> Result:
    args = ["build", str(workbook), "-o", str(out), "-f", formats, *extra]
    if theme is not None:
        args += ["--theme", str(theme)]
    return CliRunner().invoke(main, args)


def assert_refused(result: Result, out: Path, *words: str, earlier: dict[str, bytes] | None = None) -> None:
    """Exit 1 with one sentence naming what was refused; no traceback; the output
    folder holds exactly what it held before; nothing of a file outside the theme shown."""
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "onverwachte fout" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for word in words:
        assert word in output, (word, output)
    assert ": fout: " in output, output
    assert SECRET not in output
    assert snapshot(out) == (earlier or {}), "the output folder changed"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def no_secret_in(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def symlink(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def png(width: int = 2, height: int = 1) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header (a decompression bomb need be no bigger)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg_header(width: int, height: int) -> bytes:
    import struct

    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"
