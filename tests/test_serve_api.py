"""The API of `via-reports serve` under the ASGI test client: every field, status,
limit, traversal attempt and the password."""

from __future__ import annotations

import base64
import io
import os
import signal
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from tests.serve_support import GOOD, SIX_CELLS, SIX_ERRORS, serving, upload, wait, workbook
from via_reports import build as build_module
from via_reports.cli import main
from via_reports.reader.workbook import read_workbook


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("werkmappen")
    text = folder / "notities.xlsx"
    text.write_text("Niveau;Titel\nLokaal;iets\n", encoding="utf-8")
    return {
        "good": workbook(folder, "via-beleid.xlsx"),
        "broken": workbook(folder, "kapot.xlsx", SIX_ERRORS),
        "older": workbook(folder, "editie-2024.xlsx", GOOD[:2]),
        "text": text,
    }


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("server")) as client:
        yield client


@pytest.fixture(scope="module")
def built(client, files) -> dict:
    """One finished build of docx and html, shared by the download tests."""
    reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": ["docx", "html"]})
    assert reply.status_code == 202
    return {"reply": reply.json(), "state": wait(client, reply.json()["url"])}


# --- /api/validate


def test_validate_a_good_workbook_says_what_validate_says(client, files) -> None:
    reply = client.post("/api/validate", files=upload(files["good"]))
    assert reply.status_code == 200
    data = reply.json()
    assert data == {"ok": True, "samenvatting": data["samenvatting"], "diagnostics": []}
    printed = CliRunner().invoke(main, ["validate", str(files["good"])]).output.splitlines()
    assert data["samenvatting"] == printed[-1]


def test_validate_names_every_error_with_its_cell_title_and_sentence(client, files) -> None:
    data = client.post("/api/validate", files=upload(files["broken"])).json()
    assert data["ok"] is False
    assert [d["cell"] for d in data["diagnostics"]] == SIX_CELLS
    assert {d["severity"] for d in data["diagnostics"]} == {"fout"}
    expected = {str(d.location): d for d in read_workbook(files["broken"]).diagnostics}
    for d in data["diagnostics"]:
        assert set(d) >= {"severity", "cell", "code", "message"}
        assert d["code"] == expected[d["cell"]].code
        assert d["message"] == expected[d["cell"]].message()
    titles = {d["cell"]: d["title"] for d in data["diagnostics"]}
    assert titles["Beleid!A2"] == "Aanpak huiselijk geweld" and titles["Beleid!C4"] is None
    assert data["samenvatting"].startswith("6 fout(en), 0 waarschuwing(en): herstel de fouten")


def test_validate_a_file_that_is_no_workbook(client, files) -> None:
    data = client.post("/api/validate", files=upload(files["text"])).json()
    assert data["ok"] is False
    (problem,) = data["diagnostics"]
    assert problem["code"] == "file_text" and problem["cell"] is None and "tekstbestand" in problem["message"]


def test_validate_without_a_workbook_field_is_400(client) -> None:
    reply = client.post("/api/validate", data={"iets": "anders"})
    assert reply.status_code == 400 and "werkmap" in reply.json()["message"]
    reply = client.post("/api/validate", content=b"geen formulier", headers={"content-type": "text/plain"})
    assert reply.status_code == 400


# --- /api/builds


def test_a_build_is_accepted_and_ends_done_with_its_files(client, built) -> None:
    reply, state = built["reply"], built["state"]
    assert set(reply) == {"id", "status", "url"} and reply["status"] == "queued"
    assert reply["url"] == f"/api/builds/{reply['id']}" and len(reply["id"]) >= 22
    assert state["status"] == "done" and state["id"] == reply["id"] and state["stage"]
    assert [f["name"] for f in state["files"]] == ["via-beleid.docx", "via-beleid.html"]
    for f in state["files"]:
        assert f["url"] == f"{reply['url']}/files/{f['name']}"
        download = client.get(f["url"])
        assert download.status_code == 200 and len(download.content) == f["bytes"]
        assert download.headers["content-disposition"].startswith("attachment")
    docx = client.get(state["files"][0]["url"])
    assert docx.headers["content-type"] == build_module_media("docx")
    word = WordDocument(io.BytesIO(docx.content))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Geweld hoort nergens thuis" in cells
    html = client.get(state["files"][1]["url"])
    assert html.headers["content-type"].startswith("text/html")
    assert "sandbox" in html.headers["content-security-policy"]


