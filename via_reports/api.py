"""The Python API under the command line: every CLI command is one call here.

from via_reports.api import validate, init
result = validate("source/via-beleid.xlsx")
for problem in result.diagnostics:
    print(problem.format())
"""

from __future__ import annotations

from pathlib import Path

from .reader.workbook import ReadResult, read_workbook
from .starter import STARTER_NAME, init_workbook


def validate(workbook: str | Path) -> ReadResult:
    """Read and check a workbook; `result.ok` is False when it has errors."""
    return read_workbook(workbook)


def init(folder: str | Path, *, name: str = STARTER_NAME) -> Path:
    """Write a starter workbook into `folder`; FileExistsError if it is already there."""
    return init_workbook(folder, name=name)


__all__ = ["ReadResult", "init", "read_workbook", "validate"]
