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
    "library_warning": (
        "bij het lezen van de werkmap meldde openpyxl: '{detail}'. via-reports leest alleen de tekst van de "
        "cellen; controleer of alles in het document staat",
        "while reading the workbook openpyxl reported: '{detail}'. via-reports reads only the text of the cells; "
        "check that everything is in the document",
    ),
    "file_strict_unreadable": (
        "dit is een Strict Open XML-werkmap die niet kon worden gelezen ({detail}). Open hem in Excel en kies "
        "Opslaan als > Excel-werkmap (.xlsx), niet 'Strict Open XML-werkmap'",
        "this is a Strict Open XML workbook that could not be read ({detail}). Open it in Excel and choose "
        "Save As > Excel Workbook (.xlsx), not 'Strict Open XML Spreadsheet'",
    ),
    "formula_no_value": (
        "deze formule heeft geen opgeslagen waarde; open de werkmap in Excel en sla hem op",
        "this formula has no saved value; open the workbook in Excel and save it",
    ),
    # --- sheets and header rows
    "sheet_too_big": (
        "het werkblad is te groot: er staan waarden tot in regel {rows} en kolom {columns}; hoogstens "
        "{max_rows} regels en {max_columns} kolommen (wis wat eronder of ernaast staat, of zet het op een "
        "ander werkblad)",
        "the sheet is too large: it holds values down to row {rows} and column {columns}; at most {max_rows} "
        "rows and {max_columns} columns (clear what stands below or beside, or move it to another sheet)",
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
        "Nr '{value}' is geen heel getal van 1 tot en met {limit} (typ het met de cijfers 0-9)",
        "Nr '{value}' is not a whole number from 1 to {limit} (type it with the digits 0-9)",
    ),
    "nr_duplicate": (
        "Nr {nr} staat bij {level} al in {other}; elk nummer mag per niveau één keer voorkomen",
        "Nr {nr} is already used for {level} in {other}; each number may appear once per level",
    ),
    "period_invalid": (
        "Periode '{value}' is geen jaar (2025) of looptijd (2023-2028 of 2023 t/m 2028)",
        "Periode '{value}' is not a year (2025) or a span of years (2023-2028 or 2023 t/m 2028)",
    ),
    "period_reversed": (
        "Periode '{value}' eindigt vóór hij begint",
        "Periode '{value}' ends before it starts",
    ),
    "period_expired": (
        "Periode {period} is verlopen: afgelopen vóór editie {year}. Werk de periode bij of zet Opnemen op nee",
        "Periode {period} has expired: it ended before edition {year}. Update the period or set Opnemen to nee",
    ),
    "period_expired_many": (
        "{count} beleidsstukken zijn verlopen (afgelopen vóór editie {year}): {cells}. "
        "Werk de periode bij of zet Opnemen op nee",
        "{count} policies have expired (ended before edition {year}): {cells}. Update the period or set Opnemen to nee",
    ),
    "period_ends": (
        "Periode {period} loopt af in {year}. Werk de periode bij of zet Opnemen op nee",
        "Periode {period} ends in {year}. Update the period or set Opnemen to nee",
    ),
    "period_ends_many": (
        "{count} beleidsstukken lopen af in {year}: {cells}. Werk de periode bij of zet Opnemen op nee",
        "{count} policies end in {year}: {cells}. Update the period or set Opnemen to nee",
    ),
    "excel_error": (
        "de cel bevat de Excel-fout {value}; herstel de formule of typ de tekst in",
        "the cell holds the Excel error {value}; fix the formula or type the text",
    ),
    "char_removed": (
        "de cel bevat onzichtbare tekens die in geen document kunnen staan ({chars}); ze zijn weggelaten",
        "the cell holds invisible characters no document can hold ({chars}); they were left out",
    ),
    "nr_too_big": (
        "Nr '{value}' is te groot; een nummer is hoogstens {limit}",
        "Nr '{value}' is too large; a number is at most {limit}",
    ),
    "html_too_many_tags": (
        "de HTML in deze cel heeft {count} tags, meer dan de {limit} die een cel mag hebben; vereenvoudig de opmaak",
        "the HTML in this cell has {count} tags, more than the {limit} a cell may have; simplify the markup",
    ),
    "html_too_deep": (
        "de HTML in deze cel is {depth} lagen diep genest, dieper dan de {limit} die een cel mag hebben; "
        "sluit de tags eerder (anders zou tekst verloren gaan)",
        "the HTML in this cell is nested {depth} levels deep, deeper than the {limit} a cell may have; "
        "close the tags sooner (text would otherwise be lost)",
    ),
    "list_too_deep": (
        "de lijsten in deze cel staan meer dan {limit} niveaus diep in elkaar; spring minder diep in",
        "the lists in this cell are nested more than {limit} levels deep; indent less",
    ),
    "html_no_text": (
        "{column} bevat alleen HTML-opmaak zonder zichtbare tekst (tekst in script, style en dergelijke "
        "wordt niet getoond)",
        "{column} holds only HTML markup without visible text (text in script, style and the like is not shown)",
    ),
    # --- links
    "link_refused": (
        "'{href}' is geen toegestaan webadres (alleen een adres dat met http:// of https:// en een echte "
        "websitenaam begint, of mailto:); "
        "het wordt als gewone tekst getoond",
        "'{href}' is not an allowed address (only http, https or mailto with a real host); it is shown as plain text",
    ),
    "link_www": (
        "'{address}' is gelezen als het webadres {url}; zet https:// voor het adres, dan verdwijnt deze melding",
        "'{address}' was read as the web address {url}; put https:// before the address to silence this warning",
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
    # --- a base workbook shared by a region (Document field Basis, --basis)
    "basis_missing": (
        "de basiswerkmap '{value}' bestaat niet (gezocht: {path}); het pad geldt vanaf de map van deze werkmap",
        "the base workbook '{value}' does not exist (looked for: {path}); the path is taken from this "
        "workbook's folder",
    ),
    "basis_url": (
        "de Basis '{value}' is een webadres; via-reports leest alleen bestanden. Sla de basiswerkmap op in een "
        "map (of gedeelde map) en schrijf het pad, bijvoorbeeld ../regio/regio.xlsx",
        "the Basis '{value}' is a web address; via-reports only reads files. Save the base workbook in a "
        "(shared) folder and write its path, for example ../regio/regio.xlsx",
    ),
    "basis_not_here": (
        "deze werkmap noemt een basiswerkmap ({value}), maar de server leest geen bestanden die een geüploade "
        "werkmap noemt; vraag de beheerder de server te starten met --basis, of laat het veld Basis leeg",
        "this workbook names a base workbook ({value}), but the server reads no files that an uploaded workbook "
        "names; ask the administrator to start the server with --basis, or leave the field Basis empty",
    ),
    "basis_self": (
        "de Basis is deze werkmap zelf; een basis is een andere werkmap (die van de regio)",
        "the Basis is this workbook itself; a base is another workbook (the region's)",
    ),
    "basis_broken": (
        "de basiswerkmap {name} kan niet worden gebruikt; herstel eerst de fouten die bij {name} staan",
        "the base workbook {name} cannot be used; first fix the errors listed for {name}",
    ),
    "basis_nested": (
        "een basiswerkmap kan zelf geen Basis hebben (er is één niveau: regio en gemeente); "
        "haal dit veld weg uit {name}",
        "a base workbook cannot have a Basis of its own (there is one level: region and municipality); "
        "remove this field from {name}",
    ),
    "basis_overridden": (
        "--basis {option} wordt gebruikt in plaats van de Basis in deze cel ({value})",
        "--basis {option} is used instead of the Basis in this cell ({value})",
    ),
    "basis_absolute": (
        "de Basis is een volledig pad; dat werkt alleen op deze computer. Schrijf het pad vanaf de map van "
        "deze werkmap, bijvoorbeeld ../regio/{name}",
        "the Basis is a full path; that only works on this computer. Write the path from this workbook's "
        "folder, for example ../regio/{name}",
    ),
    "basis_nr_taken": (
        "{level} {nr} bestaat al in {base} ({ref}, '{title}'); kies een ander nummer of laat Nr leeg",
        "{level} {nr} already exists in {base} ({ref}, '{title}'); choose another number or leave Nr empty",
    ),
    "basis_replaced_twice": (
        "{other} vervangt {level} '{title}' uit {base} al; laat één van beide regels over",
        "{other} already replaces {level} '{title}' from {base}; keep one of the two rows",
    ),
    "basis_left_out_and_replaced": (
        "deze regel laat {level} '{title}' uit {base} weg (Opnemen = nee), maar {other} vervangt het; "
        "kies één van beide",
        "this row leaves {level} '{title}' from {base} out (Opnemen = nee), but {other} replaces it; choose one",
    ),
    "basis_similar": (
        "'{title}' staat niet in {base}, maar lijkt op {level} '{other}'; alleen precies dezelfde Titel "
        "vervangt dat beleid of laat het weg (hoofdletters, accenten en spaties maken niet uit)",
        "'{title}' is not in {base}, but looks like {level} '{other}'; only the very same Titel replaces that "
        "policy or leaves it out (case, accents and spaces aside)",
    ),
    "basis_nothing": (
        "er staat geen enkel beleidsstuk in deze werkmap en {base} samen: er is niets om te publiceren",
        "there is not a single policy in this workbook and {base} together: there is nothing to publish",
    ),
    # --- what the computer lacks (system.py)
    "system_pango_missing": (
        "de PDF kan niet worden gemaakt: de tekstbibliotheek Pango (die WeasyPrint gebruikt) is niet "
        "geïnstalleerd of niet te vinden ({detail}). Vraag uw IT-afdeling om Pango te installeren: {install}. "
        "Er is niets geschreven",
        "the PDF cannot be made: the Pango text library (used by WeasyPrint) is not installed or cannot be "
        "found ({detail}). Ask your IT department to install Pango: {install}. Nothing was written",
    ),
    "system_pango_old": (
        "de PDF kan niet worden gemaakt: de tekstbibliotheek Pango is versie {found}; nodig is {minimum} of "
        "nieuwer. Vraag uw IT-afdeling om Pango bij te werken: {install}. Er is niets geschreven",
        "the PDF cannot be made: the Pango text library is version {found}; {minimum} or newer is needed. "
        "Ask your IT department to update Pango: {install}. Nothing was written",
    ),
    "system_weasyprint_missing": (
        "de PDF kan niet worden gemaakt: WeasyPrint is niet (goed) geïnstalleerd ({detail}). "
        "Installeer via-reports opnieuw: pip install -e . in de map van via-reports. Er is niets geschreven",
        "the PDF cannot be made: WeasyPrint is not (properly) installed ({detail}). "
        "Install via-reports again: pip install -e . in the via-reports folder. Nothing was written",
    ),
    "system_fonts_missing": (
        "de PDF kan niet worden gemaakt: de lettertypen {fonts} ontbreken in het thema ({folder}). "
        "Zet ze in de map fonts van het thema, of installeer via-reports opnieuw. Er is niets geschreven",
        "the PDF cannot be made: the fonts {fonts} are missing from the theme ({folder}). "
        "Put them in the theme's fonts folder, or install via-reports again. Nothing was written",
    ),
    "system_python_old": (
        "via-reports heeft Python {minimum} of nieuwer nodig; dit is Python {found}. Vraag uw IT-afdeling "
        "om een nieuwere Python (https://www.python.org/downloads/)",
        "via-reports needs Python {minimum} or newer; this is Python {found}. Ask your IT department "
        "for a newer Python (https://www.python.org/downloads/)",
    ),
    "doctor_title": ("Wat via-reports op deze computer gebruikt:", "What via-reports uses on this computer:"),
    "doctor_os": ("besturingssysteem", "operating system"),
    "doctor_theme": ("thema", "theme"),
    "doctor_fonts": ("lettertypen", "fonts"),
    "doctor_no_libreoffice": (
        "niet gevonden (alleen nodig om Word-bestanden om te zetten; niet voor via-reports zelf)",
        "not found (only needed to convert Word files; not for via-reports itself)",
    ),
    "doctor_ok": (
        "Alles is aanwezig om Word, PDF en HTML te maken.",
        "Everything is there to make Word, PDF and HTML.",
    ),
    "doctor_problem": ("Er ontbreekt iets (zie hierboven).", "Something is missing (see above)."),
    # --- omzetten (convert.py)
    "convert_exists": (
        "{path} bestaat al; kies een nieuwe naam. Er is niets overschreven.",
        "{path} already exists; choose a new name. Nothing was overwritten.",
    ),
    "convert_suffix": (
        "{path} moet op {suffix} eindigen, net als de werkmap die wordt omgezet",
        "{path} must end in {suffix}, like the workbook being converted",
    ),
    "convert_kept_html": (
        "deze cel is als HTML gebleven: getypt zou hij er anders uitzien (bijvoorbeeld een alinea binnen een "
        "opsommingspunt); pas hem zo nodig met de hand aan",
        "this cell stays HTML: typed it would look different (for example a paragraph inside a list item); "
        "change it by hand if needed",
    ),
    "convert_link": (
        "de link '{label}' is getypt als '{label} ({href})': een cel kan geen link met een eigen tekst bevatten",
        "the link '{label}' is typed as '{label} ({href})': a cell cannot hold a link with a text of its own",
    ),
    "convert_done": (
        "Geschreven: {path} ({count} cel(len) van HTML naar getypte tekst). {source} is niet veranderd.",
        "Written: {path} ({count} cell(s) from HTML to typed text). {source} was not changed.",
    ),
    "convert_nothing": (
        "In {source} staat geen HTML in de Toelichting of de Inleiding; er is niets geschreven.",
        "{source} holds no HTML in Toelichting or Inleiding; nothing was written.",
    ),
    # --- places in the workbook
    "place_row": ("{sheet}, regel {row}", "{sheet}, row {row}"),
    "place_header_row": ("Kopregel van {sheet} (regel {row})", "Header row of {sheet} (row {row})"),
    # --- what the command line says
    "cli_checking": ("Controle van {name}", "Checking {name}"),
    "cli_ok": (
        "{name} is in orde: {policies} beleidsstukken ({levels}), {frameworks} wettelijke kaders{excluded}.",
        "{name} is fine: {policies} policies ({levels}), {frameworks} legal frameworks{excluded}.",
    ),
    "cli_composed": (
        "Samengesteld met de basis {base}: {shared} gedeeld, {replaced} vervangen, {dropped} weggelaten.",
        "Composed with the base {base}: {shared} shared, {replaced} replaced, {dropped} left out.",
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
    "cli_init_region_done": (
        "Geschreven: de basiswerkmap van de regio {base} en de werkmap van een gemeente {local} die haar "
        "gebruikt (veld Basis). Lees het werkblad Uitleg van beide en controleer met:\n  via-reports validate {local}",
        "Written: the region's base workbook {base} and a municipality's workbook {local} that uses it "
        "(field Basis). Read the Uitleg sheet of both and check with:\n  via-reports validate {local}",
    ),
    "output_locked": (
        "het bestand is in gebruik of alleen-lezen (open in Word of een PDF-lezer?); sluit het en probeer het opnieuw",
        "the file is in use or read-only (open in Word or a PDF viewer?); close it and try again",
    ),
    "output_disk_full": (
        "de schijf is vol (of uw schijfquotum is op); maak ruimte vrij of kies met -o een andere map. "
        "Eerdere documenten zijn niet veranderd",
        "the disk is full (or your disk quota is used up); free some space or choose another folder with -o. "
        "Earlier documents were not changed",
    ),
    "output_read_only": (
        "in deze map kan niet worden geschreven (alleen-lezen, of u hebt er geen schrijfrechten); kies met -o "
        "een andere map of vraag schrijfrechten. Eerdere documenten zijn niet veranderd",
        "this folder cannot be written to (read-only, or you have no permission to write); choose another folder "
        "with -o or ask for permission. Earlier documents were not changed",
    ),
    "output_symlink": (
        "dit is een snelkoppeling (symbolische link) naar {target}; via-reports schrijft niet via een link naar "
        "een andere plek. Verwijder de link of kies met -o een andere map. Er is niets geschreven",
        "this is a symbolic link to {target}; via-reports does not write through a link to another place. "
        "Remove the link or choose another folder with -o. Nothing was written",
    ),
    "output_is_input": (
        "dit is de werkmap die wordt gelezen: het document zou hem overschrijven. Kies met -o een andere map "
        "of geef de werkmap een naam die op .xlsx eindigt. Er is niets geschreven",
        "this is the workbook being read: the document would overwrite it. Choose another folder with -o or "
        "give the workbook a name ending in .xlsx. Nothing was written",
    ),
    "output_incomplete": (
        "in het gemaakte document ontbreken {count} beleidsstukken: {policies}. Er is niets vervangen. Past het "
        "thema de sjablonen aan? Probeer het dan zonder --theme; anders: meld het, met de werkmap, bij de beheerder "
        "van via-reports",
        "the document made lacks {count} policies: {policies}. Nothing was replaced. Does the theme change the "
        "templates? Then try without --theme; otherwise report it, with the workbook, to the maintainers of "
        "via-reports",
    ),
    "output_is_template": (
        "dit is een sjabloon van het thema: het document zou het overschrijven. Kies met -o een andere map "
        "of geef de werkmap een andere naam. Er is niets geschreven",
        "this is a template of the theme: the document would overwrite it. Choose another folder with -o or "
        "give the workbook another name. Nothing was written",
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
        'dat is geweigerd. Gebruik alleen bestanden in de themamap, zoals url("fonts/Eigen.ttf")',
        "{url} points to something outside the theme folder (the internet, another file or an address that "
        'cannot be read); it was refused. Use only files in the theme folder, such as url("fonts/Own.ttf")',
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
    "batch_basis_broken": (
        "de basiswerkmap {name} heeft fouten; er is voor geen enkele gemeente iets gemaakt",
        "the base workbook {name} has errors; nothing was built for any municipality",
    ),
    "cli_diff_basis_and_region": (
        "--gemeenten vergelijkt twee edities van de basis (OUD en NIEUW); --basis past daar niet bij",
        "--gemeenten compares two editions of the base (OUD and NIEUW); --basis does not go with it",
    ),
    "region_failed": ("{workbook}: niet vergeleken", "{workbook}: not compared"),
    "batch_no_workbooks": (
        "geen werkmappen in {folder}: er staat geen .xlsx-bestand in. Geef een werkmap op of een map met werkmappen",
        "no workbooks in {folder}: it holds no .xlsx file. Name a workbook or a folder of workbooks",
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
    "option_appendix_profile": (
        "--bijlage geldt alleen voor het profiel bijlage, niet voor --profile {profile}; "
        "laat --profile weg of kies --profile bijlage",
        "--bijlage only applies to the bijlage profile, not to --profile {profile}; "
        "leave out --profile or choose --profile bijlage",
    ),
    "option_qr_profile": (
        "--qr geldt alleen voor de handout (om af te drukken), niet voor --profile {profile}; "
        "kies --profile handout of laat --qr weg",
        "--qr only applies to the handout (for print), not to --profile {profile}; "
        "choose --profile handout or leave out --qr",
    ),
    "option_pdf_variant": (
        "--pdf-variant geldt alleen voor de PDF, en die wordt niet gemaakt ({formats}); voeg -f pdf toe "
        "of laat --pdf-variant weg",
        "--pdf-variant only applies to the PDF, which is not being made ({formats}); add -f pdf "
        "or leave out --pdf-variant",
    ),
    "option_jobs_single": (
        "waarschuwing: --jobs geldt alleen bij meerdere werkmappen; er is er één, dus het doet niets",
        "warning: --jobs only applies to several workbooks; there is one, so it does nothing",
    ),
    "option_format_unknown": (
        "'{value}' is geen soort document; kies uit docx (of word), pdf, html of alles",
        "'{value}' is not a kind of document; choose from docx (or word), pdf, html or all",
    ),
    "qr_no_addresses": (
        "--qr: geen enkel beleidsstuk in dit overzicht heeft een bron met een webadres (kolom Bronnen), "
        "dus de handout heeft geen QR-codes. Zet achter een bron zijn adres ('Naam | https://…')",
        "--qr: not a single policy in this overview has a source with a web address (column Bronnen), "
        "so the handout has no QR codes. Put its address after a source ('Name | https://…')",
    ),
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
        "onbekende servernaam {host}; deze server antwoordt alleen op 127.0.0.1 en localhost "
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
