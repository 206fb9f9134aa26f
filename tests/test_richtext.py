"""Both rich-text syntaxes give the same model structure."""

from __future__ import annotations

import pytest

from via_reports.model import Block, LineBreak, Link, ListBlock, ListKind, Paragraph, Text, plain_text
from via_reports.reader.inlines import Style, Tok
from via_reports.reader.richtext import parse_rich_text


def shape(blocks: tuple[Block, ...]) -> list:
    """A compact, comparable picture of blocks:
    paragraph → "text" (line breaks as "⏎", links as "[label](href)", bold as "**x**");
    list → ("•", [item, …]) or ("3.", [item, …]) where item is a list of shapes."""
    out: list = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_inline_shape(block.inlines))
        else:
            head = block.marker if block.kind is ListKind.BULLET else f"{block.start}{block.marker}"
            out.append((head, [shape(item.blocks) for item in block.items]))
    return out


def _inline_shape(inlines) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, LineBreak):
            parts.append("⏎")
        elif isinstance(inline, Link):
            parts.append(f"[{_inline_shape(inline.children)}]({inline.href})")
        else:
            text = inline.text
            if inline.bold:
                text = f"**{text}**"
            if inline.italic:
                text = f"_{text}_"
            if inline.underline:
                text = f"__{text}__"
            parts.append(text)
    return "".join(parts)


PLAIN_CASES = {
    "one paragraph": ("Eén alinea.", ["Eén alinea."]),
    "line break stays": ("regel een\nregel twee", ["regel een⏎regel twee"]),
    "empty line separates paragraphs": ("Alinea een.\n\nAlinea twee.", ["Alinea een.", "Alinea twee."]),
    "windows line ends": ("a\r\n\r\nb", ["a", "b"]),
    "bullet list keeps its bullet": ("Lijst:\n• een\n• twee", ["Lijst:", ("•", [["een"], ["twee"]])]),
    "square bullets": ("▪ een\n▪ twee", [("▪", [["een"], ["twee"]])]),
    "dash bullets": ("- een\n- twee", [("-", [["een"], ["twee"]])]),
    "star and en dash": ("* een\n\n– twee", [("*", [["een"]]), ("–", [["twee"]])]),
    "bullet without space": ("•een\n•twee", [("•", [["een"], ["twee"]])]),
    "numbered from typed number": ("3. drie\n4. vier", [("3.", [["drie"], ["vier"]])]),
    "numbered with parenthesis": ("1) een\n2) twee", [("1)", [["een"], ["twee"]])]),
    "number jump starts a new list": ("1. een\n2. twee\n5. vijf", [("1.", [["een"], ["twee"]]), ("5.", [["vijf"]])]),
    "list continues over an empty line": ("1. een\n\n2. twee", [("1.", [["een"], ["twee"]])]),
    "nested by indent": (
        "1. een\n   - a\n   - b\n2. twee",
        [("1.", [["een", ("-", [["a"], ["b"]])], ["twee"]])],
    ),
    "indented continuation line": ("• een\n  verder\n• twee", [("•", [["een⏎verder"], ["twee"]])]),
    "paragraph after list": ("• een\nNa de lijst.", [("•", [["een"]]), "Na de lijst."]),
    "negative number is text": ("-9 maanden", ["-9 maanden"]),
    "lone dash is text": ("-", ["-"]),
    "a year is not a list": ("2025. Een jaar.", ["2025. Een jaar."]),
    "bare address becomes a link": (
        "Zie https://www.oss.nl/beleid.",
        ["Zie [https://www.oss.nl/beleid](https://www.oss.nl/beleid)."],
    ),
    "refused address stays text": (
        "Zie javascript:alert(1) en file:///etc/passwd",
        ["Zie javascript:alert(1) en file:///etc/passwd"],
    ),
    "typos kept": ("Samen op in Acuat - kindersmishandeling", ["Samen op in Acuat - kindersmishandeling"]),
    "template syntax kept": ("{{ 7*7 }} en {% if %}", ["{{ 7*7 }} en {% if %}"]),
    "less-than is not html": ("a < b en c > d", ["a < b en c > d"]),
}

