"""`via-reports serve WERKMAP` follows the file on disk: a save in Excel (temporary file,
then rename, with a `~$` lock file) or LibreOffice (`.~lock…#`) gives a new `versie`
and a new check, seen by the watcher itself (no request needed) and on the page."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.serve_browser import axe_violations, chromium, live_server, needs_chromium, new_page
from tests.serve_support import GOOD, SIX_CELLS, SIX_ERRORS, serving, workbook

BOUND = 20  # seconds: a bound for a hung watcher, not the speed claim (that is measured by hand)


def excel_save(target: Path, source: Path) -> None:
    """As Excel saves: lock file, new content in a temporary file, the original removed,
    the temporary file renamed to the original's name, the lock file removed."""
    lock = target.with_name("~$" + target.name)
    lock.write_bytes(b"\x00lock")
    temp = target.with_name("8F3A2C10")
    temp.write_bytes(source.read_bytes())
    target.unlink()
    os.rename(temp, target)
    lock.unlink()


def calc_save(target: Path, source: Path) -> None:
    lock = target.with_name(f".~lock.{target.name}#")
    lock.write_text("user,host")
    temp = target.with_name("lu12345abc.tmp")
    temp.write_bytes(source.read_bytes())
    os.replace(temp, target)
    lock.unlink()


def _wait_for(condition, what: str) -> None:
    end = time.monotonic() + BOUND
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not seen: {what}")


@pytest.fixture
def books(tmp_path) -> dict[str, Path]:
    (tmp_path / "bron").mkdir()
    return {
        "watched": workbook(tmp_path / "bron", "via-beleid.xlsx"),
        "broken": workbook(tmp_path, "kapot.xlsx", SIX_ERRORS),
        "fewer": workbook(tmp_path, "korter.xlsx", GOOD[:2]),
    }


def test_a_save_changes_versie_and_the_check_follows(tmp_path, books) -> None:
    with serving(tmp_path, workbook=books["watched"]) as client:
        watched = client.app.state.server.watched
        first = client.get("/api/werkmap").json()
        assert first["ok"] is True and "3 beleidsstukken" in first["samenvatting"] and first["diagnostics"] == []

        lock = books["watched"].with_name("~$via-beleid.xlsx")  # opening in Excel changes nothing
        lock.write_bytes(b"\x00")
        time.sleep(0.6)
        lock.unlink()
        assert watched.versie == first["versie"]

        excel_save(books["watched"], books["broken"])
        _wait_for(lambda: watched.versie > first["versie"], "the Excel save")  # the watcher, no request
        second = client.get("/api/werkmap").json()
        assert second["versie"] > first["versie"] and second["ok"] is False
        assert [d["cell"] for d in second["diagnostics"]] == SIX_CELLS

        calc_save(books["watched"], books["fewer"])
        _wait_for(lambda: watched.versie > second["versie"], "the LibreOffice save")
        third = client.get("/api/werkmap").json()
        assert third["ok"] is True and "2 beleidsstukken" in third["samenvatting"]
        _wait_for(lambda: watched.preview is not None and watched.preview.status == "done", "the new preview")
        assert "Regiovisie" in watched.preview.files[0].read_text(encoding="utf-8")


def test_a_build_uses_the_file_as_it_was_when_asked(tmp_path, books) -> None:
    with serving(tmp_path, workbook=books["watched"]) as client:
        form = {"upload": "werkmap", "formaat": "html"}
        reply = client.post("/maak", data=form, headers={"Accept": "application/json"})
        assert reply.status_code == 202
        excel_save(books["watched"], books["broken"])
        state = client.get(reply.json()["url"]).json()
        while state["status"] not in ("done", "failed"):
            time.sleep(0.1)
            state = client.get(reply.json()["url"]).json()
        assert state["status"] == "done"
        assert books["watched"].read_bytes() == books["broken"].read_bytes()  # the source is never written


@needs_chromium
def test_the_page_follows_a_save_without_a_click(tmp_path, books) -> None:
    with live_server(str(books["watched"])) as (address, _), chromium() as browser:
        page = new_page(browser)
        context = page.context
        page.set_default_timeout(BOUND * 1000)
        page.goto(address)
        assert "in orde" in page.inner_text("#samenvatting")
        page.locator("#voorbeeld iframe").wait_for()
        assert axe_violations(page) == []
        excel_save(books["watched"], books["broken"])
        page.wait_for_function("() => document.getElementById('samenvatting').textContent.includes('6 fout')")
        assert [c.strip() for c in page.locator("#controle td.cel").all_inner_texts()] == SIX_CELLS
        assert page.locator("#voorbeeld").count() == 0
        page.wait_for_function("() => document.getElementById('melder').textContent.includes('opgeslagen')")
        assert axe_violations(page) == []
        assert page.errors == []
        context.close()


def test_the_moment_between_removing_and_renaming_is_not_shown(tmp_path, books, monkeypatch) -> None:
    """Excel removes the file just before it renames the new one into place: a request in
    that moment waits for the save to settle instead of showing "the file does not exist"."""
    import threading

    from via_reports.serve.watch import Watched

    monkeypatch.setattr(Watched, "SETTLE", 0.5)  # a wide window: the test does not race a busy machine

    with serving(tmp_path, workbook=books["watched"]) as client:
        before = client.get("/api/werkmap").json()["versie"]
        temp = books["watched"].with_name("8F3A2C10")
        temp.write_bytes(books["broken"].read_bytes())
        books["watched"].unlink()
        answer = {}
        asking = threading.Thread(target=lambda: answer.update(client.get("/api/werkmap").json()))
        asking.start()
        time.sleep(0.3)
        os.rename(temp, books["watched"])
        asking.join(BOUND)
        assert answer["versie"] == before + 1
        assert [d["cell"] for d in answer["diagnostics"]] == SIX_CELLS
