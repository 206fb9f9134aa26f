"""The page of `via-reports serve` under the ASGI test client (the browser tests walk
it in Chromium): grouping by sheet, the preview's own CSP, the house style of the
server's theme, and what is left of a killed server."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import BELEID_HEADER, policy
from tests.serve_support import serving, upload, wait, workbook
from via_reports.serve import ServeConfig
from via_reports.serve.jobs import PREFIX

KADERS = [("Categorie", "Naam", "Link"), ("Nederlandse wetgeving", None, None)]  # B2: Naam is empty


def test_the_check_is_grouped_by_sheet(tmp_path) -> None:
    sheets = {"Beleid": [BELEID_HEADER, policy(level="Landelyk", title="Veilig thuis")], "Wettelijke kaders": KADERS}
    book = workbook(tmp_path, "twee-bladen.xlsx", sheets=sheets)
    with serving(tmp_path) as client:
        page = client.post("/controle", files=upload(book)).text
    headings = re.findall(r"<h3>(.*?)</h3>", page)
    assert headings == ["Werkblad Beleid", "Werkblad Wettelijke kaders"]
    beleid, kaders = page.split("<h3>")[1:]
    assert "Beleid!A2" in beleid and "Veilig thuis" in beleid and "Wettelijke kaders!B2" in kaders
    assert 'id="voorbeeld"' not in page and 'id="maak"' not in page


def test_the_preview_has_a_sandbox_of_its_own(tmp_path) -> None:
    with serving(tmp_path) as client:
        page = client.post("/controle", files=upload(workbook(tmp_path, "via-beleid.xlsx"))).text
        (src,) = re.findall(r'<iframe src="([^"]+)" title="[^"]+" sandbox="">', page)
        preview = client.get(src)
        assert preview.status_code == 200 and "<h1" in preview.text
        csp = preview.headers["content-security-policy"]
        assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
        assert preview.headers["x-frame-options"] == "SAMEORIGIN"
        assert client.get("/").headers["x-frame-options"] == "DENY"
        assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_the_page_and_the_documents_follow_the_servers_theme(tmp_path) -> None:
    theme = tmp_path / "huisstijl"
    theme.mkdir()
    (theme / "via-reports.toml").write_text('[huisstijl]\nhoofdkleur = "#6A1B4D"\n', encoding="utf-8")
    with serving(tmp_path, theme_dir=theme) as client:
        assert "--hoofdkleur: #6A1B4D" in client.get("/huisstijl.css").text
        reply = client.post("/api/builds", files=upload(workbook(tmp_path, "w.xlsx")), data={"formaat": "html"})
        state = wait(client, reply.json()["url"])
        assert "pages" in state and state["status"] == "done"
        assert "6a1b4d" in client.get(state["files"][0]["url"]).text.lower()


def test_a_followed_workbook_brings_the_theme_beside_it(tmp_path) -> None:
    (tmp_path / "via-reports.toml").write_text('[huisstijl]\nhoofdkleur = "#3B4A0F"\n', encoding="utf-8")
    with serving(tmp_path, workbook=workbook(tmp_path, "via-beleid.xlsx")) as client:
        assert "--hoofdkleur: #3B4A0F" in client.get("/huisstijl.css").text


def test_the_folders_of_a_killed_server_go_at_the_next_start(tmp_path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{PREFIX}{dead.stdout.strip()}-abc"
    (stale / "job").mkdir(parents=True)
    alive = tmp_path / f"{PREFIX}{os.getpid()}-def"  # a server still running keeps its own
    alive.mkdir()
    with serving(tmp_path):
        assert not stale.exists() and alive.exists()


def test_workers_default_to_the_cores_at_most_four() -> None:
    assert ServeConfig().worker_count == max(1, min(4, os.cpu_count() or 1))
    assert ServeConfig(workers=7).worker_count == 7


def test_a_broken_theme_stops_the_server_before_it_listens(tmp_path) -> None:
    from click.testing import CliRunner

    from via_reports.cli import main

    theme = tmp_path / "thema"
    theme.mkdir()
    (theme / "via-reports.toml").write_text('[huisstijl]\nhoofdkleur = "paars"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--theme", str(theme), "--port", "0"])
    assert result.exit_code == 1 and "via-reports.toml:2: fout" in result.output and "geen kleur" in result.output


def test_a_port_in_use_is_a_sentence(tmp_path) -> None:
    import socket

    from click.testing import CliRunner

    from via_reports.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and f"poort {port}" in result.output and "--port" in result.output


def test_every_sentence_of_the_server_is_used_and_has_both_languages() -> None:
    import string
    from pathlib import Path

    from via_reports.messages import CATALOGUE

    package = Path(__file__).resolve().parent.parent / "via_reports"
    code = "\n".join(p.read_text(encoding="utf-8") for p in [*package.glob("serve/*.py"), package / "cli.py"])
    for key, (nl, en) in CATALOGUE.items():
        if not key.startswith("serve_"):
            continue
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (nl, en)]
        assert fields[0] == fields[1], key
        assert f'"{key}"' in code, f"{key} is never said"
