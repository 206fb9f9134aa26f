"""The theme's stylesheets parsed once per process, not once per PDF chunk.

Every chunk of a report (pdf_chunks.py) carries the same <style> elements: the theme's
print.css and what pdf_chunks adds. WeasyPrint would parse them again for each chunk
and load the fonts their @font-face rules name into a new font configuration, whose
font caches start empty. Here they are parsed once per process (and thread) for their
exact text and the theme folders, and a chunk is rendered without its <style>
elements, the parsed sheets handed to WeasyPrint in the same order.

WeasyPrint takes sheets handed to it as the user's, not the author's: that changes
nothing for a document whose only other styles are via-reports' own `style`
attributes, which win over a stylesheet's normal declarations and lose to its
`!important` ones from either origin. A document that has any other styling (a
`<link>`, a `<style>` with attributes, an `!important` in a `style` attribute, SVG, an
HTML comment that could hide a `<style>`) is rendered as it is, parsed by WeasyPrint.

Nothing leaks from one theme into another: the key is the whole text of the styles,
the theme folders, and the identity (inode, size, time) of every theme file the styles
name, so a font file saved again under the same name is read again. What WeasyPrint
warned while parsing is kept with the sheets and told again for every chunk that
uses them.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL | re.IGNORECASE)  # the sheets parsed once: no attributes
_ANY_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_OTHER_STYLING = re.compile(r"<link\b|<style\s|<svg\b|<!--|style=(?:\"[^\"]*|'[^']*)!\s*important", re.IGNORECASE)
_KEPT = 2  # parsed themes kept per process and thread (a build uses one)


@dataclass(frozen=True)
class Parsed:
    """The sheets of one theme, with the font configuration and counter styles they
    were parsed into, and what WeasyPrint warned meanwhile."""

    sheets: tuple
    fonts: object  # weasyprint.text.fonts.FontConfiguration
    counters: object  # weasyprint.css.counters.CounterStyle, with the user agent's styles
    warnings: tuple[str, ...]


_cache: OrderedDict[tuple, Parsed] = OrderedDict()
_lock = threading.Lock()  # the cache's order and size; each thread renders with its own entries
_owner = os.getpid()


def style_text(html: str) -> str:
    """The text of every <style> element of `html`, in order: the stylesheet the PDF
    is laid out with (the page stamps read its margins and fonts from it)."""
    return "\n".join(_ANY_STYLE.findall(html))


def prepared(html: str, folders: Sequence[Path], base_url: str, fetcher, messages: list[str]):
    """WeasyPrint's document for `html` and what its `write_pdf` needs besides: the
    sheets parsed once (see the module docstring) or, for a document with other
    styling, nothing. What WeasyPrint warned while parsing them goes into `messages`
    (the render's log collector), now or when they were parsed."""
    from weasyprint import HTML

    if not hasattr(HTML, "_ua_counter_style"):  # another WeasyPrint: it parses them itself
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher), {}
    split = None if _OTHER_STYLING.search(html) else _STYLE.findall(html)
    if not split or len(split) != html.lower().count("<style") or any("</style" in s.lower() for s in split):
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher), {}
    found, fresh = _parsed(tuple(split), folders, base_url, fetcher, messages)
    if not fresh:
        messages.extend(found.warnings)
    document = _styled()(string=_STYLE.sub("", html), base_url=base_url, url_fetcher=fetcher)
    return document, {"stylesheets": list(found.sheets), "font_config": found.fonts, "counter_style": found.counters}


@lru_cache(maxsize=1)
def _styled():
    from weasyprint import HTML

    class Styled(HTML):
        """A document whose counter styles come with its parsed sheets, the user
        agent's first (WeasyPrint would copy them in again over a theme's own)."""

        def _ua_counter_style(self):
            return []

    return Styled


def _parsed(styles: tuple[str, ...], folders: Sequence[Path], base_url: str, fetcher, messages: list[str]):
    """(the parsed `styles`, whether parsed now): from this process's cache, or
    parsed now with their fonts fetched by `fetcher`."""
    from .pdf import theme_file
    from .pdf_cache import references

    _forget_inherited()
    files = []  # a font file changed under the same name (serve, --watch) is read again
    for reference in references("".join(styles)):
        path = theme_file(reference, folders)
        state = path.stat() if path else None
        files.append((reference, (state.st_ino, state.st_size, state.st_mtime_ns) if state else None))
    key = (styles, tuple(str(f) for f in folders), base_url, tuple(files), threading.get_ident())
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found, False
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    fonts, counters, start = FontConfiguration(), CounterStyle(), len(messages)
    for ua_styles in HTML._ua_counter_style(None):  # first, as WeasyPrint does: a theme may redefine them
        counters.update(ua_styles)
    page_rules: list = []
    layers: list = []  # shared by the sheets, as WeasyPrint shares them between a document's <style>s
    sheets = tuple(
        CSS(
            string=text,
            base_url=base_url,
            url_fetcher=fetcher,
            font_config=fonts,
            counter_style=counters,
            page_rules=page_rules,
            layers=layers,
        )
        for text in styles
    )
    found = Parsed(sheets, fonts, counters, tuple(messages[start:]))
    with _lock:
        _cache[key] = found
        while len(_cache) > _KEPT:
            _remove(_cache.popitem(last=False)[1])
    return found, True


def _remove(entry: Parsed) -> None:
    """The temporary copies of the fonts of `entry` go now, not when (or if) its font
    configuration is collected."""
    folder = getattr(entry.fonts, "_folder", None)
    if folder:
        entry.fonts._folder = None
        shutil.rmtree(folder, ignore_errors=True)


def _forget_inherited() -> None:
    """A forked process starts with its parent's cache: it forgets it, leaving the
    parent's temporary font files to the parent, and clears its own when it ends."""
    global _owner, _lock
    if _owner == os.getpid() and _registered:
        return
    if _owner != os.getpid():
        _lock = threading.Lock()  # the parent's may have been held by another of its threads
        for entry in _cache.values():
            if getattr(entry.fonts, "_folder", None):
                entry.fonts._folder = None  # the parent's: FontConfiguration.__del__ would remove it
        _cache.clear()
        _owner = os.getpid()
    _register_cleanup()


_registered = False


def _register_cleanup() -> None:
    """Clear the cache (and so the temporary font files) when the process ends; run
    by multiprocessing at the end of a worker too, which skips atexit."""
    global _registered
    from multiprocessing import util

    util.Finalize(None, clear, exitpriority=1)
    _registered = True


def clear() -> None:
    """Forget every parsed theme, and remove their temporary font files."""
    with _lock:
        while _cache:
            _remove(_cache.popitem()[1])
