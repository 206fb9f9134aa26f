"""The document model → one self-contained HTML file (styles inlined, nothing remote):
what an intranet page or an e-mail attachment carries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Document
from ..theme import Theme
from .common import BuildInfo
from .render import render_report, theme_dirs


def write_html(document: Document, path: Path, build: BuildInfo, theme: Theme, dirs: Sequence[Path] = ()) -> Path:
    html = render_report(document, build, theme, medium="html", dirs=theme_dirs(dirs))
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
