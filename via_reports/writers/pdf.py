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
from ..model import Document
from ..theme import Theme
from .common import BuildInfo
from .render import render_report, theme_dirs

PDF_VARIANT = "pdf/ua-1"


class RenderError(ViaReportsError):
    """The PDF could not be made as it must be (a refused resource, a warning)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))

    def message(self, lang: str = "nl") -> str:
        return text("render_failed", lang, problems="; ".join(self.problems))


def _confined_fetcher(allowed: Sequence[Path]):
    """A WeasyPrint URL fetcher that serves files inside `allowed` folders only."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    roots = [folder.resolve() for folder in allowed]

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in roots):
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})
            raise FatalURLFetchingError(f"buiten de themamap, geweigerd: {url[:200]}")

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


def write_pdf(document: Document, path: Path, build: BuildInfo, theme: Theme, dirs: Sequence[Path] = ()) -> Path:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    folders = theme_dirs(dirs)
    html = render_report(document, build, theme, medium="pdf", dirs=folders)
    with _weasyprint_warnings() as warnings:
        try:
            HTML(string=html, base_url=folders[-1].as_uri() + "/", url_fetcher=_confined_fetcher(folders)).write_pdf(
                str(path), pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=False
            )
        except FatalURLFetchingError as exc:  # derives from BaseException
            raise RenderError([str(exc)]) from None
    if warnings.messages:
        path.unlink(missing_ok=True)
        raise RenderError(warnings.messages)
    return path
