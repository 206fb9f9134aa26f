"""The house style every writer follows: colours, fonts, logo, organisation, paper.

One `Theme` drives Word, HTML and PDF alike. A theme folder holds an optional
settings file `via-reports.toml` and, optionally, templates, CSS, fonts and a logo
that replace the built-in ones of the same name (the rest comes from the built-in
theme). `via-reports theme export MAP` writes a complete folder to start from.

    [huisstijl]
    hoofdkleur = "#1F4E79"        # headings, table header, navigation
    accentkleur = "#DEEAF6"       # light fill: the current tab
    tekstkleur = "#1A1A1A"
    grijstint = "#595959"         # secondary text
    linkkleur = "#0B5CAD"
    lettertype = "Arial"          # the Word font (the PDF embeds its own, see print.css)
    organisatie = "Gemeente Oss"  # used when the workbook's Document sheet has none
    logo = "logo.png"             # a PNG or JPEG in the theme folder
    logo_tekst = "Logo van de gemeente Oss"   # alternative text, required with a logo

    [papier]                      # per profile: A4, A3, A5 or Letter; staand or liggend
    rapport = "A4 liggend"
    bijlage = "A4 staand"
    handout = "A4 staand"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .theme_files import ThemeError

__all__ = ["DEFAULT_THEME", "Paper", "Theme", "ThemeError", "find_theme", "load_theme"]

SETTINGS_FILE = "via-reports.toml"
PAPER_SIZES_MM = {"a4": (210, 297), "a3": (297, 420), "a5": (148, 210), "letter": (216, 279)}
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


@dataclass(frozen=True)
class Paper:
    width_mm: float
    height_mm: float

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


@dataclass(frozen=True)
class Theme:
    primary: str = "1F4E79"
    accent: str = "DEEAF6"
    text: str = "1A1A1A"
    muted: str = "595959"  # 7:1 contrast on white
    link: str = "0B5CAD"
    font: str = "Arial"  # exists on Windows and macOS; Liberation Sans elsewhere
    font_size: float = 10  # points, body text in tables
    organisation: str | None = None
    logo: Path | None = None
    logo_alt: str = ""
    paper: tuple[tuple[str, str], ...] = (("rapport", "A4 liggend"), ("bijlage", "A4 staand"), ("handout", "A4 staand"))
    folder: Path | None = None  # the user's theme folder, searched before the built-in theme

    def page(self, profile: str) -> Paper:
        return parse_paper(dict(self.paper).get(profile, "A4 staand")) or Paper(210, 297)

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.folder,) if self.folder else ()


DEFAULT_THEME = Theme()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = []
        for c in rgb(colour):
            s = c / 255
            channels.append(s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def parse_paper(value: str) -> Paper | None:
    words = value.lower().split()
    if len(words) != 2 or words[0] not in PAPER_SIZES_MM or words[1] not in ("staand", "liggend"):
        return None
    w, h = PAPER_SIZES_MM[words[0]]
    return Paper(h, w) if words[1] == "liggend" else Paper(w, h)


# --- reading a theme folder -----------------------------------------------------

_COLOURS = {
    "hoofdkleur": "primary",
    "accentkleur": "accent",
    "tekstkleur": "text",
    "grijstint": "muted",
    "linkkleur": "link",
}
_ON_WHITE = {"primary", "text", "muted", "link"}  # text or white-on-colour: needs 4.5:1
_STYLE_KEYS = {*_COLOURS, "lettertype", "organisatie", "logo", "logo_tekst"}
_PROFILES = ("rapport", "bijlage", "handout")


def _line_of(source: str, section: str, key: str | None = None) -> int | None:
    current = None
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if m := re.match(r"^\[\s*([^\]]+?)\s*\]", stripped):
            current = m.group(1)
            if key is None and current == section:
                return number
        elif key is not None and current == section and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
    return None


def load_theme(folder: str | Path) -> Theme:
    """The theme in `folder` (its settings file is optional). Raises ThemeError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ThemeError(folder, None, "theme_no_folder")
    theme = replace(DEFAULT_THEME, folder=folder)
    path = folder / SETTINGS_FILE
    if not path.exists():
        return theme
    source = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
        raise ThemeError(path, line, "theme_toml", detail=str(exc).split(" (at line")[0]) from None
    changes: dict[str, object] = {}
    for section, values in data.items():
        if section not in ("huisstijl", "papier") or not isinstance(values, dict):
            raise ThemeError(path, _line_of(source, section), "theme_unknown_section", name=section)
        for key, value in values.items():
            line = _line_of(source, section, key)
            if section == "papier":
                if key not in _PROFILES:
                    raise ThemeError(path, line, "theme_unknown_key", name=key, known=", ".join(_PROFILES))
                if not isinstance(value, str) or parse_paper(value) is None:
                    raise ThemeError(path, line, "theme_paper", name=key, value=value)
                paper = dict(changes.get("paper", theme.paper))  # type: ignore[arg-type]
                paper[key] = value
                changes["paper"] = tuple(paper.items())
                continue
            if key not in _STYLE_KEYS:
                raise ThemeError(path, line, "theme_unknown_key", name=key, known=", ".join(sorted(_STYLE_KEYS)))
            if not isinstance(value, str) or not value.strip():
                raise ThemeError(path, line, "theme_not_text", name=key)
            if key in _COLOURS:
                match = _HEX.match(value.strip())
                if not match:
                    raise ThemeError(path, line, "theme_colour", name=key, value=value)
                changes[_COLOURS[key]] = match.group(1).upper()
            elif key == "lettertype":
                changes["font"] = value.strip()
            elif key == "organisatie":
                changes["organisation"] = value.strip()
            elif key == "logo_tekst":
                changes["logo_alt"] = value.strip()
            elif key == "logo":
                changes["logo"] = _logo(folder, value.strip(), path, line)
    theme = replace(theme, **changes)  # type: ignore[arg-type]
    _check(theme, path, source)
    return theme


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _logo(folder: Path, name: str, settings: Path, line: int | None) -> Path:
    logo = (folder / name).resolve()
    if not logo.is_relative_to(folder.resolve()) or not logo.is_file():
        raise ThemeError(settings, line, "theme_logo_missing", name=name, folder=folder)
    if logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ThemeError(settings, line, "theme_logo_type", name=name)
    return logo


def _check(theme: Theme, path: Path, source: str) -> None:
    if theme.logo is not None and not theme.logo_alt:
        raise ThemeError(path, _line_of(source, "huisstijl", "logo"), "theme_logo_alt")
    by_field = {v: k for k, v in _COLOURS.items()}
    for f in fields(Theme):
        if f.name in _ON_WHITE:
            ratio = contrast(getattr(theme, f.name), "FFFFFF")
            if ratio < 4.5:
                key = by_field[f.name]
                raise ThemeError(
                    path,
                    _line_of(source, "huisstijl", key),
                    "theme_contrast",
                    name=key,
                    value="#" + getattr(theme, f.name),
                    ratio=f"{ratio:.1f}",
                )


def find_theme(explicit: Path | None, workbook: Path) -> Theme:
    """`--theme MAP`, else the workbook's folder when it holds a via-reports.toml,
    else the built-in theme."""
    if explicit is not None:
        return load_theme(explicit)
    if (workbook.parent / SETTINGS_FILE).is_file():
        return load_theme(workbook.parent)
    return DEFAULT_THEME
