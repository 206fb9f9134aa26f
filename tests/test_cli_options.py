"""No silent no-ops: an option that cannot apply is said, with why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import policy
from via_reports.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _empty_file(rendering, path: Path, *rest) -> list:
    path.write_bytes(b"")
    return []


@pytest.fixture
def workbook(make_workbook) -> Path:
    return make_workbook(policies=[policy("Lokaal", title="Huiselijk geweld", sources="Plan van aanpak")])


def test_bijlage_alone_makes_an_appendix_with_its_label(workbook: Path, tmp_path: Path) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path / "uit"), "-f", "html", "--bijlage", "Bijlage 3")
    assert result.exit_code == 0, result.output
    (html,) = (tmp_path / "uit").glob("*.html")
    assert html.name.endswith("-bijlage.html")
    assert "Bijlage 3 – Overzicht beleid" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("profile", ["rapport", "handout"])
def test_bijlage_with_another_profile_is_a_usage_error(workbook: Path, tmp_path: Path, profile: str) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path), "--profile", profile, "--bijlage", "Bijlage 3")
    assert result.exit_code == 2
    assert f"--bijlage geldt alleen voor het profiel bijlage, niet voor --profile {profile}" in result.output
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("profile", [None, "rapport", "bijlage"])
def test_qr_outside_the_handout_is_a_usage_error(workbook: Path, tmp_path: Path, profile: str | None) -> None:
    args = ["build", str(workbook), "-o", str(tmp_path / "uit"), "--qr"] + (["--profile", profile] if profile else [])
    result = run(*args)
    assert result.exit_code == 2
    assert "--qr geldt alleen voor de handout" in result.output
    assert not (tmp_path / "uit").exists()


def test_a_handout_with_qr_and_no_address_says_so(workbook: Path, tmp_path: Path) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path), "-f", "html", "--profile", "handout", "--qr")
    assert result.exit_code == 0, result.output
    assert (
        f"{workbook.name}: waarschuwing: --qr: geen enkel beleidsstuk in dit overzicht heeft een bron met een webadres"
        in result.output
    )


def test_a_handout_with_qr_and_an_address_says_nothing_of_it(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(policies=[policy("Lokaal", sources="Plan | https://www.oss.nl/plan")])
    result = run("build", str(path), "-o", str(tmp_path), "-f", "html", "--profile", "handout", "--qr")
    assert result.exit_code == 0, result.output
    assert "--qr" not in result.output
    assert 'alt="QR-code naar https://www.oss.nl/plan"' in next(tmp_path.glob("*.html")).read_text(encoding="utf-8")


def test_pdf_variant_without_a_pdf_is_a_usage_error(workbook: Path, tmp_path: Path) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path), "-f", "docx", "--pdf-variant", "pdf/a-2u")
    assert result.exit_code == 2
    assert "--pdf-variant geldt alleen voor de PDF" in result.output


def test_jobs_with_one_workbook_says_it_does_nothing(workbook: Path, tmp_path: Path) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path), "-f", "html", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "--jobs geldt alleen bij meerdere werkmappen" in result.output


@pytest.mark.parametrize(
    ("given", "made"), [("word", {"docx"}), ("alles", {"docx", "pdf", "html"}), ("Word,html", {"docx", "html"})]
)
def test_format_names_a_person_uses(given: str, made: set[str], workbook: Path, tmp_path: Path, monkeypatch) -> None:
    from via_reports import build as build_module

    monkeypatch.setattr(build_module, "WRITERS", dict.fromkeys(build_module.FORMATS, _empty_file))
    monkeypatch.setattr(build_module, "missing_policies", lambda fmt, path, document: [])  # empty stand-in files
    result = run("build", str(workbook), "-o", str(tmp_path / "uit"), "-f", given)
    assert result.exit_code == 0, result.output
    assert {p.suffix[1:] for p in (tmp_path / "uit").iterdir()} == made


def test_an_unknown_format_names_the_choices(workbook: Path, tmp_path: Path) -> None:
    result = run("build", str(workbook), "-o", str(tmp_path), "-f", "odt")
    assert result.exit_code == 2
    assert "'odt' is geen soort document; kies uit docx (of word), pdf, html of alles" in result.output


def test_pdf_variant_reaches_the_pdf(monkeypatch, workbook: Path, tmp_path: Path) -> None:
    from via_reports import build as build_module

    seen: list[str] = []

    def fake_pdf(rendering, path: Path, *rest) -> list:
        seen.append(rendering.pdf_variant)
        return _empty_file(rendering, path)

    monkeypatch.setattr(build_module, "WRITERS", {"pdf": fake_pdf})
    monkeypatch.setattr(build_module, "missing_policies", lambda fmt, path, document: [])  # empty stand-in file
    result = run("build", str(workbook), "-o", str(tmp_path), "-f", "pdf", "--pdf-variant", "pdf/a-2u")
    assert result.exit_code == 0, result.output
    assert seen == ["pdf/a-2u"]
