"""Accessible and archivable by proof: every PDF via-reports makes declares PDF/UA-1
and PDF/A in its XMP metadata and passes an accessibility checker (outloud: the
Matterhorn checkpoints of PDF/UA-1, WCAG 2.2 and semantic checks) with no error
and no warning; the Word file, exported by LibreOffice as tagged PDF/UA, too."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from outloud import check

from tests.conftest import BELEID_HEADER, ROOT, policy, write_xlsx
from tests.tools import needs_soffice, soffice_convert
from tests.validators import declared, outloud_findings, validation_failures
from via_reports.build import build

OSS = ROOT / "source" / "via-beleid.xlsx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("toegankelijk")
    linked = write_xlsx(
        folder / "links.xlsx",
        {
            "Beleid": [
                BELEID_HEADER,
                policy(
                    "Landelijk",
                    1,
                    "Stop femicide",
                    sources="Rapport | https://www.rijksoverheid.nl/x\nZonder",
                    text='<p>Zie <a href="https://www.example.org/">de <b>brief</b></a>.</p><ul><li>een</li></ul>',
                    period="2024",
                ),
                policy("Lokaal", 1, "Handboek AVE", text="1. een\n2. twee\n   - a\n   - b", themes="jeugd"),
            ],
            "Wettelijke kaders": [("Categorie", "Naam", "Link"), ("Wetten", "Jeugdwet", "https://wetten.overheid.nl/")],
            "Document": [("Veld", "Waarde"), ("Editie", 2025), ("Organisatie", "Gemeente Test")],
        },
    )
    out = {"oss": build(OSS, folder / "oss", ["pdf", "docx"]).outputs}
    out["links"] = build(linked, folder / "links", ["pdf"], previous=OSS).outputs
    out["bijlage"] = build(
        linked, folder / "bijlage", ["pdf", "docx"], profile="bijlage", appendix_label="Bijlage 3"
    ).outputs
    out["handout"] = build(linked, folder / "handout", ["pdf", "docx"], profile="handout", qr=True).outputs
    docx = {f"{name}-docx": out[name][1] for name in ("oss", "bijlage", "handout")}
    return {name: paths[0] for name, paths in out.items()} | docx


@pytest.mark.parametrize("name", ["oss", "links", "bijlage", "handout"])
def test_pdf_declares_pdf_ua_and_pdf_a(built, name: str) -> None:
    assert declared(built[name]) == {"pdfuaid:part": "1", "pdfaid:part": "2", "pdfaid:conformance": "U"}


@pytest.mark.parametrize("name", ["oss", "links", "bijlage", "handout"])
def test_pdf_passes_the_checker_without_errors_or_unexplained_warnings(built, name: str) -> None:
    assert outloud_findings(built[name]) == []


@pytest.mark.parametrize("name", ["oss", "links", "bijlage", "handout"])
def test_pdf_passes_page_validation_for_pdf_a_and_pdf_ua(built, name: str) -> None:
    """Every rule of PDF/A-2u and of PDF/UA-1 (page-validation: the veraPDF rules)."""
    assert validation_failures(built[name]) == {}


@pytest.mark.parametrize("name", ["oss", "bijlage", "handout"])
def test_output_intent_fonts_and_metadata_are_kept(built, name: str) -> None:
    with pikepdf.open(built[name]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 1000
        fonts = [
            font
            for page in pdf.pages
            for font in page.Resources.Font.values()
            for font in ([*font.DescendantFonts] if "/DescendantFonts" in font else [font])
        ]
        assert fonts and all("/FontFile2" in f.FontDescriptor or "/FontFile3" in f.FontDescriptor for f in fonts)
        meta = pdf.open_metadata()
        assert meta["dc:title"] and meta["dc:title"] == str(pdf.docinfo.Title)


def test_header_footer_are_artifacts_and_links_are_tagged_and_printable(built) -> None:
    with pikepdf.open(built["oss"]) as pdf:
        for page in pdf.pages:
            data = b"".join(
                s.read_bytes()
                for s in (page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents])
            )
            assert b"/Artifact <</Type /Pagination /Subtype /Header>> BDC" in data
            assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in data
            for annotation in page.obj.get("/Annots") or []:
                assert int(annotation.F) & 4 and "/StructParent" in annotation and "/Contents" in annotation


@needs_soffice
@pytest.mark.parametrize("name", ["oss-docx", "bijlage-docx", "handout-docx"])
def test_word_exported_by_libreoffice_as_pdf_ua_passes(built, tmp_path: Path, name: str) -> None:
    pdf = soffice_convert(
        built[name],
        'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"},'
        '"UseTaggedPDF":{"type":"boolean","value":"true"}}',
        tmp_path,
        suffix="pdf",
    )
    errors = [f"{f.rule} p.{f.page}: {f.message}" for f in check(str(pdf)).findings if f.severity == "error"]
    assert errors == []
