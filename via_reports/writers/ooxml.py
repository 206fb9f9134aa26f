"""The raw WordprocessingML that python-docx has no API for, in one place.

Bookmarks, internal and external hyperlinks, simple fields, list numbering
definitions, repeating table header rows, rows that do not split, a table style with
conditional formatting, outline levels and borders on styles, table captions,
language and font defaults, Word's own Hyperlink style, the compatibility mode, and
cleaning python-docx's template (its thumbnail, custom XML, 2013 dates, en-US
language). Names follow the schema
(ECMA-376); `writers/docx.py` speaks only in the model's words and calls these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle
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


def table_style(
    doc: DocxDocument,
    name: str,
    *,
    border: str,
    head_fill: str,
    head_fill_theme: str | None,
    head_text: str,
    band_fill: str,
    margins: tuple[int, int],
) -> str:
    """A table style (its id returned): ruled grid, cell margins (vertical, horizontal
    twips), the header row bold on `head_fill` and, when a table's look asks for it,
    horizontal banding: conditional formatting (w:tblStylePr), so a table using the
    style carries no fill or border of its own and is restyled in one place."""
    style_id = re.sub(r"[^A-Za-z0-9]", "", name)
    style = element("w:style", type="table", customStyle="1", styleId=style_id)
    for tag, val in (("w:name", name), ("w:basedOn", "TableNormal"), ("w:uiPriority", "59")):
        style.append(element(tag, val=val))
    style.append(OxmlElement("w:qFormat"))
    ppr = OxmlElement("w:pPr")
    ppr.append(element("w:spacing", after="0"))
    style.append(ppr)
    tbl_pr = OxmlElement("w:tblPr")
    tbl_pr.append(element("w:tblStyleRowBandSize", val="1"))
    tbl_pr.append(element("w:jc", val="center"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color=border))
    tbl_pr.append(borders)
    vertical, horizontal = margins
    cell_mar = OxmlElement("w:tblCellMar")
    for side, size in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        cell_mar.append(element(f"w:{side}", w=str(size), type="dxa"))
    tbl_pr.append(cell_mar)
    style.append(tbl_pr)
    head = element("w:tblStylePr", type="firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    rpr.append(element("w:color", val=head_text))
    head.append(rpr)
    tr_pr = OxmlElement("w:trPr")
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))
    head.append(tr_pr)
    tc_pr = OxmlElement("w:tcPr")
    shd = element("w:shd", val="clear", color="auto", fill=head_fill)
    if head_fill_theme:
        shd.set(qn("w:themeFill"), head_fill_theme)
    tc_pr.append(shd)
    head.append(tc_pr)
    band = element("w:tblStylePr", type="band1Horz")
    tc_pr = OxmlElement("w:tcPr")
    tc_pr.append(element("w:shd", val="clear", color="auto", fill=band_fill))
    band.append(tc_pr)
    style.append(head)
    style.append(band)
    doc.styles.element.append(style)
    return style_id


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
    ppr.insert_element_before(num_pr, *_AFTER_NUMPR)
    _indent(ppr, ind)


def indent_paragraph(paragraph: DocxParagraph, level: int) -> None:
    """Indent a paragraph that continues a list item at `level` (no marker of its own)."""
    _indent(paragraph._p.get_or_add_pPr(), element("w:ind", left=str(Numbering.INDENT * (level + 1))))


def _indent(ppr: BaseOxmlElement, ind: BaseOxmlElement) -> None:
    """Direct indentation, so the text sits at its list level whatever the style says."""
    for old in ppr.findall(qn("w:ind")):
        ppr.remove(old)
    ppr.insert_element_before(ind, *_AFTER_NUMPR[_AFTER_NUMPR.index("w:ind") + 1 :])


_AFTER_NUMPR = (
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


# --- styles, language, package -----------------------------------------------------


def _style_ppr(style: BaseStyle, tag: str, **attrs: str) -> None:
    """Set one paragraph property of a style (replacing an earlier one), in schema order."""
    ppr = style.element.get_or_add_pPr()
    remove_all(ppr, [tag])
    ppr.insert_element_before(element(tag, **attrs), *_AFTER_NUMPR[_AFTER_NUMPR.index(tag) + 1 :])


def bottom_border(style: BaseStyle, colour: str, theme_slot: str | None = None) -> None:
    """A rule under paragraphs of the style (the page header's)."""
    ppr = style.element.get_or_add_pPr()
    remove_all(ppr, ["w:pBdr"])
    borders = element("w:pBdr")
    rule = element("w:bottom", val="single", sz="8", space="4", color=colour)
    if theme_slot:
        _theme_colour(rule, theme_slot)
    borders.append(rule)
    ppr.insert_element_before(borders, *_AFTER_NUMPR[_AFTER_NUMPR.index("w:pBdr") + 1 :])


def contextual_spacing(style: BaseStyle) -> None:
    """No space between paragraphs of the same style (the items of a list)."""
    _style_ppr(style, "w:contextualSpacing")


def outline_level(style: BaseStyle, level: int) -> None:
    """Paragraphs of the style show in Word's navigation pane at `level` (0: as Heading 1)."""
    _style_ppr(style, "w:outlineLvl", val=str(level))


def set_fonts(rpr: BaseOxmlElement, font: str, theme: str | None = None) -> None:
    """Fonts on a w:rPr: `font` by name and, with `theme` (`minor` for body text, `major`
    for headings), the Word theme's font for Latin text, which Word prefers; the theme
    part names the same font (`set_theme_part`)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), font)
    if theme:
        for attr in ("asciiTheme", "hAnsiTheme"):
            fonts.set(qn(f"w:{attr}"), f"{theme}HAnsi")


def drop_theme_color(style: BaseStyle) -> None:
    rpr = style.element.rPr
    color = rpr.find(qn("w:color")) if rpr is not None else None
    if color is not None:
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)


def set_document_defaults(doc: DocxDocument, *, font: str, size_half_points: int, lang: str, colour: str) -> None:
    """Font, size, text colour and language of every style that does not say otherwise
    (in the defaults rather than in Normal, so a table style's header colour can apply)."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, font, "minor")
    remove_all(rpr, ["w:color"])
    rpr.insert_element_before(element("w:color", val=colour), *_AFTER_COLOR)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(size_half_points))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), lang)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)
        theme_lang.attrib.pop(qn("w:eastAsia"), None)


