"""Small helpers several test modules share: LibreOffice conversion, theme overrides."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from via_reports.writers.render import builtin_theme_dir

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def soffice_convert(source: Path, fmt: str, outdir: Path, suffix: str | None = None) -> Path:
    """Convert with LibreOffice headless (its own profile in `outdir`); the converted file.
    `fmt` may carry an export filter (`pdf:writer_pdf_Export:{…}`); `suffix` is then the
    converted file's extension."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir}/lo-profile",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{suffix or fmt}"


def override_template(theme: Path, name: str, old: str, new: str) -> Path:
    """A theme folder whose template `name` is the built-in one with `old` replaced by `new`."""
    target = theme / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = (builtin_theme_dir() / name).read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, new, 1), encoding="utf-8")
    return theme
