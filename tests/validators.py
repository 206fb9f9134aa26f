"""Independent checks of the PDFs: page-validation (PDF/A and PDF/UA rules, the
veraPDF corpus's rules in Rust), outloud (Matterhorn, WCAG, semantic checks) and the
XMP declarations read back with pikepdf."""

from __future__ import annotations

from pathlib import Path

import page
import pikepdf
from outloud import check

# Warnings the README lists with their reason (a heuristic of the checker, not a defect):
# TBL-014 "a ruled grid that no table covers" fires when a table holds so little text
# that the text covers less than half of its ruled area; the table *is* tagged.
KNOWN_OUTLOUD_WARNINGS = {"TBL-014"}


def outloud_findings(path: Path, evidence: bool = False) -> list[str]:
    """outloud's errors, and its warnings other than the known ones (with what it
    found in brackets, if `evidence`)."""
    result = check(str(path))
    assert result.error is None, result.error
    return [
        f"{f.severity} {f.rule} p.{f.page}: {f.message}" + (f" [{f.evidence}]" if evidence else "")
        for f in result.findings
        if f.severity == "error" or (f.severity == "warning" and f.rule not in KNOWN_OUTLOUD_WARNINGS)
    ]


def declared(path: Path) -> dict[str, str | None]:
    """The PDF/UA and PDF/A identification in the XMP (None where absent)."""
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        keys = ("pdfuaid:part", "pdfaid:part", "pdfaid:conformance")
        return {key: (str(meta[key]) if key in meta else None) for key in keys}


def profiles_declared(path: Path) -> list[str]:
    """The page-validation profiles the file claims: '2u'/'3u' and/or 'ua1'."""
    ids = declared(path)
    out = []
    if ids["pdfaid:part"] is not None:
        out.append(f"{ids['pdfaid:part']}{(ids['pdfaid:conformance'] or '').lower()}")
    if ids["pdfuaid:part"] is not None:
        out.append(f"ua{ids['pdfuaid:part']}")
    return out


def failed_rules(path: Path, profile: str) -> list[str]:
    """Every rule page-validation finds failed for `profile`, with its first message."""
    report = page.validate_pdf(path, profile=profile)
    seen: dict[str, str] = {}
    for failure in report.failures:
        seen.setdefault(failure.rule_id, failure.message)
    assert report.is_compliant == (not seen)
    return [f"{rule}: {message}" for rule, message in seen.items()]


def validation_failures(path: Path) -> dict[str, list[str]]:
    """Failed rules for each profile the file declares (it must declare at least one)."""
    profiles = profiles_declared(path)
    assert profiles, f"{path.name} declares neither PDF/A nor PDF/UA"
    return {profile: rules for profile in profiles if (rules := failed_rules(path, profile))}
