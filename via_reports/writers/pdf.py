"""The document model → a tagged PDF (HTML from the theme's templates + WeasyPrint).

Rendering is confined: WeasyPrint may read files from the theme folders only (CSS,
fonts, a logo) and nothing else, not the network, not a file a cell names; any other
request aborts the build. The PDF is tagged (PDF/UA-1) and every warning WeasyPrint
logs, accessibility ones included, fails the build instead of passing unnoticed.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import ViaReportsError
from ..messages import text
from .common import Rendering
from .render import render_report, theme_dirs

PDF_VARIANT = "pdf/ua-1"


class RenderError(ViaReportsError):
    """The PDF could not be made as it must be (a refused resource, a warning)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))

    def message(self, lang: str = "nl") -> str:
        return text("render_failed", lang, problems="; ".join(self.problems))


# The base address of the rendered HTML: a relative `fonts/x.ttf` or `logo.png` is
# looked up in the theme folders, in order (a user's folder first).
THEME_URL = "file:///via-reports-theme/"


def theme_file(relative: str, folders: Sequence[Path]) -> Path | None:
    """The first file `relative` in the theme folders, never outside them."""
    parts = [p for p in relative.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or "\\" in p for p in parts):
        return None
    for folder in folders:
        root = folder.resolve()
        path = root.joinpath(*parts).resolve()
        if path.is_file() and path.is_relative_to(root):
            return path
    return None


def _confined_fetcher(folders: Sequence[Path]):
    """A WeasyPrint URL fetcher that serves theme files only: anything else (another
    file, the network, a data: address) stops the rendering."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            path = None
            if url.startswith(THEME_URL):
                path = theme_file(unquote(urlsplit(url[len(THEME_URL) :]).path), folders)
            if path is None:
                raise FatalURLFetchingError(f"buiten de themamap, geweigerd: {url[:200]}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return ConfinedFetcher(fail_on_errors=True)


# Notices about the machine, not the document: they do not fail a build.
_HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_HARMLESS):
            self.messages.append(message)


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


def write_pdf(r: Rendering, path: Path) -> Path:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_report(r, medium="pdf")
    with _weasyprint_warnings() as warnings:
        try:
            HTML(string=html, base_url=THEME_URL, url_fetcher=_confined_fetcher(theme_dirs(r.theme.folders))).write_pdf(
                str(path), pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=False
            )
        except FatalURLFetchingError as exc:  # derives from BaseException
            path.unlink(missing_ok=True)
            raise RenderError([str(exc)]) from None
    if warnings.messages:
        path.unlink(missing_ok=True)
        raise RenderError(warnings.messages)
    return path
