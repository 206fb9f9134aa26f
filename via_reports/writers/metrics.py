"""How wide a word is on paper, from the advance widths of the bundled Liberation Sans
(metrically equal to Arial, the default Word font): used to give a table column the
room of its longest word, so Word and LibreOffice do not break words inside it."""

from __future__ import annotations

from functools import lru_cache

from fontTools.ttLib import TTFont

from .render import builtin_theme_dir

_FONTS = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
SAFETY = 1.08  # a font other than Arial (a theme's lettertype) may run a little wider


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, int], int, int]:
    """(code point → advance width, units per em, the width used for a missing character)."""
    font = TTFont(builtin_theme_dir() / "fonts" / _FONTS[bold], lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm, widths.get(ord("M"), font["head"].unitsPerEm)


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of `text` set on one line at `size_pt`, in points (with a safety margin)."""
    widths, per_em, fallback = _advances(bold)
    units = sum(widths.get(ord(char), fallback) for char in text)
    return units / per_em * size_pt * SAFETY


def longest_word_pt(texts, size_pt: float, *, bold: bool = False) -> float:
    """The width of the widest word (text between spaces) of `texts`, in points."""
    return max((text_width_pt(word, size_pt, bold=bold) for text in texts for word in text.split()), default=0.0)
