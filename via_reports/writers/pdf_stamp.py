"""Page stamps after the merge: `pagina X van Y` (after the appendix label, in a
bijlage) in the bottom right margin of every page, where the print stylesheet puts
it, as pagination artifacts (/Artifact /Pagination /Footer): read by nobody's screen
reader, as a running footer should be.

The text is set in the theme's regular font (Liberation Sans unless the theme
replaces it), embedded as a subset with widths and a ToUnicode map (PDF/A and text
extraction need both), in the theme's muted colour; the bottom and right margins are
read from the @page rule of the print stylesheet.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

FONT_FILE = "fonts/LiberationSans-Regular.ttf"
FONT_SIZE = 7.5  # pt, as print.css sets the footer
RESOURCE = Name("/ViAStamp")
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


class StampFont:
    """A subset of one TrueType font as a Type0 font (Identity-H, 2-byte glyph ids)."""

    def __init__(self, path: Path, text: str):
        from fontTools import subset
        from fontTools.ttLib import TTFont

        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        options.drop_tables += ["FFTM"]
        font = TTFont(path)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
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
        buffer = io.BytesIO()
        font.save(buffer)
        self.data = buffer.getvalue()

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


def footer_text(label: str, page: int, total: int) -> str:
    return f"{label}pagina {page} van {total}"


def stamp_pages(pdf: pikepdf.Pdf, font_path: Path, css: str, label: str, colour: str) -> None:
    """`label` + `pagina X van Y` on every page of `pdf`, right-aligned in the footer."""
    total = len(pdf.pages)
    texts = [footer_text(label, n, total) for n in range(1, total + 1)]
    alphabet = "".join(sorted(set("".join(texts))))
    font = StampFont(font_path, alphabet)
    resource = font.embed(pdf, alphabet)
    margins = page_margins(css)
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    line = (font.ascent - font.descent) * FONT_SIZE / 1000
    save = pdf.make_stream(b"q\n")  # the page's own drawing keeps its transformation to itself
    for page, text in zip(pdf.pages, texts, strict=True):
        box = [float(v) for v in page.obj.MediaBox]
        x = box[2] - margins.right - font.width(text, FONT_SIZE)
        baseline = box[1] + margins.bottom / 2 - line / 2 - font.descent * FONT_SIZE / 1000
        content = (
            b"Q /Artifact <</Type /Pagination /Subtype /Footer>> BDC q BT "
            + f"/ViAStamp {FONT_SIZE:g} Tf {red:.4f} {green:.4f} {blue:.4f} rg {x:.3f} {baseline:.3f} Td ".encode()
            + b"<"
            + font.encode(text).hex().upper().encode()
            + b"> Tj ET Q EMC\n"
        )
        _add_font(page, resource)
        page.contents_add(save, prepend=True)
        page.contents_add(pdf.make_stream(content), prepend=False)


def _add_font(page: pikepdf.Page, font: pikepdf.Object) -> None:
    resources = page.obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        page.obj.Resources = resources = Dictionary()
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        resources.Font = fonts = Dictionary()
    if RESOURCE not in fonts:
        fonts[RESOURCE] = font
