"""The raw WordprocessingML of styles that python-docx has no API for: a table style
with conditional formatting, outline levels, borders and contextual spacing on
styles, fonts and language in the document defaults, Word's own Hyperlink style,
the Word theme (colours and fonts) and the compatibility mode. Names follow the
schema (ECMA-376); `writers/docx_styles.py` calls these.
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle

from .ooxml import AFTER_NUMPR, element, remove_all


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


def _style_ppr(style: BaseStyle, tag: str, **attrs: str) -> None:
    """Set one paragraph property of a style (replacing an earlier one), in schema order."""
    ppr = style.element.get_or_add_pPr()
    remove_all(ppr, [tag])
    ppr.insert_element_before(element(tag, **attrs), *AFTER_NUMPR[AFTER_NUMPR.index(tag) + 1 :])


def bottom_border(style: BaseStyle, colour: str, theme_slot: str | None = None) -> None:
    """A rule under paragraphs of the style (the page header's)."""
    ppr = style.element.get_or_add_pPr()
    remove_all(ppr, ["w:pBdr"])
    borders = element("w:pBdr")
    rule = element("w:bottom", val="single", sz="8", space="4", color=colour)
    if theme_slot:
        _theme_colour(rule, theme_slot)
    borders.append(rule)
    ppr.insert_element_before(borders, *AFTER_NUMPR[AFTER_NUMPR.index("w:pBdr") + 1 :])


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
