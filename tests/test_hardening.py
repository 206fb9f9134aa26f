"""Hostile and broken workbooks: refused quickly with a sentence, or built safely;
outputs that survive a killed build; the same input giving the same bytes."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from tests.conftest import BELEID_HEADER, ROOT, policy, write_xlsx
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from via_reports.build import build
from via_reports.cli import main
from via_reports.reader.workbook import read_workbook

PYTHON = sys.executable


def _rewrite(path: Path, changes: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    """Copy an .xlsx with some parts replaced (None: removed) or added."""
    buffer = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = changes.get(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return path


def _validate_in_child(path: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `via-reports validate` in its own process: (result, seconds, peak memory in MB)."""
    # the peak of this process's own memory (VmHWM): ru_maxrss would count the forked pytest process
    code = (
        "import re, resource, sys\n"
        "from via_reports.cli import main\n"
        "def peak():\n"
        "    try:\n"
        "        with open('/proc/self/status') as status:\n"
        "            return int(re.search(r'VmHWM:\\s*(\\d+)', status.read()).group(1)) // 1024\n"
        "    except (OSError, AttributeError):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "try:\n    main(['validate', sys.argv[1]])\n"
        "finally:\n    print('PEAK', peak(), file=sys.stderr)\n"
    )
    start = time.monotonic()
    result = subprocess.run([PYTHON, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - start
    peak = int(re.search(r"PEAK (\d+)", result.stderr).group(1))
    return result, seconds, peak


# --- bombs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """A 2 MB .xlsx whose sheet inflates to 2 GB of zeros."""
    path = tmp_path_factory.mktemp("bomb") / "bom.xlsx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(2048):
                sheet.write(chunk)
    assert path.stat().st_size < 3 * 1024 * 1024
    return path


def test_a_decompression_bomb_is_refused_quickly_and_lightly(zip_bomb: Path) -> None:
    result, seconds, peak = _validate_in_child(zip_bomb)
    assert result.returncode == 1
    assert "bom.xlsx: fout: dit bestand wordt uitgepakt veel groter" in result.stdout
    assert "Traceback" not in result.stderr
    assert seconds < 10 and peak < 1024


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def _with_doctype(path: Path, doctype: str, padding: int = 0) -> Path:
    """The workbook's sheet with a DOCTYPE after its XML declaration and `&lol9;` in a cell."""
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    if not sheet.startswith("<?xml"):
        sheet = '<?xml version="1.0" encoding="UTF-8"?>' + sheet
    declaration, rest = sheet.split("?>", 1)
    sheet = declaration + "?>" + " " * padding + doctype + rest.replace(">Titel<", ">&lol9;<", 1)
    return _rewrite(path, {"xl/worksheets/sheet1.xml": sheet.encode()})


@pytest.mark.parametrize("padding", [0, 70_000], ids=["plain", "after-a-long-prolog"])
def test_an_entity_bomb_is_refused(make_workbook, padding: int) -> None:
    path = _with_doctype(make_workbook(), LAUGHS, padding)
    result, seconds, peak = _validate_in_child(path)
    assert result.returncode == 1
    assert "fout:" in result.stdout and "Traceback" not in result.stderr
    assert seconds < 10 and peak < 1024


def test_an_external_entity_is_refused(make_workbook) -> None:
    path = _with_doctype(make_workbook(), '<!DOCTYPE worksheet [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>')
    result = read_workbook(path)
    assert [d.code for d in result.errors] == ["file_doctype"]


def test_a_sheet_beyond_the_size_limit(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Beleid"
    ws.append(BELEID_HEADER)
    ws.cell(row=60_000, column=1, value="Lokaal")
    book.save(tmp_path / "groot.xlsx")
    result = read_workbook(tmp_path / "groot.xlsx")
    assert [(str(d.location), d.code) for d in result.errors] == [("Beleid", "sheet_too_big")]


# --- macros and formulas ---------------------------------------------------------------


def test_a_workbook_with_macros_loads_without_running_them(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(name="met-macros.xlsm")
    _rewrite(path, {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name = Module1 Shell(calc)"})
    result = read_workbook(path)
    assert result.ok
    assert [d.code for d in result.warnings] == ["file_macros"]


def test_a_formula_without_a_saved_value_is_an_error_at_its_cell(make_workbook) -> None:
    path = make_workbook(policies=[policy(title='="Stop " & "femicide"')])
    result = read_workbook(path)
    assert [(str(d.location), d.code) for d in result.errors] == [("Beleid!C2", "formula_no_value")]
    assert "sla hem op" in result.errors[0].message()


def test_a_formula_with_a_saved_value_uses_that_value(make_workbook) -> None:
    path = make_workbook(policies=[policy(title='="Stop " & "femicide"')])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(r'<c r="C2"[^>]*>.*?</c>', sheet).group(0)
    saved = '<c r="C2" t="str"><f>"Stop " &amp; "femicide"</f><v>Stop femicide</v></c>'
    _rewrite(path, {"xl/worksheets/sheet1.xml": sheet.replace(cell, saved).encode()})
    result = read_workbook(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.document.policies[0].title == "Stop femicide"


# --- hostile cells that build safely ------------------------------------------------------

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "\\\\server\\share\\geheim.docx",
    "https:/\\evil.example",
    "https:0",
    "//evil.example/x",
    "https://user:pw@evil.example/",
]

UNICODE = (
    "Emoji 👩‍👧‍👦 en 🇳🇱; rechts-naar-links: שלום עולם and مرحبا; combinerend: e\u0301\u0301 Z\u0335\u0322; "
    "harde\u00a0spatie, nul\u200bbreedte, \u2060woordverbinder, \u0132sselmeer en \u0133s, "
    "BOM\ufeff, tab\tteken."
)
LONG = ("Lange tekst. " * 2462)[:32_000]


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory) -> tuple[dict[str, Path], object]:
    folder = tmp_path_factory.mktemp("vijandig")
    links = "".join(f'<p><a href="{href}">link {n}</a></p>' for n, href in enumerate(REFUSED))
    rows = [
        BELEID_HEADER,
        policy(
            "Landelijk", 1, "Links", text=links, sources="\n".join(f"Bron {n} | {h}" for n, h in enumerate(REFUSED))
        ),
        policy("Landelijk", 2, "Unicode " + UNICODE[:20], text=UNICODE),
        policy("Lokaal", 1, "Lang", text=LONG),
        policy("Lokaal", 2, "{{ 7*7 }} {% if x %}", text="{{ config }} {# commentaar #} ${7*7} <%= 7*7 %>"),
    ]
    path = write_xlsx(folder / "vijandig.xlsx", {"Beleid": rows})
    result = build(path, folder / "uit", ["docx", "pdf", "html"])
    return {p.suffix[1:]: p for p in result.outputs}, result


def test_every_refused_link_form_is_text_and_a_located_warning(hostile_outputs) -> None:
    outputs, result = hostile_outputs
    refused = [d for d in result.diagnostics if d.code == "link_refused"]
    assert {str(d.location) for d in refused} == {"Beleid!E2", "Beleid!F2"}
    html = outputs["html"].read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#][^"]*)"', html)
    assert all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs), hrefs
    assert not any("evil" in h or "user:pw" in h for h in hrefs)
    assert all(u.startswith("https://") for u in Pdf(outputs["pdf"]).uri_links())
    assert all(v.startswith("https://") for v in Docx(outputs["docx"]).external_links().values())
    for n in range(len(REFUSED)):
        assert f"link {n}" in html and f"Bron {n}" in html


def test_awkward_unicode_survives_exactly(hostile_outputs) -> None:
    outputs, _ = hostile_outputs
    html = outputs["html"].read_text(encoding="utf-8")
    texts = Docx(outputs["docx"]).table_paragraph_texts()
    for piece in (
        "👩‍👧‍👦",
        "שלום עולם",
        "مرحبا",
        "e\u0301\u0301",
        "harde\u00a0spatie",
        "nul\u200bbreedte",
        "\u0132sselmeer",
    ):
        assert piece in html
        assert any(piece in t for t in texts)
    pdf = Pdf(outputs["pdf"]).text
    flat = pdf.replace("\u00a0", " ")
    for piece in ("\u0132sselmeer", "שלום", "مرحبا", "e\u0301\u0301", "harde spatie"):
        assert piece in flat or piece[::-1] in flat, piece  # right-to-left text comes out in visual order
    assert "\ufffd\u200d\ufffd" in pdf or "\ufffd" in pdf  # emoji no font has: shown as U+FFFD, text still there


def test_characters_the_pdf_cannot_show_are_located_warnings(hostile_outputs) -> None:
    _, result = hostile_outputs
    missing = {d.params["char"]: str(d.location) for d in result.diagnostics if d.code == "pdf_missing_glyph"}
    assert missing == {"👩": "Beleid!3:3", "👧": "Beleid!3:3", "👦": "Beleid!3:3", "🇳": "Beleid!3:3", "🇱": "Beleid!3:3"}


def test_a_32000_character_cell_is_kept_whole(hostile_outputs) -> None:
    outputs, _ = hostile_outputs
    texts = Docx(outputs["docx"]).table_paragraph_texts()
    assert LONG.strip() in texts
    pdf = " ".join(Pdf(outputs["pdf"]).text.split())  # the row runs over pages: headers stand in between
    assert pdf.count("Lange tekst.") == LONG.count("Lange tekst.")


def test_template_syntax_in_cells_stays_literal(hostile_outputs) -> None:
    outputs, _ = hostile_outputs
    html = outputs["html"].read_text(encoding="utf-8")
    assert "{{ 7*7 }} {% if x %}" in html and "{{ config }} {# commentaar #} ${7*7} &lt;%= 7*7 %&gt;" in html
    # not evaluated anywhere in the page (the build time in the <meta> elements may hold a 49)
    assert "49" not in re.sub(r"<style>.*?</style>|<meta [^>]*>", "", html, flags=re.S)
    assert "{{ config }}" in Pdf(outputs["pdf"]).text


# --- outputs that survive --------------------------------------------------------------------


def test_a_refused_build_leaves_the_output_folder_unchanged(make_workbook, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    build(make_workbook(name="via.xlsx"), out, ["docx", "pdf", "html"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for bad in (make_workbook(policies=[policy(level="x")], name="via.xlsx"), tmp_path / "tekst.xlsx"):
        if not bad.exists():
            bad.write_text("geen werkmap", encoding="utf-8")
        result = CliRunner().invoke(main, ["build", str(bad), "-o", str(out), "-f", "docx,pdf,html"])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_killed_build_leaves_earlier_outputs_intact(tmp_path: Path) -> None:
    from benchmarks.synthetic import make_workbook

    out = tmp_path / "uit"
    small = make_workbook(tmp_path / "klein" / "overzicht.xlsx", 3)
    build(small, out, ["docx", "pdf"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = make_workbook(tmp_path / "groot" / "overzicht.xlsx", 300)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [PYTHON, "-m", "via_reports", "build", str(big), "-o", str(out), "-f", "docx,pdf"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob(".overzicht.pdf.*.tmp")) and not list(out.glob(".overzicht.docx.*.tmp")):
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    visible = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert visible == before
    assert Docx(out / "overzicht.docx").tables()  # still readable
    assert Pdf(out / "overzicht.pdf").reader.pages
    build(small, out, ["docx", "pdf"])  # the next build clears what the killed one left
    assert sorted(p.name for p in out.iterdir()) == ["overzicht.docx", "overzicht.pdf"]


def test_the_same_input_gives_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = build(ROOT / "source" / "via-beleid.xlsx", tmp_path / "een", ["docx", "pdf", "html"]).outputs
    time.sleep(1.1)  # a clock that moved on must not matter
    second = build(ROOT / "source" / "via-beleid.xlsx", tmp_path / "twee", ["docx", "pdf", "html"]).outputs
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first[0]) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2025, 1, 1)}


def test_the_source_workbook_is_never_written(tmp_path: Path) -> None:
    source = tmp_path / "bron.xlsx"
    source.write_bytes((ROOT / "source" / "via-beleid.xlsx").read_bytes())
    source.chmod(0o444)
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    build(source, tmp_path / "uit", ["docx", "pdf"])
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
