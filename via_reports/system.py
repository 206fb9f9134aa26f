"""What via-reports needs of the computer, and what to do when it is missing.

The PDF is drawn by WeasyPrint, which needs the Pango text library of the operating
system (1.44 or newer). When Pango is missing WeasyPrint prints an English banner and
raises an OSError from its import; here that becomes one Dutch sentence naming the
library and the line that installs it on this operating system, before anything is
read or written. `findings()` is what `via-reports doctor` prints. (A too old Python
is caught earlier, in `via_reports/__init__.py`, before any newer syntax is read.)
"""

from __future__ import annotations

import contextlib
import io
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import CodedError

PANGO_MINIMUM = (1, 44)
PYTHON_MINIMUM = (3, 11)  # as in pyproject.toml and via_reports/__init__.py

# The line that installs Pango, per operating system (as in the README).
INSTALL_LINES = {
    "linux": "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian, Ubuntu) "
    "of sudo dnf install pango (Fedora)",
    "darwin": "brew install pango",
    "win32": "installeer MSYS2 (https://www.msys2.org) en typ daarin: pacman -S mingw-w64-x86_64-pango",
}
INSTALL_LINES_EN = {
    "linux": "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian, Ubuntu) "
    "or sudo dnf install pango (Fedora)",
    "darwin": "brew install pango",
    "win32": "install MSYS2 (https://www.msys2.org) and type in it: pacman -S mingw-w64-x86_64-pango",
}


class SystemProblem(CodedError):
    """The computer lacks something via-reports needs; nothing was written."""

    def message(self, lang: str = "nl") -> str:
        lines = INSTALL_LINES_EN if lang == "en" else INSTALL_LINES
        system = _system(sys.platform)
        params = {**self.params, "install": lines[system]}
        from .messages import LABELS, text

        return f"{LABELS['error'][1 if lang == 'en' else 0]}: {text(self.code, lang, **params)}"


def _system(name: str) -> str:
    return "win32" if name.startswith(("win", "cygwin")) else "darwin" if name == "darwin" else "linux"


def load_weasyprint():
    """Import WeasyPrint (its banner swallowed) and check Pango; SystemProblem when
    the library is missing or too old."""
    banner = io.StringIO()
    try:
        with contextlib.redirect_stdout(banner):
            import weasyprint
            from weasyprint.text.ffi import pango
    except OSError as exc:  # cffi: "cannot load library 'libgobject-2.0-0': …"
        raise SystemProblem("system_pango_missing", detail=_library(exc)) from None
    except ImportError as exc:
        raise SystemProblem("system_weasyprint_missing", detail=exc) from None
    version = pango_version(pango)
    if version < PANGO_MINIMUM:
        found = ".".join(map(str, version))
        raise SystemProblem("system_pango_old", found=found, minimum=".".join(map(str, PANGO_MINIMUM)))
    return weasyprint


def pango_version(pango) -> tuple[int, int, int]:
    number = int(pango.pango_version())  # 15004 is 1.50.4
    return number // 10000, number // 100 % 100, number % 100


def _library(exc: OSError) -> str:
    text = str(exc)
    start = text.find("'")
    end = text.find("'", start + 1)
    return text[start + 1 : end] if 0 <= start < end else text


@dataclass(frozen=True)
class Finding:
    name: str  # a product's name, or a message code (doctor_…) for the rest
    value: str
    ok: bool = True


def findings(theme_folders: list[Path], lang: str = "nl") -> list[Finding]:
    """Versions and places, for `via-reports doctor`."""
    from . import __version__
    from .messages import text

    out = [
        Finding("via-reports", __version__),
        Finding("Python", f"{platform.python_version()} ({sys.executable})", sys.version_info[:2] >= PYTHON_MINIMUM),
        Finding("doctor_os", platform.platform()),
    ]
    try:
        weasyprint = load_weasyprint()
        from weasyprint.text.ffi import pango

        out.append(Finding("WeasyPrint", weasyprint.__version__))
        out.append(Finding("Pango", ".".join(map(str, pango_version(pango)))))
    except SystemProblem as problem:
        out.append(Finding("Pango", problem.message(lang), ok=False))
    out.append(Finding("LibreOffice", libreoffice() or text("doctor_no_libreoffice", lang)))
    out.append(Finding("doctor_theme", ", ".join(str(folder) for folder in theme_folders)))
    fonts = sorted(p.name for folder in theme_folders for p in (folder / "fonts").glob("*.[to]tf"))
    where = ", ".join(str(folder / "fonts") for folder in theme_folders if (folder / "fonts").is_dir())
    missing = missing_fonts(theme_folders)
    if missing:
        out.append(
            Finding(
                "doctor_fonts",
                SystemProblem("system_fonts_missing", fonts=", ".join(missing), folder=theme_folders[0]).message(lang),
                ok=False,
            )
        )
    else:
        out.append(Finding("doctor_fonts", f"{where} ({', '.join(fonts)})"))
    return out


def libreoffice() -> str | None:
    """The version of LibreOffice (`soffice`), if installed; it is optional."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            try:
                done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
            except (OSError, subprocess.SubprocessError):
                return path
            return (done.stdout.strip().splitlines() or [path])[0]
    return None


def missing_fonts(theme_folders: list[Path]) -> list[str]:
    """The font files the theme's print.css names that no theme folder holds."""
    from .writers.pdf import theme_file

    css = theme_file("print.css", theme_folders)
    if css is None:
        return []
    names = re.findall(r"""url\(\s*["']?([^"')]+\.[ot]tf)["']?\s*\)""", css.read_text(encoding="utf-8"))
    return [name for name in dict.fromkeys(names) if theme_file(name, theme_folders) is None]


def require_pdf(theme_folders: list[Path]) -> None:
    """Everything the PDF needs is there, or a SystemProblem says what to install."""
    load_weasyprint()
    require_fonts(theme_folders)


def require_fonts(theme_folders: list[Path]) -> None:
    """The font files the theme's print.css names are there, or a SystemProblem."""
    missing = missing_fonts(theme_folders)
    if missing:
        raise SystemProblem("system_fonts_missing", fonts=", ".join(missing), folder=theme_folders[0])


def pdf_problem(theme_folders: list[Path] | None = None) -> tuple[str, dict] | None:
    """`require_pdf` in a worker process (without theme folders: Pango only), which
    so loads what rendering a PDF chunk needs: the problem as (code, values), which
    cross back to the build's process whole (the exception itself would lose its
    values), or None."""
    try:
        load_weasyprint()
        from .workers import settle
        from .writers import pdf_finish, pdf_styles  # noqa: F401  (a chunk's rendering needs them next)

        settle()
        if theme_folders is not None:
            require_fonts(theme_folders)
    except SystemProblem as problem:
        return problem.code, problem.params
    return None