COMPATIBILITY_MODE = "15"  # Word 2013 and later: Word 365 opens the file without Compatibiliteitsmodus


def set_compatibility_mode(doc: DocxDocument, mode: str = COMPATIBILITY_MODE) -> None:
    """The Word version whose layout rules the document asks for (w:compatSetting)."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.insert_element_before(compat, *_AFTER_COMPAT)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), mode)
            return
    compat.append(
        element("w:compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val=mode)
    )


_AFTER_COMPAT = ("w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping")


_AFTER_COLOR = (
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def builtin_hyperlink_style(doc: DocxDocument) -> BaseStyle:
    """Word's own Hyperlink character style (not a custom one), as Word writes it."""
    styles = doc.styles
    try:
        return styles["Hyperlink"]
    except KeyError:
        pass
    style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    el = style.element
    el.set(qn("w:styleId"), "Hyperlink")
    el.attrib.pop(qn("w:customStyle"), None)
    based_on = element("w:basedOn", val="DefaultParagraphFont")
    priority = element("w:uiPriority", val="99")
    el.find(qn("w:name")).addnext(based_on)
    based_on.addnext(priority)
    priority.addnext(OxmlElement("w:unhideWhenUsed"))
    return style


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def set_theme_part(doc: DocxDocument, *, font: str, accent: str, link: str) -> None:
    """The Word theme (Ontwerpen > Kleuren / Lettertypen) carries the house style: its
    first accent colour, its link colour and its heading and body fonts. Styles refer to
    them (`themeColor="accent1"`), so a user recolours or refonts the whole document by
    changing the theme in Word."""
    from lxml import etree

    part = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    scheme.set("name", "via-reports")
    for slot, value in (("accent1", accent), ("hlink", link)):
        holder = scheme.find(f"{_A}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{_A}srgbClr", val=value.upper())
    fonts = root.find(f"{_A}themeElements/{_A}fontScheme")
    fonts.set("name", "via-reports")
    for kind in ("majorFont", "minorFont"):
        fonts.find(f"{_A}{kind}/{_A}latin").set("typeface", font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def follow_theme_colour(style: BaseStyle, slot: str) -> None:
    """Let the style's text colour follow a colour of the Word theme (`accent1`,
    `hyperlink`); its value stays, as the fallback other programs use."""
    _theme_colour(style.element.rPr.find(qn("w:color")), slot)


def _theme_colour(colour_element: BaseOxmlElement, slot: str) -> None:
    colour_element.set(qn("w:themeColor"), slot)
    for attr in ("w:themeShade", "w:themeTint"):
        colour_element.attrib.pop(qn(attr), None)


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


def save_reproducibly(doc: DocxDocument, path, moment) -> None:
    """Save with every zip entry stamped `moment` (a datetime) and fixed permissions, so
    the same input gives the same bytes (python-docx stamps entries with the clock)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    doc.save(buffer)
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second // 2 * 2)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
