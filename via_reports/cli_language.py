"""The command line's language: click's own words in Dutch, and every help text in
Dutch or English (`--lang en`, or VIA_REPORTS_LANG=en).

click says everything it says through gettext (`_("Usage:")`, `ngettext(...)`);
`install()` points the `_` and `ngettext` of click's modules at `gettext` here,
which answers in the language of the running command line. `Command` and `Group`
(every via-reports command is one: `main.command()` makes them, also for commands
added later) set that language before the arguments are parsed, translate the
placeholders (WERKMAP, MAP, TEKST …) and show the English help texts with
`--lang en`. English help is given beside the Dutch: `help_en=` on a command,
`english("Dutch", "English")` for an option's help or shown default.
"""

from __future__ import annotations

import copy
import gettext as _gettext
import importlib
import inspect
import re
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

import click

from .diagnostics import LANGUAGES, default_language

LANGUAGE: ContextVar[str | None] = ContextVar("via_reports_cli_language", default=None)

# click's words (its gettext message ids) → Dutch. Fields a Dutch sentence does not
# need may be left out ({number_type} would be click's English "integer").
CLICK_NL: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Aborted!": "Afgebroken.",
    "deprecated": "verouderd",
    "Missing command.": "Er ontbreekt een opdracht.",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselend)",
    "required": "verplicht",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Show the version and exit.": "Toon de versie.",
    "Show this message and exit.": "Toon deze hulp.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Hulp: '{command} {option}'.",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "Er ontbreekt een argument",
    "Missing option": "Er ontbreekt een optie",
    "Missing parameter": "Er ontbreekt een waarde",
    "Missing {param_type}": "Er ontbreekt een waarde",
    "Missing parameter: {param_name}": "Er ontbreekt een waarde: {param_name}",
    "No such option {name!r}.": "De optie {name!r} bestaat niet.",
    "No such command {name!r}.": "De opdracht {name!r} bestaat niet.",
    "unknown error": "onbekende fout",
    "Could not open file {filename!r}: {message}": "Kan het bestand {filename!r} niet openen: {message}",
    "Invalid start character for option ({option})": "Ongeldig begin van een optie ({option})",
    "Argument {name!r} takes {nargs} values.": "Het argument {name!r} krijgt {nargs} waarden.",
    "Option {name!r} does not take a value.": "De optie {name!r} krijgt geen waarde.",
    "Value must be an iterable.": "De waarde moet een lijst zijn.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja of nee ({states}).",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} does not exist.": "{filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{filename!r} kan niet worden gelezen.",
    "{name} {filename!r} is not writable.": "In {filename!r} kan niet worden geschreven.",
    "{name} {filename!r} is not executable.": "{filename!r} kan niet worden uitgevoerd.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
}
CLICK_NL_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelt u {possibility}?",
        "(Bedoelt u een van: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "De optie {name!r} heeft een waarde nodig.",
        "De optie {name!r} heeft {nargs} waarden nodig.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} is geen {choice}.",
        "{value!r} is geen van {choices}.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Krijgt {nargs} waarden, maar er is er 1 gegeven.",
        "Krijgt {nargs} waarden, maar er zijn er {len} gegeven.",
    ),
}
# Names click's own types use for themselves: left alone, so that a type's name
# (made once, at import) is never Dutch in an English command line.
_TYPE_NAMES = {"file", "directory", "path"}

# Placeholders: (Dutch, English); click's own names (TEXT, INTEGER RANGE …) become Dutch first.
PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("WERKMAP", "WORKBOOK"),
    ("MAP", "FOLDER"),
    ("TEKST", "TEXT"),
    ("GETAL", "NUMBER"),
    ("PAD", "PATH"),
    ("BESTAND", "FILE"),
    ("OUD", "OLD"),
    ("NIEUW", "NEW"),
    ("OPTIES", "OPTIONS"),
    ("OPDRACHT", "COMMAND"),
    ("ARGUMENTEN", "ARGS"),
    ("NIVEAU", "LEVEL"),
    ("THEMA", "THEME"),
    ("ADRES", "ADDRESS"),
    ("POORT", "PORT"),
    ("JAAR", "YEAR"),
    ("REGIO", "REGION"),
    ("alles", "all"),
)
_CLICK_PLACEHOLDERS = {
    "INTEGER RANGE": "GETAL",
    "FLOAT RANGE": "GETAL",
    "INTEGER": "GETAL",
    "FLOAT": "GETAL",
    "TEXT": "TEKST",
    "DIRECTORY": "MAP",
    "FILE": "BESTAND",
    "FILENAME": "BESTAND",
    "PATH": "PAD",
    "OPTIONS": "OPTIES",
    "COMMAND1": "OPDRACHT1",
    "COMMAND2": "OPDRACHT2",
    "COMMAND": "OPDRACHT",
    "ARGS": "ARGUMENTEN",
}
_ENGLISH_PLACEHOLDERS = dict(PLACEHOLDERS)

