"""The HTML stays one self-contained file, whatever a theme's templates write.

A theme template can write any markup. In the PDF every resource goes through the
confined fetcher (`pdf.py`); the HTML is opened later, in someone's browser, so it is
checked after rendering, parsed as a browser parses it (tinyhtml5, the HTML5 parser
WeasyPrint uses). Refused: scripts (a `<script>`, an `on…` attribute, a
`javascript:` link), frames and plug-ins, `<base>`, a `<meta>` refresh, and every
attribute or style that would load something that is not in the file itself (only
`data:` addresses and `#fragments` may be loaded). Links (`<a href>`) are the reader's
to follow and stay. A refusal names the template line that wrote it where it can be
found, else the theme folder.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..theme_files import ThemeError, written_by
from . import theme_css

_FORBIDDEN = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "noscript"}
_LOADING = {"src", "srcset", "imagesrcset", "poster", "data", "background", "action", "formaction", "ping",
            "codebase", "archive", "longdesc", "lowsrc", "dynsrc", "manifest"}  # fmt: skip
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}
_NAVIGATING = {"a", "area"}  # their href is a link for the reader, not a load
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")


def check_self_contained(html: str, theme_folders: Sequence[Path]) -> None:
    """ThemeError at the first thing in `html` that would load or run something."""
    import tinyhtml5

    for element in tinyhtml5.parse(html).iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in _FORBIDDEN:
            _refuse(f"<{name}>", f"<{name}", theme_folders)
        if name == "meta" and (element.get("http-equiv") or "").strip().lower() == "refresh":
            _refuse('<meta http-equiv="refresh">', "refresh", theme_folders)
        if name in _ANIMATIONS and (element.get("attributeName") or "").lower().rsplit(":", 1)[-1] in ("href", "src"):
            _refuse(f"<{name} attributeName=…>", f"<{name}", theme_folders)  # SVG can animate a link into a script
        if name == "style":
            _check_css(element.text or "", theme_folders)
        for key, value in element.attrib.items():
            attribute = key.rsplit("}", 1)[-1].lower()
            for problem in _attribute(name, attribute, value):
                _refuse(f'{attribute}="{value[:80]}"', problem, theme_folders)
            if attribute == "style":
                _check_css(value, theme_folders, declarations=True)


def _attribute(element: str, attribute: str, value: str) -> Iterator[str]:
    """The part of the value to look for in the templates, for each refused attribute."""
    stripped = value.strip().lower()
    if attribute.startswith("on"):
        yield attribute
    elif attribute == "href" and element in _NAVIGATING:
        if stripped.startswith(_SCRIPT_SCHEMES):
            yield value.strip()
    elif (attribute in _LOADING or attribute == "href") and not _inside(stripped):
        yield value.strip()


def _inside(value: str) -> bool:
    """An address that reads nothing outside the file."""
    return value.startswith("#") or (value.startswith("data:") and "://" not in value.split(",", 1)[0])


def _check_css(css: str, theme_folders: Sequence[Path], *, declarations: bool = False) -> None:
    """The CSS in the page may load `data:` addresses and fragments only: there is no
    theme folder beside an HTML file that was mailed."""
    try:
        if declarations:
            theme_css.check_declarations(css, "HTML", [])
        else:
            theme_css.check_stylesheet(css, "HTML", [])
    except ThemeError as exc:
        found = str(exc.params.get("url", "@import"))
        _refuse(found, found.removesuffix("…)"), theme_folders)


def _refuse(what: str, needle: str, theme_folders: Sequence[Path]) -> None:
    path, line = written_by(needle, theme_folders)
    raise ThemeError(path, line, "theme_html_loads", what=what)
