"""Inline tokens while rich text is parsed, and how they become model inlines.

Both rich-text syntaxes first produce a flat list of `Tok` (styled text, maybe with a
link address, or a line break); `to_inlines` merges neighbours, folds white space
(HTML only), turns bare addresses in the text into links, and groups link runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..links import URL_IN_TEXT, safe_url, split_trailing_punctuation
from ..model import Inline, LineBreak, Link, Text


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False


PLAIN = Style()


@dataclass(frozen=True)
class Tok:
    text: str  # "\n" for a line break
    style: Style = PLAIN
    href: str | None = None
    is_break: bool = False


BREAK = Tok("\n", is_break=True)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # HTML white space; a no-break space is kept


def text_of(toks: Sequence[Tok]) -> str:
    return "".join(t.text for t in toks)


def slice_toks(toks: Sequence[Tok], start: int, end: int | None = None) -> list[Tok]:
    """The tokens covering characters start..end of `text_of(toks)`."""
    out: list[Tok] = []
    pos = 0
    for tok in toks:
        size = len(tok.text)
        lo, hi = max(start - pos, 0), size if end is None else min(end - pos, size)
        if lo < hi:
            out.append(tok if (lo, hi) == (0, size) else replace(tok, text=tok.text[lo:hi]))
        pos += size
    return out


def strip_toks(toks: Sequence[Tok]) -> list[Tok]:
    """Without white space at the start and end (a no-break space counts too)."""
    text = text_of(toks)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return slice_toks(toks, start, end) if start < end else []


def _fold(toks: Sequence[Tok]) -> list[Tok]:
    """HTML white space: runs become one space, none at the edges or around breaks."""
    out: list[Tok] = []
    at_line_start = True
    for tok in toks:
        if tok.is_break:
            if out and not out[-1].is_break:
                out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
            out.append(tok)
            at_line_start = True
            continue
        text = _SPACES.sub(" ", tok.text)
        if at_line_start or (out and not out[-1].is_break and out[-1].text.endswith(" ")):
            text = text.lstrip(" ")
        if text:
            out.append(replace(tok, text=text))
            at_line_start = False
    if out and not out[-1].is_break:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
    return [t for t in out if t.text]


def _autolink(toks: Sequence[Tok]) -> list[Tok]:
    """Addresses typed in the text become links (only allowed ones)."""
    out: list[Tok] = []
    for tok in toks:
        if tok.is_break or tok.href is not None:
            out.append(tok)
            continue
        pos = 0
        for match in URL_IN_TEXT.finditer(tok.text):
            url, _ = split_trailing_punctuation(match.group(0))
            if safe_url(url) is None:
                continue
            if match.start() > pos:
                out.append(replace(tok, text=tok.text[pos : match.start()]))
            out.append(replace(tok, text=url, href=url))
            pos = match.start() + len(url)
        if pos < len(tok.text):
            out.append(replace(tok, text=tok.text[pos:]) if pos else tok)
    return out


def _inline(tok: Tok) -> Text | LineBreak:
    if tok.is_break:
        return LineBreak()
    s = tok.style
    return Text(tok.text, bold=s.bold, italic=s.italic, underline=s.underline)


def to_inlines(toks: Sequence[Tok], *, fold_space: bool) -> tuple[Inline, ...]:
    toks = _fold(toks) if fold_space else list(toks)
    while toks and toks[-1].is_break:
        toks.pop()
    while toks and toks[0].is_break:
        toks.pop(0)
    merged: list[Tok] = []
    for tok in _autolink(toks):
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.is_break
            and not tok.is_break
            and (prev.style, prev.href) == (tok.style, tok.href)
        ):
            merged[-1] = replace(prev, text=prev.text + tok.text)
        else:
            merged.append(tok)
    result: list[Inline] = []
    i = 0
    while i < len(merged):
        href = merged[i].href
        if href is None:
            result.append(_inline(merged[i]))
            i += 1
            continue
        j = i
        while j < len(merged) and merged[j].href == href:
            j += 1
        result.append(Link(href, tuple(_inline(t) for t in merged[i:j])))
        i = j
    return tuple(result)
