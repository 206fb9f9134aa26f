"""Page stamps, put on each chunk's pages while the chunks are merged (pdf_merge.py),
where print.css lays out its margin boxes (so WeasyPrint lays out none in the chunks):

- the running header: the document's title on the left, the tabs on the right (the
  current part's in bold on the accent colour, underlined), a rule in the main colour
  under it; each tab a link annotation to its part, tagged as a /Link by
  the merge (pdf_merge.py, as pdf_finish.tag_navigation tags links outside the tree);
- the footer: `pagina X van Y` (after the appendix label, in a bijlage), bottom right,
  a content stream of its own on each page, written once the page count is known.

Their drawing is a pagination artifact (/Artifact /Pagination /Header or /Footer),
as a running header and footer should be. The text is set in the theme's regular and
bold font files (Liberation Sans unless the theme replaces them), embedded as subsets
with widths and a ToUnicode map (PDF/A and text extraction need both), in the
theme's colours; the page margins are read from the @page rule of the stylesheet.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

FONT_FILE = "fonts/LiberationSans-Regular.ttf"
FONT_SIZE = 7.5  # pt, as print.css sets the footer
_UNITS = {"cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "pt": 1.0, "px": 0.75}


@dataclass(frozen=True)
class Margins:
    top: float
    right: float
    bottom: float
    left: float


def page_margins(css: str) -> Margins:
    """The margins (pt) of the first @page rule with a `margin`, else the default."""
    match = re.search(r"@page\s*\{[^}]*?(?<![-\w])margin\s*:\s*([^;}]+)", css)
    values = []
    for token in match.group(1).split() if match else []:
        number = re.fullmatch(r"([\d.]+)(cm|mm|in|pt|px)?", token)
        if number is None:
            break
        values.append(float(number.group(1)) * _UNITS[number.group(2) or "px"])
    if not 1 <= len(values) <= 4:
        values = [2.1 * _UNITS["cm"], 1.8 * _UNITS["cm"], 1.5 * _UNITS["cm"], 1.8 * _UNITS["cm"]]
    top, right, bottom, left = (values * 4)[:4] if len(values) == 1 else _expand(values)
    return Margins(top, right, bottom, left)


def _expand(values: list[float]) -> list[float]:
    if len(values) == 2:
        return [values[0], values[1], values[0], values[1]]
    if len(values) == 3:
        return [values[0], values[1], values[2], values[1]]
    return values


_LAYOUT_TABLES = ("FFTM", "GSUB", "GPOS", "GDEF", "kern")  # stamps use plain advance widths


@lru_cache(maxsize=8)
def _subset(path: Path, mtime_ns: int, size: int, text: str, cache: bool = False) -> bytes:
    """The TrueType font at `path` cut down to the glyphs of `text`, without hinting or
    layout tables (once per font file, text and version of the file in a process:
    `serve` and `--watch` build again and again; with `cache`, kept in the chunk cache
    for the next build's process, which then need not load the subsetter)."""
    if not cache:
        return _cut(path, text)
    from . import pdf_cache

    key = pdf_cache.font_key(path.read_bytes(), text)
    found = pdf_cache.load_font(key)
    if found is not None:
        return found
    cut = _cut(path, text)
    pdf_cache.store_font(key, cut)
    return cut


def _dated(font: bytes) -> bytes:
    """A subset made earlier (in the cache, or in this process), as the subsetter would
    save it now: fontTools writes the time of saving (SOURCE_DATE_EPOCH when set) into
    the head table, which is all that differs. Its tables rewritten as
    fontTools.ttLib.ttFont.reorderFontTables does at the end of every save (the same
    order and checksums), the head's time changed."""
    from fontTools.misc.timeTools import timestampNow
    from fontTools.ttLib.sfnt import SFNTReader, SFNTWriter
    from fontTools.ttLib.ttFont import sortedTagList

    reader = SFNTReader(io.BytesIO(font))
    out = io.BytesIO()
    writer = SFNTWriter(out, len(reader.tables), reader.sfntVersion, reader.flavor, reader.flavorData)
    for tag in sortedTagList(list(reader.keys())):
        data = reader[tag]
        if tag == "head":  # modified: a 64-bit count of seconds from 1904 at byte 28
            data = data[:28] + struct.pack(">Q", timestampNow()) + data[36:]
        writer[tag] = data
    writer.close()
    return out.getvalue()


def _cut(path: Path, text: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.layout_features = []
    options.drop_tables += list(_LAYOUT_TABLES)
    with TTFont(path, lazy=True) as font:
        for table in _LAYOUT_TABLES:  # dropped before the subsetter reads them: ten times faster
            if table in font:
                del font[table]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


class StampFont:
    """A subset of one TrueType font as a Type0 font (Identity-H, 2-byte glyph ids)."""

    def __init__(self, path: Path, text: str, cache: bool = False):
        from fontTools.ttLib import TTFont

        stat = path.stat()
        self.data = _dated(_subset(path, stat.st_mtime_ns, stat.st_size, text, cache))  # made now, as it were
        font = TTFont(io.BytesIO(self.data))
        self.scale = 1000 / font["head"].unitsPerEm
        cmap = font.getBestCmap() or {}
        self.gids = {chr(cp): font.getGlyphID(name) for cp, name in cmap.items()}
        metrics = font["hmtx"].metrics
        order = font.getGlyphOrder()
        self.widths = {gid: round(metrics[name][0] * self.scale) for gid, name in enumerate(order)}
        head, os2, post, hhea = font["head"], font["OS/2"], font["post"], font["hhea"]
        self.ascent = hhea.ascent * self.scale
        self.descent = hhea.descent * self.scale
        self.bbox = [round(v * self.scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.cap_height = getattr(os2, "sCapHeight", 0) * self.scale or 700
        self.italic = post.italicAngle
        self.name = font["name"].getDebugName(6) or "ViASans"

    def encode(self, text: str) -> bytes:
        return b"".join(self.gids.get(ch, 0).to_bytes(2, "big") for ch in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(self.gids.get(ch, 0), 0) for ch in text) * size / 1000

    def embed(self, pdf: pikepdf.Pdf, text: str) -> pikepdf.Object:
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(self.data).digest()[:6])
        base = Name(f"/{tag}+{re.sub(r'[^A-Za-z0-9-]', '', self.name)}")
        file = pdf.make_stream(self.data, Length1=len(self.data))
        descriptor = pdf.make_indirect(
            Dictionary(
                Type=Name.FontDescriptor,
                FontName=base,
                Flags=32,
                FontBBox=Array(self.bbox),
                ItalicAngle=self.italic,
                Ascent=round(self.ascent),
                Descent=round(self.descent),
                CapHeight=round(self.cap_height),
                StemV=80,
                FontFile2=file,
            )
        )
        used = sorted({self.gids.get(ch, 0) for ch in text} | {0})
        widths = Array()
        for gid in used:
            widths.extend([gid, Array([self.widths.get(gid, 0)])])
        cid = pdf.make_indirect(
            Dictionary(
                Type=Name.Font,
                Subtype=Name.CIDFontType2,
                BaseFont=base,
                CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                FontDescriptor=descriptor,
                W=widths,
                DW=0,
                CIDToGIDMap=Name.Identity,
            )
        )
        return pdf.make_indirect(
            Dictionary(
                Type=Name.Font,
                Subtype=Name.Type0,
                BaseFont=base,
                Encoding=Name("/Identity-H"),
                DescendantFonts=Array([cid]),
                ToUnicode=pdf.make_stream(self._to_unicode(text)),
            )
        )

    def _to_unicode(self, text: str) -> bytes:
        pairs = sorted({(self.gids[ch], ch) for ch in text if ch in self.gids})
        lines = [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        for start in range(0, len(pairs), 100):
            block = pairs[start : start + 100]
            lines.append(f"{len(block)} beginbfchar")
            lines += [f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for gid, ch in block]
            lines.append("endbfchar")
        lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
        return "\n".join(lines).encode("ascii")


_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_BODY_FONT = re.compile(r"(?<![-\w.#])html\s*\{[^}]*?font-family:\s*[\"']?([^\"',;}]+)")


def _property(block: str, name: str) -> str:
    match = re.search(rf"(?<![-\w]){name}\s*:\s*([^;]+)", block)
    return match.group(1).strip().strip("\"'") if match else ""


def stamp_fonts(css: str, resolve) -> dict[str, Path]:
    """The TrueType files of the stylesheet's text font (the first family of `html`),
    by "regular" and "bold", as its @font-face rules name them; `resolve(url)` finds a
    theme file. What is not found is left out (the caller falls back)."""
    family = _BODY_FONT.search(css)
    out: dict[str, Path] = {}
    for block in _FACE.findall(css):
        if family is None or _property(block, "font-family") != family.group(1).strip():
            continue
        if _property(block, "font-style") not in ("", "normal"):
            continue
        weight = "bold" if _property(block, "font-weight") in ("bold", "700") else "regular"
        url = re.search(r"url\(\s*[\"']?([^\"')\s]+)", block)
        path = resolve(url.group(1)) if url else None
        if path is not None and path.suffix.lower() == ".ttf":
            out.setdefault(weight, path)
    return out


def footer_text(label: str, page: int, total: int) -> str:
    return f"{label}pagina {page} van {total}"


@dataclass(frozen=True)
class Stamps:
    """What every page carries, and in which style (the theme's)."""

    title: str  # left in the header
    tabs: tuple[tuple[str, str], ...]  # (label, anchor) right in the header
    sections: tuple[tuple[str, str | None], ...]  # (anchor of a part, the tab it marks current)
    label: str  # before `pagina X van Y`
    primary: str
    accent: str
    muted: str
    css: str  # the stylesheet (for the page margins)
    regular: Path
    bold: Path
    cache: bool = False  # the fonts' subsets kept in the chunk cache (pdf_cache.py)


HEADER_SIZE = 8.0  # pt; print.css: nav.tabs
_TAB_PAD, _TAB_GAP, _HEADER_BELOW, _RULE = 4.0, 10.0, 4 * 72 / 25.4 + 2.0, 1.0


def _rgb(colour: str) -> str:
    return " ".join(f"{int(colour[i : i + 2], 16) / 255:.4f}" for i in (0, 2, 4))


class PageStamps:
    """The stamps of a document, page by page (its parts are stamped one at a time
    while they are merged, before the document's page count is known); the fonts are
    embedded once, in `pdf` (the first part), and the other parts refer to them
    (`stamp`'s `fonts`). The footer, which shows the page count, is a content stream
    of its own on every page, made once the last part is in (`footer`)."""

    def __init__(self, pdf: pikepdf.Pdf, stamps: Stamps):
        self.stamps = stamps
        labels = [label for label, _ in stamps.tabs]
        # every digit, whatever the page count: the same subset for every build of a document
        footer = footer_text(stamps.label, 0, 0)
        regular_text = "".join(sorted(set(footer + "0123456789" + stamps.title + "".join(labels))))
        bold_text = "".join(sorted(set("".join(labels)))) or " "
        self.regular = StampFont(stamps.regular, regular_text, stamps.cache)
        self.bold = StampFont(stamps.bold, bold_text, stamps.cache)
        self.fonts = {
            Name("/ViAStamp"): self.regular.embed(pdf, regular_text),
            Name("/ViAStampB"): self.bold.embed(pdf, bold_text),
        }
        self.margins = page_margins(stamps.css)

    def stamp(
        self,
        pdf: pikepdf.Pdf,
        current: Sequence[str | None],
        fonts: dict[Name, pikepdf.Object],
        footers: Sequence[pikepdf.Object],
    ) -> dict[int, list[Dictionary]]:
        """The running header (title, tabs with links, the `current` one marked) on
        every page of `pdf`, and `footers[n]` (the page's footer stream, or what stands
        for it) drawn after it; returns the header's link annotations by page of `pdf`
        (to be tagged)."""
        save = pdf.make_stream(b"q\n")  # the page's own drawing keeps its transformation to itself
        links: dict[int, list[Dictionary]] = {}
        for n, page in enumerate(pdf.pages):
            box = [float(v) for v in page.obj.MediaBox]
            header, annotations = _header(pdf, self.regular, self.bold, box, self.margins, self.stamps, current[n])
            for resource, font in fonts.items():
                _add_font(page, resource, font)
            page.contents_add(save, prepend=True)
            page.contents_add(pdf.make_stream(b"\n".join([b"Q", *header]) + b"\n"), prepend=False)
            page.obj.Contents = Array([*page.obj.Contents, footers[n]])
            if annotations:
                page.obj.Annots = Array([*(page.obj.get("/Annots") or []), *annotations])
                links[n] = annotations
        return links

    def footer(self, box: Sequence[float], page: int, total: int) -> bytes:
        """The footer's drawing on page `page` (from 1) of `total`, its page's MediaBox `box`."""
        text = footer_text(self.stamps.label, page, total)
        return b"\n".join(_footer(self.regular, text, list(box), self.margins, self.stamps.muted)) + b"\n"


def current_tabs(stamps: Stamps, where: dict[str, int], first: int, count: int, now: str | None) -> list[str | None]:
    """For pages `first` … `first + count - 1`: the tab of the part each belongs to
    (the last part that started on or before it; of parts starting on one page, the
    first). `where`: the page of each anchor on those pages; `now`: the tab of the
    page before `first`."""
    starts: dict[int, str | None] = {}
    for anchor, tab in stamps.sections:
        page = where.get(anchor)
        if page is not None and page not in starts:
            starts[page] = tab
    out = []
    for n in range(first, first + count):
        now = starts.get(n, now)
        out.append(now)
    return out


def _text(font_name: str, size: float, colour: str, x: float, y: float, encoded: bytes) -> bytes:
    return (
        f"BT /{font_name} {size:g} Tf {_rgb(colour)} rg {x:.3f} {y:.3f} Td <".encode()
        + encoded.hex().upper().encode()
        + b"> Tj ET"
    )


def _footer(font: StampFont, text: str, box: list[float], margins: Margins, colour: str) -> list[bytes]:
    line = (font.ascent - font.descent) * FONT_SIZE / 1000
    x = box[2] - margins.right - font.width(text, FONT_SIZE)
    baseline = box[1] + margins.bottom / 2 - line / 2 - font.descent * FONT_SIZE / 1000
    return [
        b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q",
        _text("ViAStamp", FONT_SIZE, colour, x, baseline, font.encode(text)),
        b"Q EMC",
    ]


def _header(pdf, regular: StampFont, bold: StampFont, box, margins: Margins, stamps: Stamps, current: str | None):
    """The header's drawing (an artifact) and its link annotations. Geometry as
    print.css lays out nav.tabs: a line box of 1.3 × 8 pt, 2 pt above a 1 pt rule in
    the main colour, 4 mm above the top margin's edge."""
    size = HEADER_SIZE
    top_edge = box[3] - margins.top  # where the body starts (PDF coordinates, upwards)
    rule = top_edge + _HEADER_BELOW - 2.0 + _RULE / 2
    line_bottom = top_edge + _HEADER_BELOW + _RULE
    line_top = line_bottom + 1.3 * size
    ascent, descent = regular.ascent * size / 1000, regular.descent * size / 1000
    baseline = line_bottom + (1.3 * size - (ascent - descent)) / 2 - descent
    left, right = box[0] + margins.left, box[2] - margins.right
    out = [b"/Artifact <</Type /Pagination /Subtype /Header>> BDC q"]
    out.append(f"{_rgb(stamps.primary)} RG {_RULE:g} w {left:.3f} {rule:.3f} m {right:.3f} {rule:.3f} l S".encode())
    out.append(_text("ViAStamp", size, stamps.muted, left, baseline, regular.encode(stamps.title)))
    annotations = []
    x_end = right
    for label, anchor in reversed(stamps.tabs):
        font, name = (bold, "ViAStampB") if anchor == current else (regular, "ViAStamp")
        width = font.width(label, size)
        x = x_end - _TAB_PAD - width
        if anchor == current:
            low, high = baseline + descent - 1, baseline + ascent + 1
            fill = f"{x - _TAB_PAD:.3f} {low:.3f} {width + 2 * _TAB_PAD:.3f} {high - low:.3f} re f"
            out.append(f"{_rgb(stamps.accent)} rg {fill}".encode())
            under = baseline - 0.106 * size
            line = f"{x:.3f} {under:.3f} m {x + width:.3f} {under:.3f} l S"
            out.append(f"{_rgb(stamps.primary)} RG 0.6 w {line}".encode())
        out.append(_text(name, size, stamps.primary, x, baseline, font.encode(label)))
        rect = Array([x - _TAB_PAD, line_bottom, x + width + _TAB_PAD, line_top])
        annotations.append(
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Link,
                    Rect=rect,
                    BS=Dictionary(W=0),
                    F=4,
                    Contents=String(label),  # its visible text, never the anchor
                    Dest=String(anchor),
                )
            )
        )
        x_end = x - _TAB_PAD - _TAB_GAP
    out.append(b"Q EMC")
    return out, list(reversed(annotations))


def _add_font(page: pikepdf.Page, name: Name, font: pikepdf.Object) -> None:
    resources = page.obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        page.obj.Resources = resources = Dictionary()
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        resources.Font = fonts = Dictionary()
    if name not in fonts:
        fonts[name] = font
