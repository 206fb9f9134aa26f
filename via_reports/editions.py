"""Editions: what changed between two workbooks, and which policies are running out.

Matching a policy across editions (the documented rule, within one level):
1. the same title (case, accents and spacing aside);
2. otherwise the most similar remaining title, if at least 80 % alike
   (difflib's ratio), pairs taken best first;
3. what still has no partner counts as removed (old) and added (new).
Numbers play no part in matching, so renumbering and reordering show as a changed
number, never as removed + added. Legal frameworks match by category and name.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .contract import normalize_name
from .model import Changes, Document, FieldChange, Level, LevelChanges, Policy, PolicyChange, plain_text

SIMILAR = 0.8
FIELDS = ("nummer", "titel", "korte titel", "toelichting", "bronnen", "periode", "thema's")


def _key(title: str) -> str:
    return normalize_name(title)


def match(old: tuple[Policy, ...], new: tuple[Policy, ...]) -> tuple[list[tuple[Policy, Policy]], list, list]:
    """(pairs, unmatched old, unmatched new) by the rule in this module's docstring."""
    pairs: list[tuple[Policy, Policy]] = []
    free_old, free_new = list(old), list(new)
    for o in list(free_old):
        same = next((n for n in free_new if _key(n.title) == _key(o.title)), None)
        if same is not None:
            pairs.append((o, same))
            free_old.remove(o)
            free_new.remove(same)
    candidates = sorted(
        (
            (difflib.SequenceMatcher(None, _key(o.title), _key(n.title)).ratio(), i, j)
            for i, o in enumerate(free_old)
            for j, n in enumerate(free_new)
        ),
        reverse=True,
    )
    used_old, used_new = set(), set()
    for ratio, i, j in candidates:
        if ratio < SIMILAR:
            break
        if i not in used_old and j not in used_new:
            pairs.append((free_old[i], free_new[j]))
            used_old.add(i)
            used_new.add(j)
    return (
        pairs,
        [o for i, o in enumerate(free_old) if i not in used_old],
        [n for j, n in enumerate(free_new) if j not in used_new],
    )


def word_summary(old: str, new: str, *, limit: int = 4, width: int = 60) -> str:
    """`"2024" → "2025"; + "en de politie"; − "oude zin"` (at most `limit` edits)."""
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before, after = _clip(" ".join(a[i1:i2]), width), _clip(" ".join(b[j1:j2]), width)
        if tag == "replace":
            parts.append(f"“{before}” → “{after}”")
        elif tag == "delete":
            parts.append(f"− “{before}”")
        else:
            parts.append(f"+ “{after}”")
    if not parts and old != new:
        return "alleen witruimte of regelafbrekingen"
    more = len(parts) - limit
    return "; ".join(parts[:limit]) + (f"; en nog {more} wijziging(en)" if more > 0 else "")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _sources(policy: Policy) -> str:
    return "\n".join(f"{s.label} | {s.url}" if s.url else s.label for s in policy.sources)


def _fields(o: Policy, n: Policy) -> tuple[FieldChange, ...]:
    values = {
        "nummer": (str(o.nr), str(n.nr)),
        "titel": (o.title, n.title),
        "korte titel": (o.index_label, n.index_label),
        "toelichting": (plain_text(o.explanation), plain_text(n.explanation)),
        "bronnen": (_sources(o), _sources(n)),
        "periode": (str(o.period or ""), str(n.period or "")),
        "thema's": (", ".join(o.themes), ", ".join(n.themes)),
    }
    out = []
    for name in FIELDS:
        before, after = values[name]
        if before != after:
            summary = (
                f"{before or '(leeg)'} → {after or '(leeg)'}"
                if name in ("nummer", "periode")
                else word_summary(before, after)
            )
            out.append(FieldChange(name, before, after, summary))
    return tuple(out)


