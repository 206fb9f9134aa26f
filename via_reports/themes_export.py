"""`via-reports theme export`: the built-in theme as a folder to start a house style from."""

from __future__ import annotations

import shutil
from pathlib import Path

from .theme import DEFAULT_THEME, SETTINGS_FILE
from .writers.render import builtin_theme_dir

SETTINGS_TEMPLATE = f"""# Huisstijl voor via-reports. Gebruik: via-reports build --theme <deze map>
# Een regel die met # begint telt niet mee. Laat weg wat u niet wilt veranderen.

[huisstijl]
hoofdkleur = "#{DEFAULT_THEME.primary}"    # koppen, tabelkop, navigatie (contrast met wit minimaal 4.5:1)
accentkleur = "#{DEFAULT_THEME.accent}"   # lichte vulling achter het huidige tabblad
tekstkleur = "#{DEFAULT_THEME.text}"
grijstint = "#{DEFAULT_THEME.muted}"     # bijzaken: datum, bronnen, voettekst
linkkleur = "#{DEFAULT_THEME.link}"
lettertype = "{DEFAULT_THEME.font}"        # lettertype in Word (de PDF gebruikt de lettertypen uit fonts/)
# organisatie = "Gemeente Voorbeeld"   # als de werkmap geen Organisatie noemt
# logo = "logo.png"                    # PNG of JPEG in deze map
# logo_tekst = "Logo van de gemeente Voorbeeld"   # verplicht bij een logo: voor wie het niet ziet

[papier]   # A4, A3, A5 of Letter; staand of liggend
rapport = "A4 liggend"
bijlage = "A4 staand"
handout = "A4 staand"
"""


def export(folder: Path) -> Path:
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(folder)
    source = builtin_theme_dir()
    shutil.copytree(source, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (folder / SETTINGS_FILE).write_text(SETTINGS_TEMPLATE, encoding="utf-8")
    return folder
