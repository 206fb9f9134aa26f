"""The command line: exit codes, located messages, help on every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, policy
from via_reports.cli import main


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def _commands(group: click.Group) -> list[tuple[str, click.Command]]:
    return sorted(group.commands.items())


@pytest.mark.parametrize("name", [name for name, _ in _commands(main)])
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help) > 40
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"via-reports {name}" in result.output  # an example to copy


def test_help_on_the_group() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "validate" in result.output and "init" in result.output


def test_validate_a_good_workbook_exits_0(make_workbook) -> None:
    path = make_workbook(policies=[policy("Landelijk"), policy("Lokaal"), policy("Lokaal", include="nee")])
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "in orde: 2 beleidsstukken (Landelijk 1, Regionaal 0, Lokaal 1)" in result.output
    assert "1 regel(s) met Opnemen = nee weggelaten" in result.output


def test_validate_reports_every_problem_and_exits_1(make_workbook) -> None:
    path = make_workbook(policies=[policy(level="Landelyk"), policy(title=None), policy(nr="x")])
    result = run("validate", str(path))
    assert result.exit_code == 1
    for cell in ("Beleid!A2", "Beleid!C3", "Beleid!B4"):
        assert cell in result.output
    assert "Traceback" not in result.output
    assert "3 fout(en)" in result.output


def test_warnings_do_not_fail_validation(make_workbook) -> None:
    path = make_workbook(sheets={"Beleid": [("Niveau", "Titel", "Toelichting", "Extra"), ("Lokaal", "a", "b", "c")]})
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "Beleid!D1: waarschuwing: onbekende kolom 'Extra'" in result.output


def test_a_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "lijst.xlsx"
    path.write_text("Niveau,Titel\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "lijst.xlsx: fout: dit is een tekstbestand, geen Excel-werkmap" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nergens.xlsx"))
    assert result.exit_code == 2
    assert "bestaat niet" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert run("validate", "--kleur", "x").exit_code == 2


def test_english_by_option_and_by_environment(make_workbook) -> None:
    path = make_workbook(policies=[policy(level="Landelyk")])
    by_option = run("validate", "--lang", "en", str(path))
    by_env = run("validate", str(path), env={"VIA_REPORTS_LANG": "en"})
    for result in (by_option, by_env):
        assert result.exit_code == 1
        assert "Beleid!A2: error: Niveau 'Landelyk' is not Landelijk" in result.output


def test_init_writes_a_workbook_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    path = folder / "via-beleid.xlsx"
    assert path.exists()
    assert f"via-reports validate {path}" in result.output
    checked = run("validate", str(path))
    assert checked.exit_code == 0, checked.output
    assert "waarschuwing" not in checked.output


def test_init_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "via-beleid.xlsx"
    path.write_bytes(b"mijn werk")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert "bestaat al" in result.output
    assert path.read_bytes() == b"mijn werk"


def test_init_with_another_name(tmp_path: Path) -> None:
    result = run("init", str(tmp_path), "--naam", "beleid-2026")
    assert result.exit_code == 0
    assert (tmp_path / "beleid-2026.xlsx").exists()


def test_the_bundled_workbook_validates() -> None:
    result = run("validate", str(ROOT / "source" / "via-beleid.xlsx"))
    assert result.exit_code == 0, result.output
    assert "18 beleidsstukken (Landelijk 5, Regionaal 6, Lokaal 7), 9 wettelijke kaders" in result.output
