"""`via-reports build` and the build API: outputs named after the workbook, nothing
written when the workbook has errors, earlier outputs kept when a build fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, policy
from tests.docx_structure import Docx
from tests.tools import needs_soffice, soffice_convert
from via_reports.build import build
from via_reports.cli import main
from via_reports.diagnostics import OutputError, WorkbookError


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_build_writes_the_docx_named_after_the_workbook(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(
        policies=[policy("Lokaal", 1, "Blijft"), policy("Lokaal", 2, "Concept", include="nee")], name="beleid-2026.xlsx"
    )
    result = build(path, tmp_path / "uit", ["docx"])
    assert result.outputs == [tmp_path / "uit" / "beleid-2026.docx"]
    text = "\n".join(Docx(result.outputs[0]).table_paragraph_texts())
    assert "Blijft" in text and "Concept" not in text
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["beleid-2026.docx"]  # no temporary files


def test_errors_stop_the_build_before_anything_is_written(make_workbook, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    good = make_workbook(name="via.xlsx")
    build(good, out, ["docx"])
    before = (out / "via.docx").read_bytes()
    bad = make_workbook(policies=[policy(level="Landelyk")], name="via.xlsx")
    with pytest.raises(WorkbookError) as caught:
        build(bad, out, ["docx"])
    assert [str(d.location) for d in caught.value.diagnostics] == ["Beleid!A2"]
    assert (out / "via.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["via.docx"]


def test_an_output_that_cannot_be_replaced_is_a_clear_error(make_workbook, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    (out / "via.docx").mkdir(parents=True)  # something in the way that is not a file
    with pytest.raises(OutputError) as caught:
        build(make_workbook(name="via.xlsx"), out, ["docx"])
    assert "via.docx" in caught.value.message()
    assert sorted(p.name for p in out.iterdir()) == ["via.docx"]


def test_source_date_epoch_fixes_the_document_dates(make_workbook, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    result = build(make_workbook(), tmp_path, ["docx"])
    props = Docx(result.outputs[0]).doc.core_properties
    assert props.created.isoformat().startswith("2025-01-01T00:00:00")


def test_cli_build(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(name="overzicht.xlsx")
    result = run("build", str(path), "-o", str(tmp_path / "docs"), "-f", "docx")
    assert result.exit_code == 0, result.output
    assert f"Geschreven: {tmp_path / 'docs' / 'overzicht.docx'}" in result.output
    assert (tmp_path / "docs" / "overzicht.docx").exists()


def test_cli_build_with_errors_exits_1_and_writes_nothing(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(policies=[policy(title=None), policy(nr="x")])
    result = run("build", str(path), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 1
    assert "Beleid!C2" in result.output and "Beleid!B3" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "docs").exists()


def test_cli_build_formats_are_checked(make_workbook) -> None:
    result = run("build", str(make_workbook()), "-f", "odt")
    assert result.exit_code == 2
    assert "odt" in result.output


def test_cli_build_uses_the_workbook_in_source(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "source").mkdir()
    shutil.copy(ROOT / "source" / "via-beleid.xlsx", tmp_path / "source" / "mijn-overzicht.xlsx")
    monkeypatch.chdir(tmp_path)
    result = run("build", "-f", "docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "mijn-overzicht.docx").exists()


def test_cli_build_without_a_workbook_to_find(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 2
    assert "geef een werkmap op" in result.output


@pytest.fixture(scope="module")
def oss_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("oss")
    return build(ROOT / "source" / "via-beleid.xlsx", out, ["docx"]).outputs[0]


def test_the_oss_overview_in_word_holds_every_text_once_in_order(oss_docx: Path) -> None:
    from via_reports.model import inline_text, iter_paragraphs
    from via_reports.reader.workbook import read_workbook

    document = read_workbook(ROOT / "source" / "via-beleid.xlsx").document
    expected: list[str] = []
    for p in document.policies:
        expected += [str(p.nr), p.title]
        expected += [inline_text(par.inlines) for _, par in iter_paragraphs(p.explanation)]
        expected += [s.label for s in p.sources]
    docx = Docx(oss_docx)
    got = [t for t in docx.table_paragraph_texts() if t not in ("Nr.", "Programma/Beleid/aanpak", "Toelichting")]
    assert got == expected
    assert len(docx.tables()) == 3
    assert len(docx.list_paragraphs()) == 9 + 5 + 4 + 1 + 3 + 6 + 9  # list items, plus 9 legal frameworks
    assert not any("<" in t or re.match(r"^(\d+\. |[•▪] )", t) for t in got)


@needs_soffice
def test_libreoffice_converts_the_word_file(oss_docx: Path, tmp_path: Path) -> None:
    pdf = soffice_convert(oss_docx, "pdf", tmp_path).read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 8


def test_document_dates_come_from_the_datum_setting(make_workbook, tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    from tests.pdf_structure import Pdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = make_workbook(document=[("Datum", dt.datetime(2025, 3, 1))])
    result = build(path, tmp_path, ["docx", "pdf"])
    docx, pdf = result.outputs
    assert Docx(docx).doc.core_properties.created.date() == dt.date(2025, 3, 1)
    assert Pdf(pdf).reader.metadata.creation_date.date() == dt.date(2025, 3, 1)
    assert "1 maart 2025" in Pdf(pdf).text
