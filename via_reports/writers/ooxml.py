"""The raw WordprocessingML that python-docx has no API for, in one place.

Bookmarks, internal and external hyperlinks, simple fields, list numbering
definitions, repeating table header rows, rows that do not split, table captions,
and cleaning python-docx's template (its thumbnail, custom XML, 2013 dates). Styles,
document defaults, the Word theme and settings are in `ooxml_styles.py`. Names follow the schema
(ECMA-376); `writers/docx.py` speaks only in the model's words and calls these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """`element("w:lang", val="nl-NL")` → <w:lang w:val="nl-NL"/> (attributes in the w: namespace)."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a model anchor: letters, digits and '_', starting with a
    letter, at most 40 characters (`lokaal-3` → `lokaal_3`)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not name[:1].isalpha():
        name = "b_" + name
    return name[:40]


class Bookmarks:
    """Hands out the unique ids Word wants for w:bookmarkStart / w:bookmarkEnd."""

    def __init__(self) -> None:
        self._next = 0

    def wrap(self, paragraph: DocxParagraph, anchor: str) -> None:
        """Put a bookmark named after `anchor` around the paragraph's content."""
        self._next += 1
        ident = str(self._next)
        p = paragraph._p
        start = element("w:bookmarkStart", id=ident, name=bookmark_name(anchor))
        ppr = p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(element("w:bookmarkEnd", id=ident))


_RELATIONSHIPS: dict[tuple[int, str], str] = {}  # (id of the part, address) → rId


def hyperlink(
    paragraph: DocxParagraph, *, url: str | None = None, anchor: str | None = None, tooltip: str | None = None
) -> BaseOxmlElement:
    """An empty w:hyperlink appended to the paragraph: external (`url`, through a
    relationship, one per address) or internal (`anchor`, a bookmark). Runs are added
    to it by the caller."""
    link = OxmlElement("w:hyperlink")
    if url is not None:
        part = paragraph.part
        key = (id(part), url)
        r_id = _RELATIONSHIPS.get(key)
        if r_id is None or part.rels.get(r_id) is None or part.rels[r_id].target_ref != url:
            r_id = _new_rel_id(part)  # part.relate_to would compare with every relationship first
            part.rels.add_relationship(RT.HYPERLINK, url, r_id, is_external=True)
            _RELATIONSHIPS[key] = r_id
        link.set(qn("r:id"), r_id)
    else:
        assert anchor is not None
        link.set(qn("w:anchor"), bookmark_name(anchor))
    link.set(qn("w:history"), "1")
    # the description screen readers (and a tagged PDF's /Contents) give the link
    link.set(qn("w:tooltip"), (tooltip or url or f"Ga naar {anchor}")[:255])
    paragraph._p.append(link)
    return link


def _new_rel_id(part) -> str:
    number = len(part.rels) + 1
    while f"rId{number}" in part.rels:
        number += 1
    return f"rId{number}"


