"""Problems found in a workbook, located as a person finds them in Excel.

A `Diagnostic` is a severity, a location (`Beleid!B7`, a sheet, or the file) and a
message code with its values; the text comes from `messages.CATALOGUE` in Dutch
(default) or English. The exception hierarchy is small:

    ViaReportsError            anything via-reports reports to its user
    ├── WorkbookError          the workbook has errors; carries every diagnostic
    ├── OutputError            an output could not be written
    └── RenderError            a format could not be rendered as it must (writers/pdf.py)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from .messages import LABELS, text
from .model import CellRef

LANGUAGES = ("nl", "en")


def default_language() -> str:
    """`VIA_REPORTS_LANG=en` switches messages to English; Dutch otherwise."""
    lang = os.environ.get("VIA_REPORTS_LANG", "nl").strip().lower()[:2]
    return lang if lang in LANGUAGES else "nl"


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    location: CellRef | str | None = None  # a cell, a sheet, or a file name
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "nl") -> str:
        return text(self.code, lang, **self.params)

    def format(self, lang: str = "nl") -> str:
        """`Beleid!A7: fout: Niveau 'Landelyk' is geen Landelijk, Regionaal of Lokaal`."""
        label = LABELS[self.severity.value][1 if lang == "en" else 0]
        where = f"{place(self.location, lang)}: " if self.location else ""
        return f"{where}{label}: {self.message(lang)}"

    def sort_key(self) -> tuple:
        loc = self.location
        if isinstance(loc, CellRef):
            return (1, loc.sheet, loc.row or 0, loc.column or 0)
        return (0, str(loc or ""), 0, 0)


def place(location: CellRef | str, lang: str = "nl") -> str:
    """A location as a person says it: `Beleid!B7`, but `Kopregel van Beleid (regel 1)`
    and `Beleid, regel 7` for whole rows (Excel's `Beleid!7:7` is jargon)."""
    if isinstance(location, CellRef) and location.row is not None and location.column is None:
        code = "place_header_row" if location.header else "place_row"
        return text(code, lang, sheet=location.sheet, row=location.row)
    return str(location)


def error(code: str, location: CellRef | str | None = None, **params: object) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, location, params)


def warning(code: str, location: CellRef | str | None = None, **params: object) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, location, params)


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_error]


class ViaReportsError(Exception):
    """Anything via-reports reports to its user as a sentence, never a traceback."""

    def message(self, lang: str = "nl") -> str:
        return str(self)

    def __reduce__(self):
        # picklable whatever the subclass's __init__ takes (builds run in worker processes)
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type, args: tuple, state: dict) -> ViaReportsError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class CodedError(ViaReportsError):
    """An error told by a message code (messages.CATALOGUE) and its values."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(code)

    def message(self, lang: str = "nl") -> str:
        return text(self.code, lang, **self.params)


class WorkbookError(ViaReportsError):
    """The workbook has errors; nothing was written."""

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic]):
        self.path = path
        self.diagnostics = list(diagnostics)
        super().__init__(f"{path}: {len(errors_in(self.diagnostics))} error(s)")


class OutputError(ViaReportsError):
    """An output file could not be written; nothing earlier was replaced."""

    def __init__(self, code: str, path: object, **params: object):
        self.code, self.path, self.params = code, path, params
        super().__init__(f"{path}: {code}")

    def message(self, lang: str = "nl") -> str:
        label = LABELS["error"][1 if lang == "en" else 0]
        return f"{self.path}: {label}: {text(self.code, lang, **self.params)}"
