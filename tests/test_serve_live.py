"""A bounded load test of a live `via-reports serve` on 127.0.0.1: two dozen small
builds sent at once to two workers with a short queue. Every request is answered
(202, or 503 with Retry-After, which the client honours), no accepted build is lost,
and the memory of the server's process tree stays bounded."""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.serve_browser import live_server, process_tree_rss
from tests.serve_support import workbook

CLIENTS = 24
MAX_ATTEMPTS = 200  # per client: the loop is bounded whatever happens
MEMORY_BOUND = 600 * 1024 * 1024  # bytes, server and workers together (3 processes; about 180 MB measured)


def test_two_dozen_simultaneous_builds(tmp_path) -> None:
    book = workbook(tmp_path, "via-beleid.xlsx").read_bytes()
    with live_server("--werkers", "2", "--wachtrij", "4") as (address, process):
        assert address.startswith("http://127.0.0.1:")  # by default only this computer
        peak, stop = [0], threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], process_tree_rss(process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = threading.Barrier(CLIENTS)

        def one(n: int) -> dict:
            statuses = []
            with httpx.Client(base_url=address, timeout=60) as client:
                start.wait()
                for _ in range(MAX_ATTEMPTS):
                    reply = client.post(
                        "api/builds",
                        files={"werkmap": (f"gemeente-{n}.xlsx", book)},
                        data={"formaat": ["html", "docx"]},
                    )
                    statuses.append(reply.status_code)
                    if reply.status_code == 202:
                        break
                    assert reply.status_code == 503 and "druk" in reply.json()["message"]
                    time.sleep(min(float(reply.headers["retry-after"]), 3) / 3)
                else:
                    raise AssertionError(f"client {n} was never accepted: {statuses}")
                url = reply.json()["url"].lstrip("/")
                for _ in range(1200):
                    state = client.get(url).json()
                    if state["status"] in ("done", "failed"):
                        break
                    time.sleep(0.1)
                return {"statuses": statuses, "state": state, "name": f"gemeente-{n}"}

        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(one, range(CLIENTS)))
        stop.set()
        sampler.join()
        assert process.poll() is None, "the server must still run"
        assert "Traceback" not in "".join(process.output)
        folders = list(Path(tempfile.gettempdir()).glob(f"via-reports-serve-{process.pid}-*"))
        assert len(folders) == 1 and any(folders[0].iterdir())
    assert not folders[0].exists(), "the job folders go when the server stops"

    assert all(r["state"]["status"] == "done" for r in results), [r["state"] for r in results]
    for r in results:
        assert [f["name"] for f in r["state"]["files"]] == [f"{r['name']}.html", f"{r['name']}.docx"]
    refused = sum(s == 503 for r in results for s in r["statuses"])
    assert refused > 0, "24 builds at once on 2 workers with a queue of 4: some are told to wait"
    assert 0 < peak[0] < MEMORY_BOUND, f"peak memory {peak[0] / 2**20:.0f} MB"
    print(f"\n24 builds: {refused} times 503, peak memory {peak[0] / 2**20:.0f} MB")


def test_on_another_address_it_asks_the_password(tmp_path) -> None:
    env = {"VIA_REPORTS_WACHTWOORD": "team-wachtwoord"}
    with live_server("--host", "0.0.0.0", env=env) as (address, _):
        assert address.startswith("http://127.0.0.1:")  # the address printed works on this computer
        reply = httpx.get(address)
        assert reply.status_code == 401 and "wachtwoord" in reply.json()["message"]
        assert httpx.get(address, auth=("beleid", "team-wachtwoord")).status_code == 200
        bearer = {"Authorization": "Bearer team-wachtwoord"}
        assert httpx.get(address + "api/builds/x", headers=bearer).status_code == 404


def test_behind_a_proxy_every_address_carries_the_root_path(tmp_path) -> None:
    with live_server("--root-path", "/via-reports/") as (address, _):
        page = httpx.get(address)  # as the proxy passes it on, the prefix taken off
        assert 'action="/via-reports/controle"' in page.text and 'src="/via-reports/static/app.js"' in page.text
        book = workbook(tmp_path, "via-beleid.xlsx").read_bytes()
        reply = httpx.post(address + "api/builds", files={"werkmap": ("w.xlsx", book)}, data={"formaat": "html"})
        assert reply.json()["url"].startswith("/via-reports/api/builds/")
        assert httpx.get(address + "api/builds/onbekend").json()["message"]


def test_open_opens_the_browser_at_the_address(tmp_path) -> None:
    seen = tmp_path / "geopend.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys, pathlib\npathlib.Path({str(seen)!r}).write_text(sys.argv[1])\n")
    with live_server("--open", env={"BROWSER": f"{sys.executable} {script} %s"}) as (address, _):
        for _ in range(300):
            if seen.exists() and seen.read_text():
                break
            time.sleep(0.1)
        assert seen.read_text() == address


def test_a_too_large_upload_is_413_and_the_server_goes_on(tmp_path) -> None:
    head = b'--grens\r\nContent-Disposition: form-data; name="werkmap"; filename="groot.xlsx"\r\n\r\n'

    def streamed():  # no Content-Length: stopped while it streams
        yield head
        for _ in range(100):
            yield b"y" * 65536

    with live_server("--max-upload", "1") as (address, process):
        big = httpx.post(address + "api/validate", files={"werkmap": ("groot.xlsx", b"x" * (8 * 2**20))}, timeout=60)
        assert big.status_code == 413 and "1 MB" in big.json()["message"]
        multipart = {"content-type": "multipart/form-data; boundary=grens"}
        chunked = httpx.post(address + "api/validate", content=streamed(), headers=multipart, timeout=60)
        assert chunked.status_code == 413
        book = workbook(tmp_path, "via-beleid.xlsx").read_bytes()
        assert httpx.post(address + "api/validate", files={"werkmap": ("w.xlsx", book)}).json()["ok"] is True
        assert process.poll() is None