def build_module_media(suffix: str) -> str:
    from via_reports.serve.api import MEDIA_TYPES

    return MEDIA_TYPES[suffix]


def test_the_zip_holds_every_file(client, built) -> None:
    state = built["state"]
    reply = client.get(state["zip"])
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/zip"
    assert 'filename="via-beleid.zip"' in reply.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(reply.content)).namelist()
    assert names == [f["name"] for f in state["files"]]


@pytest.mark.parametrize(
    "name",
    ["via-beleid.pdf", "%2E%2E", "..%2Fwerkmap%2Fvia-beleid.xlsx", "..%2F..%2Fvoortgang.json", "%2Fetc%2Fpasswd"],
)
def test_downloads_cannot_leave_the_job(client, built, name) -> None:
    reply = client.get(f"{built['reply']['url']}/files/{name}")
    assert reply.status_code == 404 and reply.json()["message"]


def test_unknown_builds_are_404(client) -> None:
    for path in ("/api/builds/onbekend", "/api/builds/onbekend/files/x.docx", "/api/builds/onbekend/zip"):
        reply = client.get(path)
        assert reply.status_code == 404 and "bestaat niet" in reply.json()["message"]


def test_an_uploaded_name_never_becomes_a_path(client, files, tmp_path) -> None:
    reply = client.post(
        "/api/builds", files=upload(files["good"], name="../../../buiten/Beleid 2025.xlsx"), data={"formaat": "html"}
    )
    state = wait(client, reply.json()["url"])
    assert [f["name"] for f in state["files"]] == ["Beleid-2025.html"]
    jobs = client.app.state.server.jobs
    folder = jobs.builds[state["id"]].folder
    assert folder.parent == jobs.root and folder.name == state["id"]
    assert not (jobs.root.parent / "buiten").exists()


def test_a_workbook_with_errors_fails_with_its_located_diagnostics(client, files) -> None:
    reply = client.post("/api/builds", files=upload(files["broken"]), data={"formaat": "docx"})
    state = wait(client, reply.json()["url"])
    assert state["status"] == "failed" and state["files"] == [] and state["zip"] is None
    assert [d["cell"] for d in state["diagnostics"]] == SIX_CELLS


def test_profile_selection_and_previous_edition(client, files) -> None:
    data = {"formaat": "html", "profiel": "bijlage", "bijlage": "Bijlage 3", "niveau": "Lokaal", "thema": "jeugd"}
    reply = client.post("/api/builds", files={**upload(files["good"]), **upload(files["older"], "vorige")}, data=data)
    state = wait(client, reply.json()["url"])
    assert state["status"] == "done", state
    (file,) = state["files"]
    assert file["name"] == "via-beleid-bijlage-lokaal-jeugd.html"
    html = client.get(file["url"]).text
    assert "Bijlage 3" in html and "Lokale aanpak" in html and "Regiovisie" not in html
    assert "Wijzigingen ten opzichte van" in html


def test_a_selection_that_leaves_nothing_fails_with_a_sentence(client, files) -> None:
    reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html", "thema": "sport"})
    state = wait(client, reply.json()["url"])
    assert state["status"] == "failed"
    (problem,) = state["diagnostics"]
    assert problem["code"] == "selection_empty" and "jeugd" in problem["message"]


@pytest.mark.parametrize(("field", "value"), [("formaat", "odt"), ("profiel", "poster"), ("niveau", "Provinciaal")])
def test_unknown_field_values_are_400(client, files, field, value) -> None:
    reply = client.post("/api/builds", files=upload(files["good"]), data={field: value})
    assert reply.status_code == 400 and value.lower() in reply.json()["message"].lower()


