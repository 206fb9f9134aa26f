"""The model → HTML through the theme's Jinja templates (for the HTML and PDF outputs).

Templates are looked up in the theme folders in order (a user's folder first, then
the built-in theme), with autoescaping and StrictUndefined. They receive model
objects, never HTML built in Python; the few words and numbers they show are
prepared in `common.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model import Document, LineBreak, Link, ListBlock, ListKind, Paragraph
from ..theme import Theme
from . import common


def builtin_theme_dir() -> Path:
    """The built-in theme (top-level `templates/`, installed as `via_reports.templates`)."""
    try:
        path = Path(str(resources.files("via_reports.templates")))
        if (path / "report.html").is_file():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def theme_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    return [*extra, builtin_theme_dir()]


def environment(dirs: Sequence[Path]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in dirs]),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests.update(
        paragraph=lambda x: isinstance(x, Paragraph),
        listblock=lambda x: isinstance(x, ListBlock),
        numbered=lambda x: isinstance(x, ListBlock) and x.kind is ListKind.NUMBERED,
        link=lambda x: isinstance(x, Link),
        linebreak=lambda x: isinstance(x, LineBreak),
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: str) -> str:
    """A CSS string literal with every character escaped (`"\\25AA \\A0 "`): safe
    in a style attribute whatever the text."""
    return '"' + "".join(ch if ch.isalnum() and ch.isascii() else f"\\{ord(ch):X} " for ch in value) + '"'


def css_variables(theme: Theme) -> str:
    return (
        ":root {"
        f" --primary: #{theme.primary}; --accent: #{theme.accent}; --text: #{theme.text};"
        f" --muted: #{theme.muted}; --link: #{theme.link};"
        " }\n"
    )


LABELS = {
    "nav": common.NAV_LABEL,
    "empty_level": common.EMPTY_LEVEL,
    "table_headers": common.TABLE_HEADERS,
    "sources": "Bronnen",
    "frameworks": common.FRAMEWORKS_TITLE,
    "frameworks_anchor": common.FRAMEWORKS_ANCHOR,
}


def render_report(
    document: Document,
    build: common.BuildInfo,
    theme: Theme,
    *,
    medium: str,
    dirs: Sequence[Path] | None = None,
) -> str:
    """The whole report as one HTML document; `medium` is "pdf" or "html"."""
    env = environment(dirs or theme_dirs())
    stylesheet = "print.css" if medium == "pdf" else "screen.css"
    source, _, _ = env.loader.get_source(env, stylesheet)  # type: ignore[union-attr]
    info = document.info
    return env.get_template("report.html").render(
        doc=document,
        medium=medium,
        lang=common.LANG if medium == "pdf" else "nl",
        css=Markup(css_variables(theme) + source),
        tabs=common.tabs(document),
        current=None,
        labels=LABELS,
        captions={s.level: common.table_caption(s.level) for s in document.levels},
        date_line=common.subtitle_line(document, build),
        footer_text=" · ".join(x for x in (info.organisation, info.title) if x),
        meta={
            "subject": common.subject(document),
            "keywords": common.keywords(document),
            "created": build.timestamp(document).isoformat(),
        },
    )
