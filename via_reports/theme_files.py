"""The files of a theme folder, read as data someone else wrote.

A theme folder may come from anyone (a colleague's e-mail, a `via-reports.toml`
beside a downloaded workbook), so every file it supplies is resolved after
following symlinks and must stay inside its folder; it must be an ordinary file of
a sensible size. Images are recognised by their bytes, not their names, and their
size is read from the header without decoding them (a decompression bomb is
refused before any library unpacks it). Every refusal is a `ThemeError` that names
the file.
"""

from __future__ import annotations

import html
import re
import struct
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import ViaReportsError
from .messages import text

TEXT_LIMIT = 2 * 1024 * 1024  # a template, a stylesheet or via-reports.toml: bytes
FILE_LIMIT = 20 * 1024 * 1024  # a font or an image
LOGO_PIXELS = 25_000_000  # 25 megapixels: far beyond any logo, far below a bomb


class ThemeError(ViaReportsError):
    """A theme file is refused or broken; names the file (and the line when known)."""

    def __init__(self, path: object, line: int | None, code: str, **params: object):
        self.path, self.line, self.code, self.params = path, line, code, params
        super().__init__(f"{path}:{line}: {code}")

    def message(self, lang: str = "nl") -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        label = "fout" if lang != "en" else "error"
        return f"{where}: {label}: {text(self.code, lang, **self.params)}"


def split_name(name: str) -> list[str] | None:
    """The parts of a relative name inside a theme (`partials/nav.html`), or None for
    anything that could point elsewhere: absolute, `..`, a drive, a backslash."""
    if not name or name.startswith(("/", "~")) or "\\" in name or "\0" in name:
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or ":" in p for p in parts):
        return None
    return parts


def confine(folder: Path, path: Path) -> Path:
    """`path` (inside `folder` by name) after following symlinks; ThemeError when it
    leads outside `folder` or is no ordinary file."""
    root = folder.resolve()
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling or looping symlink
        raise ThemeError(path, None, "theme_file_missing") from None
    if not resolved.is_relative_to(root):
        raise ThemeError(path, None, "theme_outside", folder=folder)
    if resolved.is_dir():
        raise ThemeError(path, None, "theme_is_folder")
    if not resolved.is_file():
        raise ThemeError(path, None, "theme_not_a_file")
    return resolved


def find(relative: str, folders: Sequence[Path]) -> tuple[Path, Path] | None:
    """(the path as named, the resolved file) of the first `relative` in `folders`;
    None when no folder has it. A file that is there but leads outside its folder is
    refused, never skipped for the next folder's."""
    parts = split_name(relative)
    if parts is None:
        return None
    for folder in folders:
        named = folder.joinpath(*parts)
        if named.is_symlink() or named.exists():
            return named, confine(folder, named)
    return None


def read_bytes(named: Path, resolved: Path, limit: int = FILE_LIMIT) -> bytes:
    size = resolved.stat().st_size
    if size > limit:
        raise ThemeError(named, None, "theme_file_too_big", size=_mb(size), limit=_mb(limit))
    try:
        return resolved.read_bytes()
    except OSError as exc:
        raise ThemeError(named, None, "theme_unreadable", detail=exc.strerror or exc) from None