def test_builds_need_a_workbook(client) -> None:
    reply = client.post("/api/builds", data={"formaat": "docx"})
    assert reply.status_code == 400


# --- limits


def test_uploads_over_the_limit_are_413_and_the_server_goes_on(tmp_path, files) -> None:
    big = b"x" * (2 * 1024 * 1024)
    with serving(tmp_path, max_upload_mb=1) as client:
        reply = client.post("/api/validate", files={"werkmap": ("groot.xlsx", big)})
        assert reply.status_code == 413 and "1 MB" in reply.json()["message"]

        def chunks():  # no Content-Length: counted while it streams
            yield b'--grens\r\nContent-Disposition: form-data; name="werkmap"; filename="g.xlsx"\r\n\r\n'
            for _ in range(40):
                yield b"y" * 65536

        reply = client.post(
            "/api/validate", content=chunks(), headers={"content-type": "multipart/form-data; boundary=grens"}
        )
        assert reply.status_code == 413
        reply = client.post("/api/validate", content=b"--x\r\nkapot", headers={"content-type": "multipart/form-data"})
        assert reply.status_code == 400 and "formulier" in reply.json()["message"]
        reply = client.post("/controle", files={"werkmap": ("groot.xlsx", big)})
        assert reply.status_code == 413 and 'lang="nl"' in reply.text
        assert client.post("/api/validate", files=upload(files["good"])).json()["ok"] is True


def test_a_full_queue_answers_503_and_no_accepted_build_is_lost(tmp_path, files) -> None:
    with serving(tmp_path, workers=1, queue_limit=2) as client:
        accepted, refused = [], []
        for _ in range(6):
            reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"})
            (accepted if reply.status_code == 202 else refused).append(reply)
        assert refused, "six builds at once on one worker with a queue of two: some must be refused"
        for reply in refused:
            assert reply.status_code == 503
            assert int(reply.headers["retry-after"]) >= 1
            assert "druk" in reply.json()["message"]
        assert all(wait(client, r.json()["url"])["status"] == "done" for r in accepted)


def _die(*args, **kwargs):
    os._exit(9)  # a worker that crashes in the middle of a build


def test_a_worker_that_dies_fails_its_job_and_the_server_goes_on(tmp_path, files, monkeypatch) -> None:
    monkeypatch.setitem(build_module.WRITERS, "html", _die)  # forked workers inherit it
    with serving(tmp_path, workers=1) as client:
        reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"})
        state = wait(client, reply.json()["url"])
        assert state["status"] == "failed" and state["files"] == []
        assert state["diagnostics"][0]["code"] == "serve_worker_died"
        assert "werkproces" in state["diagnostics"][0]["message"]
        reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "docx"})
        assert wait(client, reply.json()["url"])["status"] == "done"


def _hang(*args, **kwargs):
    time.sleep(60)  # a build that takes long, to be killed from outside


def test_a_worker_killed_from_outside_fails_its_job_only(tmp_path, files, monkeypatch) -> None:
    monkeypatch.setitem(build_module.WRITERS, "html", _hang)
    with serving(tmp_path, workers=2) as client:
        slow = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"}).json()["url"]
        build = client.app.state.server.jobs.builds[slow.rsplit("/", 1)[1]]
        for _ in range(600):
            if build.progress()[2]:
                break
            time.sleep(0.05)
        other = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "docx"}).json()["url"]
        os.kill(build.progress()[2], signal.SIGKILL)
        state = wait(client, slow)
        assert state["status"] == "failed" and state["diagnostics"][0]["code"] == "serve_worker_died"
        assert wait(client, other)["status"] == "done"


# --- what is kept, and for how long


def test_job_folders_go_after_bewaar_and_at_shutdown(tmp_path, files) -> None:
    with serving(tmp_path, keep_minutes=1) as client:
        jobs = client.app.state.server.jobs
        reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"})
        state = wait(client, reply.json()["url"])
        folder = jobs.builds[state["id"]].folder
        assert folder.is_dir()
        jobs.sweep(now=jobs.builds[state["id"]].finished + 30)
        assert folder.is_dir()
        jobs.sweep(now=jobs.builds[state["id"]].finished + 61)
        assert not folder.exists() and client.get(reply.json()["url"]).status_code == 404
        root = jobs.root
    assert not root.exists()


