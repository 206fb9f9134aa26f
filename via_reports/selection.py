"""Choosing policies for a document: by level and/or theme, keeping the workbook's
numbers (so "Lokaal 3" means the same in every document)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .contract import normalize_name
from .diagnostics import CodedError
from .model import Document, Level, Selection


class SelectionError(CodedError):
    """The selection names nothing, or leaves nothing to publish."""


def parse_levels(names: Iterable[str]) -> tuple[Level, ...]:
    known = {normalize_name(level.value): level for level in Level}
    levels: list[Level] = []
    for name in names:
        level = known.get(normalize_name(name))
        if level is None:
            raise SelectionError("selection_level_unknown", value=name)
        if level not in levels:
            levels.append(level)
    return tuple(levels)


def known_themes(document: Document) -> list[str]:
    seen: dict[str, str] = {}
    for policy in document.policies:
        for theme in policy.themes:
            seen.setdefault(normalize_name(theme), theme)
    return sorted(seen.values(), key=str.casefold)


def select(document: Document, levels: Iterable[str] = (), themes: Iterable[str] = ()) -> Document:
    """The document with only the chosen policies. Levels without any are left out;
    an empty result is an error (never an empty document)."""
    chosen_levels = parse_levels(levels)
    chosen_themes = tuple(dict.fromkeys(t.strip() for t in themes if t.strip()))
    if not chosen_levels and not chosen_themes:
        return document
    wanted = {normalize_name(t) for t in chosen_themes}
    sections = []
    for section in document.levels:
        if chosen_levels and section.level not in chosen_levels:
            continue
        policies = tuple(p for p in section.policies if not wanted or wanted & {normalize_name(t) for t in p.themes})
        if policies:
            sections.append(replace(section, policies=policies))
    selection = Selection(chosen_levels, chosen_themes)
    if not sections:
        raise SelectionError(
            "selection_empty", selection=selection.describe(), themes=", ".join(known_themes(document)) or "geen"
        )
    return replace(document, levels=tuple(sections), selection=selection)
