"""A leader (the index's `leader(dotted)`) as one run of text instead of a box a dot.

WeasyPrint fills a leader with copies of its text box, one per dot, each laid out,
drawn and tagged on its own: some 130 boxes a line, which made a level's index cost
more than the pages of rows it points to (0.45 s of 1.79 s for 33 lines). Here the
dots of a leader become one text box, starting where WeasyPrint's leftmost dot
starts: the same dots in the same place (WeasyPrint counts them from the right
edge, so the dots of every line stay in columns; one run of text may end them a
fraction of a point off that grid), drawn as one string and tagged as one piece of
text.

It replaces `handle_leader` as WeasyPrint's inline layout calls it, and steps aside
(WeasyPrint's own leaders) when that function or the text box's parts are not
where WeasyPrint 70 and 71 have them (the tests fail loudly then).
"""

from __future__ import annotations


def one_run_leaders() -> bool:
    """Install the replacement (once per process); False when WeasyPrint is not as
    expected, and its own leaders stay."""
    try:
        from weasyprint.layout import inline, leader
        from weasyprint.text.line_break import split_first_line
    except ImportError:
        return False
    if getattr(inline, "_via_reports_leaders", False):
        return True
    original = getattr(inline, "handle_leader", None)
    if original is None or not hasattr(leader, "leader_index"):
        return False

    def handle_leader(context, line, containing_block):
        original(context, line, containing_block)
        _, box = leader.leader_index(line)
        if box is not None and len(box.children) > 1:
            box.children = (_one_run(context, box.children, split_first_line),)

    inline.handle_leader = handle_leader
    inline._via_reports_leaders = True
    return True


def _one_run(context, dots: tuple, split_first_line):
    first = min(dots, key=lambda d: d.position_x)
    text = first.text * len(dots)
    layout, _, _, width, _, _ = split_first_line(text, first.style, context, None, first.justification_spacing)
    run = first.copy_with_text(layout.text)
    run.pango_layout = layout
    run.width = width
    run.position_x, run.position_y = first.position_x, first.position_y
    return run
