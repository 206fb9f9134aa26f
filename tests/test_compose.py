"""Composing a region's base workbook with a municipality's own (Document field Basis,
or --basis): order, numbers, replacing and leaving out shared rows, settings, laws,
and every problem named with its file and cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from via_reports.cli import main
from via_reports.model import Level
from via_reports.reader.compose import read_document

KADERS = ("Categorie", "Naam", "Link", "Toelichting")


def workbook(path: Path, policies, *, document=(), kaders=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = {"Beleid": [BELEID_HEADER, *policies], "Document": [("Veld", "Waarde"), *document]}
    if kaders is not None:
        sheets["Wettelijke kaders"] = [KADERS, *kaders]
    return write_xlsx(path, sheets)


def base(tmp_path: Path, **extra) -> Path:
    return workbook(
        tmp_path / "regio" / "regio-nob.xlsx",
        [
            policy("Landelijk", None, "Landelijk A"),
            policy("Landelijk", None, "Landelijk B"),
            policy("Regionaal", None, "Koersplan", text="Regionale tekst.", period="2022-2025"),
            policy("Regionaal", None, "Stop Femicide"),
            policy("Regionaal", None, "Jeugdbeleid NOB"),
        ],
        document=[("Titel", "Regiotitel"), ("Organisatie", "Regio NOB"), ("Inleiding", "Regionale inleiding.")],
        kaders=[
            ("Nederlandse wetgeving", "Jeugdwet", "https://wetten.overheid.nl/jeugdwet", None),
            ("Internationale kaders", "Verdrag van Istanbul", None, None),
        ],
        **extra,
    )


def numbered(document, level: Level) -> list[tuple[int, str]]:
    return [(p.nr, p.title) for p in document.section(level).policies]


def test_base_rows_come_first_and_local_rows_continue_their_numbers(tmp_path: Path) -> None:
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Regionaal", None, "Eigen regionaal"), policy("Lokaal", None, "Lokaal plan")],
        document=[("Basis", "../regio/regio-nob.xlsx"), ("Organisatie", "Gemeente Oss")],
        kaders=[
            ("Nederlandse wetgeving", "Wmo 2015", None, None),
            ("Nederlandse wetgeving", "jeugdwet", None, "Lokaal."),
            ("Internationale kaders", "Verdrag van Istanbul", "https://example.org/istanbul", None),
        ],
    )
    result = read_document(local)
    assert result.ok, [d.format() for d in result.diagnostics]
    doc = result.document
    assert numbered(doc, Level.LANDELIJK) == [(1, "Landelijk A"), (2, "Landelijk B")]
    assert numbered(doc, Level.REGIONAAL) == [
        (1, "Koersplan"),
        (2, "Stop Femicide"),
        (3, "Jeugdbeleid NOB"),
        (4, "Eigen regionaal"),
    ]
    assert numbered(doc, Level.LOKAAL) == [(1, "Lokaal plan")]
    assert [p.shared for p in doc.policies] == [True, True, True, True, True, False, False]
    # local settings win, the base's are the defaults
    assert (doc.info.title, doc.info.organisation) == ("Regiotitel", "Gemeente Oss")
    assert doc.intro and "Regionale inleiding." in str(doc.intro)
    # laws: base then local in each group; the same law twice is one, with the local Toelichting
    groups = [(g.category, [f.name for f in g.frameworks]) for g in doc.frameworks]
    assert groups == [
        ("Nederlandse wetgeving", ["Jeugdwet", "Wmo 2015"]),
        ("Internationale kaders", ["Verdrag van Istanbul"]),
    ]
    jeugdwet = doc.frameworks[0].frameworks[0]
    assert jeugdwet.url == "https://wetten.overheid.nl/jeugdwet" and "Lokaal." in str(jeugdwet.explanation)
    assert doc.frameworks[1].frameworks[0].url == "https://example.org/istanbul"


def test_a_local_row_leaves_out_or_replaces_a_shared_row(tmp_path: Path) -> None:
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "bernheze.xlsx",
        [
            policy("regionaal", None, " stop  femicide ", include="nee"),  # matched as the contract matches names
            policy("Regionaal", None, "Koersplan", text="Eigen toelichting van Bernheze."),
            policy("Regionaal", None, "Nieuw regionaal"),
            policy("Regionaal", 9, "Met eigen nummer"),
        ],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    result = read_document(local)
    assert result.ok, [d.format() for d in result.diagnostics]
    regional = result.document.section(Level.REGIONAAL).policies
    assert [(p.nr, p.title) for p in regional] == [
        (1, "Koersplan"),
        (3, "Jeugdbeleid NOB"),
        (4, "Nieuw regionaal"),  # after the base's highest number, also when one is left out
        (9, "Met eigen nummer"),
    ]
    assert "Eigen toelichting van Bernheze." in str(regional[0].explanation) and not regional[0].shared
    assert (result.shared, result.replaced, result.dropped) == (3, 1, 1)


def test_a_base_number_used_for_another_title_names_both_files_and_cells(tmp_path: Path) -> None:
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Regionaal", 2, "Iets anders")],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    result = read_document(local)
    assert not result.ok and result.document is None
    assert [d.format() for d in result.errors] == [
        "oss.xlsx Beleid!B2: fout: Regionaal 2 bestaat al in regio-nob.xlsx (Beleid!B5, 'Stop Femicide'); "
        "kies een ander nummer of laat Nr leeg"
    ]


def test_the_base_problems_carry_the_base_file_name(tmp_path: Path) -> None:
    workbook(tmp_path / "regio" / "regio-nob.xlsx", [policy("Landelyk", None, "Fout niveau")])
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Lokaal", None, "Lokaal")],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    lines = [d.format() for d in read_document(local).errors]
    assert lines[0].startswith("regio-nob.xlsx Beleid!A2: fout: Niveau 'Landelyk'")
    assert lines[1].startswith("oss.xlsx Document!B2: fout: de basiswerkmap regio-nob.xlsx kan niet worden gebruikt")


def test_a_missing_base_is_an_error_at_the_basis_cell(tmp_path: Path) -> None:
    local = workbook(
        tmp_path / "oss.xlsx", [policy("Lokaal")], document=[("Titel", "X"), ("Basis", "../regio/weg.xlsx")]
    )
    result = read_document(local)
    assert [(str(d.location), d.code) for d in result.errors] == [("oss.xlsx Document!B3", "basis_missing")]
    assert "'../regio/weg.xlsx' bestaat niet" in result.errors[0].format()


def test_the_basis_cell_and_the_option(tmp_path: Path) -> None:
    other = workbook(tmp_path / "ander" / "ander.xlsx", [policy("Landelijk", None, "Uit de optie")])
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx", [policy("Lokaal")], document=[("Basis", "..\\regio\\regio-nob.xlsx")]
    )
    assert read_document(local).ok  # a Windows path with backslashes works
    quoted = workbook(
        tmp_path / "gemeenten" / "q.xlsx", [policy("Lokaal")], document=[("Basis", '"../regio/regio-nob.xlsx"')]
    )
    assert read_document(quoted).ok  # as Windows' "Copy as path" gives it
    result = read_document(local, basis=other)
    assert numbered(result.document, Level.LANDELIJK) == [(1, "Uit de optie")]
    assert [(str(d.location), d.code) for d in result.warnings] == [("oss.xlsx Document!B2", "basis_overridden")]
    # a workbook without a Basis cell, composed by the option only
    plain = workbook(tmp_path / "los.xlsx", [policy("Lokaal")])
    assert numbered(read_document(plain, basis=other).document, Level.LANDELIJK) == [(1, "Uit de optie")]


def test_a_base_that_names_a_base_or_itself_is_refused(tmp_path: Path) -> None:
    workbook(tmp_path / "top.xlsx", [policy()])
    workbook(tmp_path / "midden.xlsx", [policy("Regionaal")], document=[("Basis", "top.xlsx")])
    local = workbook(tmp_path / "oss.xlsx", [policy("Lokaal")], document=[("Basis", "midden.xlsx")])
    assert [(str(d.location), d.code) for d in read_document(local).errors] == [
        ("midden.xlsx Document!B2", "basis_nested"),
        ("oss.xlsx Document!B2", "basis_broken"),
    ]
    itself = workbook(tmp_path / "zelf.xlsx", [policy()], document=[("Basis", "./zelf.xlsx")])
    assert [d.code for d in read_document(itself).errors] == ["basis_self"]


def test_an_unreadable_base_is_named(tmp_path: Path) -> None:
    (tmp_path / "regio.xlsx").write_text("Niveau;Titel\n", encoding="utf-8")
    local = workbook(tmp_path / "oss.xlsx", [policy("Lokaal")], document=[("Basis", "regio.xlsx")])
    lines = [d.format() for d in read_document(local).errors]
    assert lines[0].startswith("regio.xlsx: fout: dit is een tekstbestand")
    assert lines[1].startswith("oss.xlsx Document!B2: fout: de basiswerkmap regio.xlsx kan niet worden gebruikt")


def test_period_checks_use_the_local_edition(tmp_path: Path) -> None:
    base(
        tmp_path,
    )
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Lokaal", None, "Lokaal", period="2020-2024")],
        document=[("Basis", "../regio/regio-nob.xlsx"), ("Editie", "2025")],
    )
    warnings = [(str(d.location), d.code) for d in read_document(local).warnings]
    assert warnings == [("regio-nob.xlsx Beleid!G4", "period_ends"), ("oss.xlsx Beleid!G2", "period_expired")]


def test_a_workbook_without_a_base_reads_exactly_as_before(make_workbook) -> None:
    path = make_workbook(policies=[policy(level="Landelyk")])
    assert [d.format() for d in read_document(path).diagnostics] == [
        "Beleid!A2: fout: Niveau 'Landelyk' is geen Landelijk, Regionaal of Lokaal"
    ]


def test_validate_with_basis_on_the_command_line(tmp_path: Path) -> None:
    regio = base(tmp_path)
    local = workbook(tmp_path / "gemeenten" / "oss.xlsx", [policy("Lokaal", None, "Eigen")])
    result = CliRunner().invoke(main, ["validate", "--basis", str(regio), str(local)])
    assert result.exit_code == 0, result.output
    assert "6 beleidsstukken (Landelijk 2, Regionaal 3, Lokaal 1)" in result.output
    assert "Samengesteld met de basis regio-nob.xlsx: 5 gedeeld, 0 vervangen, 0 weggelaten." in result.output
    missing = CliRunner().invoke(main, ["validate", "--basis", str(tmp_path / "weg.xlsx"), str(local)])
    assert missing.exit_code == 2 and "weg.xlsx" in missing.output


def test_herkomst_marks_the_shared_rows_in_word_and_html(tmp_path: Path) -> None:
    from tests.docx_structure import Docx
    from via_reports.build import build

    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Lokaal", None, "Eigen plan"), policy("Regionaal", None, "Koersplan", text="Eigen.")],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    marked = build(local, tmp_path / "uit", ["docx", "html"], mark_shared=True)
    titles = Docx(marked.outputs[0]).styled("ViA Beleidstitel")
    assert "Stop Femicide (regio)" in titles and "Eigen plan" in titles and "Koersplan" in titles
    html = marked.outputs[1].read_text(encoding="utf-8")
    assert html.count('<span class="shared-label">(regio)</span>') == 4  # 2 national + 2 regional shared
    assert "gedeeld: het komt uit de werkmap van de regio" in html
    plain = build(local, tmp_path / "zonder", ["docx", "html"])
    assert not any("(regio)" in t for t in Docx(plain.outputs[0]).styled("ViA Beleidstitel"))
    assert "(regio)" not in plain.outputs[1].read_text(encoding="utf-8")


def test_a_title_almost_like_a_base_title_is_a_warning(tmp_path: Path) -> None:
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Regionaal", None, "Stop Femiside", include="nee"), policy("Lokaal", None, "Geheel eigen plan")],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    result = read_document(local)
    assert result.ok and result.dropped == 0
    assert [d.format() for d in result.warnings] == [
        "oss.xlsx Beleid!C2: waarschuwing: 'Stop Femiside' staat niet in regio-nob.xlsx, maar lijkt op Regionaal "
        "'Stop Femicide'; alleen precies dezelfde Titel vervangt dat beleid of laat het weg (hoofdletters, "
        "accenten en spaties maken niet uit)"
    ]


def test_a_base_beside_another_folder_an_absolute_path_and_another_working_folder(tmp_path: Path, monkeypatch) -> None:
    regio = base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss" / "oss.xlsx",
        [policy("Lokaal")],
        document=[("Basis", "../../regio/regio-nob.xlsx")],
    )
    (tmp_path / "elders").mkdir()
    monkeypatch.chdir(tmp_path / "elders")
    result = read_document(Path("../gemeenten/oss/oss.xlsx"))
    assert result.ok and not result.diagnostics and result.shared == 5
    absolute = workbook(tmp_path / "abs.xlsx", [policy("Lokaal")], document=[("Basis", str(regio))])
    result = read_document(absolute)
    assert result.ok and [(str(d.location), d.code) for d in result.warnings] == [
        ("abs.xlsx Document!B2", "basis_absolute")
    ]
    assert local.exists()


def test_a_replacing_row_with_its_own_number_and_empty_fields(tmp_path: Path) -> None:
    workbook(
        tmp_path / "regio.xlsx",
        [
            policy("Regionaal", None, "Eerste"),
            policy("Regionaal", None, "Tweede", sources="Plan | https://example.org/plan"),
        ],
    )
    local = workbook(
        tmp_path / "oss.xlsx", [policy("Regionaal", 8, "Tweede", text="Eigen.")], document=[("Basis", "regio.xlsx")]
    )
    result = read_document(local)
    assert numbered(result.document, Level.REGIONAAL) == [(1, "Eerste"), (8, "Tweede")]
    replaced = result.document.section(Level.REGIONAAL).policies[1]
    assert replaced.sources == () and not replaced.shared  # what the local row leaves empty stays empty


def test_the_base_edition_gives_way_to_the_local_one_for_period_checks(tmp_path: Path) -> None:
    workbook(
        tmp_path / "regio.xlsx", [policy("Regionaal", None, "Oud", period="2020-2024")], document=[("Editie", "2024")]
    )
    alone = read_document(tmp_path / "regio.xlsx")
    assert [d.code for d in alone.warnings] == ["period_ends"]
    local = workbook(tmp_path / "oss.xlsx", [policy("Lokaal")], document=[("Basis", "regio.xlsx"), ("Editie", "2026")])
    result = read_document(local)
    assert [(str(d.location), d.code) for d in result.warnings] == [("regio.xlsx Beleid!G2", "period_expired")]
    assert result.document.info.edition_year == 2026


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("https://sharepoint.example.org/regio.xlsx", "basis_url"),
        ("x" * 5000 + ".xlsx", "basis_missing"),
        ("C:\\Regio\\regio.xlsx", "basis_missing"),
    ],
)
def test_a_basis_that_cannot_be_a_file_here_is_a_located_error(tmp_path: Path, value: str, code: str) -> None:
    local = workbook(tmp_path / "oss.xlsx", [policy("Lokaal")], document=[("Basis", value)])
    result = read_document(local)
    assert [(str(d.location), d.code) for d in result.errors] == [("oss.xlsx Document!B2", code)]


def test_a_basis_option_with_a_nul_character_is_a_located_error(tmp_path: Path) -> None:
    local = workbook(tmp_path / "oss.xlsx", [policy("Lokaal")])
    result = read_document(local, basis="regio\x00.xlsx")
    assert [(str(d.location), d.code) for d in result.errors] == [("--basis", "basis_missing")]


def test_the_number_of_a_left_out_base_row_stays_the_regions(tmp_path: Path) -> None:
    base(tmp_path)
    local = workbook(
        tmp_path / "gemeenten" / "oss.xlsx",
        [policy("Regionaal", None, "Stop Femicide", include="nee"), policy("Regionaal", 2, "Eigen op 2")],
        document=[("Basis", "../regio/regio-nob.xlsx")],
    )
    assert [d.format() for d in read_document(local).errors] == [
        "oss.xlsx Beleid!B3: fout: Regionaal 2 bestaat al in regio-nob.xlsx (Beleid!B5, 'Stop Femicide'); "
        "kies een ander nummer of laat Nr leeg"
    ]
