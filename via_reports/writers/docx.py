"""The document model → a Word document (.docx) like the original overview.

Per profile (see `profiles.py`): a title page with the introduction (or, in an
appendix, its heading); per level a Heading 1, its index (numbered labels linking to
their rows) and the table Nr. | Programma/Beleid/aanpak | Toelichting; then
Wettelijke kaders. Real styles (the house style lives in them and in the Word theme,
never on the text), a table style, real Word lists, bookmarks, every policy title in
the navigation pane, a header with the four tabs as text, `pagina X van Y` in the
footer.

This module speaks in the model's words; the styles are set up in `docx_styles.py`,
the XML python-docx has no API for lives in `ooxml.py` and `ooxml_styles.py`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import assert_never

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Mm, Pt, Twips
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from ..model import (
    Block,
    FrameworkGroup,
    Inline,
    LevelSection,
    LineBreak,
    Link,
    ListBlock,
    ListKind,
    Paragraph,
    Policy,
    Source,
    Text,
    inline_text,
)
from . import common, docx_styles, metrics, ooxml, ooxml_styles
from .docx_flush import Flushed

MARGIN_SIDE, MARGIN_TOP = Cm(2.0), Cm(1.8)
QR_SIZE = Cm(1.8)
ROWS_HELD = 25  # a table's rows, once written, are put aside (docx_flush.py) this many at a time


class _Writer:
    def __init__(self, r: common.Rendering):
        self.r = r
        self.model = r.document
        self.theme = r.theme
        self.profile = r.profile
        paper = r.paper
        self.page_width, self.page_height = Mm(paper.width_mm), Mm(paper.height_mm)
        self.text_width = self.page_width - 2 * MARGIN_SIDE
        self.columns = _columns(r, self.text_width)
        self.doc = new_docx()
        ooxml.clean_package(self.doc, application="via-reports")
        ooxml_styles.set_compatibility_mode(self.doc)
        self.styles = docx_styles.setup(self.doc, r, self.text_width)
        self.flushed = Flushed(self.doc.element)
        self.picture_id = 0  # the last picture's id: python-docx counts only those still in the tree
        self.numbering = ooxml.Numbering(self.doc)
        self.bookmarks = ooxml.Bookmarks()
        self.tabs = r.tabs
        # the PDF's estimate (LibreOffice lays the .docx out within it: a row estimated at 0.8 of a
        # page fills about 0.7 of one): these rows may split, all others stay whole
        self.tall = r.tall_rows()

    # --- inlines and blocks

    def text_run(self, parent, inline: Text, style_id: str | None = None) -> None:
        ooxml.run(
            parent, inline.text, style_id=style_id, bold=inline.bold, italic=inline.italic, underline=inline.underline
        )

    def inlines(self, paragraph: DocxParagraph, inlines: Sequence[Inline]) -> None:
        parent = paragraph._p
        for inline in inlines:
            match inline:
                case Text():
                    self.text_run(parent, inline)
                case LineBreak():
                    ooxml.line_break(parent)
                case Link():
                    link = ooxml.hyperlink(paragraph, url=inline.href)
                    for child in inline.children:
                        if isinstance(child, LineBreak):
                            ooxml.line_break(link)
                        else:
                            self.text_run(link, child, self.styles.hyperlink_id)
                    if self.r.shows_address(inline.href, inline_text(inline.children)):
                        ooxml.run(parent, f" ({inline.href})")
                case _:
                    assert_never(inline)

    def paragraph(self, flow: _Flow, style: BaseStyle, inlines: Sequence[Inline] = ()) -> DocxParagraph:
        paragraph = flow.new(style)
        self.inlines(paragraph, inlines)
        return paragraph

    def blocks(self, flow: _Flow, blocks: Sequence[Block], style: BaseStyle, depth: int = 0) -> None:
        for block in blocks:
            match block:
                case Paragraph():
                    paragraph = self.paragraph(flow, style if depth == 0 else self.styles.list_paragraph, block.inlines)
                    if depth:
                        ooxml.indent_paragraph(paragraph, depth - 1)
                case ListBlock():
                    self.list_block(flow, block, style, depth)
                case _:
                    assert_never(block)

    def list_block(self, flow: _Flow, block: ListBlock, style: BaseStyle, depth: int) -> None:
        level = min(depth, 8)
        num_id = self.numbering.new_list(
            bullet=block.kind is ListKind.BULLET, marker=block.marker, start=block.start, level=level
        )
        for item in block.items:
            first, *rest = item.blocks or (Paragraph(()),)
            if isinstance(first, Paragraph):
                paragraph = self.paragraph(flow, self.styles.list_paragraph, first.inlines)
            else:
                paragraph = self.paragraph(flow, self.styles.list_paragraph)
                rest = [first, *rest]
            ooxml.number_paragraph(paragraph, num_id, level)
            self.blocks(flow, rest, style, depth + 1)

    def linked(self, text: str, url: str | None) -> tuple[Inline, ...]:
        label: tuple[Inline, ...] = (Text(text),)
        return (Link(url, label),) if url else label  # type: ignore[arg-type]

    def picture(self, paragraph: DocxParagraph, data: bytes, width, alt: str) -> None:
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(data), width=width)
        ooxml.picture_description(run, alt)
        self.picture_id = ooxml.number_picture(run, self.picture_id + 1)

    # --- page furniture

    def page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if self.r.paper.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = self.page_width, self.page_height
        section.left_margin = section.right_margin = MARGIN_SIDE
        section.top_margin = section.bottom_margin = MARGIN_TOP
        section.header_distance = section.footer_distance = Cm(0.9)

    def header_and_footer(self, section, current: str | None) -> None:
        """The title and (in a report) the four tabs, the current one in bold; the page
        count, with the appendix label in an appendix."""
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph._p.style = self.styles.nav.style_id
        ooxml.run(paragraph._p, self.r.heading)
        if self.tabs:
            ooxml.run(paragraph._p, "\t")
        # The tabs as text, the current one in bold. Not as links: a page header is page
        # furniture (an artifact) in a tagged PDF, and a link there would be an untagged
        # annotation (LibreOffice's PDF/UA export, PAC). The index and Word's navigation
        # pane (Heading 1) take the reader to each part.
        for n, tab in enumerate(self.tabs):
            if n:
                ooxml.run(paragraph._p, "   ·   ")
            ooxml.run(paragraph._p, tab.label, bold=tab.anchor == current)
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph._p.style = self.styles.footer.style_id
        # Only the page count: the title is in the header, the organisation on the first page
        # (a long line of page furniture reads as prose to accessibility checkers).
        ooxml.run(paragraph._p, f"\t{self.r.page_label}pagina ")
        ooxml.simple_field(paragraph, "PAGE")
        ooxml.run(paragraph._p, " van ")
        ooxml.simple_field(paragraph, "NUMPAGES")

    def start_part(self, anchor: str | None) -> None:
        """A new part (the changes, a level, Wettelijke kaders): in a report a new section
        (its own header, with its tab in bold), elsewhere just the heading that follows
        (which starts a new page by its style when the profile is not compact)."""
        if self.tabs:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            self.header_and_footer(section, anchor)

    # --- the parts of the overview

    def opening(self) -> None:
        """The title page (report, handout) or the appendix heading."""
        info = self.model.info
        body = _Flow(self.doc)
        if self.theme.logo is not None:
            logo = self.paragraph(body, self.styles.normal)
            self.picture(logo, self.theme.logo.read_bytes(), Cm(4), self.theme.logo_alt)
        self.paragraph(body, self.styles.title, (Text(self.r.heading),))
        if self.profile.title_page and info.subtitle:
            self.paragraph(body, self.styles.subtitle, (Text(info.subtitle),))
        self.paragraph(body, self.styles.meta, (Text(common.subtitle_line(self.r)),))
        for note in (self.r.selection_note(), self.r.shared_note()):
            if note:
                self.paragraph(body, self.styles.meta, (Text(note),))
        self.blocks(body, self.model.intro, self.styles.normal)
        self.header_and_footer(self.doc.sections[0], None)

    def changes(self) -> None:
        """Wijzigingen ten opzichte van de vorige editie: per level what is new, gone or
        changed, each linked to its row when the row is in this document."""
        if self.model.changes is None:
            return
        self.start_part(None)
        self.heading1(common.changes_heading(self.model), common.CHANGES_ANCHOR)
        body = _Flow(self.doc)
        groups = self.r.change_groups()
        if not groups:
            self.paragraph(body, self.styles.normal, (Text("Geen verschillen."),))
        for group in groups:
            self.paragraph(body, self.styles.heading2, (Text(group.heading),))
            num_id = self.numbering.new_list(bullet=True, marker="•", start=1, level=0)
            for line in group.lines:
                paragraph = self.paragraph(body, self.styles.list_paragraph, (Text(f"{line.kind}: ", bold=True),))
                if line.anchor and self.profile.internal_links:
                    link = ooxml.hyperlink(paragraph, anchor=line.anchor, tooltip=f"Ga naar {line.text}")
                    ooxml.run(link, line.text, style_id=self.styles.hyperlink_id)
                else:
                    ooxml.run(paragraph._p, line.text)
                if line.detail:
                    ooxml.run(paragraph._p, f" ({line.detail})")
                ooxml.number_paragraph(paragraph, num_id, 0)

    def heading1(self, text: str, anchor: str) -> None:
        paragraph = self.paragraph(_Flow(self.doc), self.styles.heading1, (Text(text),))
        self.bookmarks.wrap(paragraph, anchor)

    def level(self, section: LevelSection) -> None:
        self.start_part(section.level.slug)
        self.heading1(section.level.label, section.level.slug)
        body = _Flow(self.doc)
        if not section.policies:
            self.paragraph(body, self.styles.normal, (Text(common.EMPTY_LEVEL),))
            return
        for policy in section.policies:
            entry = self.paragraph(body, self.styles.index, (Text(f"{policy.nr}\t"),))
            if self.profile.internal_links:
                link = ooxml.hyperlink(entry, anchor=policy.anchor, tooltip=f"Ga naar {policy.index_label}")
                ooxml.run(link, policy.index_label, style_id=self.styles.hyperlink_id)
            else:
                ooxml.run(entry._p, policy.index_label)
        self.paragraph(body, self.styles.caption, (Text(common.table_caption(section.level)),))
        self.table(section)

    def table(self, section: LevelSection) -> None:
        table = self.doc.add_table(rows=1, cols=3)
        ooxml.use_table_style(table, self.styles.table_id)
        table.autofit = False
        ooxml.header_row_look(table)
        ooxml.table_caption(
            table,
            common.table_caption(section.level),
            common.table_description(section.level, len(section.policies)),
        )
        for column, width in zip(table.columns, self.columns, strict=True):
            column.width = width
        head = table.rows[0]
        ooxml.repeat_as_header(head)
        ooxml.keep_row_together(head)
        for cell, label, width in zip(head.cells, common.TABLE_HEADERS, self.columns, strict=True):
            cell.width = width
            self.paragraph(_Flow(cell), self.styles.table_head, (Text(label),))
        written = []
        for policy in section.policies:
            row = table.add_row()
            self.row(row, policy)
            written.append(row._tr)
            if len(written) == ROWS_HELD:
                self.flushed.put_aside(written)
                written = []
        self.flushed.put_aside(written)

    def row(self, row, policy: Policy) -> None:
        if policy.anchor not in self.tall:  # a row taller than a page that may not split is cut off in Word
            ooxml.keep_row_together(row)
        cells = row.cells
        for cell, width in zip(cells, self.columns, strict=True):
            cell.width = width
        self.paragraph(_Flow(cells[0]), self.styles.cell, (Text(str(policy.nr)),))
        flow = _Flow(cells[1])
        title = self.linked(policy.title, policy.title_url)
        if marker := self.r.shared_label(policy):
            title += (Text(f" {marker}"),)
        paragraph = self.paragraph(flow, self.styles.cell_title, title)
        self.bookmarks.wrap(paragraph, policy.anchor)
        if label := self.r.period_label(policy):
            self.paragraph(flow, self.styles.period, (Text(f"[{label}]"),))
        flow = _Flow(cells[2])
        self.blocks(flow, policy.explanation, self.styles.cell)
        self.sources(flow, policy.sources)

    def sources(self, flow: _Flow, sources: Sequence[Source]) -> None:
        for source in sources:
            self.paragraph(flow, self.styles.source, self.linked(source.label, source.url))  # address: see inlines()
            if source.url and self.r.qr:
                self.picture(
                    self.paragraph(flow, self.styles.source),
                    common.qr_png(source.url),
                    QR_SIZE,
                    f"QR-code naar {source.url}",
                )

    def frameworks(self, groups: Sequence[FrameworkGroup]) -> None:
        self.start_part(common.FRAMEWORKS_ANCHOR)
        self.heading1(common.FRAMEWORKS_TITLE, common.FRAMEWORKS_ANCHOR)
        body = _Flow(self.doc)
        for group in groups:
            self.paragraph(body, self.styles.heading2, (Text(group.category),))
            num_id = self.numbering.new_list(bullet=True, marker="•", start=1, level=0)
            for framework in group.frameworks:
                paragraph = self.paragraph(body, self.styles.list_paragraph, self.linked(framework.name, framework.url))
                ooxml.number_paragraph(paragraph, num_id, 0)
                self.blocks(body, framework.explanation, self.styles.normal, depth=1)

    def properties(self) -> None:
        info = self.model.info
        props = self.doc.core_properties
        props.title = self.r.heading
        props.subject = common.subject(self.model)
        props.author = self.r.organisation or ""
        props.last_modified_by = self.r.organisation or ""
        props.comments = ""
        props.keywords = common.keywords(self.model)
        props.category = "Beleidsoverzicht"
        props.language = common.LANG
        props.revision = 1
        props.created = props.modified = self.r.build.timestamp(self.model).replace(tzinfo=None)
        props.identifier = info.edition or ""

    def write(self, path: Path) -> None:
        self.page_setup()
        self.opening()
        self.changes()
        for section in self.model.levels:
            self.level(section)
        if self.model.frameworks:
            self.frameworks(self.model.frameworks)
        self.properties()
        ooxml.save_reproducibly(self.doc, path, self.r.build.timestamp(self.model), self.flushed.document_xml)


class _Flow:
    """Where new paragraphs go: the body or a table cell (whose first, empty
    paragraph is used before any new one is added). Styles are set by id: python-docx
    looks for the default style among all styles on every assignment by object."""

    def __init__(self, container):
        self.container = container
        if hasattr(container, "_tc"):
            self.element = container._tc
            self.parent = container
            self.fresh = container._tc.p_lst[0] if container._tc.p_lst else None
        else:
            self.element = container.element.body
            self.parent = container._body
            self.fresh = None

    def new(self, style: BaseStyle) -> DocxParagraph:
        p = self.fresh if self.fresh is not None else self.element.add_p()
        self.fresh = None
        p.style = style.style_id
        return DocxParagraph(p, self.parent)


def _columns(r: common.Rendering, text_width) -> tuple[int, int, int]:
    """Widths of Nr. | Programma/Beleid/aanpak | Toelichting (EMU): the title column a
    quarter of the width, or wider (up to two fifths) where its longest word, or the
    header's, would not fit: so no word is broken inside it."""
    nr = Cm(1.6 if r.paper.landscape else 1.2)
    words = [common.TABLE_HEADERS[1], *(p.title for p in r.document.policies)]
    longest = Pt(metrics.longest_word_pt(words, r.theme.font_size, bold=True)) + Twips(
        2 * docx_styles.CELL_PADDING + 20
    )
    title = min(max(int(text_width * 0.25), longest), int(text_width * 0.4))
    return nr, title, text_width - nr - title


def write_docx(r: common.Rendering, path: Path) -> list:
    """Write the rendering's document as a .docx file at `path`; no warnings to report."""
    _Writer(r).write(path)
    return []
