"""Hints WeasyPrint's tagging leaves out, added while it writes the PDF (its
`_build_box_tree`, wrapped for the duration of one `write_pdf`):

- every structure element carries the identity of the HTML element (and which of its
  boxes) it was made from, `/ViaElement`, so that pdf_tree.py can join what a page
  break or a line break split;
- every link annotation gets its visible text as /Contents (WeasyPrint puts the link
  target there, an anchor slug), which becomes the /Link element's description;
- a line that broke at a space keeps the space in the tagged text (ActualText).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .pdf_tree import IDENTITY, SHARED_PREFIX


def _identity(element, element_tag: str, numbers: dict) -> str:
    """The identity of an HTML element (and which of its boxes: `li` or `li::marker`);
    an element that several chunks hold a piece of has its name in every chunk
    (`data-via-shared`, pdf_chunks.py), kept after the chunk's own join
    (pdf_tree.SHARED_PREFIX) for the merge to join across chunks."""
    shared = element.get("data-via-shared")
    if shared:
        return f"{SHARED_PREFIX}{shared}:{element_tag}"
    number = numbers.setdefault(element, len(numbers))
    return f"{number}:{element_tag}"


def _visible_text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _leaves(box, last: bool):
    """The text boxes of a line box, from its end (`last`) or its start."""
    from weasyprint.formatting_structure import boxes

    children = getattr(box, "children", None) or []
    for child in reversed(children) if last else children:
        if isinstance(child, boxes.TextBox):
            yield child
        elif isinstance(child, boxes.ParentBox):
            yield from _leaves(child, last)


class _LineEnds:
    """A line that ended at a space lost it (WeasyPrint drops the space at a line
    break), so its words would run into the next line's in the tagged text: the last
    piece of text of such a line gets ActualText with the space. Lines are compared
    within a block and across a page break (the block's last line on one page with its
    first on the next)."""

    def __init__(self) -> None:
        self.mcids: dict = {}  # text box → its MCID, on the page being tagged
        self.previous: dict = {}  # HTML element → (text, span) of its last line on the previous page
        self.current: dict = {}

    def new_page(self, marked: dict) -> None:
        self.mcids = {box: tag["mcid"] for box, tag in marked.items()}
        self.previous, self.current = self.current, {}

    def block(self, block, nums: dict, pdf) -> None:
        from weasyprint.formatting_structure import boxes

        if block.element is None:
            return
        lines = [child for child in block.children if isinstance(child, boxes.LineBox)]
        if not lines:
            return
        source: list[str] = []  # the block's text, read once when needed
        ends = [next(_leaves(line, True), None) for line in lines]
        starts = [next(_leaves(line, False), None) for line in lines]
        before = self.previous.pop(block.element, None)
        if before is not None and starts[0] is not None:
            self._keep(before[0], before[1], starts[0].text, block, source)
        for end, start in zip(ends, starts[1:], strict=False):
            if end is not None and start is not None:
                self._keep(end.text, self._span(end, nums, pdf), start.text, block, source)
        if ends[-1] is not None and (span := self._span(ends[-1], nums, pdf)) is not None:
            self.current[block.element] = (ends[-1].text, span)

    def _span(self, box, nums: dict, pdf):
        import pydyf

        mcid = self.mcids.get(box)
        reference = nums.get(mcid) if mcid is not None else None
        if reference is None:
            return None
        span = pdf.objects[int(bytes(reference).split()[0])]
        return span if isinstance(span, pydyf.Dictionary) and span.get("S") == "/Span" else None

    @staticmethod
    def _keep(end: str, span, start: str, block, source: list[str]) -> None:
        import pydyf

        if span is None or not end or not start or end[-1].isspace() or start[0].isspace() or end[-1] in "-\u00ad/":
            return
        if not source:
            source.append(" ".join("".join(block.element.itertext()).split()))
        joined, spaced = end[-12:] + start[:12], end[-12:] + " " + start[:12]
        if spaced in source[0] and joined not in source[0]:
            span["ActualText"] = pydyf.String(end + " ")


@contextmanager
def identified_elements() -> Iterator[None]:
    """While WeasyPrint writes a tagged PDF: every structure element it makes carries
    `/ViaElement` (its HTML element's identity), every link annotation /Contents (the
    link's visible text), and text at a line break that ended at a space keeps it."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None:  # another WeasyPrint: no hints, and nothing is joined
        yield
        return
    key = IDENTITY.lstrip("/")
    numbers: dict = {}
    line_ends = _LineEnds()

    def build(box, parent, pdf, page_number, nums, annotations, marked):
        if isinstance(box, boxes.PageBox):
            line_ends.new_page(marked)
        inner = getattr(box, "_box", box)  # an absolute placeholder's box
        for element in original(box, parent, pdf, page_number, nums, annotations, marked):
            if key not in element and inner.element is not None:
                element[key] = pydyf.String(_identity(inner.element, inner.element_tag, numbers))
            yield element
        if inner.link_annotation is not None and (text := _visible_text(inner.element)):
            inner.link_annotation["Contents"] = pydyf.String(text)
        if isinstance(inner, boxes.BlockContainerBox):
            line_ends.block(inner, nums, pdf)

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original
