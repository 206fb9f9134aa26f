"""`serve` and a region's base workbook: the server's `--basis` composes every workbook
it reads; the followed workbook's own Basis cell counts (it is the server's file); an
uploaded workbook's Basis cell never makes the server read a file of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.serve_support import serving, upload, wait

SECRET = "Vertrouwelijk beleid dat alleen op de server staat"


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("regio")
    base = write_xlsx(
        folder / "regio.xlsx",
        {"Beleid": [BELEID_HEADER, policy("Regionaal", 1, "Regionaal koersplan", text="Samen in de regio.")]},
    )
    secret = write_xlsx(
        folder / "geheim.xlsx", {"Beleid": [BELEID_HEADER, policy("Lokaal", 1, SECRET, text="Niet voor iedereen.")]}
    )
    local = [BELEID_HEADER, policy("Lokaal", 1, "Eigen aanpak", text="Van de gemeente zelf.")]
    plain = write_xlsx(folder / "gemeente.xlsx", {"Beleid": local})
    names_secret = write_xlsx(
        folder / "aanval.xlsx", {"Beleid": local, "Document": [("Veld", "Waarde"), ("Basis", str(secret))]}
    )
    relative = write_xlsx(
        folder / "naam-relatief.xlsx", {"Beleid": local, "Document": [("Veld", "Waarde"), ("Basis", "geheim.xlsx")]}
    )
    return {"base": base, "plain": plain, "names_secret": names_secret, "relative": relative}


def _titles(client, path: Path) -> list[str]:
    reply = client.post("/api/builds", files=upload(path), data={"formaat": ["docx"]})
    assert reply.status_code == 202, reply.text
    state = wait(client, reply.json()["url"])
    assert state["status"] == "done", state
    docx = client.get(state["files"][0]["url"])
    target = path.parent / f"{path.stem}-gebouwd.docx"
    target.write_bytes(docx.content)
    return _texts(target)


def _texts(docx: Path) -> list[str]:
    """Every paragraph of the .docx, table cells included, in document order."""
    body = WordDocument(str(docx)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.iter(f"{w}p")]


@pytest.mark.parametrize("name", ["names_secret", "relative"])
def test_an_uploaded_basis_cell_reads_no_file_of_the_server(region, tmp_path: Path, name: str) -> None:
    with serving(tmp_path) as client:
        reply = client.post("/api/validate", files=upload(region[name]))
        data = reply.json()
        assert reply.status_code == 200 and data["ok"] is False
        assert [d["cell"] for d in data["diagnostics"] if d["severity"] == "fout"] == ["Document!B2"]
        assert "de server leest geen bestanden die een geüploade werkmap noemt" in data["diagnostics"][0]["message"]
        assert SECRET not in reply.text
        built = client.post("/api/builds", files=upload(region[name]), data={"formaat": ["html"]})
        state = wait(client, built.json()["url"])
        assert state["status"] == "failed" and state["files"] == []
        assert SECRET not in str(state)


def test_the_servers_basis_composes_every_upload(region, tmp_path: Path) -> None:
    with serving(tmp_path, basis=region["base"]) as client:
        data = client.post("/api/validate", files=upload(region["plain"])).json()
        assert data["ok"] is True, data
        titles = _titles(client, region["plain"])
        assert titles.index("Regionaal koersplan") < titles.index("Eigen aanpak")
        # the server's base wins over what an upload's cell names, and says so
        data = client.post("/api/validate", files=upload(region["names_secret"])).json()
        assert data["ok"] is True and SECRET not in str(data)
        assert [d["code"] for d in data["diagnostics"]] == ["basis_overridden"]


def test_the_followed_workbook_uses_the_base_its_cell_names(region, tmp_path: Path) -> None:
    followed = write_xlsx(
        region["base"].parent / "oss.xlsx",
        {
            "Beleid": [BELEID_HEADER, policy("Lokaal", 1, "Eigen aanpak", text="Van de gemeente zelf.")],
            "Document": [("Veld", "Waarde"), ("Basis", "regio.xlsx")],
        },
    )
    with serving(tmp_path, workbook=followed) as client:
        state = client.get("/api/werkmap").json()
        assert state["ok"] is True, state
        page = client.get("/").text
        assert "oss.xlsx" in page
        reply = client.post(
            "/maak", data={"upload": "werkmap", "formaat": ["docx"]}, headers={"accept": "application/json"}
        )
        assert reply.status_code == 202, reply.text
        done = wait(client, reply.json()["url"])
        assert done["status"] == "done", done
        target = tmp_path / "gevolgd.docx"
        target.write_bytes(client.get(done["files"][0]["url"]).content)
        titles = _texts(target)
        assert "Regionaal koersplan" in titles and "Eigen aanpak" in titles
