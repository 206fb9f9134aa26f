"""Every sentence via-reports says about a workbook: code → (Dutch, English).

Dutch is the users' language and the default; English is there for `--lang en`.
Values are filled in with `str.format`, so a message names the field, what was
expected and what came in.
"""

from __future__ import annotations

LABELS = {
    "error": ("fout", "error"),
    "warning": ("waarschuwing", "warning"),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- the file itself
    "file_missing": (
        "het bestand bestaat niet",
        "the file does not exist",
    ),
    "file_is_folder": (
        "dit is een map, geen Excel-werkmap",
        "this is a folder, not an Excel workbook",
    ),
    "file_unreadable": (
        "het bestand kan niet worden geopend ({detail})",
        "the file cannot be opened ({detail})",
    ),
    "file_empty": (
        "het bestand is leeg (0 bytes); het is geen Excel-werkmap",
        "the file is empty (0 bytes); it is not an Excel workbook",
    ),
    "file_text": (
        "dit is een tekstbestand, geen Excel-werkmap (.xlsx). Open het in Excel en kies "
        "Opslaan als > Excel-werkmap (.xlsx)",
        "this is a text file, not an Excel workbook (.xlsx). Open it in Excel and choose "
        "Save As > Excel Workbook (.xlsx)",
    ),
    "file_xls": (
        "dit is een oud Excel-bestand (.xls) of een met een wachtwoord beveiligde werkmap. "
        "Open het in Excel, haal een eventueel wachtwoord weg en kies Opslaan als > Excel-werkmap (.xlsx)",
        "this is an old Excel file (.xls) or a password-protected workbook. Open it in Excel, "
        "remove any password and choose Save As > Excel Workbook (.xlsx)",
    ),
    "file_ods": (
        "dit is een OpenDocument-rekenblad (.ods). Open het in LibreOffice Calc en kies "
        "Opslaan als > Excel 2007-365 (.xlsx)",
        "this is an OpenDocument spreadsheet (.ods). Open it in LibreOffice Calc and choose "
        "Save As > Excel 2007-365 (.xlsx)",
    ),
    "file_not_xlsx": (
        "dit bestand is geen Excel-werkmap (.xlsx) ({detail}). Sla het in Excel op als Excel-werkmap (.xlsx)",
        "this file is not an Excel workbook (.xlsx) ({detail}). Save it in Excel as an Excel Workbook (.xlsx)",
    ),
    "file_too_big": (
        "het bestand is {size} MB; een werkmap mag hoogstens {limit} MB zijn",
        "the file is {size} MB; a workbook may be at most {limit} MB",
    ),
    "file_bomb": (
        "dit bestand wordt uitgepakt veel groter dan een werkmap kan zijn ({detail}); het is geweigerd",
        "this file unpacks far larger than a workbook can be ({detail}); it was refused",
    ),
    "file_doctype": (
        "het onderdeel {part} bevat een DOCTYPE-declaratie, wat in een Excel-werkmap niet voorkomt; "
        "het bestand is geweigerd. Sla de werkmap opnieuw op in Excel",
        "the part {part} holds a DOCTYPE declaration, which an Excel workbook never has; the file was refused. "
        "Save the workbook again in Excel",
    ),
    "file_macros": (
        "de werkmap bevat macro's (.xlsm); die worden niet uitgevoerd en niet gelezen",
        "the workbook holds macros (.xlsm); they are neither run nor read",
    ),
    "formula_no_value": (
        "deze formule heeft geen opgeslagen waarde; open de werkmap in Excel en sla hem op",
        "this formula has no saved value; open the workbook in Excel and save it",
    ),
    # --- sheets and header rows
    "sheet_too_big": (
        "het werkblad is te groot ({rows} regels, {columns} kolommen; hoogstens {max_rows} regels en "
        "{max_columns} kolommen)",
        "the sheet is too large ({rows} rows, {columns} columns; at most {max_rows} rows and {max_columns} columns)",
    ),
    "sheet_missing": (
        "het werkblad '{sheet}' ontbreekt (werkbladen in dit bestand: {found})",
        "the sheet '{sheet}' is missing (sheets in this file: {found})",
    ),
    "sheet_twice": (
        "het werkblad '{sheet}' staat er twee keer; alleen '{used}' wordt gelezen",
        "the sheet '{sheet}' appears twice; only '{used}' is read",
    ),
    "sheet_not_read": (
        "dit werkblad wordt niet gelezen; bedoelt u '{sheet}'? Geef het dan precies die naam",
        "this sheet is not read; did you mean '{sheet}'? Then give it exactly that name",
    ),
    "sheet_empty": (
        "het werkblad is leeg: er staat geen kopregel met {columns} in",
        "the sheet is empty: it has no header row with {columns}",
    ),
    "no_policies": (
        "er staat geen enkel beleidsstuk in, alleen de kopregel: er is niets om te publiceren",
        "there is not a single policy, only the header row: there is nothing to publish",
    ),
    "all_excluded": (
        "alle {count} regels hebben Opnemen = nee: er is niets om te publiceren",
        "all {count} rows have Opnemen = nee: there is nothing to publish",
    ),
    "column_missing": (
        "de verplichte kolom '{column}' ontbreekt in de kopregel (gevonden: {found})",
        "the required column '{column}' is missing from the header row (found: {found})",
    ),
    "column_twice": (
        "de kolom '{column}' staat twee keer in de kopregel (ook in {other}); laat er één over",
        "the column '{column}' appears twice in the header row (also in {other}); keep one",
    ),
    "column_unknown": (
        "onbekende kolom '{header}' wordt genegeerd",
        "unknown column '{header}' is ignored",
    ),
    "column_unknown_suggest": (
        "onbekende kolom '{header}' wordt genegeerd (bedoelt u '{suggestion}'?)",
        "unknown column '{header}' is ignored (did you mean '{suggestion}'?)",
    ),
    # --- Beleid cells
    "level_missing": (
        "Niveau is leeg; vul Landelijk, Regionaal of Lokaal in",
        "Niveau is empty; fill in Landelijk, Regionaal or Lokaal",
    ),
    "level_unknown": (
        "Niveau '{value}' is geen Landelijk, Regionaal of Lokaal",
        "Niveau '{value}' is not Landelijk, Regionaal or Lokaal",
    ),
    "required_missing": (
        "{column} is leeg; dit veld is verplicht",
        "{column} is empty; this field is required",
    ),
    "nr_invalid": (
        "Nr '{value}' is geen heel getal vanaf 1",
        "Nr '{value}' is not a whole number of 1 or more",
    ),
    "nr_duplicate": (
        "Nr {nr} staat bij {level} al in {other}; elk nummer mag per niveau één keer voorkomen",
        "Nr {nr} is already used for {level} in {other}; each number may appear once per level",
    ),
    "period_invalid": (
        "Periode '{value}' is geen jaar (2025) of looptijd (2023-2028)",
        "Periode '{value}' is not a year (2025) or a span of years (2023-2028)",
    ),
    "period_reversed": (
        "Periode '{value}' eindigt vóór hij begint",
        "Periode '{value}' ends before it starts",
    ),
    "period_expired": (
        "Periode {period} is verlopen: afgelopen vóór editie {year}",
        "Periode {period} has expired: it ended before edition {year}",
    ),
    "period_ends": ("Periode {period} loopt af in {year}", "Periode {period} ends in {year}"),
    "excel_error": (
        "de cel bevat de Excel-fout {value}; herstel de formule of typ de tekst in",
        "the cell holds the Excel error {value}; fix the formula or type the text",
    ),
    # --- links
    "link_refused": (
        "'{href}' is geen toegestaan webadres (alleen http, https of mailto met een echte host); "
        "het wordt als gewone tekst getoond",
        "'{href}' is not an allowed address (only http, https or mailto with a real host); it is shown as plain text",
    ),
    "hyperlink_unused": (
        "de Excel-hyperlink op deze cel ({href}) wordt niet gebruikt: de cel heeft {count} bronnen; "
        "zet het adres achter de naam ('Naam | https://…')",
        "the Excel hyperlink on this cell ({href}) is not used: the cell has {count} sources; "
        "put the address after the name ('Name | https://…')",
    ),
    # --- Document settings
    "setting_unknown": (
        "onbekend veld '{name}' wordt genegeerd (bekende velden: {known})",
        "unknown field '{name}' is ignored (known fields: {known})",
    ),
    "setting_twice": (
        "het veld '{name}' staat er twee keer; de waarde in {other} geldt",
        "the field '{name}' appears twice; the value in {other} is used",
    ),
    "setting_unnamed": (
        "er staat een waarde zonder Veld; die wordt genegeerd",
        "there is a value without a Veld; it is ignored",
    ),
    "date_invalid": (
        "Datum '{value}' is geen datum; gebruik een datumcel of schrijf 2025-03-01",
        "Datum '{value}' is not a date; use a date cell or write 2025-03-01",
    ),
    "edition_not_year": (
        "Editie '{value}' is geen jaartal (zoals 2025); looptijden worden niet gecontroleerd",
        "Editie '{value}' is not a year (like 2025); periods are not checked",
    ),
    # --- what the command line says
    "cli_checking": ("Controle van {name}", "Checking {name}"),
    "cli_ok": (
        "{name} is in orde: {policies} beleidsstukken ({levels}), {frameworks} wettelijke kaders{excluded}.",
        "{name} is fine: {policies} policies ({levels}), {frameworks} legal frameworks{excluded}.",
    ),
    "cli_excluded": ("; {count} regel(s) met Opnemen = nee weggelaten", "; {count} row(s) with Opnemen = nee left out"),
    "cli_counts": ("{errors} fout(en), {warnings} waarschuwing(en)", "{errors} error(s), {warnings} warning(s)"),
    "cli_failed": (
        "{counts}: herstel de fouten in de werkmap en probeer het opnieuw.",
        "{counts}: fix the errors in the workbook and try again.",
    ),
    "cli_no_file": ("het bestand '{path}' bestaat niet", "the file '{path}' does not exist"),
    "cli_init_exists": (
        "{path} bestaat al; kies een andere map of een andere naam (--naam). Er is niets overschreven.",
        "{path} already exists; choose another folder or name (--naam). Nothing was overwritten.",
    ),
    "cli_init_done": (
        "Startwerkmap geschreven: {path}\nOpen hem in Excel, vul de werkbladen in (zie het werkblad Uitleg) "
        "en controleer hem met:\n  via-reports validate {path}",
        "Starter workbook written: {path}\nOpen it in Excel, fill in the sheets (see the Uitleg sheet) "
        "and check it with:\n  via-reports validate {path}",
    ),
    "output_locked": (
        "het bestand is in gebruik of alleen-lezen (open in Word of een PDF-lezer?); sluit het en probeer het opnieuw",
        "the file is in use or read-only (open in Word or a PDF viewer?); close it and try again",
    ),
    "output_failed": ("kan niet schrijven: {detail}", "cannot write: {detail}"),
    "pdf_missing_glyph": (
        "het teken {char} ({codepoint}) staat niet in de lettertypen van de PDF; daar staat in plaats daarvan �",
        "the character {char} ({codepoint}) is not in the PDF's fonts; it shows as � there",
    ),
    "render_failed": (
        "de PDF kon niet worden gemaakt zoals het moet: {problems}",
        "the PDF could not be made as it must be: {problems}",
    ),
    "cli_unexpected": (
        "onverwachte fout; er is niets overschreven ({detail}). Meld dit bij de beheerder van via-reports "
        "(met VIA_REPORTS_DEBUG=1 ziet u de details)",
        "unexpected error; nothing was overwritten ({detail}). Please report this to the maintainers of "
        "via-reports (VIA_REPORTS_DEBUG=1 shows the details)",
    ),
    "selection_level_unknown": (
        "--niveau '{value}' is geen Landelijk, Regionaal of Lokaal",
        "--niveau '{value}' is not Landelijk, Regionaal or Lokaal",
    ),
    "selection_empty": (
        "de selectie ({selection}) bevat geen enkel beleidsstuk; er is niets geschreven. "
        "Thema's in de werkmap: {themes}",
        "the selection ({selection}) holds no policy at all; nothing was written. Themes in the workbook: {themes}",
    ),
    "theme_no_folder": ("de themamap bestaat niet", "the theme folder does not exist"),
    "theme_toml": ("dit is geen geldig TOML-bestand: {detail}", "this is not a valid TOML file: {detail}"),
    "theme_unknown_section": (
        "onbekend onderdeel [{name}]; bekend zijn [huisstijl] en [papier]",
        "unknown section [{name}]; known are [huisstijl] and [papier]",
    ),
    "theme_unknown_key": (
        "onbekende instelling '{name}' (bekend: {known})",
        "unknown setting '{name}' (known: {known})",
    ),
    "theme_not_text": ("'{name}' moet een tekst tussen aanhalingstekens zijn", "'{name}' must be a quoted text"),
    "theme_colour": (
        "'{name}' = '{value}' is geen kleur; schrijf bijvoorbeeld \"#1F4E79\"",
        "'{name}' = '{value}' is not a colour; write for example \"#1F4E79\"",
    ),
    "theme_contrast": (
        "'{name}' = {value} heeft te weinig contrast met wit ({ratio}:1; minimaal 4.5:1 voor toegankelijkheid)",
        "'{name}' = {value} has too little contrast with white ({ratio}:1; at least 4.5:1 for accessibility)",
    ),
    "theme_paper": (
        "'{name}' = '{value}' is geen papierformaat; schrijf bijvoorbeeld \"A4 staand\" of \"A4 liggend\"",
        "'{name}' = '{value}' is not a paper size; write for example \"A4 staand\" or \"A4 liggend\"",
    ),
    "theme_logo_missing": ("het logo '{name}' staat niet in {folder}", "the logo '{name}' is not in {folder}"),
    "theme_logo_type": ("het logo '{name}' moet een PNG of JPEG zijn", "the logo '{name}' must be a PNG or JPEG"),
    "theme_logo_alt": (
        "een logo heeft een beschrijving nodig voor wie het niet kan zien: vul logo_tekst in",
        "a logo needs a description for those who cannot see it: fill in logo_tekst",
    ),
    "theme_template": ("fout in het sjabloon: {detail}", "error in the template: {detail}"),
    "theme_export_exists": (
        "{path} bestaat al en is niet leeg; kies een nieuwe map. Er is niets overschreven.",
        "{path} exists and is not empty; choose a new folder. Nothing was overwritten.",
    ),
    "theme_exported": (
        "Thema geschreven in {path}. Pas via-reports.toml en de sjablonen aan en gebruik het met:\n"
        "  via-reports build --theme {path}",
        "Theme written to {path}. Edit via-reports.toml and the templates and use it with:\n"
        "  via-reports build --theme {path}",
    ),
    "batch_same_name": (
        "{first} en {second} hebben dezelfde naam; hun documenten zouden elkaar overschrijven",
        "{first} and {second} have the same name; their documents would overwrite each other",
    ),
    "batch_ok": ("{workbook}: klaar ({files})", "{workbook}: done ({files})"),
    "batch_failed": ("{workbook}: niet gemaakt", "{workbook}: not built"),
    "batch_summary": (
        "{built} van {total} werkmappen gemaakt{failed}.",
        "{built} of {total} workbooks built{failed}.",
    ),
    "batch_summary_failed": ("; {count} met fouten (zie hierboven)", "; {count} with errors (see above)"),
    "cli_built": ("Geschreven: {path}", "Written: {path}"),
    "cli_no_workbook": (
        "geef een werkmap op, bijvoorbeeld: via-reports build source/via-beleid.xlsx ({reason})",
        "name a workbook, for example: via-reports build source/via-beleid.xlsx ({reason})",
    ),
    "cli_no_workbook_none": ("er staat geen .xlsx in {folder}", "there is no .xlsx in {folder}"),
    "cli_no_workbook_many": ("er staan meerdere in {folder}: {names}", "{folder} holds several: {names}"),
    "cli_cannot_write": ("kan niet schrijven in {path}: {detail}", "cannot write to {path}: {detail}"),
    # --- via-reports serve (the web page and its API)
    "serve_started": (
        "via-reports draait op {url}\nOpen dit adres in de browser; stop met Ctrl+C.",
        "via-reports is running at {url}\nOpen this address in a browser; stop with Ctrl+C.",
    ),
    "serve_watching": ("De pagina volgt {path}.", "The page follows {path}."),
    "serve_cannot_listen": (
        "kan niet luisteren op {host} poort {port}: {detail}. Is de poort al in gebruik? Kies een andere met --port",
        "cannot listen at {host} port {port}: {detail}. Is the port in use already? Choose another with --port",
    ),
    "serve_needs_password": (
        "op het adres {host} is de server ook vanaf andere computers te bereiken; geef dan een wachtwoord "
        "met --wachtwoord of VIA_REPORTS_WACHTWOORD (of gebruik --host 127.0.0.1)",
        "at the address {host} the server can be reached from other computers too; then give a password "
        "with --wachtwoord or VIA_REPORTS_WACHTWOORD (or use --host 127.0.0.1)",
    ),
    "serve_no_workbook_field": (
        "stuur de werkmap mee in het veld 'werkmap' (een .xlsx-bestand)",
        "send the workbook in the field 'werkmap' (an .xlsx file)",
    ),
    "serve_bad_field": (
        "het veld '{field}' heeft een onbekende waarde '{value}' (mogelijk: {known})",
        "the field '{field}' has an unknown value '{value}' (possible: {known})",
    ),
    "serve_bad_form": (
        "het verzoek is geen geldig formulier (multipart/form-data): {detail}",
        "the request is not a valid form (multipart/form-data): {detail}",
    ),
    "serve_too_large": (
        "het bestand is te groot: hoogstens {limit} MB per keer",
        "the file is too large: at most {limit} MB at a time",
    ),
    "serve_busy": (
        "de server is druk: er wachten al {waiting} opdrachten. Probeer het over {seconds} seconden opnieuw",
        "the server is busy: {waiting} jobs are already waiting. Try again in {seconds} seconds",
    ),
    "serve_unknown_build": (
        "deze opdracht bestaat niet (meer); opdrachten worden na {minutes} minuten verwijderd",
        "this job does not exist (any more); jobs are deleted after {minutes} minutes",
    ),
    "serve_no_page": ("deze pagina bestaat niet", "this page does not exist"),
    "serve_unknown_file": ("dit bestand hoort niet bij deze opdracht", "this file does not belong to this job"),
    "serve_not_watching": (
        "deze server volgt geen werkmap; start hem met: via-reports serve WERKMAP",
        "this server follows no workbook; start it with: via-reports serve WERKMAP",
    ),
    "serve_unauthorized": (
        "geef het wachtwoord van deze server (HTTP Basic of een Bearer-token)",
        "give this server's password (HTTP Basic or a Bearer token)",
    ),
    "serve_cross_site": (
        "een verzoek van een andere website is geweigerd",
        "a request from another website was refused",
    ),
    "serve_wrong_host": (
        "onbekende hostnaam {host}; deze server antwoordt alleen op 127.0.0.1 en localhost "
        "(achter een reverse proxy: gebruik --root-path of --wachtwoord)",
        "unknown host name {host}; this server only answers to 127.0.0.1 and localhost "
        "(behind a reverse proxy: use --root-path or --wachtwoord)",
    ),
    "serve_worker_died": (
        "het maken is afgebroken: het werkproces stopte onverwacht (te weinig geheugen?). Probeer het opnieuw",
        "the build was broken off: the worker process stopped unexpectedly (out of memory?). Try again",
    ),
    "serve_unexpected": (
        "onverwachte fout bij het maken ({detail}); meld dit bij de beheerder van via-reports",
        "unexpected error while building ({detail}); please report this to the maintainers of via-reports",
    ),
    "serve_stage_queued": ("in de wachtrij", "queued"),
    "serve_stage_started": ("gestart", "started"),
    "serve_stage_done": ("klaar", "done"),
    "serve_stage_failed": ("mislukt", "failed"),
}


def text(code: str, lang: str = "nl", **params: object) -> str:
    """The sentence for `code` in `lang` ('nl' or 'en'), with its values filled in."""
    nl, en = CATALOGUE[code]
    return (en if lang == "en" else nl).format(**params)
