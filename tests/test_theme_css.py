"""A theme's CSS and templates cannot make the PDF or the HTML load anything from
outside the theme folder, in any spelling; the HTML stays one self-contained file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import themes
from tests.themes import (
    EXTRA_LINE,
    assert_refused,
    builtin,
    make_theme,
    png,
    png_header,
    run_build,
    snapshot,
    symlink,
    with_title_page,
)
from via_reports.writers.render import builtin_theme_dir

workbook, secret = themes.workbook, themes.secret  # the shared fixtures


# --- a theme's CSS stays inside the theme, for the PDF and for the HTML ----------------

REMOTE_CSS = [
    '@import url("https://evil.example/x.css");',
    '@import "https://evil.example/x.css";',
    "@IMPORT 'eigen.css';",
    '@\\69mport "eigen.css";',
    "@import url(eigen.css);",
    "a { background: url(https://evil.example/x.png) }",
    'a { background: url("http://evil.example/x.png") }',
    "a { background: URL(http://evil.example/x.png) }",
    "a { background: \\75 rl(http://evil.example/x.png) }",
    'a { background: u\\72l("https://evil.example/x.png") }',
    "a { background: url( //evil.example/x.png ) }",
    "a { background: url(file:///etc/passwd) }",
    'a { background: url("FILE:///etc/passwd") }',
    'a { background: url("/etc/passwd") }',
    "a { background: url(../buiten/geheim.txt) }",
    "a { background: url(fonts/../../buiten/geheim.txt) }",
    "a { background: url(%2e%2e/buiten/geheim.txt) }",
    "a { background: url(fonts%2F..%2F..%2Fbuiten%2Fgeheim.txt) }",
    'a { background: url("fonts\\\\..\\\\..\\\\x.png") }',
    "a { background: url(/*opmerking*/http://evil.example/x.png) }",
    "a { background: /* url(ok.png) */ url(https://evil.example/x.png) }",
    'a { background: url("ht" "tp://evil.example/x.png") }',
    "a { background: url(var(--adres)) }",
    "a { background: url(javascript:alert(1)) }",
    "a { background: url(C:/Windows/win.ini) }",
    "a { background: url(link.png) }",
    "a { background: url(a b) }",
    "a { background: url(https://evil.example/x.png",
    'a { background: image-set("https://evil.example/x.png" 1x) }',
    "a { background: -webkit-image-set(url(https://evil.example/x.png) 1x) }",
    '@font-face { font-family: X; src: url(https://evil.example/x.woff2) format("woff2") }',
    '@font-face { font-family: X; src: src("https://evil.example/x.woff2") }',
    "@media print { @supports (display: grid) { a { background: url(https://evil.example/x.png) } } }",
    "a::after { content: '</style><img src=https://evil.example/x.png>' }",
    "</STYLE ><link rel=stylesheet href=https://evil.example/x.css>",
    "a { width: expression(alert(1)) }",
    "a { behavior: url(https://evil.example/x.htc); -moz-binding: url(https://evil.example/x.xml#a) }",
]


@pytest.mark.parametrize("medium", ["pdf", "html"])
@pytest.mark.parametrize("rule", REMOTE_CSS)
def test_css_reaching_outside_the_theme_is_refused(
    workbook: Path, tmp_path: Path, secret: Path, rule: str, medium: str
) -> None:
    name = "print.css" if medium == "pdf" else "screen.css"
    theme = make_theme(tmp_path / "thema", {name: builtin(name) + "\n" + rule + "\n", "eigen.css": "a { }"})
    symlink(theme / "link.png", secret)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, medium)
    assert_refused(result, out, f"{name}:", "fout:")
    assert "evil.example" not in "".join(snapshot(out)) and not out.exists()


def test_theme_files_named_in_css_work_in_the_pdf_and_are_embedded_in_the_html(workbook: Path, tmp_path: Path) -> None:
    font = (builtin_theme_dir() / "fonts" / "DejaVuSans.ttf").read_bytes()
    extra = (
        '@font-face { font-family: "Eigen"; src: url("fonts/Eigen.ttf"); }\n'
        ".doc-title { font-family: Eigen; background: url(img/achtergrond.png) no-repeat; }\n"
        "i { background: url(data:image/png;base64,AAAA); }\n"
    )
    theme = make_theme(
        tmp_path / "thema",
        {
            "fonts/Eigen.ttf": font,
            "img/achtergrond.png": png(),
            "print.css": builtin("print.css") + extra,
            "screen.css": builtin("screen.css") + extra + "svg { mask: url(#masker); }\n",
        },
    )
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "pdf,html")
    assert result.exit_code == 0, result.output
    page = (out / "overzicht.html").read_text(encoding="utf-8")
    assert "url(data:font/ttf;base64," in page and "url(data:image/png;base64," in page
    assert "fonts/Eigen.ttf" not in page and "img/achtergrond.png" not in page
    assert "url(#masker)" in page
    from tests.pdf_structure import Pdf

    names = {
        str(f.get_object()["/BaseFont"])
        for p in Pdf(out / "overzicht.pdf").reader.pages
        for f in p["/Resources"]["/Font"].values()
    }
    assert any(n.endswith("+Eigen") for n in names), names  # WeasyPrint names it after the CSS family


# --- a theme's templates cannot make the HTML load or run anything ---------------------

LOADING_MARKUP = [
    '<img src="https://evil.example/x.png" alt="x">',
    '<img src="//evil.example/x.png" alt="">',
    '<img src="img/eigen.png" alt="">',
    '<img srcset="https://evil.example/x.png 2x" alt="">',
    "<script>fetch('https://evil.example/')</script>",
    '<script src="data:text/javascript,alert(1)"></script>',
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JavaScript:alert(1)">x</a>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    '<iframe src="data:text/html,hallo"></iframe>',
    '<object data="https://evil.example/x"></object>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<style>@import url(https://evil.example/x.css);</style>",
    "<style>p { background: url(https://evil.example/x.png) }</style>",
    "<p style=\"background: url('https://evil.example/x.png')\">x</p>",
    '<p style="background: \\75 rl(https://evil.example/x.png)">x</p>',
    '<svg><image href="https://evil.example/x.png"/></svg>',
    '<svg><use xlink:href="https://evil.example/x.svg#a"/></svg>',
    '<video poster="https://evil.example/x.png"></video>',
    '<form action="https://evil.example/"><button>x</button></form>',
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    '<img src="&#104;ttps://evil.example/x.png" alt="">',
    '<p style="width: expression(alert(1))">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]


@pytest.mark.parametrize("markup", LOADING_MARKUP)
def test_the_html_stays_self_contained_whatever_a_template_writes(workbook: Path, tmp_path: Path, markup: str) -> None:
    theme = with_title_page(tmp_path / "thema", markup)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "html")
    assert_refused(result, out, f"title_page.html:{EXTRA_LINE}: fout: het sjabloon schrijft", "op zichzelf staan")


def test_links_and_embedded_images_in_a_template_are_fine(workbook: Path, tmp_path: Path) -> None:
    import base64

    image = "data:image/png;base64," + base64.b64encode(png()).decode()
    markup = f'<p><a href="https://example.org/">Over ons</a> <img src="{image}" alt="Stempel"></p>'
    theme = with_title_page(tmp_path / "thema", markup)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "html")
    assert result.exit_code == 0, result.output
    assert markup in (out / "overzicht.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("profile", ["rapport", "bijlage", "handout"])
def test_the_built_in_html_passes_the_same_check(workbook: Path, tmp_path: Path, profile: str) -> None:
    from via_reports.writers.self_contained import check_self_contained

    out = tmp_path / "uit"
    result = run_build(workbook, None, out, "html", "--profile", profile, *(["--qr"] if profile == "handout" else []))
    assert result.exit_code == 0, result.output
    (page,) = out.glob("*.html")
    check_self_contained(page.read_text(encoding="utf-8"), [tmp_path])


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_images_and_fonts_named_in_css_are_checked_like_the_logo(workbook: Path, tmp_path: Path, medium: str) -> None:
    name = "print.css" if medium == "pdf" else "screen.css"
    bomb = make_theme(
        tmp_path / "bom",
        {"img/groot.png": png_header(30_000, 30_000), name: builtin(name) + "p { background: url(img/groot.png) }\n"},
    )
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, bomb, out, medium), out, "groot.png: fout:", "30000 × 30000")
    font = make_theme(
        tmp_path / "letter",
        {"web/x.woff2": b"wOF2 geen lettertype", name: builtin(name) + "@font-face { src: url(web/x.woff2) }\n"},
    )
    assert_refused(run_build(workbook, font, out, medium), out, "x.woff2: fout:", "geen lettertype")


def test_an_image_a_template_shows_in_the_pdf_is_checked_too(workbook: Path, tmp_path: Path) -> None:
    theme = with_title_page(tmp_path / "thema", '<img src="img/groot.png" alt="Groot">')
    make_theme(theme, {"img/groot.png": png_header(30_000, 30_000)})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out, "pdf"), out, "groot.png", "30000 × 30000")


@pytest.mark.parametrize(
    "markup",
    ['<img src="https://evil.example/x.png" alt="x">', '<img src="img/bestaat-niet.png" alt="x">',
     '<img src="file:///etc/hostname" alt="x">'],
)  # fmt: skip
def test_a_template_that_makes_the_pdf_load_something_outside_is_located(
    workbook: Path, tmp_path: Path, markup: str
) -> None:
    theme = with_title_page(tmp_path / "thema", markup)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "pdf")
    assert_refused(result, out, f"title_page.html:{EXTRA_LINE}: fout: het sjabloon laat de PDF", "geweigerd")


BOMB_SVG = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
)


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_an_svg_with_entities_named_in_css_is_refused_and_a_plain_one_works(
    workbook: Path, tmp_path: Path, medium: str
) -> None:
    name = "print.css" if medium == "pdf" else "screen.css"
    rule = "h1 { background: url(img/vlak.svg) no-repeat; }\n"
    bomb = make_theme(tmp_path / "bom", {"img/vlak.svg": BOMB_SVG, name: builtin(name) + rule})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, bomb, out, medium), out, "vlak.svg: fout:", "DOCTYPE")
    plain = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    fine = make_theme(tmp_path / "goed", {"img/vlak.svg": plain, name: builtin(name) + rule})
    result = run_build(workbook, fine, out, medium)
    assert result.exit_code == 0, result.output


def test_an_svg_with_entities_a_template_shows_in_the_pdf_is_refused(workbook: Path, tmp_path: Path) -> None:
    theme = with_title_page(tmp_path / "thema", '<img src="img/vlak.svg" alt="Vlak">')
    make_theme(theme, {"img/vlak.svg": BOMB_SVG})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out, "pdf"), out, "vlak.svg: fout:", "DOCTYPE")


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_a_file_the_css_names_that_is_not_there_is_said_so(workbook: Path, tmp_path: Path, medium: str) -> None:
    name = "print.css" if medium == "pdf" else "screen.css"
    theme = make_theme(tmp_path / "thema", {name: builtin(name) + "\np { background: url(img/weg.png) }\n"})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, medium)
    assert_refused(result, out, f"{name}:", "img/weg.png staat niet in de themamap en ook niet in het ingebouwde")
