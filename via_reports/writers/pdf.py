"""The document model → a tagged PDF (HTML from the theme's templates + WeasyPrint).

Rendering is confined: WeasyPrint may read files from the theme folders only (CSS,
fonts, a logo) and nothing else, not the network, not a file a cell names; any other
request aborts the build. The PDF is tagged (PDF/UA-1) and every warning WeasyPrint
logs, accessibility ones included, fails the build instead of passing unnoticed.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import mimetypes
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, ViaReportsError, warning
from ..messages import text
from ..model import plain_text
from ..pdf_variants import PDF_VARIANTS
from ..theme_files import ThemeError, check_file, find, theme_fonts, written_by
from .common import Rendering
from .pdf_leaders import one_run_leaders
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


class _Pages(logging.Handler):
    """WeasyPrint's progress (one message per page laid out) → the build's progress."""

    def __init__(self, progress, done: int = 0) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.done = done  # pages of the chunks before this one

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Step 5") and record.args:
            self.progress("PDF opmaken: pagina", self.done + int(record.args[0]))


@contextmanager
def _progress(progress, done: int = 0) -> Iterator[None]:
    if progress is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler, level = _Pages(progress, done), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@dataclass(frozen=True)
class ChunkResult:
    """What rendering one chunk gave: the problems that fail the build, the
    characters no font had, its page count."""

    problems: tuple[str | ViaReportsError, ...] = ()
    missing: tuple[str, ...] = ()
    pages: int = 0
    cached: bool = False
    anchors: tuple[tuple[str, int], ...] = ()  # named destination → its page in the chunk (from 0)


def render_chunk(
    html: str, folders: Sequence[Path], variant: str, target: Path, cache_key: str | None, id_prefix: str = ""
) -> ChunkResult:
    """One chunk → a finished tagged PDF at `target` (in a worker process, or in the
    build's own). From the cache when `cache_key` is there."""
    from . import pdf_cache

    found = _cached_pdf(cache_key, target) if cache_key is not None else None
    if found is not None:
        return found
    _page_references_once()
    chosen = PDF_VARIANTS[variant]

    def write(document, styles) -> None:
        document.write_pdf(
            str(target),
            pdf_variant=chosen.rendered,
            pdf_tags=True,
            custom_metadata=False,
            uncompressed_pdf=True,  # pydyf's compression costs a tenth of the time; pikepdf compresses in finish
            pdf_identifier=False,  # pydyf would serialise every object twice for it; finish's save writes the /ID
            **styles,  # the theme's stylesheets, parsed once per process (pdf_styles.py)
        )

    _, warnings, problems = _in_weasyprint(html, folders, write, tagged=True)
    if problems:
        target.unlink(missing_ok=True)
        return ChunkResult(problems=problems)
    from .pdf_finish import finish

    finish(target, id_prefix=id_prefix)
    if cache_key is not None and not warnings.missing:
        pdf_cache.store(cache_key, target)
    pages, anchors = _pages_and_anchors(target)
    return ChunkResult(missing=tuple(warnings.missing), pages=pages, anchors=anchors)


def count_chunk(html: str, folders: Sequence[Path], cache_key: str | None) -> ChunkResult:
    """The first render of a chunk whose page numbers are placeholders (a level's
    index, pdf_parts.py): its layout only, for its page count and the page of each
    of its anchors (no drawing, no PDF: it is rendered again with its numbers). From
    the cache when `cache_key` is there."""
    from . import pdf_cache

    found = _cached_count(cache_key) if cache_key is not None else None
    if found is not None:
        return found
    pages, _, problems = _in_weasyprint(html, folders, lambda document, styles: document.render(**styles).pages)
    if problems:
        return ChunkResult(problems=problems)
    first: dict[str, int] = {}  # an element that runs over pages is anchored on each: its first counts
    for n, page in enumerate(pages):
        for name in page.anchors:
            first.setdefault(name, n)
    anchors = tuple(first.items())
    if cache_key is not None:
        pdf_cache.store_counted(cache_key, {"pages": len(pages), "anchors": anchors})
    return ChunkResult(pages=len(pages), anchors=anchors)


def _cached_pdf(cache_key: str, target: Path) -> ChunkResult | None:
    """A chunk's PDF from the cache, written to `target`, or None."""
    from . import pdf_cache

    if not pdf_cache.load(cache_key, target):
        return None
    pages, anchors = _pages_and_anchors(target)
    return ChunkResult(pages=pages, anchors=anchors, cached=True)


def _cached_count(cache_key: str) -> ChunkResult | None:
    """A chunk's page count (count_chunk) from the cache, or None."""
    from . import pdf_cache

    counted = pdf_cache.load_counted(cache_key)
    if counted is None:
        return None
    return ChunkResult(pages=counted["pages"], anchors=tuple(map(tuple, counted["anchors"])), cached=True)


def _in_weasyprint(html: str, folders: Sequence[Path], work, *, tagged: bool = False):
    """`work(document, styles)` on the chunk's WeasyPrint document (its stylesheets
    from pdf_styles.py), confined to the theme folders, with WeasyPrint's warnings
    collected: (what `work` gave, the collector, the problems that fail the build)."""
    from weasyprint.urls import FatalURLFetchingError

    from ..workers import settle
    from .pdf_styles import prepared

    settle()  # a worker that loaded WeasyPrint just now
    one_run_leaders()
    with _weasyprint_warnings() as warnings, _no_collections(), identified_elements() if tagged else nullcontext():
        fetcher = _confined_fetcher(folders)
        try:
            document, styles = prepared(html, folders, THEME_URL, fetcher, warnings.messages)
            done = work(document, styles)
        except FatalURLFetchingError as exc:  # derives from BaseException
            return None, warnings, tuple(fetcher.refused) or (str(exc),)
    return done, warnings, tuple(warnings.messages)


def _pages_and_anchors(path: Path) -> tuple[int, tuple[tuple[str, int], ...]]:
    """A chunk's page count, and the page (from 0) of each of its named destinations."""
    import pikepdf
    from pikepdf import Array, Dictionary

    with pikepdf.open(path) as pdf:
        number = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        names = pdf.Root.get("/Names")
        tree = names.get("/Dests") if isinstance(names, Dictionary) else None
        flat = tree.get("/Names") if isinstance(tree, Dictionary) else None
        anchors = []
        for i in range(0, len(flat) if isinstance(flat, Array) else 0, 2):
            target = flat[i + 1]
            if isinstance(target, Array) and len(target) and target[0].objgen in number:
                anchors.append((str(flat[i]), number[target[0].objgen]))
        return len(pdf.pages), tuple(anchors)


@contextmanager
def _no_collections() -> Iterator[None]:
    """No cyclic garbage collection while a chunk renders: layout makes millions of
    long-lived objects that it would walk again and again. A chunk is small enough
    for its cycles to wait until it is done; then they are collected at once, so a
    worker holds one chunk at a time, and what they held goes back to the system
    (also what the worker's previous job freed: the Word file, the chunk before)."""
    from ..workers import release_memory

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()  # the chunk's cycles go now, not while the next chunk renders
        release_memory()


@dataclass(frozen=True)
class PdfInput:
    """What the PDF is made from, before anything is rendered: the report's chunks
    (of its HTML, every character its fonts lack replaced), those characters, and the
    page stamps (with the stylesheet: the whole HTML is not kept while chunks render)."""

    stamps: object  # pdf_stamp.Stamps
    replaced: tuple[str, ...]
    chunks: tuple
    theme: str  # the digest of the theme files the chunks' cache keys hold (pdf_cache.theme_digest), or ""
    prefixes: dict[int, str]  # what goes before the structure IDs of each chunk (_prefixes)


def pdf_input(r: Rendering) -> PdfInput:
    """The report's HTML for the PDF, split into chunks (pdf_chunks.py); no WeasyPrint
    yet, so the build makes it while a worker loads WeasyPrint (build.py)."""
    from . import pdf_cache
    from .pdf_chunks import split

    folders = theme_dirs(r.theme.folders)
    html, replaced = without_missing_glyphs(render_report(r, medium="pdf"), font_coverage(folders))
    chunks = tuple(split(r, _without_dates(html)))
    theme = pdf_cache.theme_digest(html, folders) if r.cache and pdf_cache.enabled() else ""
    return PdfInput(_stamps(r, html), tuple(replaced), chunks, theme, _prefixes(chunks))


def write_pdf(r: Rendering, path: Path, progress=None, pool=None, made: PdfInput | None = None) -> list[Diagnostic]:
    """Write the PDF (from `made`, else from a `pdf_input` made now); returns its
    warnings. The report's chunks are rendered in `pool`'s processes when there is
    a pool, else here, one after the other, with the index's page numbers
    (pdf_parts.py), and merged (pdf_merge.py), stamped with page numbers
    (pdf_stamp.py) and finished as one document (pdf_finish.py): with a pool, by a
    thread of this process, each chunk as soon as it and those before it are done
    (pdf_parts.MergeBeside), else once all are; the pool is shut down as soon as it
    has done all its work (the other formats' included). `progress(stage, count)`
    hears of the pages made."""
    from ..outputs import part_of
    from . import pdf_cache
    from .pdf_chunks import Chunk
    from .pdf_parts import Feed, MergeBeside, render_parts

    folders = theme_dirs(r.theme.folders)
    made = made or pdf_input(r)
    stamps, replaced, chunks = made.stamps, made.replaced, list(made.chunks)  # render_parts updates its list
    cache, theme, prefixes = r.cache and pdf_cache.enabled(), made.theme, made.prefixes
    pdf_tmp = {c.index: part_of(path, c.index) for c in chunks}

    def submit(chunk: Chunk, done: int) -> Future:
        target = pdf_tmp[chunk.index]
        if chunk.counting:  # its pages are counted, then it is rendered with its numbers
            key = pdf_cache.key(chunk.html, theme, "pages") if cache else None
            work, job, cached = count_chunk, (chunk.html, folders, key), lambda: _cached_count(key)
        else:
            key = pdf_cache.key(chunk.html, theme, f"{r.pdf_variant} {prefixes[chunk.index]}") if cache else None
            work, job = render_chunk, (chunk.html, folders, r.pdf_variant, target, key, prefixes[chunk.index])
            cached = lambda: _cached_pdf(key, target)  # noqa: E731
        future: Future = Future()
        if pool is not None:  # a worker, which has WeasyPrint loaded (build.py): also a document of one chunk
            found = cached() if key is not None else None  # taken here: no worker waits for it
            if found is None:
                return pool.submit(work, *job)
            future.set_result(found)
            return future
        with _progress(progress, done):
            future.set_result(work(*job))
        return future

    continues, parts = [c.continues for c in chunks], [pdf_tmp[c.index] for c in chunks]

    def merge(feed) -> None:
        _merge(r, feed, continues, stamps, path)

    slots = pool._max_workers + 1 if pool is not None else 1  # one waiting, so no worker idles
    beside = MergeBeside(merge, Feed(parts)) if pool is not None else None  # merging while workers render
    try:
        settled = beside.feed.settled if beside is not None else None
        results = render_parts(chunks, submit, slots, progress if pool is not None else None, settled)
        problems = [p for result in results for p in result.problems]
        if problems:
            raise RenderError(list(dict.fromkeys(problems)))
        if pool is not None:  # its work is done (the Word file's too): idle workers would keep their memory
            pool.shutdown(wait=True)
        if progress is not None:
            progress("PDF-bestand schrijven")
        if beside is None or not beside.finish():
            merge(parts)
    finally:
        if beside is not None:  # stopped, if it is still waiting for parts (a part failed): it lets go of its file
            beside.stop()
        if pool is not None:  # after a failed part the others may still be writing theirs: wait, then clear
            pool.shutdown(wait=True, cancel_futures=True)
        for part in pdf_tmp.values():
            part.unlink(missing_ok=True)
    if cache:
        pdf_cache.evict()
    missing = [ch for result in results for ch in result.missing]
    return _missing_glyphs(r, dict.fromkeys([*replaced, *missing]))


def _prefixes(chunks) -> dict[int, str]:
    """What goes before the structure IDs of each chunk (pdf_finish.finish): none for
    the first, else one made from the chunk's HTML, not from its place, so a chunk that
    moves (an edit before it made one chunk two) is found in the cache as it was."""
    out: dict[int, str] = {}
    for chunk in chunks[1:]:
        prefix = "c" + hashlib.sha256(chunk.html.encode("utf-8", "surrogatepass")).hexdigest()[:10] + "-"
        if prefix in out.values():  # two chunks of the same HTML: never in a report, but IDs must stay apart
            prefix = f"c{chunk.index}-"
        out[chunk.index] = prefix
    return {chunks[0].index: ""} | out


_DATES = re.compile(r'<meta name="dcterms\.(?:created|modified)" content="[^"]*">\n?')


def _without_dates(html: str) -> str:
    """The chunks carry no build time (so an unchanged chunk is found in the cache);
    the merge writes the document's dates once."""
    return _DATES.sub("", html)


def _merge(r: Rendering, parts: Iterable[Path], continues: Sequence[int], stamps, path: Path) -> None:
    from .pdf_merge import merge
    from .pdf_xmp import declare

    variant = PDF_VARIANTS[r.pdf_variant]

    def document_objects(pdf) -> None:  # the whole-document pass, on the catalogue the merged file keeps
        _set_dates(pdf, r.build.timestamp(r.document))
        declare(pdf, variant.ua, variant.pdfa)

    merge(parts, continues, stamps, document_objects, path)


def _stamps(r: Rendering, html: str):
    from . import pdf_cache
    from .common import CHANGES_ANCHOR, FRAMEWORKS_ANCHOR
    from .pdf_stamp import Stamps, stamp_fonts
    from .pdf_styles import style_text

    folders = theme_dirs(r.theme.folders)
    css = style_text(html) or html  # the stylesheet, not the whole document
    fonts = stamp_fonts(css, lambda url: theme_file(url, folders))
    builtin = folders[-1] / "fonts"  # Liberation Sans, when the stylesheet names no TrueType file
    sections = [("begin", None), (CHANGES_ANCHOR, None)]
    sections += [(s.level.slug, s.level.slug) for s in r.document.levels] + [(FRAMEWORKS_ANCHOR, FRAMEWORKS_ANCHOR)]
    return Stamps(
        title=r.heading,
        tabs=tuple((tab.label, tab.anchor) for tab in r.tabs),
        sections=tuple(sections),
        label=r.page_label,
        primary=r.theme.primary,
        accent=r.theme.accent,
        muted=r.theme.muted,
        css=css,
        regular=fonts.get("regular", builtin / "LiberationSans-Regular.ttf"),
        bold=fonts.get("bold", builtin / "LiberationSans-Bold.ttf"),
        cache=r.cache and pdf_cache.enabled(),
    )


def _set_dates(pdf, when) -> None:
    from pikepdf import String

    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00")
    pdf.docinfo["/CreationDate"] = String(stamp)
    pdf.docinfo["/ModDate"] = String(stamp)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["xmp:CreateDate"] = when.isoformat()
        meta["xmp:ModifyDate"] = when.isoformat()