def run(
    parent: BaseOxmlElement,
    text: str,
    *,
    style_id: str | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> BaseOxmlElement:
    """A w:r with text (white space kept) appended to a paragraph or hyperlink element;
    the hyphen of a number range (2023-2028) does not break."""
    r = OxmlElement("w:r")
    if style_id or bold or italic or underline:
        rpr = OxmlElement("w:rPr")
        if style_id:
            rpr.append(element("w:rStyle", val=style_id))
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if underline:
            rpr.append(element("w:u", val="single"))
        r.append(rpr)
    # a hyphen between digits (2023-2028) is a non-breaking one: a range is not split over two lines
    for n, part in enumerate(_NUMBER_RANGE_HYPHEN.split(text) if "-" in text else (text,)):
        if n:
            r.append(OxmlElement("w:noBreakHyphen"))
        if part or not n:
            t = OxmlElement("w:t")
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    parent.append(r)
    return r


_NUMBER_RANGE_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def line_break(parent: BaseOxmlElement) -> None:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    parent.append(r)


def simple_field(paragraph: DocxParagraph, instruction: str, placeholder: str = "1") -> None:
    """A field Word computes (`PAGE`, `NUMPAGES`), shown as `placeholder` until it does."""
    field = element("w:fldSimple", instr=f" {instruction} ")
    run(field, placeholder)
    paragraph._p.append(field)


# --- tables ----------------------------------------------------------------------


def _tr_pr(row: _Row) -> BaseOxmlElement:
    return row._tr.get_or_add_trPr()


def repeat_as_header(row: _Row) -> None:
    """The row is the table's header row: repeated on every page, read as a header."""
    _tr_pr(row).append(OxmlElement("w:tblHeader"))  # an on/off property: no value means on


def keep_row_together(row: _Row) -> None:
    _tr_pr(row).append(OxmlElement("w:cantSplit"))


def table_caption(table, caption: str, description: str) -> None:
    """Title and description of a table, as read by screen readers (w:tblCaption)."""
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    for el in (element("w:tblCaption", val=caption), element("w:tblDescription", val=description)):
        if look is not None:
            look.addnext(el)
            look = el
        else:
            tbl_pr.append(el)


def use_table_style(table, style_id: str) -> None:
    """Set the table's style by id (python-docx looks the style up by name among all)."""
    tbl_pr = table._tbl.tblPr
    remove_all(tbl_pr, ["w:tblStyle"])
    tbl_pr.insert(0, element("w:tblStyle", val=style_id))


def header_row_look(table) -> None:
    """The table's look: its style's header row on, banding off (as in the PDF)."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    tbl_pr.append(
        element(
            "w:tblLook",
            val="0620",  # firstRow | noHBand | noVBand, as the attributes say
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )


# --- numbering ---------------------------------------------------------------------


class Numbering:
    """List numbering definitions: one w:abstractNum per kind of list (bullet glyph or
    number delimiter) and one w:num per list in the text, restarting at its own start."""

    INDENT = 357  # twips per list level (about 0.63 cm)

    def __init__(self, doc: DocxDocument):
        self._numbering = doc.part.numbering_part.element
        self._abstract: dict[tuple[str, str], int] = {}
        existing = [int(n.get(qn("w:abstractNumId"))) for n in self._numbering.findall(qn("w:abstractNum"))]
        self._next_abstract = max(existing, default=-1) + 1
        self._next_num = max((int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))), default=0) + 1

    def _abstract_id(self, bullet: bool, marker: str) -> int:
        key = ("bullet" if bullet else "decimal", marker)
        if key in self._abstract:
            return self._abstract[key]
        ident = self._next_abstract
        self._next_abstract += 1
        abstract = element("w:abstractNum", abstractNumId=str(ident))
        abstract.append(element("w:multiLevelType", val="hybridMultilevel"))
        for level in range(9):
            lvl = element("w:lvl", ilvl=str(level))
            lvl.append(element("w:start", val="1"))
            lvl.append(element("w:numFmt", val="bullet" if bullet else "decimal"))
            lvl.append(element("w:lvlText", val=marker if bullet else f"%{level + 1}{marker}"))
            lvl.append(element("w:lvlJc", val="left"))
            ppr = OxmlElement("w:pPr")
            ppr.append(element("w:ind", left=str(self.INDENT * (level + 1)), hanging=str(self.INDENT)))
            lvl.append(ppr)
            abstract.append(lvl)
        nums = self._numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self._numbering.append(abstract)
        self._abstract[key] = ident
        return ident

    def new_list(self, *, bullet: bool, marker: str, start: int, level: int) -> int:
        """A w:num for one list; its items use it with ilvl = `level`."""
        num_id = self._next_num
        self._next_num += 1
        num = element("w:num", numId=str(num_id))
        num.append(element("w:abstractNumId", val=str(self._abstract_id(bullet, marker))))
        override = element("w:lvlOverride", ilvl=str(level))
        override.append(element("w:startOverride", val=str(start)))
        num.append(override)
        self._numbering.append(num)
        return num_id


def number_paragraph(paragraph: DocxParagraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    num_pr.append(element("w:ilvl", val=str(level)))
    num_pr.append(element("w:numId", val=str(num_id)))
    ind = element("w:ind", left=str(Numbering.INDENT * (level + 1)), hanging=str(Numbering.INDENT))
    if len(ppr) == 1 and ppr[0].tag == qn("w:pStyle"):  # the usual case: append in schema order, quickly
        ppr.append(num_pr)
        ppr.append(ind)
        return
    ppr.insert_element_before(num_pr, *AFTER_NUMPR)
    _indent(ppr, ind)


def indent_paragraph(paragraph: DocxParagraph, level: int) -> None:
    """Indent a paragraph that continues a list item at `level` (no marker of its own)."""
    _indent(paragraph._p.get_or_add_pPr(), element("w:ind", left=str(Numbering.INDENT * (level + 1))))


def _indent(ppr: BaseOxmlElement, ind: BaseOxmlElement) -> None:
    """Direct indentation, so the text sits at its list level whatever the style says."""
    for old in ppr.findall(qn("w:ind")):
        ppr.remove(old)
    ppr.insert_element_before(ind, *AFTER_NUMPR[AFTER_NUMPR.index("w:ind") + 1 :])


AFTER_NUMPR = (
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


# --- package ----------------------------------------------------------------------


def clean_package(doc: DocxDocument, *, application: str) -> None:
    """Remove what python-docx's template would leak: its thumbnail, custom XML,
    Word 2010 style copy and an app.xml that claims to be Microsoft Word."""
    package = doc.part.package
    for rels, kinds in (
        (package.rels, {RT.THUMBNAIL}),
        (doc.part.rels, {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}),
    ):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in kinds]:
            rels.pop(r_id)
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_xml(application)


def _app_xml(application: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{application}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()


def remove_all(parent: BaseOxmlElement, tags: Iterable[str]) -> None:
    for tag in tags:
        for el in parent.findall(qn(tag)):
            parent.remove(el)


def picture_description(run, alt: str) -> None:
    """Alternative text of an inline picture (wp:docPr/@descr), read by screen readers."""
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)


def number_picture(run, at_least: int) -> int:
    """Give the run's new picture an id (wp:docPr/@id, unique in the document) of at
    least `at_least`; python-docx takes one more than the highest id in the tree, which
    no longer holds the rows put aside (docx_flush.py). Returns the id."""
    number = at_least
    for doc_pr in run._r.iter(qn("wp:docPr")):
        number = max(int(doc_pr.get("id")), at_least)
        doc_pr.set("id", str(number))
        doc_pr.set("name", f"Picture {number}")
    return number


def save_reproducibly(doc: DocxDocument, path, moment, document_xml=None) -> None:
    """Save with every zip entry stamped `moment` (a datetime) and fixed permissions, so
    the same input gives the same bytes (python-docx stamps entries with the clock).
    `document_xml(saved)`: the pieces of the document part to write instead of the
    part python-docx saved (docx_flush.py)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    doc.save(buffer)
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second // 2 * 2)
    main = doc.part.partname.lstrip("/")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = source.read(info.filename)
            if document_xml is None or info.filename != main:
                target.writestr(entry, data)
                continue
            with target.open(entry, "w") as part:
                for piece in document_xml(data):
                    part.write(piece)
