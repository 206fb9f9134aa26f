"""The model → HTML through the theme's Jinja templates (for the HTML and PDF outputs).

Templates are looked up in the theme folders in order (a user's folder first, then
the built-in theme), with autoescaping and StrictUndefined, and rendered in Jinja's
sandbox (`sandbox.py`): a theme folder is data someone else wrote. They receive model
objects, never HTML built in Python; the few words and numbers they show are
prepared in `common.py`.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from jinja2 import StrictUndefined, select_autoescape
from markupsafe import Markup

from ..links import linkify
from ..model import LineBreak, Link, ListBlock, ListKind, Paragraph, Text, inline_text
from ..theme import Theme
from ..theme_files import image_kind
from . import common, sandbox, theme_css


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


def environment(dirs: Sequence[Path]) -> sandbox.ThemeEnvironment:
    env = sandbox.ThemeEnvironment(
        loader=sandbox.ThemeLoader(dirs),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=sandbox.COMPILED,  # the same options every time: see CompiledTemplates
    )
    env.tests.update(
        paragraph=lambda x: isinstance(x, Paragraph),
        listblock=lambda x: isinstance(x, ListBlock),
        numbered=lambda x: isinstance(x, ListBlock) and x.kind is ListKind.NUMBERED,
        link=lambda x: isinstance(x, Link),
        linebreak=lambda x: isinstance(x, LineBreak),
    )
    env.filters["css_string"] = css_string
    env.filters["plain"] = inline_text
    env.filters["spaced"] = spaced
    env.filters["linkify"] = linkify
    return env


def css_string(value: str) -> str:
    """A CSS string literal with every character escaped (`"\\25AA \\A0 "`): safe
    in a style attribute whatever the text."""
    return '"' + "".join(ch if ch.isalnum() and ch.isascii() else f"\\{ord(ch):X} " for ch in value) + '"'


def spaced(inlines):
    """Inlines with every run of only white space joined to a neighbouring text run.

    WeasyPrint draws no glyph for a white-space-only box between two inline elements
    (`<b>vet</b> <i>schuin</i>`); text extraction and screen readers then read the two
    words as one. Inside a text run the space is drawn."""
    out = list(inlines)
    n = 0
    while n < len(out):
        item = out[n]
        if isinstance(item, Text) and item.text and not item.text.strip():
            before = out[n - 1] if n else None
            after = out[n + 1] if n + 1 < len(out) else None
            if isinstance(before, Text):
                out[n - 1] = replace(before, text=before.text + item.text)
                del out[n]
                continue
            if isinstance(after, Text):
                out[n + 1] = replace(after, text=item.text + after.text)
                del out[n]
                continue
        n += 1
    return out


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
    "changes_anchor": common.CHANGES_ANCHOR,
}


STYLESHEETS = {"pdf": "print.css", "html": "screen.css"}


def check_templates(dirs: Sequence[Path]) -> None:
    """Check every template and stylesheet of the theme, so a broken or unsafe one is
    reported (with its file and line) before anything is read or written."""
    env = environment(theme_dirs(dirs))
    sandbox.check_templates(env)
    for name in STYLESHEETS.values():
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        theme_css.check_stylesheet(source, filename, env.loader.folders)  # type: ignore[union-attr]


def render_report(r: common.Rendering, *, medium: str) -> str:
    """The whole report as one HTML document; `medium` is "pdf" or "html". What fails
    while the templates run is a ThemeError at its template line (sandbox.render)."""
    env = environment(theme_dirs(r.theme.folders))
    stylesheet = STYLESHEETS[medium]
    source, filename, _ = env.loader.get_source(env, stylesheet)  # type: ignore[union-attr]
    source = theme_css.stylesheet(source, filename, env.loader.folders, medium)  # type: ignore[union-attr]
    document = r.document
    qr = {}
    if r.qr:
        qr = {s.url: common.qr_data_url(s.url) for p in document.policies for s in p.sources if s.url}
    return sandbox.render(
        env.get_template("report.html"),
        doc=document,
        r=r,
        profile=r.profile,
        medium=medium,
        lang=common.LANG if medium == "pdf" else "nl",
        css=Markup(page_css(r) + css_variables(r.theme) + source),
        tabs=r.tabs if medium == "pdf" else (common.tabs(document) if r.profile.internal_links else ()),
        current=None,
        labels=LABELS,
        captions={s.level: common.table_caption(s.level) for s in document.levels},
        heading=r.heading,
        date_line=common.subtitle_line(r),
        selection_note=r.selection_note(),
        tall=r.tall_rows() if medium == "pdf" else frozenset(),
        changes_heading=common.changes_heading(document) if document.changes else "",
        change_groups=r.change_groups(),
        page_label=r.page_label,
        logo=_logo(r),
        qr=qr,
        meta={
            "subject": common.subject(document),
            "keywords": common.keywords(document),
            "created": r.build.timestamp(document).isoformat(),
            "author": r.organisation or "",
        },
    )


def page_css(r: common.Rendering) -> str:
    """The paper size of the profile (from the theme), before the theme's own CSS."""
    paper = r.paper
    return f"@page {{ size: {paper.width_mm}mm {paper.height_mm}mm; }}\n"


def _logo(r: common.Rendering) -> dict[str, str] | None:
    """The logo as the template shows it: embedded data, in the PDF as in the
    self-contained HTML (its type by its bytes; checked when the theme was loaded)."""
    logo = r.theme.logo
    if logo is None:
        return None
    data = logo.read_bytes()
    kind = image_kind(data) or "image/png"
    return {"src": f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}", "alt": r.theme.logo_alt}
