"""A theme's stylesheet may not reach outside the theme folder, in any spelling.

The CSS is parsed with tinycss2 (the parser WeasyPrint itself uses, written to the
CSS Syntax spec browsers follow), so escapes (`\\75 rl(`), case (`URL(`), quotes and
comments are read as a browser reads them. Refused, with the file and line:

- every `@import` (put the rules in print.css or screen.css itself);
- every address in `url()`, `src()` or `image-set()` that is not a file inside the
  theme folders: a scheme (`http:`, `https:`, `file:`, …), `//host`, an absolute
  path, `..`, a backslash, also percent-encoded; and an address that cannot be read
  (a broken `url(` token, `url(var(--x))`);
- `</style`, which would end the style element the CSS is placed in.

`data:` addresses (they read nothing) and `#fragment`s are allowed. For the PDF a
theme file is read by the confined fetcher (`pdf.py`); the HTML must stay one
self-contained file, so there every theme file a stylesheet names (a font, an image)
is embedded as a `data:` address.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote

import tinycss2
from tinycss2 import ast

from ..theme_files import ThemeError, check_file, find, image_kind, read_bytes, split_name

_URL_FUNCTIONS = {"url", "src"}
_IMAGE_SETS = {"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"}
_SCRIPTS = {"expression", "javascript"}  # old Internet Explorer ran these
_END_OF_STYLE = re.compile(r"</style", re.IGNORECASE)
_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


def stylesheet(source: str, filename: str, folders: Sequence[Path], medium: str) -> str:
    """The stylesheet as it goes into the report: checked (ThemeError otherwise); for
    the HTML with every theme file it names embedded."""
    rules = tinycss2.parse_stylesheet(source, skip_comments=False, skip_whitespace=False)
    addresses = [a for a in _checked(_check(rules, source, filename, folders), filename) if a[3] is not None]
    if medium == "pdf" or not addresses:
        return source
    for node, parent, index, value in addresses:
        found = find(value, folders)
        assert found is not None  # _check made sure
        data = read_bytes(*found)
        kind = image_kind(data) or _FONT_TYPES.get(found[1].suffix.lower()) or mimetypes.guess_type(found[1].name)[0]
        url = f"data:{kind or 'application/octet-stream'};base64,{base64.b64encode(data).decode('ascii')}"
        parent[index] = ast.URLToken(node.source_line, node.source_column, url, f"url({url})")
    return tinycss2.serialize(rules)


def check_stylesheet(source: str, filename: str, folders: Sequence[Path]) -> None:
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    _checked(_check(rules, source, filename, folders), filename)


def check_declarations(css: str, filename: str, folders: Sequence[Path]) -> None:
    """The same check for the declarations of a `style` attribute."""
    _checked(_addresses(tinycss2.parse_component_value_list(css), filename, folders), filename)


def _checked(addresses: Iterator[tuple], filename: str) -> list[tuple]:
    """Every address the walk finds; a stylesheet nested deeper than Python recurses
    is refused with a sentence."""
    try:
        return list(addresses)
    except RecursionError:
        raise ThemeError(filename, None, "theme_too_deep") from None


def _check(rules: list, source: str, filename: str, folders: Sequence[Path]) -> Iterator[tuple]:
    """Every theme file the stylesheet names, as (node, its list, its index, the
    address); raises ThemeError at the first address that is refused."""
    if match := _END_OF_STYLE.search(source):
        raise ThemeError(filename, source.count("\n", 0, match.start()) + 1, "theme_css_end_of_style")
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            raise ThemeError(filename, rule.source_line, "theme_css_import")
        if rule.type == "at-rule" and rule.lower_at_keyword == "namespace":
            continue  # a name, never loaded
        if rule.type == "error":
            yield from _refuse_error(rule, filename)
        for part in ("prelude", "content"):
            values = getattr(rule, part, None)
            if isinstance(values, list):
                yield from _addresses(values, filename, folders)


def _addresses(values: list, filename: str, folders: Sequence[Path]) -> Iterator[tuple]:
    for index, node in enumerate(values):
        if node.type == "url":
            yield _address(node, values, index, node.value, filename, folders)
        elif node.type == "function" and node.lower_name in _URL_FUNCTIONS:
            strings = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
            if len(strings) != 1 or strings[0].type != "string":
                raise ThemeError(filename, node.source_line, "theme_css_url", url=tinycss2.serialize([node])[:80])
            yield _address(node, values, index, strings[0].value, filename, folders)
        elif node.type == "function" and node.lower_name in _IMAGE_SETS:
            for n, argument in enumerate(node.arguments):
                if argument.type == "string":
                    yield _address(argument, node.arguments, n, argument.value, filename, folders)
            yield from _addresses(node.arguments, filename, folders)
        elif node.type == "function" and node.lower_name in _SCRIPTS:
            raise ThemeError(filename, node.source_line, "theme_css_url", url=f"{node.lower_name}(…)")
        elif node.type == "error":
            yield from _refuse_error(node, filename)
        else:
            for nested in ("arguments", "content"):
                children = getattr(node, nested, None)
                if isinstance(children, list):
                    yield from _addresses(children, filename, folders)


def _refuse_error(node, filename: str) -> Iterator[tuple]:
    """A broken url( token: a browser may read it otherwise than we do."""
    if node.kind in ("bad-url", "eof-in-url"):
        raise ThemeError(filename, node.source_line, "theme_css_url", url="url(…")
    yield from ()


def _address(node, parent: list, index: int, value: str, filename: str, folders: Sequence[Path]) -> tuple:
    """(node, parent, index, relative path) of a theme file (path None for a `data:`
    address or a fragment, which read nothing); a refused address raises ThemeError
    at its line."""
    value = value.strip()
    if value.startswith("#") or value.lower().startswith("data:"):
        return (node, parent, index, None)
    decoded = unquote(value).split("?")[0].split("#")[0]
    first = decoded.split("/")[0]
    try:
        found = None if ":" in first or split_name(decoded) is None else find(decoded, folders)
    except ThemeError:  # there, but a symlink to elsewhere
        found = None
    else:
        if found is None and ":" not in first and split_name(decoded) is not None and folders:
            raise ThemeError(filename, node.source_line, "theme_css_missing", url=value[:120])
    if found is None:
        raise ThemeError(filename, node.source_line, "theme_css_url", url=value[:120])
    if folders and not found[1].is_relative_to(folders[-1].resolve()):  # the last folder: the built-in theme
        check_file(*found)
    return (node, parent, index, decoded)
