"""Reading back the structure of a .docx (python-docx and its XML) for assertions."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = qn("r:id")


def text_of(element) -> str:
    """The text of a paragraph, run or link element, a non-breaking hyphen as "-"."""
    return "".join(
        (el.text or "") if el.tag == qn("w:t") else "-" for el in element.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )


def is_on(parent, tag: str) -> bool:
    """An on/off property as Word writes it: present, without a value (w:val="true" is invalid)."""
    el = parent.find(qn(tag)) if parent is not None else None
    return el is not None and el.get(qn("w:val")) is None


@dataclass
class Docx:
    path: Path

    def __post_init__(self) -> None:
        self.doc = Document(str(self.path))
        self.body = self.doc.element.body

    # text
    def paragraphs(self) -> list[Paragraph]:
        return [Paragraph(p, self.doc) for p in self.body.iter(qn("w:p"))]

    def styled(self, style_name: str) -> list[str]:
        return [p.text for p in self.paragraphs() if p.style is not None and p.style.name == style_name]

    def outline(self) -> list[tuple[int, str]]:
        """What Word's navigation pane lists: (outline level, text) of every paragraph
        with an outline level, its own or its style's (through basedOn), in order."""
        styles = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.iter(qn("w:style"))}

        def level(ppr, style_id) -> int | None:
            seen = set()
            while True:
                found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
                if found is not None:
                    value = int(found.get(qn("w:val")))
                    return value if value < 9 else None  # 9: body text
                if style_id is None or style_id in seen or style_id not in styles:
                    return None
                seen.add(style_id)
                style = styles[style_id]
                ppr = style.find(qn("w:pPr"))
                based = style.find(qn("w:basedOn"))
                style_id = based.get(qn("w:val")) if based is not None else None

        out = []
        for p in self.body.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            style = ppr.find(qn("w:pStyle")) if ppr is not None else None
            found = level(ppr, style.get(qn("w:val")) if style is not None else "Normal")
            if found is not None:
                out.append((found, text_of(p)))
        return out

    def table_paragraph_texts(self) -> list[str]:
        """Every paragraph's text inside the tables, in document order."""
        out: list[str] = []
        for table in self.body.iter(qn("w:tbl")):
            for p in table.iter(qn("w:p")):
                out.append(text_of(p))
        return out

    def tables(self):
        return self.doc.tables

    # links and bookmarks
    def bookmarks(self) -> set[str]:
        return {b.get(qn("w:name")) for b in self.body.iter(qn("w:bookmarkStart"))}

    def internal_links(self, part_element=None) -> list[str]:
        root = self.body if part_element is None else part_element
        return [h.get(qn("w:anchor")) for h in root.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]

    def external_links(self) -> dict[str, str]:
        """link text → address, for every external hyperlink in the body."""
        rels = self.doc.part.rels
        out = {}
        for h in self.body.iter(qn("w:hyperlink")):
            if h.get(R_ID):
                text = text_of(h)
                out[text] = rels[h.get(R_ID)].target_ref
        return out

    # lists
    def list_paragraphs(self) -> list[tuple[str, int, int]]:
        """(text, numId, ilvl) for every paragraph with numbering properties."""
        out = []
        for p in self.body.iter(qn("w:p")):
            num_pr = p.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                text = text_of(p)
                out.append(
                    (
                        text,
                        int(num_pr.find(qn("w:numId")).get(qn("w:val"))),
                        int(num_pr.find(qn("w:ilvl")).get(qn("w:val"))),
                    )
                )
        return out

    def list_format(self, num_id: int, ilvl: int) -> tuple[str, str, int]:
        """(numFmt, lvlText, start) that Word will show for that list level."""
        numbering = self.doc.part.numbering_part.element
        num = next(n for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) == num_id)
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(
            a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
        )
        lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if int(lv.get(qn("w:ilvl"))) == ilvl)
        start = int(lvl.find(qn("w:start")).get(qn("w:val")))
        for override in num.findall(qn("w:lvlOverride")):
            if int(override.get(qn("w:ilvl"))) == ilvl and override.find(qn("w:startOverride")) is not None:
                start = int(override.find(qn("w:startOverride")).get(qn("w:val")))
        return (lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")), start)

    # package
    def part_names(self) -> list[str]:
        with zipfile.ZipFile(self.path) as z:
            return z.namelist()

    def read(self, name: str) -> str:
        with zipfile.ZipFile(self.path) as z:
            return z.read(name).decode("utf-8")