def read_text(named: Path, resolved: Path) -> str:
    """A text file of the theme: UTF-8 (a BOM is allowed), at most TEXT_LIMIT bytes."""
    data = read_bytes(named, resolved, TEXT_LIMIT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ThemeError(named, line, "theme_not_utf8") from None


def written_by(needle: str, folders: Sequence[Path]) -> tuple[object, int | None]:
    """The template (file, line) of the theme folders that holds `needle` (to name
    the line that wrote what was refused), else the first folder."""
    lowered = needle.lower()
    for folder in folders:
        for path in sorted(folder.rglob("*.htm*")):
            try:
                text = read_text(path, confine(folder, path))
            except ThemeError:
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                if lowered in line.lower() or lowered in html.unescape(line).lower():  # also written as &#104;…
                    return path, number
    return (folders[0] if folders else "report.html"), None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


# --- images --------------------------------------------------------------------

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_kind(data: bytes) -> str | None:
    """'image/png' or 'image/jpeg' by the file's bytes, else None."""
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG or JPEG header, without decoding the image."""
    if data.startswith(_PNG):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        return struct.unpack(">II", data[16:24])
    n = 2
    while n + 4 <= len(data):
        if data[n] != 0xFF:
            return None
        marker = data[n + 1]
        if marker == 0xFF:  # fill byte
            n += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            n += 2
            continue
        (length,) = struct.unpack(">H", data[n + 2 : n + 4])
        if marker in _JPEG_SOF:
            if n + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[n + 5 : n + 9])
            return width, height
        n += 2 + length
    return None


def check_logo(named: Path, resolved: Path) -> bytes:
    """The logo's bytes; ThemeError unless it is a PNG or JPEG (by its bytes) of at
    most LOGO_PIXELS pixels."""
    data = read_bytes(named, resolved)
    if image_kind(data) is None:
        raise ThemeError(named, None, "theme_logo_type", name=named.name)
    check_image(named, data)
    _decode(named, data)
    return data


def _decode(named: Path, data: bytes) -> None:
    """Decode the image once (it has at most LOGO_PIXELS pixels): a file that is
    damaged past its header is refused here, not halfway through writing a document."""
    from io import BytesIO

    from PIL import Image, ImageFile

    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint turns this on for everyone
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        if data.startswith(_PNG) and not _png_complete(data):
            raise ValueError("no IEND")
        with Image.open(BytesIO(data)) as image:
            image.load()
    except Exception:  # Pillow fails in many ways on a damaged file
        raise ThemeError(named, None, "theme_logo_broken", name=named.name) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _png_complete(data: bytes) -> bool:
    """Every chunk within the file, up to IEND (what the Word writer walks)."""
    n = len(_PNG)
    while n + 8 <= len(data):
        (length,) = struct.unpack(">I", data[n : n + 4])
        if data[n + 4 : n + 8] == b"IEND":
            return True
        n += 12 + length
    return False


def check_image(named: object, data: bytes) -> None:
    """ThemeError for a PNG or JPEG whose header cannot be read or that has more than
    LOGO_PIXELS pixels (a decompression bomb); other files pass."""
    if image_kind(data) is None:
        return
    size = image_size(data)
    name = getattr(named, "name", named)
    if size is None or 0 in size:
        raise ThemeError(named, None, "theme_logo_broken", name=name)
    width, height = size
    if width * height > LOGO_PIXELS:
        raise ThemeError(
            named, None, "theme_logo_pixels", width=width, height=height, limit=f"{LOGO_PIXELS // 1_000_000}"
        )


def check_file(named: Path, resolved: Path, *, fonts: bool = True) -> bytes:
    """A theme file a stylesheet or template names: an image is checked like the logo,
    an SVG may declare no entities, a font (with `fonts`) must be a font."""
    data = read_bytes(named, resolved)
    check_image(named, data)
    if fonts and named.suffix.lower() in FONT_SUFFIXES:
        check_font(named, resolved)
    if (named.suffix.lower() in (".svg", ".xml") or data.lstrip().startswith(b"<")) and _XML_DECLARATIONS.search(data):
        raise ThemeError(named, None, "theme_xml_doctype", name=named.name)
    return data


_XML_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)  # entity bombs, external entities


# --- fonts ---------------------------------------------------------------------

FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def check_font(named: Path, resolved: Path) -> None:
    """ThemeError unless the file is a font fontTools can read (with a character map)."""
    from fontTools.ttLib import TTFont

    read_bytes(named, resolved)  # the size limit
    try:
        with TTFont(str(resolved), lazy=True, fontNumber=0) as font:
            if "cmap" not in font or not font.getBestCmap():
                raise ThemeError(named, None, "theme_font_broken", name=named.name)
    except ThemeError:
        raise
    except Exception:  # fontTools fails in many ways on a file that is no font
        raise ThemeError(named, None, "theme_font_broken", name=named.name) from None


def theme_fonts(folder: Path, *, check: bool = True) -> list[Path]:
    """The fonts of a theme folder (`fonts/*.ttf`, `*.otf`, …), each inside the folder
    after symlinks and (with `check`) a font fontTools can read."""
    fonts_dir = folder / "fonts"
    if not (fonts_dir.is_symlink() or fonts_dir.exists()):
        return []
    try:
        resolved = fonts_dir.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling or looping symlink
        raise ThemeError(fonts_dir, None, "theme_file_missing") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise ThemeError(fonts_dir, None, "theme_outside", folder=folder)
    if not resolved.is_dir():
        return []
    out = []
    for named in sorted(fonts_dir.iterdir()):
        if named.suffix.lower() in FONT_SUFFIXES and not named.name.startswith("."):  # macOS leaves ._x.ttf
            resolved = confine(folder, named)
            if check:
                check_font(named, resolved)
            out.append(resolved)
    return out
