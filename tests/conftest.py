"""Workbooks made in code: each test writes exactly the sheets and cells it needs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# The PDF chunk cache of the tests lives in a folder of their own, never the user's.
os.environ.setdefault("VIA_REPORTS_CACHE_DIR", tempfile.mkdtemp(prefix="via-reports-test-cache-"))

BELEID_HEADER = ("Niveau", "Nr", "Titel", "Korte titel", "Toelichting", "Bronnen", "Periode", "Thema's", "Opnemen")

Sheets = Mapping[str, Sequence[Sequence[object]]]
MakeWorkbook = Callable[..., Path]


def policy(
    level="Landelijk",
    nr=None,
    title="Titel",
    short=None,
    text="Uitleg.",
    sources=None,
    period=None,
    themes=None,
    include=None,
) -> tuple:
    """A Beleid row in BELEID_HEADER's column order."""
    return (level, nr, title, short, text, sources, period, themes, include)


def write_xlsx(path: Path, sheets: Sheets, hyperlinks: Mapping[str, str] | None = None) -> Path:
    """`sheets`: sheet name → rows (first row the header). `hyperlinks`: 'Sheet!B2' → address."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    for ref, target in (hyperlinks or {}).items():
        sheet, cell = ref.split("!")
        book[sheet][cell].hyperlink = target
    book.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path) -> MakeWorkbook:
    """make_workbook(policies=[policy(...)], kaders=[header, rows…], document=[(veld, waarde)…])
    or make_workbook(sheets={...}) for full control."""
    counter = iter(range(1000))

    def make(*, policies=None, kaders=None, document=None, sheets=None, hyperlinks=None, name=None) -> Path:
        if sheets is None:
            sheets = {"Beleid": [BELEID_HEADER, *(policies if policies is not None else [policy()])]}
            if kaders is not None:
                sheets["Wettelijke kaders"] = kaders
            if document is not None:
                sheets["Document"] = [("Veld", "Waarde"), *document]
        path = tmp_path / (name or f"werkmap-{next(counter)}.xlsx")
        return write_xlsx(path, sheets, hyperlinks)

    return make


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (`CI=true`) every tool a test needs is installed by `.ci/run`: a skip there
    means a check silently did not run, so it fails. Tests that can only run with a
    privilege CI may lack (mounting a file system) are marked `may_skip`."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and not hasattr(report, "wasxfail")
        and os.environ.get("CI") == "true"
        and item.get_closest_marker("may_skip") is None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """The process's environment with `values` set, and as it was afterwards (for
    module-scoped fixtures, which have no `monkeypatch`)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        yield


from tests.browser import browser  # noqa: E402, F401  (a session fixture for every test module)
