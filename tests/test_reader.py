"""The workbook reader: the contract, followed exactly, with every problem located."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BELEID_HEADER, policy
from via_reports.diagnostics import Severity
from via_reports.model import Level, Period, Source, plain_text
from via_reports.reader.workbook import ReadResult, read_workbook


def located(result: ReadResult, severity: Severity | None = None) -> dict[str, str]:
    """location → code, for the diagnostics of one severity (or all)."""
    return {str(d.location): d.code for d in result.diagnostics if severity is None or d.severity is severity}


def test_forgiving_headers_any_order_extra_column_and_empty_row(make_workbook) -> None:
    header = ("Toelichting", " niveau ", "TITEL", "Opmerking", "Thema’s", "nr.", "Periode")
    rows = [
        header,
        ("Uitleg één.", "landelijk", "Eerste", "intern", "jeugd, Huiselijk geweld", 2, "2023 – 2028"),
        (None, None, None, None, None, None, None),
        ("Uitleg twee.", "LOKAAL", "Tweede", None, None, None, 2025),
        ("Uitleg drie.", " Landelijk ", "Derde", None, "jeugd;jeugd", 1, "2024-2026"),
    ]
    result = read_workbook(make_workbook(sheets={"beleid ": rows}))
    assert result.ok
    assert located(result) == {"beleid !D1": "column_unknown"}
    doc = result.document
    landelijk = doc.section(Level.LANDELIJK).policies
    assert [(p.nr, p.title) for p in landelijk] == [(1, "Derde"), (2, "Eerste")]
    assert landelijk[1].themes == ("jeugd", "Huiselijk geweld")
    assert landelijk[0].themes == ("jeugd",)
    assert landelijk[1].period == Period(2023, 2028)
    lokaal = doc.section(Level.LOKAAL).policies
    assert [(p.nr, p.title, p.period) for p in lokaal] == [(1, "Tweede", Period(2025, 2025))]
    assert lokaal[0].origin is not None and str(lokaal[0].origin) == "beleid !4:4"


def test_unknown_column_close_to_a_known_one_gets_a_suggestion(make_workbook) -> None:
    rows = [("Niveau", "Titel", "Toelichting", "Themas x"), ("Lokaal", "T", "U", "jeugd")]
    result = read_workbook(make_workbook(sheets={"Beleid": rows}))
    (warning,) = result.warnings
    assert warning.code == "column_unknown_suggest"
    assert "Thema's" in warning.message()


def test_six_row_problems_are_all_named(make_workbook) -> None:
    policies = [
        policy(level="Landelyk"),  # row 2: A2 unknown level
        policy(level=None),  # row 3: A3 empty level
        policy(title=None),  # row 4: C4 no title
        policy(text=None),  # row 5: E5 no explanation
        policy(nr="drie"),  # row 6: B6 not a number
        policy(nr=1),  # row 7
        policy(nr=1),  # row 8: B8 duplicate of B7
        policy(period="2023/2028"),  # row 9: G9 bad period
        policy(nr=0),  # row 10: B10 below 1
        policy(nr=2.5),  # row 11: B11 not whole
    ]
    result = read_workbook(make_workbook(policies=policies))
    assert not result.ok and result.document is None
    assert located(result, Severity.ERROR) == {
        "Beleid!A2": "level_unknown",
        "Beleid!A3": "level_missing",
        "Beleid!C4": "required_missing",
        "Beleid!E5": "required_missing",
        "Beleid!B6": "nr_invalid",
        "Beleid!B8": "nr_duplicate",
        "Beleid!G9": "period_invalid",
        "Beleid!B10": "nr_invalid",
        "Beleid!B11": "nr_invalid",
    }
    messages = {str(d.location): d.format() for d in result.errors}
    assert messages["Beleid!A2"] == "Beleid!A2: fout: Niveau 'Landelyk' is geen Landelijk, Regionaal of Lokaal"
    assert "Beleid!B7" in messages["Beleid!B8"]
    assert "Titel is leeg" in messages["Beleid!C4"]


def test_duplicate_numbers_only_within_a_level(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy("Landelijk", 1), policy("Lokaal", 1)]))
    assert result.ok


def test_auto_numbering_takes_the_next_free_number_in_row_order(make_workbook) -> None:
    policies = [
        policy("Lokaal", None, "a"),
        policy("Lokaal", 2, "b"),
        policy("Lokaal", None, "c"),
        policy("Lokaal", 5, "d"),
        policy("Lokaal", None, "e"),
        policy("Regionaal", None, "r"),
    ]
    result = read_workbook(make_workbook(policies=policies))
    numbers = [(p.title, p.nr) for p in result.document.section(Level.LOKAAL).policies]
    assert numbers == [("a", 1), ("b", 2), ("c", 3), ("d", 5), ("e", 6)]
    assert [(p.title, p.nr) for p in result.document.section(Level.REGIONAAL).policies] == [("r", 1)]


def test_rows_are_sorted_by_number_within_their_level(make_workbook) -> None:
    policies = [policy("Lokaal", 3, "drie"), policy("Landelijk", 1, "L"), policy("Lokaal", 1, "een")]
    doc = read_workbook(make_workbook(policies=policies)).document
    assert [p.title for p in doc.policies] == ["L", "een", "drie"]
    assert [p.anchor for p in doc.policies] == ["landelijk-1", "lokaal-1", "lokaal-3"]


@pytest.mark.parametrize("value", ["nee", "Nee", " NO ", "0", 0, "onwaar", "FALSE", False])
def test_opnemen_nee_leaves_the_row_out(make_workbook, value) -> None:
    result = read_workbook(make_workbook(policies=[policy(title="blijft"), policy(title="weg", include=value)]))
    assert [p.title for p in result.document.policies] == ["blijft"]
    assert result.excluded == 1


@pytest.mark.parametrize("value", ["ja", "", None, "1", "misschien"])
def test_anything_else_in_opnemen_includes_the_row(make_workbook, value) -> None:
    result = read_workbook(make_workbook(policies=[policy(include=value)]))
    assert len(result.document.policies) == 1


def test_excluded_rows_do_not_take_a_number_or_block_the_build(make_workbook) -> None:
    policies = [policy(title=None, level="Landelyk", include="nee"), policy(title="a"), policy(title="b")]
    result = read_workbook(make_workbook(policies=policies))
    assert result.ok
    assert [(p.title, p.nr) for p in result.document.policies] == [("a", 1), ("b", 2)]


def test_index_label_defaults_to_title(make_workbook) -> None:
    doc = read_workbook(make_workbook(policies=[policy(title="Lang", short="Kort"), policy(title="Zelfde")])).document
    assert [(p.title, p.index_label) for p in doc.policies] == [("Lang", "Kort"), ("Zelfde", "Zelfde")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-2028", Period(2023, 2028)),
        ("2023–2028", Period(2023, 2028)),
        ("2023 - 2028", Period(2023, 2028)),
        ("2025", Period(2025, 2025)),
        (2025, Period(2025, 2025)),
        (None, None),
        ("  ", None),
    ],
)
def test_periods(make_workbook, value, expected) -> None:
    doc = read_workbook(make_workbook(policies=[policy(period=value)])).document
    assert doc.policies[0].period == expected


def test_period_that_ends_before_it_starts_is_an_error(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(period="2028-2023")]))
    assert located(result, Severity.ERROR) == {"Beleid!G2": "period_reversed"}


def test_sources_in_every_form(make_workbook) -> None:
    sources = "\n".join(
        [
            "Rapport | https://www.rijksoverheid.nl/rapport",
            "https://www.oss.nl/plan.pdf",
            "Alleen een naam",
            "• Met een bolletje | https://example.org/a",
            "Gevaarlijk | javascript:alert(1)",
            "file:///etc/passwd",
            "",
        ]
    )
    result = read_workbook(make_workbook(policies=[policy(sources=sources)]))
    assert result.document.policies[0].sources == (
        Source("Rapport", "https://www.rijksoverheid.nl/rapport"),
        Source("https://www.oss.nl/plan.pdf", "https://www.oss.nl/plan.pdf"),
        Source("Alleen een naam", None),
        Source("Met een bolletje", "https://example.org/a"),
        Source("Gevaarlijk", None),
        Source("file:///etc/passwd", None),
    )
    refused = [d for d in result.warnings if d.code == "link_refused"]
    assert [str(d.location) for d in refused] == ["Beleid!F2", "Beleid!F2"]


def test_excel_hyperlinks_on_title_and_single_source(make_workbook) -> None:
    path = make_workbook(
        policies=[policy(sources="Het plan"), policy(sources="a\nb")],
        hyperlinks={
            "Beleid!C2": "https://www.oss.nl/titel",
            "Beleid!F2": "https://www.oss.nl/plan",
            "Beleid!F3": "https://www.oss.nl/x",
        },
    )
    result = read_workbook(path)
    first, second = result.document.policies
    assert first.title_url == "https://www.oss.nl/titel"
    assert first.sources == (Source("Het plan", "https://www.oss.nl/plan"),)
    assert second.sources == (Source("a"), Source("b"))
    assert located(result, Severity.WARNING) == {"Beleid!F3": "hyperlink_unused"}


def test_refused_links_in_the_explanation_are_warnings_at_their_cell(make_workbook) -> None:
    text = '<p><a href="javascript:alert(1)">klik</a> en <a href="https://www.oss.nl">Oss</a></p>'
    result = read_workbook(make_workbook(policies=[policy(text=text)]))
    assert result.ok
    assert located(result, Severity.WARNING) == {"Beleid!E2": "link_refused"}
    assert plain_text(result.document.policies[0].explanation) == "klik en Oss"


def test_legal_frameworks_grouped_in_order_of_first_appearance(make_workbook) -> None:
    kaders = [
        ("Naam", "Categorie", "Link", "Toelichting"),
        ("Jeugdwet", "Nederlandse wetgeving", "https://wetten.overheid.nl/BWBR0034925", None),
        ("Verdrag van Istanbul", "Internationale kaders", None, "Over <b>geweld</b> tegen vrouwen."),
        ("Wet tijdelijk huisverbod", "nederlandse wetgeving ", "javascript:x", None),
    ]
    result = read_workbook(make_workbook(kaders=kaders, hyperlinks={}))
    groups = result.document.frameworks
    assert [(g.category, [f.name for f in g.frameworks]) for g in groups] == [
        ("Nederlandse wetgeving", ["Jeugdwet", "Wet tijdelijk huisverbod"]),
        ("Internationale kaders", ["Verdrag van Istanbul"]),
    ]
    assert groups[0].frameworks[0].url == "https://wetten.overheid.nl/BWBR0034925"
    assert groups[0].frameworks[1].url is None
    assert plain_text(groups[1].frameworks[0].explanation) == "Over geweld tegen vrouwen."
    assert located(result) == {"Wettelijke kaders!C4": "link_refused"}


def test_legal_framework_problems(make_workbook) -> None:
    kaders = [("Categorie", "Link"), ("Wetten", None), (None, None)]
    result = read_workbook(make_workbook(kaders=kaders))
    assert located(result, Severity.ERROR) == {"Wettelijke kaders!1:1": "column_missing"}
    kaders = [("Categorie", "Naam"), ("Wetten", None), (None, "Jeugdwet")]
    result = read_workbook(make_workbook(kaders=kaders))
    assert located(result, Severity.ERROR) == {
        "Wettelijke kaders!B2": "required_missing",
        "Wettelijke kaders!A3": "required_missing",
    }


def test_document_settings(make_workbook) -> None:
    document = [
        ("Titel", "Mijn overzicht"),
        ("ondertitel", "een ondertitel"),
        ("Organisatie", "Gemeente Oss"),
        ("Editie", 2025),
        ("Datum", dt.datetime(2025, 3, 1)),
        ("Inleiding", "Alinea een.\n\nAlinea twee."),
        ("Kleur", "rood"),
    ]
    result = read_workbook(make_workbook(document=document))
    info = result.document.info
    assert (info.title, info.subtitle, info.organisation, info.edition, info.date) == (
        "Mijn overzicht",
        "een ondertitel",
        "Gemeente Oss",
        "2025",
        dt.date(2025, 3, 1),
    )
    assert info.edition_year == 2025
    assert plain_text(result.document.intro) == "Alinea een.\nAlinea twee."
    assert located(result) == {"Document!A8": "setting_unknown"}


def test_document_defaults(make_workbook) -> None:
    result = read_workbook(make_workbook(), today=dt.date(2026, 1, 2))
    info = result.document.info
    assert info.title == "Veiligheid in afhankelijkheidsrelaties"
    assert info.subtitle is None and info.organisation is None
    assert info.date == dt.date(2026, 1, 2)
    assert result.document.intro == ()


@pytest.mark.parametrize("value", ["2025-03-01", "1-3-2025", "01/03/2025"])
def test_date_as_text(make_workbook, value) -> None:
    result = read_workbook(make_workbook(document=[("Datum", value)]))
    assert result.document.info.date == dt.date(2025, 3, 1)


def test_bad_date_is_an_error_and_odd_edition_a_warning(make_workbook) -> None:
    result = read_workbook(make_workbook(document=[("Datum", "maart"), ("Editie", "2025/26")]))
    assert located(result) == {"Document!B2": "date_invalid", "Document!B3": "edition_not_year"}


def test_missing_beleid_sheet(make_workbook) -> None:
    path = make_workbook(sheets={"Blad1": [("Niveau",)]})
    result = read_workbook(path)
    (problem,) = result.errors
    assert problem.code == "sheet_missing"
    assert problem.location == path.name
    assert "'Beleid' ontbreekt" in problem.message() and "'Blad1'" in problem.message()


def test_missing_required_column(make_workbook) -> None:
    header = tuple(h for h in BELEID_HEADER if h != "Toelichting")
    result = read_workbook(make_workbook(sheets={"Beleid": [header, ("Lokaal", 1, "T")]}))
    (problem,) = result.errors
    assert (str(problem.location), problem.code) == ("Beleid!1:1", "column_missing")
    assert "verplichte kolom 'Toelichting' ontbreekt" in problem.message()


def test_empty_sheet(make_workbook) -> None:
    result = read_workbook(make_workbook(sheets={"Beleid": []}))
    (problem,) = result.errors
    assert (str(problem.location), problem.code) == ("Beleid", "sheet_empty")


def test_header_only_means_nothing_to_publish(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[]))
    assert [(str(d.location), d.code) for d in result.errors] == [("Beleid", "no_policies")]


def test_all_rows_excluded_is_an_error(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(include="nee")]))
    assert [d.code for d in result.errors] == ["all_excluded"]


def test_column_twice_is_an_error(make_workbook) -> None:
    rows = [("Niveau", "Titel", "Toelichting", "titel"), ("Lokaal", "a", "b", "c")]
    result = read_workbook(make_workbook(sheets={"Beleid": rows}))
    assert located(result, Severity.ERROR) == {"Beleid!D1": "column_twice"}


def test_excel_error_values_are_located(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(title="#REF!")]))
    assert located(result, Severity.ERROR) == {"Beleid!C2": "excel_error"}


def test_header_row_need_not_be_the_first_row(make_workbook) -> None:
    rows = [(), ("Niveau", "Titel", "Toelichting"), ("Lokaal", "a", "b")]
    result = read_workbook(make_workbook(sheets={"Beleid": rows}))
    assert result.ok and str(result.document.policies[0].origin) == "Beleid!3:3"


def test_messages_in_english(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(level="Landelyk")]))
    (problem,) = result.errors
    assert problem.format("en") == "Beleid!A2: error: Niveau 'Landelyk' is not Landelijk, Regionaal or Lokaal"


# --- files that are not workbooks ----------------------------------------------------


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _zip(tmp_path: Path, name: str, entries: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda t: _file(t, "tekst.xlsx", "Niveau;Titel\nLokaal;één\n".encode()), "file_text"),
        (lambda t: _file(t, "leeg.xlsx", b""), "file_empty"),
        (lambda t: _file(t, "oud.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "file_xls"),
        (lambda t: _zip(t, "calc.xlsx", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "file_ods"),
        (lambda t: _zip(t, "zip.xlsx", {"readme.txt": b"hallo"}), "file_not_xlsx"),
        (lambda t: _file(t, "binair.xlsx", bytes(range(256)) * 4), "file_not_xlsx"),
        (lambda t: _zip(t, "kapot.xlsx", {"xl/workbook.xml": b"<niet-af"}), "file_not_xlsx"),
        (lambda t: t / "bestaat-niet.xlsx", "file_missing"),
        (lambda t: t, "file_is_folder"),
    ],
    ids=["text", "empty", "xls", "ods", "zip", "binary", "broken", "missing", "folder"],
)
def test_files_that_are_not_workbooks(tmp_path: Path, make, code: str) -> None:
    result = read_workbook(make(tmp_path))
    assert [d.code for d in result.errors] == [code]
    assert result.document is None
    assert result.errors[0].message()  # a sentence, in Dutch


def test_the_workbook_is_never_written(make_workbook) -> None:
    path = make_workbook(policies=[policy(level="Landelyk")])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_workbook(path)
    read_workbook(make_workbook(policies=[policy()]))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_sheet_named_almost_like_an_optional_one_is_a_warning(make_workbook) -> None:
    sheets = {
        "Beleid": [BELEID_HEADER, policy()],
        "Wettelijk kader": [("Categorie", "Naam"), ("Wet", "Jeugdwet")],
        "Uitleg": [("x",)],
    }
    result = read_workbook(make_workbook(sheets=sheets))
    assert result.ok and result.document.frameworks == ()
    assert [(str(d.location), d.code) for d in result.warnings] == [("Wettelijk kader", "sheet_not_read")]
    assert "Wettelijke kaders" in result.warnings[0].message()


def test_the_reader_loads_no_numpy_and_leaves_it_loadable() -> None:
    """openpyxl would load numpy (a tenth of a second of every build) where it is
    installed; the reader holds it off, and numpy still loads for whoever wants it."""
    import subprocess
    import sys

    program = (
        "import sys, importlib.util\n"
        "import via_reports.reader.compose\n"
        "print('numpy' in sys.modules)\n"
        "if importlib.util.find_spec('numpy'):\n"
        "    import numpy\n"
        "    print(numpy.zeros(2).tolist())\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    lines = done.stdout.split("\n")
    assert lines[0] == "False", done.stdout
    assert lines[1] in ("[0.0, 0.0]", ""), done.stdout
