"""A workbook's check as the page and the API show it: every diagnostic with its
cell, sheet and the policy title of its row, and the summary line `validate` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..api import validate
from ..contract import BELEID, normalize_name
from ..diagnostics import Diagnostic, ViaReportsError, WorkbookError
from ..messages import LABELS, text
from ..model import CellRef
from ..reader.titles import row_titles
from ..selection import known_themes

FILE_GROUP = "Bestand"  # problems of the file itself, not of a sheet


@dataclass
class Check:
    ok: bool
    summary: str
    diagnostics: list[dict] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)  # the levels that hold policies
    themes: list[str] = field(default_factory=list)  # the workbook's own Thema's

    def as_json(self) -> dict:
        return {"ok": self.ok, "samenvatting": self.summary, "diagnostics": self.diagnostics}

    def groups(self) -> list[tuple[str, list[dict]]]:
        """The diagnostics per sheet (the file's own problems first), in workbook order."""
        groups: dict[str, list[dict]] = {}
        for d in self.diagnostics:
            groups.setdefault(d["sheet"] or FILE_GROUP, []).append(d)
        return sorted(groups.items(), key=lambda item: item[0] != FILE_GROUP)


def describe(diagnostics: list[Diagnostic], workbook: Path, titles: dict[int, str] | None = None) -> list[dict]:
    """Diagnostics as JSON: severity, cell, code and message (as in the API), plus the
    sheet, the policy title of the row where there is one, and the workbook's name."""
    if titles is None:
        titles = row_titles(workbook) if any(_beleid_row(d.location) for d in diagnostics) else {}
    out = []
    for d in diagnostics:
        loc = d.location
        sheet = loc.sheet if isinstance(loc, CellRef) else None
        if isinstance(loc, str) and loc not in (workbook.name, str(workbook)):
            sheet = loc  # a problem of a whole sheet
        out.append(
            {
                "severity": LABELS[d.severity.value][0],
                "cell": str(loc) if isinstance(loc, CellRef) and (loc.row or loc.column) else None,
                "code": d.code,
                "message": d.message(),
                "sheet": sheet,
                "title": titles.get(loc.row) if _beleid_row(loc) else None,  # type: ignore[union-attr]
                "file": workbook.name,  # the workbook, or the previous edition's (vorige)
            }
        )
    return out


def _beleid_row(loc: object) -> bool:
    return isinstance(loc, CellRef) and loc.row is not None and normalize_name(loc.sheet) == BELEID.key


def check_workbook(path: Path, basis: Path | None = None, cell_basis: bool = False) -> Check:
    """Read and check `path` (blocking: call it in a thread), composed with the server's
    `basis`; the workbook's own Basis cell counts only with `cell_basis` (the followed
    workbook, the server's own file), never for an upload."""
    result = validate(path, basis=basis, cell_basis=cell_basis)
    document = result.document
    if not result.ok or document is None:
        counts = text("cli_counts", errors=len(result.errors), warnings=len(result.warnings))
        return Check(False, text("cli_failed", counts=counts), describe(result.diagnostics, path))
    titles = {p.origin.row: p.title for p in document.policies if p.origin and p.origin.row}
    levels = ", ".join(f"{s.level.label} {len(s.policies)}" for s in document.levels)
    excluded = text("cli_excluded", count=result.excluded) if result.excluded else ""
    summary = text(
        "cli_ok",
        name=path.name,
        policies=len(document.policies),
        levels=levels,
        frameworks=sum(len(g.frameworks) for g in document.frameworks),
        excluded=excluded,
    )
    return Check(
        True,
        summary,
        describe(result.diagnostics, path, titles),
        levels=[s.level.value for s in document.levels if s.policies],
        themes=known_themes(document),
    )


def failure(exc: ViaReportsError | None, workbook: Path, unexpected: str | None = None) -> list[dict]:
    """Why a build failed, as diagnostics: the workbook's located ones, or one sentence."""
    if isinstance(exc, WorkbookError):
        return describe(exc.diagnostics, Path(exc.path))
    if exc is not None:
        code, message = getattr(exc, "code", type(exc).__name__), exc.message()
    else:
        code, message = "serve_unexpected", text("serve_unexpected", detail=unexpected)
    return [sentence(code, message)]


def sentence(code: str, message: str) -> dict:
    return {
        "severity": LABELS["error"][0],
        "cell": None,
        "code": code,
        "message": message,
        "sheet": None,
        "title": None,
        "file": None,
    }
