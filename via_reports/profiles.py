"""The three uses of one workbook, each a profile of the same document:

- `rapport`: the yearly report, like the original (title page, tabs, landscape);
- `bijlage`: an appendix to a council memo (no title page; opens with its label,
  e.g. "Bijlage 2 – Overzicht beleid …"; portrait; compact; page numbers that say
  which appendix they belong to);
- `handout`: printed on paper (portrait; no tabs or other click-only navigation;
  every address printed, optionally with a QR code; legible in black and white).
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import CodedError


@dataclass(frozen=True)
class Profile:
    name: str
    description: str  # for --help; the paper (and so the orientation) comes from the theme
    title_page: bool  # a title page with the introduction
    header_tabs: bool  # the four tabs in the page header
    internal_links: bool  # index entries link to their rows
    print_addresses: bool  # every link's address printed in the text
    compact: bool  # levels follow each other without page breaks; smaller type


RAPPORT = Profile(
    "rapport",
    "jaarrapportage zoals het origineel (liggend, met titelpagina en tabbladen)",
    title_page=True,
    header_tabs=True,
    internal_links=True,
    print_addresses=False,
    compact=False,
)
BIJLAGE = Profile(
    "bijlage",
    "bij een raadsinformatiebrief of raadsvoorstel (staand, zonder titelpagina)",
    title_page=False,
    header_tabs=False,
    internal_links=True,
    print_addresses=False,
    compact=True,
)
HANDOUT = Profile(
    "handout",
    "om af te drukken (staand, alle adressen uitgeschreven)",
    title_page=True,
    header_tabs=False,
    internal_links=False,
    print_addresses=True,
    compact=True,
)

PROFILES = {p.name: p for p in (RAPPORT, BIJLAGE, HANDOUT)}
DEFAULT_PROFILE = RAPPORT
DEFAULT_APPENDIX_LABEL = "Bijlage"


def appendix_heading(label: str, title: str) -> str:
    """`Bijlage 2 – Overzicht beleid Veiligheid in afhankelijkheidsrelaties`."""
    return f"{label} – Overzicht beleid {title}"


class OptionError(CodedError):
    """An option that cannot apply to the chosen profile: the command was used wrongly."""


def choose_profile(name: str | None, *, appendix_label: str | None = None, qr: bool = False) -> Profile:
    """The profile a build uses. No name: `bijlage` when an appendix label is given,
    else the default. An option that cannot apply to the profile is an OptionError,
    never silently ignored."""
    if name is None:
        name = BIJLAGE.name if appendix_label is not None else DEFAULT_PROFILE.name
    profile = PROFILES[name]
    if appendix_label is not None and profile is not BIJLAGE:
        raise OptionError("option_appendix_profile", profile=profile.name)
    if qr and profile is not HANDOUT:
        raise OptionError("option_qr_profile", profile=profile.name)
    return profile
