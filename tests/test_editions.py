"""Editions: matching policies across workbooks, the diff for people and tools, the
changes section in the report, and periods that ran out."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import policy
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from via_reports.build import build
from via_reports.cli import main
from via_reports.editions import as_data, compare, match, word_summary
from via_reports.model import Level, Paragraph, Period, Policy, Text
from via_reports.reader.workbook import read_workbook
from via_reports.writers.ooxml import bookmark_name


def _p(nr: int, title: str, text: str = "Uitleg.", level: Level = Level.LOKAAL, **kw) -> Policy:
    return Policy(level, nr, title, title, (Paragraph((Text(text),)),), **kw)


# --- matching ------------------------------------------------------------------------


def test_renumbered_and_reordered_policies_still_match() -> None:
    old = (_p(1, "Handboek AVE"), _p(2, "Integraal veiligheidsbeleid"), _p(3, "Lokale aanpak mensenhandel"))
    new = (_p(1, "Lokale aanpak mensenhandel"), _p(2, "Handboek AVE"), _p(5, "Integraal veiligheidsbeleid"))
    pairs, removed, added = match(old, new)
    assert sorted((o.title, o.nr, n.nr) for o, n in pairs) == [
        ("Handboek AVE", 1, 2),
        ("Integraal veiligheidsbeleid", 2, 5),
        ("Lokale aanpak mensenhandel", 3, 1),
    ]
    assert removed == [] and added == []


def test_small_title_edits_match_and_different_titles_do_not() -> None:
    old = (_p(1, "Integraal veiligheidsbeleid 2023-2026"), _p(2, "Handboek AVE"))
    new = (_p(1, "Integraal Veiligheidsbeleid 2023–2027"), _p(2, "Beleidsplan Wmo"))
    pairs, removed, added = match(old, new)
    assert [(o.title, n.title) for o, n in pairs] == [
        ("Integraal veiligheidsbeleid 2023-2026", "Integraal Veiligheidsbeleid 2023–2027")
    ]
    assert [p.title for p in removed] == ["Handboek AVE"]
    assert [p.title for p in added] == ["Beleidsplan Wmo"]


def test_a_changed_policy_names_its_fields() -> None:
    old = _p(4, "Samenwerkingsagenda", "De agenda beschrijft een aantal thema's.", period=Period(2024, 2024))
    new = replace(
        _p(3, "Samenwerkingsagenda", "De agenda beschrijft een aantal belangrijke thema's.", period=Period(2025, 2025)),
        themes=("zorg",),
    )
    changes = compare(_doc(old), _doc(new), "editie 2024")
    (change,) = changes.levels[2].changed
    fields = {f.field: f.summary for f in change.fields}
    assert fields == {
        "nummer": "4 → 3",
        "toelichting": "+ “belangrijke”",
        "periode": "2024 → 2025",
        "thema's": "+ “zorg”",
    }


@pytest.mark.parametrize(
    ("old", "new", "summary"),
    [
        ("werkplan 2024 voor de regio", "werkplan 2025 voor de regio", "“2024” → “2025”"),
        ("a b c", "a c", "− “b”"),
        ("a c", "a b c d", "+ “b”; + “d”"),
        ("één twee", "één  twee", ""),
        ("één\ntwee", "één twee", ""),
        ("x", "x y z w v u t s r q p", "+ “y z w v u t s r q p”"),
    ],
)
def test_word_summary(old: str, new: str, summary: str) -> None:
    assert word_summary(old, new) == (summary or "alleen witruimte of regelafbrekingen") or old.split() == new.split()


def _doc(*policies: Policy):
    from via_reports.model import Document, DocumentInfo, LevelSection

    return Document(
        DocumentInfo("T"),
        (),
        tuple(LevelSection(level, tuple(p for p in policies if p.level is level)) for level in Level),
    )


# --- the diff command -----------------------------------------------------------------


@pytest.fixture
def editions(make_workbook) -> tuple[Path, Path]:
    old = make_workbook(
        policies=[
            policy("Landelijk", 1, "Toekomstscenario", text="Tekst een."),
            policy("Landelijk", 2, "Stop Femicide!", text="Tekst twee."),
            policy("Regionaal", 1, "Regionaal koersplan", text="Het koersplan geeft richting."),
            policy("Lokaal", 1, "Handboek AVE", text="Tekst vier."),
        ],
        kaders=[("Categorie", "Naam"), ("Nederlandse wetgeving", "Jeugdwet")],
        document=[("Editie", 2024)],
        name="editie-2024.xlsx",
    )
    new = make_workbook(
        policies=[
            policy("Landelijk", 1, "Toekomstscenario", text="Tekst een."),
            policy("Regionaal", 1, "Regionaal koersplan", text="Het koersplan geeft duidelijk richting."),
            policy("Lokaal", 1, "Handboek AVE", text="Tekst vier."),
            policy("Lokaal", 2, "Lokale aanpak mensenhandel", text="Nieuw."),
        ],
        kaders=[
            ("Categorie", "Naam"),
            ("Nederlandse wetgeving", "Jeugdwet"),
            ("Internationaal", "Verdrag van Istanbul"),
        ],
        document=[("Editie", 2025)],
        name="editie-2025.xlsx",
    )
    return old, new


def test_diff_reports_exactly_the_changes_in_dutch(editions) -> None:
    old, new = editions
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert lines[0] == "Wijzigingen van editie 2024 naar editie 2025"
    assert "verwijderd  Landelijk 2: Stop Femicide!" in lines
    assert "nieuw       Lokaal 2: Lokale aanpak mensenhandel" in lines
    assert "gewijzigd   Regionaal 1: Regionaal koersplan" in lines
    assert "toelichting: + “duidelijk”" in lines
    assert "nieuw       Internationaal: Verdrag van Istanbul" in lines
    assert lines[-1] == "4 wijziging(en)."


def test_diff_as_json_gives_the_same_as_data(editions) -> None:
    old, new = editions
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["vorige_editie"], data["nieuwe_editie"]) == ("editie 2024", "editie 2025")
    by_level = {level["niveau"]: level for level in data["niveaus"]}
    assert by_level["Landelijk"]["verwijderd"] == [{"niveau": "Landelijk", "nr": 2, "titel": "Stop Femicide!"}]
    assert by_level["Lokaal"]["toegevoegd"] == [{"niveau": "Lokaal", "nr": 2, "titel": "Lokale aanpak mensenhandel"}]
    (changed,) = by_level["Regionaal"]["gewijzigd"]
    assert changed["velden"] == [
        {
            "veld": "toelichting",
            "oud": "Het koersplan geeft richting.",
            "nieuw": "Het koersplan geeft duidelijk richting.",
            "samenvatting": "+ “duidelijk”",
        }
    ]
    assert data["wettelijke_kaders"]["toegevoegd"] == [{"categorie": "Internationaal", "naam": "Verdrag van Istanbul"}]
    api_data = as_data(compare(read_workbook(old).document, read_workbook(new).document, "editie 2024"))
    assert api_data["niveaus"] == data["niveaus"]


def test_no_differences_still_exits_0(editions) -> None:
    old, _ = editions
    result = CliRunner().invoke(main, ["diff", str(old), str(old)])
    assert result.exit_code == 0 and "Geen verschillen." in result.output


def test_diff_with_an_unreadable_workbook_exits_1(editions, tmp_path: Path) -> None:
    old, _ = editions
    broken = tmp_path / "kapot.xlsx"
    broken.write_text("geen werkmap", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(broken)])
    assert result.exit_code == 1 and "kapot.xlsx" in result.output and "Traceback" not in result.output


# --- the changes section in the report -------------------------------------------------


def test_build_vorige_adds_the_changes_section_with_working_links(editions, tmp_path: Path) -> None:
    old, new = editions
    docx, pdf = build(new, tmp_path, ["docx", "pdf"], previous=old).outputs
    word = Docx(docx)
    assert "Wijzigingen ten opzichte van editie 2024" in word.styled("Heading 1")
    texts = [p.text for p in word.paragraphs()]
    assert "Vervallen: Landelijk 2 – Stop Femicide!" in texts
    assert "Nieuw: Lokaal 2 – Lokale aanpak mensenhandel" in texts
    assert any(t.startswith("Gewijzigd: Regionaal 1 – Regionaal koersplan (toelichting") for t in texts)
    assert texts.index("Wijzigingen ten opzichte van editie 2024") < texts.index("Landelijk")
    anchors = word.internal_links()
    assert bookmark_name("lokaal-2") in anchors and bookmark_name("regionaal-1") in anchors
    assert set(anchors) <= word.bookmarks()
    document = Pdf(pdf)
    assert "Wijzigingen ten opzichte van editie 2024" in [t for _, t in document.outline()]
    text = " ".join(document.text.split())
    assert "Vervallen: Landelijk 2 – Stop Femicide!" in text and "Nieuw: Lokaal 2 – Lokale aanpak mensenhandel" in text
    assert {"lokaal-2", "regionaal-1"} <= document.named_destinations()


def test_build_vorige_with_a_broken_previous_workbook(editions, tmp_path: Path) -> None:
    _, new = editions
    broken = tmp_path / "vorige.xlsx"
    broken.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(new), "--vorige", str(broken), "-o", str(tmp_path / "uit")])
    assert result.exit_code == 1 and "vorige.xlsx" in result.output
    assert not (tmp_path / "uit").exists()


# --- periods ----------------------------------------------------------------------------


def test_expired_and_ending_periods_are_reported_at_their_cell(make_workbook) -> None:
    path = make_workbook(
        policies=[policy(period="2024", title="Oud"), policy(period="2025", title="Nu"), policy(period="2023-2028")],
        document=[("Editie", "2025")],
    )
    result = read_workbook(path)
    assert result.ok
    found = {(str(d.location), d.code) for d in result.warnings}
    assert found == {("Beleid!G2", "period_expired"), ("Beleid!G3", "period_ends")}
    messages = {d.format() for d in result.warnings}
    advice = ". Werk de periode bij of zet Opnemen op nee"
    assert f"Beleid!G2: waarschuwing: Periode 2024 is verlopen: afgelopen vóór editie 2025{advice}" in messages
    assert f"Beleid!G3: waarschuwing: Periode 2025 loopt af in 2025{advice}" in messages


def test_several_ending_periods_are_one_warning_naming_every_cell(make_workbook) -> None:
    path = make_workbook(
        policies=[policy(period="2025", title="a"), policy(period="2022 t/m 2025", title="b"), policy(period="2030")],
        document=[("Editie", "2025")],
    )
    result = read_workbook(path)
    assert [(str(d.location), d.code) for d in result.warnings] == [("Beleid", "period_ends_many")]
    assert result.warnings[0].format() == (
        "Beleid: waarschuwing: 2 beleidsstukken lopen af in 2025: Beleid!G2 (2025), Beleid!G3 (2022–2025). "
        "Werk de periode bij of zet Opnemen op nee"
    )


@pytest.mark.parametrize("written", ["2025 t/m 2028", "2025 T/M 2028", "2025 tot en met 2028", "2025t/m2028"])
def test_periods_as_dutch_people_write_them(make_workbook, written: str) -> None:
    result = read_workbook(make_workbook(policies=[policy(period=written)]))
    assert result.ok, [d.format() for d in result.diagnostics]
    assert str(result.document.policies[0].period) == "2025–2028"


@pytest.mark.parametrize("written", ["2025 t/m", "t/m 2028", "2025 tot 2028", "2025 en 2028"])
def test_what_is_not_a_period(make_workbook, written: str) -> None:
    result = read_workbook(make_workbook(policies=[policy(period=written)]))
    assert [d.code for d in result.errors] == ["period_invalid"]


def test_a_period_that_ends_before_it_starts_is_an_error(make_workbook) -> None:
    result = read_workbook(make_workbook(policies=[policy(period="2028-2023")], document=[("Editie", "2025")]))
    assert [(str(d.location), d.code) for d in result.errors] == [("Beleid!G2", "period_reversed")]


def test_rows_are_labelled_and_the_label_can_be_switched_off(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(
        policies=[policy(period="2024", title="Oud"), policy(period="2025", title="Nu")], document=[("Editie", "2025")]
    )
    docx, pdf, html = build(path, tmp_path / "aan", ["docx", "pdf", "html"]).outputs
    assert "[verlopen]" in Docx(docx).table_paragraph_texts() and "[loopt af in 2025]" in Pdf(pdf).text
    assert "[verlopen]" in html.read_text(encoding="utf-8")
    docx, html = build(path, tmp_path / "uit", ["docx", "html"], mark_periods=False).outputs
    assert "[verlopen]" not in Docx(docx).table_paragraph_texts()
    assert "[verlopen]" not in html.read_text(encoding="utf-8")
