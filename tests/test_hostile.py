"""Whatever a cell holds, no output reads a local file, carries an attachment or a
refused link, or runs a script; the cell's ordinary text stays."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import policy
from tests.pdf_structure import Pdf
from via_reports.build import build

HOSTILE = (
    '<p>Gewone tekst een.<img src="file:///etc/hostname"></p>'
    '<link rel="attachment" href="file:///etc/passwd">'
    '<p><a href="javascript:alert(1)">klik hier</a> en <a href="file:///etc/passwd">wachtwoorden</a></p>'
    "<script>document.write('script-tekst')</script><style>p { color: red }</style>"
    '<p>{{ 7*7 }} {% raw %} <iframe src="https://evil.example/"></iframe>Gewone tekst twee.</p>'
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    from tests.conftest import BELEID_HEADER, write_xlsx

    folder = tmp_path_factory.mktemp("hostile")
    workbook = write_xlsx(
        folder / "vijandig.xlsx",
        {
            "Beleid": [
                BELEID_HEADER,
                policy(text=HOSTILE, sources="Bron | javascript:alert(2)\nfile:///etc/passwd\n\\\\server\\share"),
            ],
            "Wettelijke kaders": [("Categorie", "Naam", "Link"), ("Wetten", "Jeugdwet", "file:///etc/passwd")],
        },
        hyperlinks={"Beleid!C2": "javascript:alert(3)"},
    )
    result = build(workbook, folder / "uit", ["docx", "pdf", "html"])
    return {path.suffix[1:]: path for path in result.outputs}


def _secrets() -> list[str]:
    secrets = []
    for name in ("/etc/hostname", "/etc/passwd"):
        try:
            lines = Path(name).read_text(encoding="utf-8").split("\n")
        except OSError:
            continue
        secrets += [line for line in lines if len(line) > 6]
    return secrets


def _all_text(outputs: dict[str, Path]) -> dict[str, str]:
    texts = {"html": outputs["html"].read_text(encoding="utf-8")}
    with zipfile.ZipFile(outputs["docx"]) as z:
        texts["docx"] = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    pdf = Pdf(outputs["pdf"])
    texts["pdf"] = pdf.text + "\n".join(pdf.uri_links())
    return texts


def test_no_file_contents_in_any_output(outputs) -> None:
    for fmt, text in _all_text(outputs).items():
        for secret in _secrets():
            assert secret not in text, (fmt, secret)


def test_no_refused_link_in_any_output(outputs) -> None:
    texts = _all_text(outputs)
    assert 'href="javascript' not in texts["html"] and 'href="file' not in texts["html"]
    assert "evil.example" not in texts["html"]
    assert not any(u.startswith(("javascript", "file")) for u in Pdf(outputs["pdf"]).uri_links())
    with zipfile.ZipFile(outputs["docx"]) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in rels and "file:" not in rels and "server" not in rels


def test_no_attachment_script_or_image(outputs) -> None:
    pdf = Pdf(outputs["pdf"])
    names = pdf.root.get("/Names", {})
    assert "/EmbeddedFiles" not in names and "/JavaScript" not in names
    assert "/AF" not in pdf.root
    assert not pdf.reader.attachments
    html = outputs["html"].read_text(encoding="utf-8")
    for tag in ("<img", "<link", "<script", "<iframe"):
        assert tag not in html.split("</style>", 1)[1], tag
    assert "script-tekst" not in html and "script-tekst" not in pdf.text


def test_the_ordinary_text_is_kept(outputs) -> None:
    for fmt, text in _all_text(outputs).items():
        for words in ("Gewone tekst een.", "klik hier", "wachtwoorden", "Gewone tekst twee."):
            assert words in text, (fmt, words)
    assert "{{ 7*7 }}" in outputs["html"].read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in Pdf(outputs["pdf"]).text
