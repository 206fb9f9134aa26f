"""The house style every writer follows: colours, fonts, logo, organisation, paper.

One `Theme` drives Word, HTML and PDF alike. A theme folder holds an optional
settings file `via-reports.toml` and, optionally, templates, CSS, fonts and a logo
that replace the built-in ones of the same name (the rest comes from the built-in
theme). `via-reports theme export MAP` writes a complete folder to start from.
A theme folder is data someone else wrote: every file of it is read through
`theme_files.py` (inside the folder after symlinks, UTF-8, fonts that are fonts, a
logo that is a PNG or JPEG of sensible size).

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

from .theme_files import ThemeError, check_logo, confine, find, read_text, theme_fonts

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
    if key is not None:  # a table of its own: [huisstijl.logo]
        return _line_of(source, f"{section}.{key}")
    return None


_EXAMPLES = {
    **dict.fromkeys(_COLOURS, "#1F4E79"),
    "lettertype": "Arial",
    "organisatie": "Gemeente Oss",
    "logo": "logo.png",
    "logo_tekst": "Logo van de gemeente Oss",
    **dict.fromkeys(_PROFILES, "A4 staand"),
}


def load_theme(folder: str | Path) -> Theme:
    """The theme in `folder` (its settings file is optional). Raises ThemeError.

    Every file it uses (the settings, the logo, the fonts) must stay inside the
    folder after symlinks and be what it claims to be."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ThemeError(folder, None, "theme_no_folder")
    theme_fonts(folder)
    theme = replace(DEFAULT_THEME, folder=folder)
    path = folder / SETTINGS_FILE
    if not (path.is_symlink() or path.exists()):
        return theme
    source = read_text(path, confine(folder, path))
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
        raise ThemeError(path, line, "theme_toml", detail=str(exc).split(" (at line")[0]) from None
    changes: dict[str, object] = {}
    for section, values in data.items():
        if section not in ("huisstijl", "papier"):
            raise ThemeError(path, _line_of(source, section), "theme_unknown_section", name=section)
        if not isinstance(values, dict):
            raise ThemeError(path, _line_of_key(source, section), "theme_section_not_table", name=section)
        for key, value in values.items():
            line = _line_of(source, section, key)
            known = _PROFILES if section == "papier" else sorted(_STYLE_KEYS)
            if key not in known:
                raise ThemeError(path, line, "theme_unknown_key", name=key, known=", ".join(known))
            value = _text_value(key, value, path, line)
            if section == "papier":
                if parse_paper(value) is None:
                    raise ThemeError(path, line, "theme_paper", name=key, value=value)
                paper = dict(changes.get("paper", theme.paper))  # type: ignore[arg-type]
                paper[key] = value
                changes["paper"] = tuple(paper.items())
            elif key in _COLOURS:
                match = _HEX.match(value)
                if not match:
                    raise ThemeError(path, line, "theme_colour", name=key, value=value)
                changes[_COLOURS[key]] = match.group(1).upper()
            elif key == "lettertype":
                changes["font"] = value
            elif key == "organisatie":
                changes["organisation"] = value
            elif key == "logo_tekst":
                changes["logo_alt"] = value
            elif key == "logo":
                changes["logo"] = _logo(folder, value, path, line)
    theme = replace(theme, **changes)  # type: ignore[arg-type]
    _check(theme, path, source)
    return theme


def _text_value(key: str, value: object, path: Path, line: int | None) -> str:
    """A setting's text; a sentence that says what stands there instead."""
    if isinstance(value, str):
        if not value.strip():
            raise ThemeError(path, line, "theme_empty_text", name=key, example=_EXAMPLES.get(key, "tekst"))
        return value.strip()
    for types, (nl, en) in _KINDS:
        if isinstance(value, types):
            raise ThemeError(
                path, line, "theme_not_text", name=key, example=_EXAMPLES.get(key, "tekst"), kind=nl, kind_en=en
            )
    raise AssertionError(value)  # tomllib gives no other types


_KINDS = (
    (bool, ("ja/nee (true of false)", "yes/no (true or false)")),
    ((int, float), ("een getal", "a number")),
    (list, ("een lijst", "a list")),
    (dict, ("een tabel", "a table")),
    (object, ("een datum of tijd", "a date or time")),
)


def _line_of_key(source: str, key: str) -> int | None:
    """The line of a top-level `key = …` (a section written as a value)."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith("["):
            return None
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _logo(folder: Path, name: str, settings: Path, line: int | None) -> Path:
    """The logo file: inside the folder (after symlinks), a PNG or JPEG by its bytes,
    not too many pixels."""
    found = find(name, [folder])
    if found is None:
        raise ThemeError(settings, line, "theme_logo_missing", name=name, folder=folder)
    check_logo(*found)
    return found[1]


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
    if beside_workbook(workbook) is not None:
        return load_theme(workbook.parent)
    return DEFAULT_THEME


def beside_workbook(workbook: Path) -> Path | None:
    """The via-reports.toml beside the workbook (a file, or anything else by that name,
    which load_theme then refuses with a sentence), else None."""
    settings = workbook.parent / SETTINGS_FILE
    return settings if settings.is_symlink() or settings.exists() else None
