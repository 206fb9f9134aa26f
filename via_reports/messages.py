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
    "theme_not_text": (
        "'{name}' moet een tekst tussen aanhalingstekens zijn, zoals {name} = \"{example}\"; er staat {kind}",
        "'{name}' must be a text in quotes, such as {name} = \"{example}\"; it is {kind_en}",
    ),
    "theme_empty_text": (
        "'{name}' is leeg; schrijf een tekst tussen de aanhalingstekens, zoals {name} = \"{example}\", of laat "
        "de regel weg",
        "'{name}' is empty; write a text between the quotes, such as {name} = \"{example}\", or leave the line out",
    ),
    "theme_section_not_table": (
        "'{name}' staat hier als losse instelling; schrijf [{name}] op een eigen regel met de instellingen eronder",
        "'{name}' stands here as a single setting; write [{name}] on a line of its own with the settings below it",
    ),
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
    "theme_logo_type": (
        "het logo '{name}' is geen PNG- of JPEG-afbeelding (maar bijvoorbeeld een SVG of een ander soort bestand); "
        "sla het op als PNG",
        "the logo '{name}' is no PNG or JPEG image (but, say, an SVG or another kind of file); save it as PNG",
    ),
    "theme_logo_broken": (
        "de afbeelding '{name}' is beschadigd; sla haar opnieuw op als PNG",
        "the image '{name}' is damaged; save it again as PNG",
    ),
    "theme_logo_pixels": (
        "de afbeelding is {width} × {height} beeldpunten; een logo of andere afbeelding van een thema mag "
        "hoogstens {limit} miljoen beeldpunten hebben. Verklein haar",
        "the image is {width} × {height} pixels; a logo or other image of a theme may have at most {limit} "
        "million pixels. Make it smaller",
    ),
    "theme_xml_doctype": (
        "'{name}' bevat een DOCTYPE- of ENTITY-verklaring (daarmee kan een bestand zich enorm opblazen of andere "
        "bestanden binnenhalen); het is geweigerd. Sla de afbeelding op zonder DOCTYPE",
        "'{name}' contains a DOCTYPE or ENTITY declaration (with it a file can blow itself up or pull in other "
        "files); it was refused. Save the image without a DOCTYPE",
    ),
    "theme_font_broken": (
        "'{name}' is geen lettertype dat te lezen is (TrueType, OpenType of WOFF); vervang het of haal het weg",
        "'{name}' is not a readable font (TrueType, OpenType or WOFF); replace it or remove it",
    ),
    "theme_logo_alt": (
        "een logo heeft een beschrijving nodig voor wie het niet kan zien: vul logo_tekst in",
        "a logo needs a description for those who cannot see it: fill in logo_tekst",
    ),
    "theme_template": ("fout in het sjabloon: {detail}", "error in the template: {detail}"),
    "theme_unsafe": (
        "het sjabloon probeert iets wat in een sjabloon niet mag: {detail}. Een sjabloon toont de gegevens "
        "van het overzicht en kan geen programma's uitvoeren",
        "the template tries something a template may not do: {detail_en}. A template shows the data of the "
        "overview and cannot run programs",
    ),
    "theme_recursion": (
        "het sjabloon roept zichzelf steeds opnieuw aan (een include, import of macro zonder einde)",
        "the template calls itself over and over (an include, import or macro without end)",
    ),
    "theme_too_slow": (
        "het sjabloon is na {seconds} seconden nog niet klaar (een lus zonder einde?); het is gestopt",
        "the template has not finished after {seconds} seconds (a loop without end?); it was stopped",
    ),
    "theme_too_large": (
        "het sjabloon maakt een veel te grote uitvoer (meer dan {limit} miljoen tekens; een lus zonder einde?); "
        "het is gestopt",
        "the template makes far too large an output (more than {limit} million characters; a loop without end?); "
        "it was stopped",
    ),
    "theme_template_missing": (
        "het sjabloon '{name}' bestaat niet in de themamap of het ingebouwde thema (een sjabloon kan alleen "
        "sjablonen uit die mappen gebruiken)",
        "the template '{name}' is not in the theme folder or the built-in theme (a template can only use "
        "templates from those folders)",
    ),
    "theme_outside": (
        "dit bestand verwijst naar een plek buiten de themamap {folder} (een snelkoppeling of symbolische "
        "link); het is geweigerd. Zet het bestand zelf in de themamap",
        "this file points to a place outside the theme folder {folder} (a shortcut or symbolic link); it was "
        "refused. Put the file itself in the theme folder",
    ),
    "theme_file_missing": (
        "dit bestand bestaat niet (een snelkoppeling of symbolische link die nergens heen wijst)",
        "this file does not exist (a shortcut or symbolic link that leads nowhere)",
    ),
    "theme_is_folder": ("dit is een map, geen bestand", "this is a folder, not a file"),
    "theme_not_a_file": (
        "dit is geen gewoon bestand (een apparaat of pijp); het is geweigerd",
        "this is not an ordinary file (a device or pipe); it was refused",
    ),
    "theme_file_too_big": (
        "dit bestand is {size} MB; een bestand van een thema mag hoogstens {limit} MB zijn",
        "this file is {size} MB; a file of a theme may be at most {limit} MB",
    ),
    "theme_unreadable": ("dit bestand kan niet worden gelezen ({detail})", "this file cannot be read ({detail})"),
    "theme_css_import": (
        "@import is in de CSS van een thema niet toegestaan (het haalt een bestand of een adres op het internet "
        "op); zet de regels zelf in dit bestand",
        "@import is not allowed in a theme's CSS (it fetches a file or an address on the internet); put the "
        "rules into this file itself",
    ),
    "theme_css_url": (
        "{url} wijst naar iets buiten de themamap (internet, een ander bestand of een adres dat niet te lezen is); "
        "dat is geweigerd. Gebruik alleen bestanden in de themamap, zoals url(\"fonts/Eigen.ttf\")",
        "{url} points to something outside the theme folder (the internet, another file or an address that "
        "cannot be read); it was refused. Use only files in the theme folder, such as url(\"fonts/Own.ttf\")",
    ),
    "theme_css_missing": (
        "{url} staat niet in de themamap en ook niet in het ingebouwde thema; zet het bestand in de themamap of "
        "haal de verwijzing weg",
        "{url} is neither in the theme folder nor in the built-in theme; put the file into the theme folder or "
        "remove the reference",
    ),
    "theme_css_end_of_style": (
        "de CSS bevat '</style', waarmee ze uit het HTML-stijlblok zou breken; dat is geweigerd",
        "the CSS contains '</style', which would break out of the HTML style element; it was refused",
    ),
    "theme_html_loads": (
        "het sjabloon schrijft {what} in de HTML: dat laadt of start iets van buiten het bestand, en de HTML "
        "moet op zichzelf staan (geen scripts, geen adressen om te laden behalve data:); haal het weg",
        "the template writes {what} into the HTML: it loads or runs something from outside the file, and the "
        "HTML must stand on its own (no scripts, no addresses to load except data:); remove it",
    ),
    "theme_too_deep": (
        "dit bestand is te diep genest (haakjes, blokken of opdrachten binnen elkaar); vereenvoudig het",
        "this file is nested too deeply (brackets, blocks or statements inside each other); simplify it",
    ),
    "theme_pdf_loads": (
        "het sjabloon laat de PDF {url} laden; dat staat buiten de themamap en is geweigerd. Gebruik alleen "
        "bestanden uit de themamap",
        "the template makes the PDF load {url}; that is outside the theme folder and was refused. Use only files "
        "from the theme folder",
    ),
    "theme_not_utf8": (
        "dit bestand is geen UTF-8-tekst; open het in een teksteditor en sla het op als UTF-8",
        "this file is not UTF-8 text; open it in a text editor and save it as UTF-8",
    ),
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
    "cli_theme_beside": (
        "Huisstijl uit {path} (gevonden naast de werkmap; een andere kiest u met --theme MAP)",
        "House style from {path} (found beside the workbook; choose another with --theme MAP)",
    ),
    "cli_no_workbook": (
        "geef een werkmap op, bijvoorbeeld: via-reports build source/via-beleid.xlsx ({reason})",
        "name a workbook, for example: via-reports build source/via-beleid.xlsx ({reason})",
    ),
    "cli_no_workbook_none": ("er staat geen .xlsx in {folder}", "there is no .xlsx in {folder}"),
    "cli_no_workbook_many": ("er staan meerdere in {folder}: {names}", "{folder} holds several: {names}"),
    "cli_cannot_write": ("kan niet schrijven in {path}: {detail}", "cannot write to {path}: {detail}"),
}


def text(code: str, lang: str = "nl", **params: object) -> str:
    """The sentence for `code` in `lang` ('nl' or 'en'), with its values filled in."""
    nl, en = CATALOGUE[code]
    return (en if lang == "en" else nl).format(**params)
