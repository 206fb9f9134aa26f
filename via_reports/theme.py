"""The house style every writer follows: colours, fonts and page layout.

One `Theme` drives Word, HTML and PDF alike, so the documents of one organisation
look the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    primary: str = "1F4E79"  # headings, table header, navigation (hex, no '#')
    accent: str = "DEEAF6"  # light fill behind the current tab and alternate rows
    text: str = "1A1A1A"
    muted: str = "595959"  # secondary text; 7:1 contrast on white
    link: str = "0B5CAD"
    font: str = "Arial"  # exists on Windows and macOS; Liberation Sans elsewhere
    font_size: float = 10  # points, body text in tables


DEFAULT_THEME = Theme()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
