"""The document model → one self-contained HTML file (styles inlined, nothing remote):
what an intranet page or an e-mail attachment carries."""

from __future__ import annotations

from pathlib import Path

from .common import Rendering
from .render import render_report
from .self_contained import check_self_contained


def write_html(r: Rendering, path: Path) -> list:
    """Write the HTML file; it has no warnings of its own to report. A theme's own
    templates are checked not to load or run anything (the built-in ones do not)."""
    html = render_report(r, medium="html")
    if r.theme.folders:
        check_self_contained(html, r.theme.folders)
    path.write_text(html, encoding="utf-8", newline="\n")
    return []