def compare(old: Document, new: Document, old_label: str, new_label: str = "") -> Changes:
    levels = []
    for level in Level:
        pairs, removed, added = match(old.section(level).policies, new.section(level).policies)
        changed = [PolicyChange(o, n, fields) for o, n in pairs if (fields := _fields(o, n))]
        changed.sort(key=lambda c: c.new.nr)
        levels.append(
            LevelChanges(
                level,
                tuple(sorted(added, key=lambda p: p.nr)),
                tuple(sorted(removed, key=lambda p: p.nr)),
                tuple(changed),
            )
        )
    old_laws = {
        (normalize_name(g.category), normalize_name(f.name)): (g.category, f)
        for g in old.frameworks
        for f in g.frameworks
    }
    new_laws = {
        (normalize_name(g.category), normalize_name(f.name)): (g.category, f)
        for g in new.frameworks
        for f in g.frameworks
    }
    laws_changed = []
    for key in old_laws.keys() & new_laws.keys():
        (_, before), (category, after) = old_laws[key], new_laws[key]
        what = [
            w
            for w, x, y in (
                ("link", before.url, after.url),
                ("toelichting", plain_text(before.explanation), plain_text(after.explanation)),
            )
            if x != y
        ]
        if what:
            laws_changed.append((category, after, " en ".join(what)))
    return Changes(
        old_label,
        tuple(levels),
        new_label,
        tuple(new_laws[k] for k in new_laws if k not in old_laws),
        tuple(old_laws[k] for k in old_laws if k not in new_laws),
        tuple(laws_changed),
    )


def edition_label(document: Document, path: Path) -> str:
    """`editie 2024`, or the file's name when the workbook names no edition."""
    return f"editie {document.info.edition}" if document.info.edition else path.name


# --- periods ------------------------------------------------------------------------


def expired(policy: Policy, year: int) -> bool:
    """The policy's period ended before the edition's year."""
    return policy.period is not None and policy.period.end < year


def ends_in(policy: Policy, year: int) -> bool:
    return policy.period is not None and policy.period.end == year


def period_label(policy: Policy, year: int | None) -> str | None:
    """The small label a report may show on a row: `verlopen`, `loopt af in 2025`."""
    if year is None:
        return None
    if expired(policy, year):
        return "verlopen"
    if ends_in(policy, year):
        return f"loopt af in {year}"
    return None


def as_data(changes: Changes) -> dict:
    """The changes as plain data (for --json)."""

    def policy(p: Policy) -> dict:
        return {"niveau": p.level.value, "nr": p.nr, "titel": p.title}

    return {
        "vorige_editie": changes.old_label,
        "nieuwe_editie": changes.new_label,
        "niveaus": [
            {
                "niveau": lc.level.value,
                "toegevoegd": [policy(p) for p in lc.added],
                "verwijderd": [policy(p) for p in lc.removed],
                "gewijzigd": [
                    {
                        "oud": policy(c.old),
                        "nieuw": policy(c.new),
                        "velden": [
                            {"veld": f.field, "oud": f.old, "nieuw": f.new, "samenvatting": f.summary} for f in c.fields
                        ],
                    }
                    for c in lc.changed
                ],
            }
            for lc in changes.levels
        ],
        "wettelijke_kaders": {
            "toegevoegd": [{"categorie": c, "naam": f.name} for c, f in changes.frameworks_added],
            "verwijderd": [{"categorie": c, "naam": f.name} for c, f in changes.frameworks_removed],
            "gewijzigd": [{"categorie": c, "naam": f.name, "wat": w} for c, f, w in changes.frameworks_changed],
        },
    }


def describe(changes: Changes) -> list[str]:
    """The changes for people: grouped per level, in Dutch."""
    lines = [f"Wijzigingen van {changes.old_label} naar {changes.new_label}", ""]
    if changes.empty:
        return [*lines, "Geen verschillen."]
    count = 0
    for lc in changes.levels:
        if lc.empty:
            continue
        lines.append(lc.level.value)
        for p in lc.added:
            lines.append(f"  nieuw       {p.level.value} {p.nr}: {p.title}")
        for p in lc.removed:
            lines.append(f"  verwijderd  {p.level.value} {p.nr}: {p.title}")
        for c in lc.changed:
            number = f"{c.new.nr}" if c.old.nr == c.new.nr else f"{c.old.nr} → {c.new.nr}"
            lines.append(f"  gewijzigd   {c.new.level.value} {number}: {c.new.title}")
            for f in c.fields:
                lines.append(f"                {f.field}: {f.summary}")
        count += len(lc.added) + len(lc.removed) + len(lc.changed)
        lines.append("")
    if changes.frameworks_added or changes.frameworks_removed or changes.frameworks_changed:
        lines.append("Wettelijke kaders")
        lines += [f"  nieuw       {c}: {f.name}" for c, f in changes.frameworks_added]
        lines += [f"  verwijderd  {c}: {f.name}" for c, f in changes.frameworks_removed]
        lines += [f"  gewijzigd   {c}: {f.name} ({what})" for c, f, what in changes.frameworks_changed]
        count += len(changes.frameworks_added) + len(changes.frameworks_removed) + len(changes.frameworks_changed)
        lines.append("")
    lines.append(f"{count} wijziging(en).")
    return lines
