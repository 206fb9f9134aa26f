"""Shared by the tests of `via-reports serve`: workbooks as bytes, an app under the ASGI
test client, waiting for a build."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from via_reports.serve import ServeConfig, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette suggests httpx2; httpx is what the issue names
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"
SIX_ERRORS = [
    policy(level="Landelyk", title="Aanpak huiselijk geweld"),  # A2 unknown level
    policy(level=None, title="Veilig thuis"),  # A3 empty level
    policy(title=None),  # C4 no title
    policy(text=None, title="Zorg en veiligheid"),  # E5 no explanation
    policy(nr="drie", title="Jeugdbescherming"),  # B6 not a number
    policy(period="2023/2028", title="Ouderenmishandeling"),  # G7 bad period
]
SIX_CELLS = ["Beleid!A2", "Beleid!A3", "Beleid!C4", "Beleid!E5", "Beleid!B6", "Beleid!G7"]
GOOD = [
    policy("Landelijk", 1, "Geweld hoort nergens thuis", themes="huiselijk geweld"),
    policy("Regionaal", 1, "Regiovisie", text="De regio werkt samen.", themes="jeugd"),
    policy("Lokaal", 1, "Lokale aanpak", text="Oss pakt het aan.", themes="jeugd, ouderen"),
]


def workbook(folder: Path, name: str, policies=None, sheets=None) -> Path:
    return write_xlsx(folder / name, sheets or {"Beleid": [BELEID_HEADER, *(policies or GOOD)]})


@contextmanager
def serving(tmp: Path, **settings) -> Iterator[TestClient]:
    config = ServeConfig(**{"workers": 2, "temp_dir": tmp, **settings})
    with TestClient(create_app(config), base_url=BASE, root_path=config.root_path) as client:
        yield client


def upload(path: Path, field: str = "werkmap", name: str | None = None) -> dict:
    return {field: (name or path.name, path.read_bytes(), "application/octet-stream")}


def wait(client: TestClient, url: str, timeout: float = 120) -> dict:
    """The build's state once it is done or failed (bounded: a hung build fails the test)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = client.get(url).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"build {url} did not finish: {state}")
