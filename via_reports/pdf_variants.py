"""The standards a PDF can follow (`--pdf-variant`): accessible (PDF/UA-1) and/or
archivable (PDF/A-2u or PDF/A-3u).

PDF/A-2u is the default: archivists advise against PDF/A-3 for archiving because it
allows embedded files of any kind. Kept apart from the PDF writer so that the command
line can offer the choices without loading WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfVariant:
    name: str
    rendered: str  # what WeasyPrint renders (its pdf_variant)
    ua: int | None  # the PDF/UA part declared, if any
    pdfa: tuple[int, str] | None  # the PDF/A part and conformance level declared, if any


PDF_VARIANTS = {
    v.name: v
    for v in (
        PdfVariant("pdf/ua-1+pdf/a-2u", "pdf/a-2u", 1, (2, "U")),
        PdfVariant("pdf/ua-1+pdf/a-3u", "pdf/a-3u", 1, (3, "U")),
        PdfVariant("pdf/ua-1", "pdf/ua-1", 1, None),
        PdfVariant("pdf/a-2u", "pdf/a-2u", None, (2, "U")),
        PdfVariant("pdf/a-3u", "pdf/a-3u", None, (3, "U")),
    )
}
DEFAULT_PDF_VARIANT = "pdf/ua-1+pdf/a-2u"
