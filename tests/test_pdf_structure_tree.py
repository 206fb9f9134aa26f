"""One logical structure across pages. Long documents (a synthetic workbook of 60
policies shaped like the original: paragraphs, lists, sources) whose tables, rows and
lists run over many pages, in landscape (rapport) and portrait (bijlage, handout),
read back as a screen reader gets them: the structure tree, with the text of each
marked-content sequence as pdfplumber extracts it. Each PDF is rendered once and
checked by the independent validators too."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from benchmarks.synthetic import make_workbook
from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.pdf_structure import Element, StructureTree
from tests.validators import outloud_findings, validation_failures
from via_reports.api import validate
from via_reports.build import build
from via_reports.model import ListBlock, plain_text

PROFILES = ("rapport", "bijlage", "handout")
LONG_URL = "https://www.rijksoverheid.nl/documenten/rapporten/2024/05/13/toekomstscenario-kind-en-gezinsbescherming"
LINK_TEXT = "het eindrapport over de toekomst van de kind- en gezinsbescherming in Nederland en de regio"


@pytest.fixture(scope="module")
def long_workbook(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("werkmap") / "synthetisch.xlsx", 60)


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory, long_workbook) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lang")
    return {
        profile: build(long_workbook, folder / profile, ["pdf"], profile=profile, qr=profile == "handout").outputs[0]
        for profile in PROFILES
    }


@pytest.fixture(scope="module")
def trees(long_pdfs) -> dict[str, StructureTree]:
    return {profile: StructureTree(path) for profile, path in long_pdfs.items()}


@pytest.fixture(scope="module")
def document(long_workbook):
    return validate(long_workbook).document


def _tables(tree: StructureTree) -> list[Element]:
    return [t for t in tree.root.find("/Table") if t.children("/THead")]


def _rows(table: Element) -> list[Element]:
    return [row for body in table.children("/TBody") for row in body.children("/TR")]


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_the_documents_do_run_over_pages(long_pdfs) -> None:
    for path in long_pdfs.values():
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) > 40


@pytest.mark.parametrize("profile", PROFILES)
def test_one_table_per_level_one_row_per_policy_header_once(trees, document, profile: str) -> None:
    tree = trees[profile]
    levels = [section for section in document.levels if section.policies]
    tables = _tables(tree)
    assert len(tables) == len(levels) == len(tree.root.find("/Table"))
    for table, section in zip(tables, levels, strict=True):
        (caption,) = table.children("/Caption")
        assert section.level.value in tree.text(caption)
        (head,) = table.children("/THead")
        (header_row,) = head.children("/TR")
        assert [_squash(tree.text(th)) for th in header_row.kids] == ["Nr.", "Programma/Beleid/aanpak", "Toelichting"]
        assert len(table.find("/TH")) == 3
        rows = _rows(table)
        assert len(rows) == len(section.policies)
        for row, item in zip(rows, section.policies, strict=True):
            nr, title, _ = row.kids
            assert _squash(tree.text(nr)) == str(item.nr)  # never an empty first cell
            assert _squash(tree.text(title)).startswith(_squash(item.title))


@pytest.mark.parametrize("profile", PROFILES)
def test_lists_keep_the_item_counts_of_the_model(trees, document, profile: str) -> None:
    tree = trees[profile]
    rows = [row for table in _tables(tree) for row in _rows(table)]
    for row, item in zip(rows, document.policies, strict=True):
        cell = row.kids[2]
        lists = [e for e in cell.walk() if e.type == "/L" and not _inside_list(e, cell)]
        expected = [len(b.items) for b in item.explanation if isinstance(b, ListBlock)]
        expected += [len(item.sources)] if item.sources else []
        assert [len(lst.children("/LI")) for lst in lists] == expected, item.nr


@pytest.mark.parametrize("profile", PROFILES)
def test_level_indexes_and_legal_frameworks_are_one_list_each(trees, document, profile: str) -> None:
    """The lists outside the tables: each level's index (one item per policy) and each
    group of legal frameworks, in order, whatever page they run over."""
    tree = trees[profile]
    sections = [s for s in tree.root.find("/Sect") if s.children("/L")]
    counts = [len(lst.children("/LI")) for section in sections for lst in section.children("/L")]
    expected = [len(section.policies) for section in document.levels if section.policies]
    expected += [len(group.frameworks) for group in document.frameworks]
    assert counts == expected


def _inside_list(element: Element, cell: Element) -> bool:
    parents = {id(k): e for e in cell.walk() for k in e.kids}
    node = parents.get(id(element))
    while node is not None and node is not cell:
        if node.type == "/L":
            return True
        node = parents.get(id(node))
    return False


@pytest.mark.parametrize("profile", PROFILES)
def test_words_at_line_breaks_stay_apart(trees, document, profile: str) -> None:
    """Every word of the tagged text of a policy's cells is a word of the workbook:
    a space lost at a line break would glue two words together."""
    tree = trees[profile]
    rows = [row for table in _tables(tree) for row in _rows(table)]
    for row, item in zip(rows, document.policies, strict=True):
        sources = [f"{s.label} {s.url or ''}" for s in item.sources]  # the handout prints addresses
        source = " ".join([item.title, plain_text(item.explanation), *sources])
        known = set(re.findall(r"\w+", source))
        said = {word for word in re.findall(r"\w+", tree.text(row)) if not word.isdigit()}  # numbers: list labels
        assert said - known <= {"loopt", "af", "in", "verlopen"}, item.nr


@pytest.mark.parametrize("profile", PROFILES)
def test_every_id_is_in_the_id_tree_and_header_references_resolve(trees, profile: str) -> None:
    assert trees[profile].id_tree_problems() == []


@pytest.mark.parametrize("profile", PROFILES)
def test_links_are_described_by_their_visible_text(trees, long_pdfs, profile: str) -> None:
    tree = trees[profile]
    with pikepdf.open(long_pdfs[profile]) as pdf:
        anchors = {str(name) for name in pdf.Root.Names.Dests.Names[::2]} if "/Names" in pdf.Root else set()
    links = tree.root.find("/Link")
    assert links
    for link in links:
        description = link.get("/Alt") or link.get("/ActualText")
        assert description and description not in anchors
        visible = _squash(tree.text(link))
        if visible:
            assert description == visible
        for annotation in link.annotations:
            assert str(annotation.Contents) == description


@pytest.mark.parametrize("profile", PROFILES)
def test_no_grouping_element_has_alternate_text(trees, profile: str) -> None:
    grouping = {"/Document", "/Part", "/Sect", "/Div", "/Table", "/TBody", "/THead", "/TR", "/L", "/LI", "/LBody"}
    assert not [e.type for e in trees[profile].root.walk() if e.type in grouping and e.get("/Alt")]


def test_the_tabs_are_one_navigation_group_with_one_link_per_tab(trees, long_pdfs) -> None:
    tree = trees["rapport"]
    (nav,) = [e for e in tree.root.kids if e.type == "/Div" and e.get("/T")]
    assert nav.get("/Alt") is None and tree.root.kids[0] is nav  # read first, as the page header is
    assert [link.get("/Alt") for link in nav.kids] == ["Landelijk", "Regionaal", "Lokaal", "Wettelijke kaders"]
    with pikepdf.open(long_pdfs["rapport"]) as pdf:
        pages = len(pdf.pages)
    for link in nav.kids:
        assert link.type == "/Link" and len(link.annotations) >= pages - 1  # the tab on every page with tabs


@pytest.mark.parametrize("profile", PROFILES)
def test_a_long_pdf_passes_page_validation(long_pdfs, profile: str) -> None:
    assert validation_failures(long_pdfs[profile]) == {}


def _policy_text(document) -> str:
    """Everything the policies say, as the PDF prints it (a source with its address)."""
    pieces = []
    for item in document.policies:
        pieces += [item.title, plain_text(item.explanation)]
        pieces += [f"{s.label} ({s.url})" if s.url else s.label for s in item.sources]
    return " ".join(" ".join(pieces).split())


def _workbook_lines(finding: str, text: str) -> bool:
    """A PAG-001 warning whose every line (`[a; b]`, cut off with …) is text of the
    workbook's policies: the synthetic workbook repeats its few words and source
    names, and where the same line ends a page three times outloud takes it for a
    running footer. Our running header and footer are artifacts; a line of them
    tagged as content would not be policy text."""
    found = re.fullmatch(r"warning PAG-001 .*?\[(.*)\]", finding)
    if found is None:
        return False
    lines = [" ".join(line.rstrip("…").split()) for line in found.group(1).split("; ")]
    return all(line and line in text for line in lines)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_long_pdf_passes_outloud(long_pdfs, document, profile: str) -> None:
    findings = outloud_findings(long_pdfs[profile], evidence=True)
    text = _policy_text(document)
    assert [f for f in findings if not _workbook_lines(f, text)] == []


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("afbreken")
    text = f'<p>Lees <a href="{LONG_URL}">{LINK_TEXT}</a>. En ook: <a href="{LONG_URL}">{LONG_URL}</a>.</p>'
    workbook = write_xlsx(folder / "w.xlsx", {"Beleid": [BELEID_HEADER, policy("Lokaal", 1, "Aanpak", text=text)]})
    return build(workbook, folder / "uit", ["pdf"], profile="bijlage").outputs[0]


def test_a_wrapped_link_is_one_link_element(wrapped: Path) -> None:
    tree = StructureTree(wrapped)
    links = [link for link in tree.root.find("/Link") if link.annotations and "/A" in link.annotations[0]]
    with pikepdf.open(wrapped) as pdf:
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots") or [] if "/A" in a]
        assert len(annotations) >= 4  # both links do wrap
    assert [link.get("/Alt") for link in links] == [LINK_TEXT, LONG_URL]
    assert sum(len(link.annotations) for link in links) == len(annotations)
    assert validation_failures(wrapped) == {} and outloud_findings(wrapped) == []
