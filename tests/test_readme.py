"""Every message the README quotes is the one the program prints: its console examples
are run and compared line by line, and every quoted `… fout: …` or `… waarschuwing: …`
is a sentence of the message catalogue."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from via_reports import system
from via_reports.cli import main
from via_reports.messages import CATALOGUE

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _console_examples() -> list[tuple[str, str]]:
    """(command line, what it prints) for every `$ via-reports …` in a console block."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


EXAMPLES = _console_examples()


def test_the_readme_has_console_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_console_example_prints_what_the_readme_says(
    command: str, expected: str, tmp_path: Path, monkeypatch
) -> None:
    shutil.copytree(ROOT / "source", tmp_path / "source")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    env = {"VIA_REPORTS_LANG": "nl"}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "via-reports"
    result = CliRunner().invoke(main, words[1:], env=env, prog_name="via-reports")
    assert result.output.rstrip("\n") == expected


def _template(message: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", message)
    return re.compile(".+?".join(re.escape(p) for p in parts))


DUTCH = [_template(nl) for nl, _ in CATALOGUE.values()]
QUOTED = [q for q in re.findall(r"`([^`\n]+)`", README) if re.search(r"(^|: )(fout|waarschuwing): ", q)]


def test_the_readme_quotes_messages() -> None:
    assert len(QUOTED) >= 5


@pytest.mark.parametrize("quote", QUOTED)
def test_a_quoted_message_is_one_the_program_has(quote: str) -> None:
    message = re.split(r"(?:^|: )(?:fout|waarschuwing): ", quote, maxsplit=1)[1]
    message = message.replace("…", "x")  # the README may leave out a detail
    assert any(pattern.fullmatch(message) for pattern in DUTCH), quote


def test_the_quoted_pango_sentence_is_exact(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    said = system.SystemProblem("system_pango_missing", detail="libgobject-2.0-0").message("nl")
    assert f"`{said}`" in README