HTML_CASES = {
    "paragraphs": ("<p>Een.</p> <p>Twee.</p>", ["Een.", "Twee."]),
    "text outside p": ("Voor <p>In</p> na", ["Voor", "In", "na"]),
    "white space folds": ("<p>  veel\n   ruimte  </p>", ["veel ruimte"]),
    "br": ("<p>een<br>twee<br/>drie</p>", ["een⏎twee⏎drie"]),
    "inline styles": (
        "<p><strong>vet</strong> <b>ook</b> <em>schuin</em> <i>ook</i> <u>onder</u></p>",
        ["**vet** **ook** _schuin_ _ook_ __onder__"],
    ),
    "link": ('<p>Zie <a href="https://www.oss.nl">Oss</a>.</p>', ["Zie [Oss](https://www.oss.nl)."]),
    "mailto link": ('<a href="mailto:info@oss.nl">mail</a>', ["[mail](mailto:info@oss.nl)"]),
    "javascript link is text": ('<a href="javascript:alert(1)">klik</a>', ["klik"]),
    "plain ul": ("<ul><li>een</li><li>twee</li></ul>", [("•", [["een"], ["twee"]])]),
    "plain ol": ("<ol><li>een</li><li>twee</li></ol>", [("1.", [["een"], ["twee"]])]),
    "typed numbers in list-style none": (
        '<ol style="list-style-type: none"><li>1. Preventie.</li><li>2. Vragen.</li></ol>',
        [("1.", [["Preventie."], ["Vragen."]])],
    ),
    "typed bullets in list-style none": (
        '<ul style="list-style-type: none"><li>• werken;</li><li>• herstel;</li></ul>',
        [("•", [["werken;"], ["herstel;"]])],
    ),
    "typed square bullets": (
        '<ul style="list-style-type:none"><li>▪ Effectieve aanpak;</li><li>▪ Implementatie;</li></ul>',
        [("▪", [["Effectieve aanpak;"], ["Implementatie;"]])],
    ),
    "typed dash": (
        '<ul style="list-style-type: none"><li>- De Programmaraad</li></ul>',
        [("-", [["De Programmaraad"]])],
    ),
    "typed numbers start where typed": (
        '<ol style="list-style-type: none"><li>4. vier</li><li>5. vijf</li></ol>',
        [("4.", [["vier"], ["vijf"]])],
    ),
    "typed bullet in a styled ul is not doubled": ("<ul><li>• een</li></ul>", [("•", [["een"]])]),
    "typed number in styled ol is not doubled": (
        "<ol><li>1. een</li><li>2. twee</li></ol>",
        [("1.", [["een"], ["twee"]])],
    ),
    "nested list": (
        "<ul><li>een<ul><li>a</li><li>b</li></ul></li><li>twee</li></ul>",
        [("•", [["een", ("•", [["a"], ["b"]])], ["twee"]])],
    ),
    "list items without li, as extracted from the original": (
        '<p>Taken:</p> <ol style="list-style-type: none"> 1. Preventie, (vroeg)signalering. 2. Vragen (-9 maanden '
        "tot 100+ jaar). 3. Toetsen. <p>Bron</p>",
        [
            "Taken:",
            ("1.", [["Preventie, (vroeg)signalering."], ["Vragen (-9 maanden tot 100+ jaar)."], ["Toetsen."]]),
            "Bron",
        ],
    ),
    "bullets without li": (
        '<ul style="list-style-type: none"> • werken aan a; • werken aan b. <p>Na</p>',
        [("•", [["werken aan a;"], ["werken aan b."]]), "Na"],
    ),
    "unknown tags dropped, text kept": ("<p><span>tekst</span> <font>meer</font></p>", ["tekst meer"]),
    "script and style dropped with content": (
        "<p>voor<script>alert('x')</script><style>p{}</style> na</p>",
        ["voor na"],
    ),
    "img and link dropped": (
        '<p>tekst<img src="file:///etc/hostname"><link rel="attachment" href="file:///etc/passwd"></p>',
        ["tekst"],
    ),
    "div and headings are paragraphs": ("<div>een</div><h2>twee</h2>", ["een", "twee"]),
    "entities decoded": ("<p>Zorg &amp; Veiligheid &lt;3&gt;</p>", ["Zorg & Veiligheid <3>"]),
    "no-break space kept": ("<p>100\u00a0%</p>", ["100\u00a0%"]),
    "empty items skipped": ("<ul><li></li><li>een</li></ul>", [("•", [["een"]])]),
    "template syntax kept": ("<p>{{ 7*7 }}</p>", ["{{ 7*7 }}"]),
}


@pytest.mark.parametrize(("source", "expected"), PLAIN_CASES.values(), ids=PLAIN_CASES.keys())
def test_plain_text(source: str, expected: list) -> None:
    assert shape(parse_rich_text(source).blocks) == expected


@pytest.mark.parametrize(("source", "expected"), HTML_CASES.values(), ids=HTML_CASES.keys())
def test_html(source: str, expected: list) -> None:
    assert shape(parse_rich_text(source).blocks) == expected


@pytest.mark.parametrize(
    ("plain", "html"),
    [
        (
            "Intro.\n\n1. een\n2. twee",
            '<p>Intro.</p><ol style="list-style-type: none"><li>1. een</li><li>2. twee</li></ol>',
        ),
        ("▪ a\n▪ b", '<ul style="list-style-type: none"><li>▪ a</li><li>▪ b</li></ul>'),
        ("een\ntwee", "<p>een<br>twee</p>"),
    ],
)
def test_both_syntaxes_give_the_same_model(plain: str, html: str) -> None:
    assert parse_rich_text(plain).blocks == parse_rich_text(html).blocks


def test_refused_links_are_reported() -> None:
    result = parse_rich_text(
        '<a href="javascript:alert(1)">a</a> <a href="file:///etc/passwd">b</a> <a href="https://ok.nl">c</a>'
    )
    assert result.refused_links == ("javascript:alert(1)", "file:///etc/passwd")
    assert plain_text(result.blocks) == "a b c"


def test_excel_rich_text_keeps_bold_and_italic() -> None:
    toks = [Tok("Let op: ", Style(bold=True)), Tok("dit is "), Tok("schuin", Style(italic=True)), Tok("\n• punt")]
    assert shape(parse_rich_text(toks).blocks) == ["**Let op: **dit is _schuin_", ("•", [["punt"]])]


def test_typed_marker_never_stays_in_text() -> None:
    blocks = parse_rich_text('<ol style="list-style-type: none"><li>1. een</li></ol>').blocks
    (lst,) = blocks
    assert isinstance(lst, ListBlock)
    first = lst.items[0].blocks[0]
    assert isinstance(first, Paragraph)
    assert first.inlines == (Text("een"),)
    assert lst.marker_for(0) == "1."
