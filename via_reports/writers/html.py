"""The document model → one self-contained HTML file (styles inlined, nothing remote):
what an intranet page or an e-mail attachment carries."""

from __future__ import annotations

from pathlib import Path

from .common import Rendering
from .render import render_report


def write_html(r: Rendering, path: Path) -> list:
    """Write the HTML file; it has no warnings of its own to report."""
    path.write_text(render_report(r, medium="html"), encoding="utf-8", newline="\n")
    return []
