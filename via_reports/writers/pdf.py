"""The document model → a tagged PDF (HTML from the theme's templates + WeasyPrint).

Rendering is confined: WeasyPrint may read files from the theme folders only (CSS,
fonts, a logo) and nothing else, not the network, not a file a cell names; any other
request aborts the build. The PDF is tagged (PDF/UA-1) and every warning WeasyPrint
logs, accessibility ones included, fails the build instead of passing unnoticed.
"""

from __future__ import annotations

import base64
import gc
import logging
import mimetypes
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, ViaReportsError, warning
from ..messages import text
from ..model import plain_text
from ..pdf_variants import PDF_VARIANTS
from ..theme_files import ThemeError, check_file, find, theme_fonts, written_by
from .common import Rendering
from .pdf_tagging import identified_elements
from .render import render_report, theme_dirs


class RenderError(ViaReportsError):
    """The PDF could not be made as it must be (a refused resource, a warning)."""

    def __init__(self, problems: Sequence[str | ViaReportsError]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def message(self, lang: str = "nl") -> str:
        told = [p.message(lang) if isinstance(p, ViaReportsError) else p for p in self.problems]
        return text("render_failed", lang, problems="; ".join(told))


# The base address of the rendered HTML: a relative `fonts/x.ttf` or `logo.png` is
# looked up in the theme folders, in order (a user's folder first).
THEME_URL = "file:///via-reports-theme/"


def theme_file(relative: str, folders: Sequence[Path]) -> Path | None:
    """The first file `relative` in the theme folders, never outside them."""
    try:
        found = find(relative, folders)
    except ThemeError:  # there, but a symlink to elsewhere
        return None
    return found[1] if found else None


def _confined_fetcher(folders: Sequence[Path]):
    """A WeasyPrint URL fetcher that serves theme files (and data: addresses, which
    read nothing) only: anything else (another file, the network) stops the rendering."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            if url.startswith("data:"):  # made by via-reports itself (QR codes): no file, no network
                return _data_url(url)
            path = None
            if url.startswith(THEME_URL):
                path = theme_file(unquote(urlsplit(url[len(THEME_URL) :]).path), folders)
            try:
                if path is None:
                    named = url[len(THEME_URL) :] if url.startswith(THEME_URL) else url
                    where, line = written_by(named, folders[:-1])  # the last folder: the built-in theme
                    raise ThemeError(where, line, "theme_pdf_loads", url=url[:200])
                data = check_file(path, path, fonts=False)  # fonts were checked with the theme
            except ThemeError as exc:
                self.refused.append(exc)  # told in the user's language by RenderError
                raise FatalURLFetchingError(exc.message()) from None
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    fetcher = ConfinedFetcher(fail_on_errors=True)
    fetcher.refused = []
    return fetcher


# Notices about the machine, not the document: they do not fail a build.
_HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)


# A character no font has: the text is right (and extractable), the glyph a box.
# Reported as a warning at the rows that hold it, not a failure of the build.
_MISSING_GLYPH = re.compile(r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.+)"')


def _data_url(url: str):
    from weasyprint.urls import URLFetcherResponse

    header, _, payload = url[len("data:") :].partition(",")
    kind = header.split(";")[0] or "text/plain"
    data = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
    return URLFetcherResponse(url, data, {"Content-Type": kind})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.missing: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if match := _MISSING_GLYPH.match(message):
            self.missing.update(dict.fromkeys(match.group(1)))
        elif not message.startswith(_HARMLESS):
            self.messages.append(message)


def font_coverage(folders: Sequence[Path]) -> frozenset[int]:
    """Every code point the theme's fonts (fonts/*.ttf, *.otf, …) can show; each was
    checked to be a font when its theme was loaded."""
    files = [str(p) for folder in folders for p in theme_fonts(folder, check=False)]
    return _coverage(tuple(files))


@lru_cache(maxsize=8)
def _coverage(files: tuple[str, ...]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for file in files:
        with TTFont(file, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


def without_missing_glyphs(html: str, coverage: frozenset[int]) -> tuple[str, list[str]]:
    """The HTML with every visible character no font has replaced by U+FFFD (which
    they have). A missing glyph would otherwise be drawn as an empty box and break
    text extraction (and so screen readers) for its whole page."""
    missing = sorted(
        ch for ch in set(html) if ord(ch) > 127 and ord(ch) not in coverage and unicodedata.category(ch)[0] not in "ZC"
    )
    if not missing:
        return html, []
    return html.translate({ord(ch): "\ufffd" for ch in missing}), missing


def _missing_glyphs(r: Rendering, characters: Iterable[str]) -> list[Diagnostic]:
    """A warning per character the PDF's fonts lack, at the rows that use it."""
    out = []
    for ch in characters:
        rows = [str(p.origin) for p in r.document.policies if p.origin and ch in _policy_text(p)]
        out.append(warning("pdf_missing_glyph", ", ".join(rows) or None, char=ch, codepoint=f"U+{ord(ch):04X}"))
    return out


def _policy_text(policy) -> str:
    return " ".join(
        [policy.title, policy.index_label, plain_text(policy.explanation), *(s.label for s in policy.sources)]
    )


@contextmanager
def _weasyprint_warnings() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False  # collected here and reported once, not printed twice
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def _page_references_once() -> None:
    """pydyf rebuilds the list of page references every time one is asked for, and
    WeasyPrint asks once per tagged element: quadratic in pages. Cache it while the
    page list does not grow."""
    import pydyf

    if getattr(pydyf.PDF, "_via_reports_cached", False):
        return
    build = pydyf.PDF.page_references.fget

    def page_references(pdf):
        kids = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_via_reports_page_references")
        if cached is None or cached[0] != kids:
            cached = (kids, build(pdf))
            pdf.__dict__["_via_reports_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._via_reports_cached = True


@contextmanager
def _few_collections() -> Iterator[None]:
    """Layout makes millions of long-lived objects; the cyclic garbage collector would
    walk them all again and again. Collect rarely during rendering (what is left is
    freed by reference counting, cycles by the next ordinary collection)."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(200_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class _Pages(logging.Handler):
    """WeasyPrint's progress (one message per page laid out) → the build's progress."""

    def __init__(self, progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Step 5") and record.args:
            self.progress("PDF opmaken: pagina", record.args[0])
        elif record.msg.startswith("Step 6"):
            self.progress("PDF-bestand schrijven")


@contextmanager
def _progress(progress) -> Iterator[None]:
    if progress is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler, level = _Pages(progress), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def write_pdf(r: Rendering, path: Path, progress=None) -> list[Diagnostic]:
    """Write the PDF; returns its warnings. `progress(stage, count)` hears of each page."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    _page_references_once()
    folders = theme_dirs(r.theme.folders)
    variant = PDF_VARIANTS[r.pdf_variant]
    html, replaced = without_missing_glyphs(render_report(r, medium="pdf"), font_coverage(folders))
    with _weasyprint_warnings() as warnings, _few_collections(), _progress(progress), identified_elements():
        try:
            fetcher = _confined_fetcher(folders)
            HTML(string=html, base_url=THEME_URL, url_fetcher=fetcher).write_pdf(
                str(path), pdf_variant=variant.rendered, pdf_tags=True, custom_metadata=False
            )
        except FatalURLFetchingError as exc:  # derives from BaseException
            path.unlink(missing_ok=True)
            raise RenderError(fetcher.refused or [str(exc)]) from None
    if warnings.messages:
        path.unlink(missing_ok=True)
        raise RenderError(warnings.messages)
    from .pdf_finish import finish

    finish(path, ua=variant.ua, pdfa=variant.pdfa)
    return _missing_glyphs(r, dict.fromkeys([*replaced, *warnings.missing]))
