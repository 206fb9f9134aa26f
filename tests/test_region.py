"""One region, many municipalities, end to end: a base workbook with 5 national and 6
regional policies and two municipalities' own workbooks give two sets of documents
(docx, pdf, html) with the right policies in the right order and numbers, in every
profile and a selection; conflicts, broken bases and broken municipalities are named
with their file and cell; a batch and a region diff go over every municipality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.docx_structure import Docx
from tests.pdf_structure import Pdf
from via_reports.build import build
from via_reports.cli import main
from via_reports.writers.ooxml import bookmark_name

KADERS = ("Categorie", "Naam", "Link", "Toelichting")
NATIONAL = ("Landelijke aanpak", "Geweld hoort nergens thuis", "Meldcode", "Kind- en gezinsbescherming", "Femicide")
REGIONAL = (
    "Regionaal koersplan",
    "Uitvoeringsprogramma ViA",
    "Stop Femicide",
    "Regionaal Jeugdbeleidsprogramma NOB",
    "Aanpak mensenhandel",
    "Veilig Thuis Brabant Noordoost",
)
JEUGD = {"Kind- en gezinsbescherming", "Regionaal Jeugdbeleidsprogramma NOB"}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _sheets(policies, document, kaders=()) -> dict:
    return {
        "Beleid": [BELEID_HEADER, *policies],
        "Wettelijke kaders": [KADERS, *kaders],
        "Document": [("Veld", "Waarde"), *document],
    }


def _themes(title: str) -> str | None:
    return "jeugd" if title in JEUGD else None


def make_region(root: Path) -> Path:
    """root/regio/regio-nob.xlsx and root/gemeenten/{oss,bernheze}.xlsx (Basis ../regio/…)."""
    (root / "regio").mkdir(parents=True)
    (root / "gemeenten").mkdir()
    rows = [policy("Landelijk", None, t, text=f"Over {t}.", themes=_themes(t)) for t in NATIONAL]
    rows += [policy("Regionaal", None, t, text=f"Regionaal: {t}.", themes=_themes(t)) for t in REGIONAL]
    write_xlsx(
        root / "regio" / "regio-nob.xlsx",
        _sheets(
            rows,
            [("Titel", "Veiligheid in afhankelijkheidsrelaties"), ("Editie", "2025"), ("Inleiding", "Regio.")],
            [("Nederlandse wetgeving", "Jeugdwet", "https://wetten.overheid.nl/BWBR0034925", None)],
        ),
    )
    basis = ("Basis", "../regio/regio-nob.xlsx")
    write_xlsx(
        root / "gemeenten" / "oss.xlsx",
        _sheets(
            [
                policy("Regionaal", None, "Stop Femicide", include="nee"),
                policy("Lokaal", None, "Oss jeugdplan", themes="jeugd"),
                policy("Lokaal", None, "Oss veilig thuis"),
                policy("Regionaal", None, "Oss in de regio"),
            ],
            [basis, ("Organisatie", "Gemeente Oss")],
            [("Nederlandse wetgeving", "APV Oss", None, None)],
        ),
    )
    write_xlsx(
        root / "gemeenten" / "bernheze.xlsx",
        _sheets(
            [
                policy("Regionaal", None, "Regionaal Jeugdbeleidsprogramma NOB", text="Bernheze zelf.", themes="jeugd"),
                policy("Lokaal", 5, "Bernheze jeugd", themes="jeugd"),
                policy("Lokaal", None, "Bernheze tweede"),
            ],
            [basis, ("Organisatie", "Gemeente Bernheze")],
        ),
    )
    return root


NATIONAL_ROWS = [("Landelijk", n, t) for n, t in enumerate(NATIONAL, start=1)]
REGIONAL_ROWS = [("Regionaal", n, t) for n, t in enumerate(REGIONAL, start=1)]
EXPECTED = {
    "oss": NATIONAL_ROWS
    + [r for r in REGIONAL_ROWS if r[2] != "Stop Femicide"]
    + [("Regionaal", 7, "Oss in de regio"), ("Lokaal", 1, "Oss jeugdplan"), ("Lokaal", 2, "Oss veilig thuis")],
    "bernheze": NATIONAL_ROWS + REGIONAL_ROWS + [("Lokaal", 5, "Bernheze jeugd"), ("Lokaal", 6, "Bernheze tweede")],
}
JEUGD_TITLES = JEUGD | {"Oss jeugdplan", "Bernheze jeugd"}


def anchor(row) -> str:
    return f"{row[0].lower()}-{row[1]}"


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    root = make_region(tmp_path_factory.mktemp("noordoost-brabant"))
    out = root / "output"
    result = run("build", root / "gemeenten", "-o", out, "-f", "docx,pdf,html", "--herkomst")
    assert result.exit_code == 0, result.output
    assert "2 van 2 werkmappen gemaakt" in result.output
    for name in EXPECTED:
        workbook = root / "gemeenten" / f"{name}.xlsx"
        for profile in ("bijlage", "handout"):
            build(workbook, out, ["docx", "html"], profile=profile, parallel=False)
        build(workbook, out, ["docx", "html"], themes=["jeugd"], parallel=False)
    return out


def docx_rows(path: Path) -> list[tuple[str, int, str]]:
    doc = Docx(path)
    levels = [h for h in doc.styled("Heading 1") if h in ("Landelijk", "Regionaal", "Lokaal")]
    rows = []
    for level, table in zip(levels, doc.tables(), strict=True):
        for row in table.rows[1:]:
            rows.append((level, int(row.cells[0].text), row.cells[1].paragraphs[0].text))
    return rows


def html_rows(path: Path) -> list[tuple[str, int, str]]:
    page = lxml_html.fromstring(path.read_bytes())
    rows = []
    for section in page.xpath("//section[@class='level']"):
        level = section.xpath("string(h1)")
        for tr in section.xpath(".//table[@class='policies']/tbody/tr"):
            rows.append(
                (level, int(tr.xpath("string(td[@class='nr'])")), tr.xpath("string(.//p[@class='policy-title'])"))
            )
    return rows


SHARED = {"oss": 10, "bernheze": 10}  # 5 national + 5 regional rows as the base has them


def marked(name: str) -> list[tuple[str, int, str]]:
    """The expected rows with --herkomst: '(regio)' after every shared title."""
    local = {"Oss in de regio", "Regionaal Jeugdbeleidsprogramma NOB"} if name == "bernheze" else {"Oss in de regio"}
    return [(lv, n, t if lv == "Lokaal" or t in local else f"{t} (regio)") for lv, n, t in EXPECTED[name]]


@pytest.mark.parametrize("name", EXPECTED)
@pytest.mark.parametrize("profile", ["", "-bijlage", "-handout"])
def test_every_profile_has_the_right_policies_in_order(region: Path, name: str, profile: str) -> None:
    expected = marked(name) if profile == "" else EXPECTED[name]
    assert sum("(regio)" in t for _, _, t in expected) == (SHARED[name] if profile == "" else 0)
    assert docx_rows(region / f"{name}{profile}.docx") == expected
    assert html_rows(region / f"{name}{profile}.html") == expected
    assert {bookmark_name(anchor(r)) for r in expected} <= Docx(region / f"{name}{profile}.docx").bookmarks()
    ids = lxml_html.fromstring((region / f"{name}{profile}.html").read_bytes()).xpath("//tr/@id")
    assert ids == [anchor(r) for r in expected]


@pytest.mark.parametrize("name", EXPECTED)
def test_the_pdf_has_the_rows_and_a_bookmark_for_each(region: Path, name: str) -> None:
    pdf = Pdf(region / f"{name}.pdf")
    assert [(int(nr), title) for nr, title, *_ in pdf.policy_rows] == [(n, t) for _, n, t in marked(name)]
    assert "Beleid met (regio) achter de titel is gedeeld" in pdf.text
    bookmarks = [title for _, title in pdf.outline()]
    assert [f"{n}. {t}" for _, n, t in EXPECTED[name]] == [b for b in bookmarks if b[:1].isdigit()]
    assert pdf.named_destinations() >= {anchor(r) for r in EXPECTED[name]}


@pytest.mark.parametrize("name", EXPECTED)
def test_a_selection_keeps_the_composed_numbers(region: Path, name: str) -> None:
    expected = [r for r in EXPECTED[name] if r[2] in JEUGD_TITLES]
    assert docx_rows(region / f"{name}-jeugd.docx") == expected
    assert html_rows(region / f"{name}-jeugd.html") == expected


def test_replaced_and_shared_texts(region: Path) -> None:
    bernheze = lxml_html.fromstring((region / "bernheze.html").read_bytes())
    row = bernheze.xpath("//tr[@id='regionaal-4']")[0]
    assert "Bernheze zelf." in row.text_content() and "Regionaal: Regionaal" not in row.text_content()
    oss = lxml_html.fromstring((region / "oss.html").read_bytes())
    assert "Regionaal: Regionaal Jeugdbeleidsprogramma NOB." in oss.xpath("//tr[@id='regionaal-4']")[0].text_content()
    laws = oss.xpath("//section[@id='wettelijke-kaders']//li//text()")
    assert [t for t in laws if t.strip()] == ["Jeugdwet", "APV Oss"]
    assert "(regio)" not in (region / "oss-bijlage.html").read_text(encoding="utf-8")  # only with --herkomst


def test_a_local_row_reusing_a_base_number_stops_everything(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    write_xlsx(
        root / "gemeenten" / "oss.xlsx",
        _sheets([policy("Regionaal", 3, "Iets anders")], [("Basis", "../regio/regio-nob.xlsx")]),
    )
    result = run("build", root / "gemeenten" / "oss.xlsx", "-o", tmp_path / "uit", "-f", "docx,html")
    assert result.exit_code == 1
    assert (
        "oss.xlsx Beleid!B2: fout: Regionaal 3 bestaat al in regio-nob.xlsx (Beleid!B9, 'Stop Femicide')"
        in result.output
    )
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_validate_names_the_base_problems_and_a_missing_base(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    write_xlsx(root / "regio" / "regio-nob.xlsx", _sheets([policy("Landelyk", None, "X")], []))
    result = run("validate", root / "gemeenten" / "oss.xlsx")
    assert result.exit_code == 1
    assert "regio-nob.xlsx Beleid!A2: fout: Niveau 'Landelyk' is geen Landelijk, Regionaal of Lokaal" in result.output
    assert "oss.xlsx Document!B2: fout: de basiswerkmap regio-nob.xlsx kan niet worden gebruikt" in result.output
    (root / "regio" / "regio-nob.xlsx").unlink()
    result = run("validate", root / "gemeenten" / "bernheze.xlsx")
    assert result.exit_code == 1
    assert "bernheze.xlsx Document!B2: fout: de basiswerkmap '../regio/regio-nob.xlsx' bestaat niet" in result.output


def test_a_batch_with_basis_builds_all_and_reports_the_broken_one(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    regio = root / "regio" / "regio-nob.xlsx"
    write_xlsx(root / "gemeenten" / "kapot.xlsx", _sheets([policy("Lokaal", None, "")], []))
    plain = root / "gemeenten" / "zonder-basiscel.xlsx"
    write_xlsx(plain, _sheets([policy("Lokaal", None, "Alleen lokaal")], []))
    out = tmp_path / "uit"
    result = run("build", "--basis", regio, root / "gemeenten", "-o", out, "-f", "html", "-j", "2")
    assert result.exit_code == 1
    assert "kapot.xlsx Beleid!C2: fout: Titel is leeg" in result.output
    assert "3 van 4 werkmappen gemaakt; 1 met fouten" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["bernheze.html", "oss.html", "zonder-basiscel.html"]
    assert html_rows(out / "zonder-basiscel.html") == [*NATIONAL_ROWS, *REGIONAL_ROWS, ("Lokaal", 1, "Alleen lokaal")]
    # a base with errors: said once, nothing built for anyone
    write_xlsx(regio, _sheets([policy("Regionaal", "x", "Kapot nummer")], []))
    broken = run("build", "--basis", regio, root / "gemeenten", "-o", tmp_path / "leeg", "-f", "html")
    assert broken.exit_code == 1
    assert broken.output.count("regio-nob.xlsx Beleid!B2: fout: Nr 'x'") == 1
    assert not (tmp_path / "leeg").exists()


def test_a_batch_leaves_out_the_base_and_says_its_warnings_once(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    rows = [policy("Regionaal", None, "Gedeeld", period="2020-2021")]  # expired in the edition: a warning
    write_xlsx(root / "gemeenten" / "regio.xlsx", _sheets(rows, [("Editie", "2025")], [("Kaders", "Wet", None, None)]))
    for name in ("oss", "bernheze"):
        write_xlsx(root / "gemeenten" / f"{name}.xlsx", _sheets([policy("Lokaal", None, f"{name} plan")], []))
    out = tmp_path / "uit"
    result = run("build", "--basis", root / "gemeenten" / "regio.xlsx", root / "gemeenten", "-o", out, "-f", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["bernheze.html", "oss.html"]
    assert result.output.count("regio.xlsx Beleid!G2: waarschuwing: Periode 2020–2021 is verlopen") == 1
    # also when each municipality names the base in its Basis cell
    for name in ("oss", "bernheze"):
        write_xlsx(
            root / "gemeenten" / f"{name}.xlsx", _sheets([policy("Lokaal", None, name)], [("Basis", "regio.xlsx")])
        )
    cells = run("build", root / "gemeenten" / "oss.xlsx", root / "gemeenten" / "bernheze.xlsx", "-o", out, "-f", "html")
    assert cells.exit_code == 0, cells.output
    assert cells.output.count("regio.xlsx Beleid!G2: waarschuwing: Periode 2020–2021 is verlopen") == 1


def test_diff_of_two_base_editions_per_municipality(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    old = root / "regio" / "regio-nob.xlsx"
    rows = [policy("Landelijk", None, t, text=f"Over {t}.", themes=_themes(t)) for t in NATIONAL]
    rows += [policy("Regionaal", None, t, text=f"Regionaal: {t}.", themes=_themes(t)) for t in REGIONAL]
    rows[7] = policy("Regionaal", None, "Stop Femicide", text="Nieuwe aanpak 2026.")
    rows[8] = policy("Regionaal", None, "Regionaal Jeugdbeleidsprogramma NOB", text="Nieuw.", themes="jeugd")
    new = write_xlsx(root / "regio" / "regio-nob-2026.xlsx", _sheets(rows, [("Editie", "2026")]))
    result = run("diff", old, new, "--gemeenten", root / "gemeenten", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["werkmap"] for m in data["gemeenten"]] == ["bernheze.xlsx", "oss.xlsx"]
    assert (data["vorige_editie"], data["nieuwe_editie"]) == ("editie 2025", "editie 2026")
    changed = {
        m["werkmap"]: [c["nieuw"]["titel"] for level in m["wijzigingen"]["niveaus"] for c in level["gewijzigd"]]
        for m in data["gemeenten"]
    }
    # Oss leaves Stop Femicide out; Bernheze has its own text for the youth programme
    assert changed["oss.xlsx"] == ["Regionaal Jeugdbeleidsprogramma NOB"]
    assert changed["bernheze.xlsx"] == ["Stop Femicide"]
    gemeenten = root / "gemeenten"
    one_by_one = run(
        "diff", old, new, "--gemeenten", gemeenten / "oss.xlsx", "--gemeenten", gemeenten / "bernheze.xlsx"
    )
    assert one_by_one.output.index("oss.xlsx (Gemeente Oss)") < one_by_one.output.index("bernheze.xlsx (Gemeente")
    text = run("diff", old, new, "--gemeenten", root / "gemeenten").output
    assert "oss.xlsx (Gemeente Oss)" in text and "2 gemeente(n): 2 met wijzigingen, 0 zonder." in text
    # a broken municipality is named; the others are still compared
    write_xlsx(root / "gemeenten" / "kapot.xlsx", _sheets([policy("Lokaal", None, "")], []))
    broken = run("diff", old, new, "--gemeenten", root / "gemeenten")
    assert broken.exit_code == 1
    assert "kapot.xlsx Beleid!C2: fout: Titel is leeg" in broken.output
    assert "3 gemeente(n): 2 met wijzigingen, 0 zonder, 1 met fouten." in broken.output


def test_diff_of_two_local_editions_on_one_base(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r")
    oss = root / "gemeenten" / "oss.xlsx"
    later = write_xlsx(
        root / "gemeenten" / "oss-2026.xlsx",
        _sheets([policy("Lokaal", None, "Oss jeugdplan", themes="jeugd")], [("Basis", "../regio/regio-nob.xlsx")]),
    )
    data = json.loads(run("diff", oss, later, "--json").output)
    levels = {level["niveau"]: level for level in data["niveaus"]}
    assert [p["titel"] for p in levels["Regionaal"]["toegevoegd"]] == ["Stop Femicide"]  # no longer left out
    assert [p["titel"] for p in levels["Regionaal"]["verwijderd"]] == ["Oss in de regio"]
    assert [p["titel"] for p in levels["Lokaal"]["verwijderd"]] == ["Oss veilig thuis"]
    assert levels["Landelijk"] == {"niveau": "Landelijk", "toegevoegd": [], "verwijderd": [], "gewijzigd": []}
    # and in a report: build --vorige on composed workbooks
    built = build(later, tmp_path / "uit", ["html"], previous=oss, parallel=False)
    page = lxml_html.fromstring(built.outputs[0].read_bytes())
    changes = page.xpath("string(//section[@id='wijzigingen'])")
    assert "Stop Femicide" in changes and "Oss veilig thuis" in changes and "Landelijke aanpak" not in changes


def test_init_regio_writes_a_base_and_a_municipality_that_validate_and_build(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = run("init", tmp_path / "regio-x", "--regio", "--naam", "oss")
    assert result.exit_code == 0, result.output
    base, local = tmp_path / "regio-x" / "regio" / "regio.xlsx", tmp_path / "regio-x" / "gemeenten" / "oss.xlsx"
    for path, words in ((base, "basiswerkmap van de regio"), (local, "werkmap van één gemeente")):
        about = [c.value for c in load_workbook(path)["Uitleg"]["D"] if c.value]
        assert any(words in text for text in about), about
    document = {r[0].value: r[1].value for r in load_workbook(local)["Document"].iter_rows(min_row=2)}
    assert document["Basis"] == "../regio/regio.xlsx"
    checked = run("validate", local)
    assert checked.exit_code == 0 and "waarschuwing" not in checked.output, checked.output
    assert "Samengesteld met de basis regio.xlsx: 2 gedeeld, 1 vervangen, 0 weggelaten." in checked.output
    assert run("validate", base).exit_code == 0
    built = run("build", tmp_path / "regio-x" / "gemeenten", "-o", tmp_path / "uit", "-f", "docx,html")
    assert built.exit_code == 0, built.output
    assert [level for level, _, _ in html_rows(tmp_path / "uit" / "oss.html")] == [
        "Landelijk",
        "Regionaal",
        "Regionaal",
        "Lokaal",
    ]
    again = run("init", tmp_path / "regio-x", "--regio", "--naam", "oss")
    assert again.exit_code == 1 and "bestaat al" in again.output


@pytest.mark.parametrize("name", EXPECTED)
def test_the_composed_pdf_with_herkomst_passes_the_accessibility_checker(region: Path, name: str) -> None:
    from tests.validators import outloud_findings, validation_failures

    assert outloud_findings(region / f"{name}.pdf") == []
    assert validation_failures(region / f"{name}.pdf") == {}