# Help texts in English, by their Dutch text (see `english`).
ENGLISH: dict[str, str] = {}


def english(nl: str, en: str) -> str:
    """An option's help (or shown default) in Dutch, with its English for `--lang en`."""
    ENGLISH[inspect.cleandoc(nl)] = inspect.cleandoc(en)
    return nl


def language() -> str:
    """The language of the running command line (VIA_REPORTS_LANG outside one)."""
    return LANGUAGE.get() or default_language()


def gettext(message: str) -> str:
    """click's `_()`: Dutch while a via-reports command line runs in Dutch; click's own
    English otherwise (another click program in the same process is left alone)."""
    if LANGUAGE.get() != "nl" or message in _TYPE_NAMES:
        return message
    return CLICK_NL.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if LANGUAGE.get() == "nl" and (singular, plural) in CLICK_NL_PLURAL:
        one, many = CLICK_NL_PLURAL[singular, plural]
        return one if n == 1 else many
    return singular if n == 1 else plural


_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def install() -> None:
    """Make click speak through `gettext`/`ngettext` here (idempotent)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) in (_gettext.gettext, gettext):
            module._ = gettext
        if getattr(module, "ngettext", None) in (_gettext.ngettext, ngettext):
            module.ngettext = ngettext


def placeholder(text: str) -> str:
    """`[WERKMAP]...`, `INTEGER RANGE` or `[OPTIONS]` in the command line's language."""
    for word, dutch in _CLICK_PLACEHOLDERS.items():
        text = re.sub(rf"\b{word}\b", dutch, text)
    if language() == "en":
        text = re.sub(r"\b\w+\b", lambda m: _ENGLISH_PLACEHOLDERS.get(m.group(), m.group()), text)
    return text


def language_of(args: Sequence[str]) -> str:
    """`--lang en` / `--lang=en` (the last one counts), else VIA_REPORTS_LANG, else Dutch."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    chosen = (chosen or "").strip().lower()
    return chosen if chosen in LANGUAGES else default_language()


class Option(click.Option):
    def make_metavar(self, ctx: click.Context) -> str:
        return placeholder(super().make_metavar(ctx))

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if language() != "en":
            return super().get_help_record(ctx)
        shown = copy.copy(self)
        shown.help = ENGLISH.get(self.help or "", self.help)
        if isinstance(self.show_default, str):
            shown.show_default = ENGLISH.get(self.show_default, self.show_default)
        return click.Option.get_help_record(shown, ctx)


class Argument(click.Argument):
    def make_metavar(self, ctx: click.Context) -> str:
        return placeholder(super().make_metavar(ctx))


_OWN = {click.Option: Option, click.Argument: Argument}


class _Localized:
    """What Command and Group share: the language is set before parsing, and the
    help shown in it."""

    help_en: str | None
    params: list[click.Parameter]

    def __init__(self, *args: Any, help_en: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_en = inspect.cleandoc(help_en) if help_en else None
        for param in self.params:
            _localize(param)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        import sys

        install()
        token = LANGUAGE.set(language_of(list(sys.argv[1:] if args is None else args)))
        try:
            return super().main(args, *rest, **kwargs)  # type: ignore[misc]
        finally:
            LANGUAGE.reset(token)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            _localize(option)
            option.help = HELP
        return option

    def _shown(self) -> Any:
        """This command as shown in the current language."""
        if language() != "en" or not self.help_en:
            return self
        shown = copy.copy(self)
        shown.help = self.help_en
        return shown

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super(_Localized, self._shown()).format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        return super(_Localized, self._shown()).get_short_help_str(limit)  # type: ignore[misc]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [placeholder(piece) for piece in super().collect_usage_pieces(ctx)]  # type: ignore[misc]


def _localize(param: click.Parameter) -> None:
    own = _OWN.get(type(param))
    if own is not None:
        param.__class__ = own  # the same object, with the placeholder and English help above


class Command(_Localized, click.Command):
    """A via-reports command: Dutch, or English with --lang en."""


class Group(_Localized, click.Group):
    """A via-reports group of commands: its commands and subgroups are of these classes."""

    command_class = Command
    group_class = type  # subgroups are Groups too


HELP = english("Toon deze hulp.", "Show this help.")
VERSION_HELP = english("Toon de versie.", "Show the version.")