# --- safety


def test_without_the_password_401(tmp_path, files) -> None:
    with serving(tmp_path, host="0.0.0.0", password="geheim wachtwoord") as client:
        for path in ("/", "/api/werkmap", "/static/app.js"):
            reply = client.get(path)
            assert reply.status_code == 401 and reply.headers["www-authenticate"].startswith("Basic")
        assert client.post("/api/validate", files=upload(files["good"])).status_code == 401
        wrong = base64.b64encode(b"ik:geheim").decode()
        assert client.get("/", headers={"Authorization": f"Basic {wrong}"}).status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer geheim"}).status_code == 401
        right = base64.b64encode(b"wie dan ook:geheim wachtwoord").decode()
        assert client.get("/", headers={"Authorization": f"Basic {right}"}).status_code == 200
        bearer = {"Authorization": "Bearer geheim wachtwoord"}
        assert client.post("/api/validate", files=upload(files["good"]), headers=bearer).json()["ok"] is True


def test_another_address_than_loopback_needs_a_password(monkeypatch) -> None:
    monkeypatch.delenv("VIA_REPORTS_WACHTWOORD", raising=False)
    for host in ("0.0.0.0", "192.168.1.10", "server.gemeente.nl"):
        result = CliRunner().invoke(main, ["serve", "--host", host])
        assert result.exit_code == 2 and "wachtwoord" in result.output and host in result.output


def test_security_headers(client) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/builds/x").headers["x-content-type-options"] == "nosniff"


def test_forms_from_other_sites_and_other_host_names_are_refused(client, files) -> None:
    reply = client.post("/api/validate", files=upload(files["good"]), headers={"Origin": "https://elders.example"})
    assert reply.status_code == 403
    for site in ("cross-site", "same-site"):
        reply = client.post("/api/validate", files=upload(files["good"]), headers={"Sec-Fetch-Site": site})
        assert reply.status_code == 403
    assert client.get("/", headers={"Host": "rebind.example:8000"}).status_code == 421
    same = client.post("/api/validate", files=upload(files["good"]), headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 200


def test_root_path_is_in_every_address(tmp_path, files) -> None:
    with serving(tmp_path, root_path="/via") as client:
        reply = client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"})
        assert reply.json()["url"].startswith("/via/api/builds/")
        page = client.get("/")
        assert 'action="/via/controle"' in page.text and 'href="/via/static/app.css"' in page.text


def test_werkmap_without_a_followed_workbook_is_404(client) -> None:
    assert client.get("/api/werkmap").status_code == 404


def test_a_broken_previous_edition_is_named_with_its_cells(client, files) -> None:
    both = {**upload(files["good"]), **upload(files["broken"], "vorige")}
    state = wait(client, client.post("/api/builds", files=both, data={"formaat": "html"}).json()["url"])
    assert state["status"] == "failed" and state["workbook"] == "via-beleid.xlsx"
    assert [d["cell"] for d in state["diagnostics"]] == SIX_CELLS
    assert {d["file"] for d in state["diagnostics"]} == {"kapot.xlsx"}


def test_only_so_many_finished_jobs_are_kept(tmp_path, files, monkeypatch) -> None:
    from via_reports.serve import jobs

    monkeypatch.setattr(jobs, "MAX_KEPT", 2)
    with serving(tmp_path) as client:
        urls = []
        for _ in range(3):
            urls.append(client.post("/api/builds", files=upload(files["good"]), data={"formaat": "html"}).json()["url"])
            wait(client, urls[-1])
        assert client.get(urls[0]).status_code == 404
        assert [client.get(u).status_code for u in urls[1:]] == [200, 200]
        assert len(list(client.app.state.server.jobs.root.iterdir())) == 2
