"""The command line speaks one language at a time: Dutch, or English with --lang en
(or VIA_REPORTS_LANG=en). Every command is found from the click group, so commands
added later are walked too: their help and a set of usage errors each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from via_reports import cli_language
from via_reports.cli import main

# click's own English; an option's name (--version, --profile) is not a word of it
CLICK_ENGLISH = [
    "Usage", "Options", "Commands", "Arguments", "Error", "Invalid value", "default", "Missing argument",
    "Missing option", "Missing command", "Missing parameter", "No such option", "No such command", "Try",
    "for help", "is not one of", "is not a valid", "is not in the range", "Did you mean", "does not exist",
    "unexpected extra", "requires an argument", "does not take a value", "Show this message", "Show the version",
    "required", "Aborted", "version", "OPTIONS", "COMMAND", "ARGS", "TEXT", "INTEGER", "RANGE", "PATH",
    "DIRECTORY", "FILE", "WORKBOOK", "FOLDER",
]  # fmt: skip
# the Dutch of the command line: click's words in Dutch, the placeholders and common words
DUTCH = [
    "Gebruik", "Opties", "Opdrachten", "Argumenten", "Fout", "ongeldige waarde", "standaard", "ontbreekt",
    "Hulp", "Bedoelt u", "bestaat niet", "verplicht", "Toon", "geldt alleen", "WERKMAP", "MAP", "TEKST",
    "GETAL", "OPTIES", "OPDRACHT", "ARGUMENTEN", "OUD", "NIEUW", "de", "het", "een", "van", "voor", "met",
    "niet", "wordt", "geen", "werkmap", "bestand", "opdracht",
]  # fmt: skip


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(_commands(main))


def _usage_errors(path: tuple[str, ...], command: click.Command) -> Iterator[list[str]]:
    """Wrong uses of a command, found from its parameters."""
    yield [*path, "--kleur"]
    if isinstance(command, click.Group):
        yield [*path, "onbekend"]
        return
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    filled = ["nergens.xlsx" for p in arguments if p.required for _ in range(max(p.nargs, 1))]
    if any(p.required for p in arguments):
        yield list(path)
    if all(p.nargs != -1 for p in arguments):
        yield [*path, *filled, "x1", "x2", "x3", "x4"]
    for option in command.params:
        if not isinstance(option, click.Option) or option.is_flag or option.hidden:
            continue
        yield [*path, *filled, option.opts[-1]]  # no value
        if isinstance(option.type, click.Choice):
            yield [*path, *filled, option.opts[-1], "bestaat-niet"]
        if isinstance(option.type, click.IntRange | click.types.IntParamType):
            yield [*path, *filled, option.opts[-1], "nul"]
            yield [*path, *filled, option.opts[-1], "-5"]
    if filled:
        yield [*path, *filled, "--lang"]  # a value missing after the arguments


def _cases() -> Iterator[tuple[str, list[str], bool]]:
    for path, command in COMMANDS:
        yield " ".join(["help", *path]), [*path, "--help"], False
        for args in _usage_errors(path, command):
            yield " ".join(args), args, True


CASES = list(_cases())


def _words_in(output: str, words: list[str]) -> list[str]:
    prose = re.sub(r"--?[\w-]+", " ", output)  # option names are neither language
    prose = re.sub(r"\S+\.xlsx|via-reports|VIA_REPORTS_LANG", " ", prose)
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", prose)]


def _invoke(args: list[str], lang: str) -> click.testing.Result:
    env = {"VIA_REPORTS_LANG": lang}
    return CliRunner().invoke(main, args, env=env, prog_name="via-reports")


@pytest.mark.parametrize(("name", "args", "is_error"), CASES, ids=[c[0] for c in CASES])
def test_dutch_has_no_english_of_click(name: str, args: list[str], is_error: bool, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a mistaken run writes nothing into the project
    result = _invoke(args, "nl")
    assert "Traceback" not in result.output
    if is_error:
        assert result.exit_code in (1, 2), result.output
        assert result.output.strip()
    else:
        assert result.exit_code == 0, result.output
    assert _words_in(result.output, CLICK_ENGLISH) == [], result.output


@pytest.mark.parametrize(("name", "args", "is_error"), CASES, ids=[c[0] for c in CASES])
def test_english_has_no_dutch(name: str, args: list[str], is_error: bool, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    by_option = [] if "--lang" in args else [_invoke(["--lang", "en", *args], "nl")]  # a later --lang counts
    for result in (_invoke(args, "en"), *by_option):
        assert "Traceback" not in result.output
        assert _words_in(result.output, DUTCH) == [], result.output


def test_english_before_the_command_too() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "validate"], env={"VIA_REPORTS_LANG": "nl"})
    assert result.exit_code == 2
    assert "Error: Missing argument 'WORKBOOK'." in result.output


def test_the_dutch_sentences_of_click() -> None:
    result = _invoke(["build", "--profile", "brochure"], "nl")
    assert result.exit_code == 2
    assert "Gebruik: via-reports build [OPTIES] [WERKMAP]..." in result.output
    assert (
        "Fout: ongeldige waarde voor '-p' / '--profile': 'brochure' is geen van 'rapport', 'bijlage', 'handout'."
        in (result.output)
    )
    help_text = _invoke(["build", "--help"], "nl").output
    assert "[standaard: output]" in help_text and "-o, --output MAP" in help_text


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=" ".join)
def test_every_command_and_option_has_english_help(path: tuple[str, ...]) -> None:
    command = dict(COMMANDS)[path]
    assert command.help_en, f"{' '.join(path) or 'via-reports'} has no help_en"
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            assert param.help in cli_language.ENGLISH, f"{param.opts}: no English (cli_language.english)"


def test_every_translated_word_is_one_click_says() -> None:
    """A click release that changes its words makes this fail, rather than leaving English behind."""
    source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    words = [*cli_language.CLICK_NL, *(w for pair in cli_language.CLICK_NL_PLURAL for w in pair)]
    missing = [w for w in words if json.dumps(w) not in source]
    assert missing == []


JARGON = ["contract", "parse", "exception", "traceback", "stacktrace", "!1:1", "argument", "string", "None", "host"]


def test_no_jargon_in_the_dutch_messages() -> None:
    from via_reports.messages import CATALOGUE

    def prose(message: str) -> str:  # without placeholders and option names, which are not words a reader reads
        return re.sub(r"\{[^}]*\}|--[a-z-]+|localhost", "", message).lower()

    found = {code: word for code, (nl, _) in CATALOGUE.items() for word in JARGON if word.lower() in prose(nl)}
    assert found == {}


def test_a_missing_column_names_the_header_row_in_words(make_workbook) -> None:
    path = make_workbook(sheets={"Beleid": [("Niveau", "Toelichting"), ("Lokaal", "Uitleg.")]})
    dutch = _invoke(["validate", str(path)], "nl")
    assert "Kopregel van Beleid (regel 1): fout: de verplichte kolom 'Titel' ontbreekt in de kopregel" in dutch.output
    english = _invoke(["validate", str(path)], "en")
    assert "Header row of Beleid (row 1): error: the required column 'Titel' is missing" in english.output
    assert "!1:1" not in dutch.output + english.output


@pytest.mark.parametrize("args", [["--lang", "en", "theme", "export"], ["theme", "--lang", "en", "export"]])
def test_lang_anywhere_on_the_line(args: list[str]) -> None:
    result = _invoke(args, "nl")
    assert result.exit_code == 2
    assert "Error: Missing argument 'FOLDER'." in result.output


def test_other_click_programs_keep_their_english() -> None:
    CliRunner().invoke(main, ["--help"])  # via-reports has run in this process (in Dutch)

    @click.command()
    @click.option("--n", type=int)
    def other(n: int) -> None:
        pass

    result = CliRunner().invoke(other, ["--n", "x"])
    assert "Error: Invalid value for '--n': 'x' is not a valid integer." in result.output
