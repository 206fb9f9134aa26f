"""The styles of the Word document, set up once per document: every colour, font
and spacing of the house style lives here (and in the Word theme), never on the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle

from ..theme import rgb
from . import common, ooxml, ooxml_styles

CELL_PADDING = 85  # twips left and right of a cell's text (the ViA Tabel style)
CELL_SPACE_AFTER = 4  # points after a paragraph, and after a list, in a table cell


@dataclass(frozen=True)
class Styles:
    """Styles resolved once (assigning by name scans every style each time)."""

    title: BaseStyle
    subtitle: BaseStyle
    heading1: BaseStyle
    heading2: BaseStyle
    normal: BaseStyle
    meta: BaseStyle
    list_paragraph: BaseStyle
    index: BaseStyle
    cell: BaseStyle
    cell_title: BaseStyle
    caption: BaseStyle
    period: BaseStyle
    table_head: BaseStyle
    source: BaseStyle
    nav: BaseStyle
    footer: BaseStyle
    table_id: str
    hyperlink_id: str


def paragraph_style(
    doc: DocxDocument,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    before: float | None = None,
    after: float | None = None,
) -> BaseStyle:
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    font = style.font
    if size is not None:
        font.size = Pt(size)
    font.bold = bold or None
    font.italic = italic or None
    if colour:
        font.color.rgb = RGBColor(*rgb(colour))
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    return style


def setup(doc: DocxDocument, r: common.Rendering, text_width) -> Styles:
    """Every colour, font and spacing lives in a style: a user restyles the whole
    document in Word by changing a style (Heading 1, ViA Tabel, Hyperlink …)."""
    theme, compact, on_paper = r.theme, r.profile.compact, r.profile.print_addresses
    # a handout is read on paper in black and white: black headings, a grey table header
    primary = "000000" if on_paper else theme.primary
    ooxml_styles.set_document_defaults(
        doc, font=theme.font, size_half_points=int(theme.font_size * 2), lang=common.LANG, colour=theme.text
    )
    styles = doc.styles
    normal = styles["Normal"]
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    sizes = (
        ("Title", 24 if compact else 30),
        ("Subtitle", 16 if compact else 18),
        ("Heading 1", 18 if compact else 22),
        ("Heading 2", 13 if compact else 14),
    )
    ooxml_styles.set_theme_part(doc, font=theme.font, accent=theme.primary, link=theme.link)
    for name, size in sizes:
        style = styles[name]
        ooxml_styles.set_fonts(style.element.get_or_add_rPr(), theme.font, "major")
        ooxml_styles.drop_theme_color(style)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(*rgb(primary if name != "Subtitle" else theme.muted))
        if name != "Subtitle" and not on_paper:  # the house colour, as the Word theme's first accent
            ooxml_styles.follow_theme_colour(style, "accent1")
        style.font.italic = False if name == "Subtitle" else None
    styles["Title"].paragraph_format.space_after = Pt(6)
    ooxml.remove_all(styles["Title"].element.get_or_add_pPr(), ["w:pBdr"])
    styles["Heading 1"].paragraph_format.space_before = Pt(12 if compact else 0)
    styles["Heading 1"].paragraph_format.space_after = Pt(8 if compact else 12)
    styles["Heading 2"].paragraph_format.space_before = Pt(14)
    styles["Heading 2"].paragraph_format.space_after = Pt(4)
    # a new part starts on a new page: in a report a new section does that (its own page
    # header); without tabs the heading's style does, never a manual page break
    styles["Heading 1"].paragraph_format.page_break_before = not compact and not r.tabs
    hyperlink = ooxml_styles.builtin_hyperlink_style(doc)
    hyperlink.font.color.rgb = RGBColor(*rgb(theme.text if on_paper else theme.link))
    hyperlink.font.underline = True
    if not on_paper:
        ooxml_styles.follow_theme_colour(hyperlink, "hyperlink")
    table_head = paragraph_style(doc, "ViA Tabelkop", after=0)  # bold and colour: the table style's header row
    table_head.paragraph_format.keep_with_next = True
    table = ooxml_styles.table_style(
        doc,
        "ViA Tabel",
        border="000000" if on_paper else "7F7F7F",
        head_fill=common.HANDOUT_HEAD_FILL if on_paper else theme.primary,
        head_fill_theme=None if on_paper else "accent1",
        head_text="000000" if on_paper else "FFFFFF",
        band_fill="F2F2F2" if on_paper else theme.accent,
        margins=(57, CELL_PADDING),
    )
    index = paragraph_style(doc, "ViA Index", size=10.5 if compact else 12, after=3 if compact else 6)
    index.paragraph_format.left_indent = Cm(1.0)
    index.paragraph_format.first_line_indent = Cm(-1.0)
    index.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
    nav = paragraph_style(doc, "ViA Navigatie", size=9, colour=theme.muted, after=0)
    nav.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    ooxml_styles.bottom_border(nav, primary, None if on_paper else "accent1")
    footer = paragraph_style(doc, "ViA Voettekst", size=8, colour=theme.muted, after=0)
    footer.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    # no room between the items of a list (contextual spacing), after the list as after a paragraph
    list_paragraph = paragraph_style(doc, "List Paragraph", after=CELL_SPACE_AFTER)
    ooxml_styles.contextual_spacing(list_paragraph)
    # every policy title in the navigation pane, under its level's Heading 1, as in the PDF's bookmarks
    cell_title = paragraph_style(doc, "ViA Beleidstitel", bold=True, after=4)
    ooxml_styles.outline_level(cell_title, 1)
    # the table's title above it, as in the PDF and HTML (and in w:tblCaption for screen readers)
    caption = styles["Caption"]
    ooxml_styles.drop_theme_color(caption)
    caption.font.bold = False
    caption.font.size = Pt(max(theme.font_size - 1.5, 7))
    caption.font.color.rgb = RGBColor(*rgb(theme.muted))
    caption.paragraph_format.space_before = Pt(0 if not compact else 10)  # room between the index and the table
    caption.paragraph_format.space_after = Pt(2)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.page_break_before = not compact  # the table on a page of its own, as in the original
    return Styles(
        title=styles["Title"],
        caption=caption,
        subtitle=styles["Subtitle"],
        heading1=styles["Heading 1"],
        heading2=styles["Heading 2"],
        normal=normal,
        meta=paragraph_style(doc, "ViA Kenmerken", size=11, colour=theme.muted, after=12 if compact else 18),
        list_paragraph=list_paragraph,
        index=index,
        cell=paragraph_style(doc, "ViA Celtekst", after=CELL_SPACE_AFTER),
        cell_title=cell_title,
        period=paragraph_style(doc, "ViA Looptijd", size=theme.font_size - 1.5, bold=True, colour=theme.muted, after=2),
        table_head=table_head,
        source=paragraph_style(
            doc, "ViA Bron", size=theme.font_size - 1, italic=True, colour=theme.muted, before=4, after=2
        ),
        nav=nav,
        footer=footer,
        table_id=table,
        hyperlink_id=hyperlink.style_id,
    )
