"""A theme folder is data someone else wrote: it cannot run code, read a file outside
itself or reach the network, and every broken file in it is a Dutch sentence that
names the file. Every case goes through the command line and checks the exit code, the
sentence, that nothing was written, and that no line of a file outside the theme turns
up anywhere."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import BELEID_HEADER, policy, write_xlsx
from via_reports.cli import main
from via_reports.writers.render import builtin_theme_dir

SECRET = "GEHEIM-regel-die-nooit-in-een-uitvoer-mag-staan"
TITLE_PAGE = "partials/title_page.html"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("werkmap")
    return write_xlsx(
        folder / "overzicht.xlsx",
        {"Beleid": [BELEID_HEADER, policy(title="Eerste beleid"), policy("Lokaal", title="Tweede beleid")]},
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every theme; its lines must never appear in any output."""
    path = tmp_path / "buiten" / "geheim.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n{{{{ 7*7 }}}}\n@font-face {{ }} {SECRET}-2\n", encoding="utf-8")
    return path


def builtin(name: str) -> str:
    return (builtin_theme_dir() / name).read_text(encoding="utf-8")


def make_theme(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def with_title_page(folder: Path, extra: str) -> Path:
    """A theme whose title page template has `extra` added on line 10."""
    lines = builtin(TITLE_PAGE).splitlines()
    assert len(lines) >= 10
    lines.insert(9, extra)
    return make_theme(folder, {TITLE_PAGE: "\n".join(lines) + "\n"})


def run_build(workbook: Path, theme: Path | None, out: Path, formats: str = "html", *extra: str) -> Result:
    args = ["build", str(workbook), "-o", str(out), "-f", formats, *extra]
    if theme is not None:
        args += ["--theme", str(theme)]
    return CliRunner().invoke(main, args)


def assert_refused(result: Result, out: Path, *words: str, earlier: dict[str, bytes] | None = None) -> None:
    """Exit 1 with one sentence naming what was refused; no traceback; the output
    folder holds exactly what it held before; nothing of a file outside the theme shown."""
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "onverwachte fout" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for word in words:
        assert word in output, (word, output)
    assert ": fout: " in output, output
    assert SECRET not in output
    assert snapshot(out) == (earlier or {}), "the output folder changed"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def no_secret_in(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


# --- templates run in the sandbox ---------------------------------------------------

SSTI = [
    "{{ cycler.__init__.__globals__.os.system('id') }}",
    "{{ joiner.__init__.__globals__['os'].popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ range.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__.os }}",
    "{{ ''|attr('__class__') }}",
    "{{ (''|attr('__class__')|attr('__mro__'))[1] }}",
    "{% set a = '__cla' ~ 'ss__' %}{{ ''|attr(a) }}",
    "{% set a = '__cla' ~ 'ss__' %}{{ ''[a] }}",
    "{{ ''[('_' * 2) ~ 'class' ~ ('_' * 2)] }}",
    "{{ r.__class__.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(doc) }}",
    "{{ labels.update({'nav': 'x'}) }}",
    "{{ (range(99999)|list) * 99999 }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999999 }}",
]


@pytest.mark.parametrize("payload", SSTI)
def test_template_code_is_refused_with_file_and_line(workbook: Path, tmp_path: Path, payload: str) -> None:
    theme = with_title_page(tmp_path / "thema", payload)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    assert_refused(result, out, "title_page.html:10: fout: het sjabloon probeert iets wat in een sjabloon niet mag")
    assert "uid=" not in result.output


def test_template_code_is_refused_before_anything_is_written(workbook: Path, tmp_path: Path) -> None:
    theme = with_title_page(tmp_path / "thema", "{{ cycler.__init__.__globals__.os.system('touch gemaakt') }}")
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "docx,pdf,html")
    assert_refused(result, out, "title_page.html:10:", "'__globals__'")
    assert not out.exists() and not (Path.cwd() / "gemaakt").exists()


@pytest.mark.parametrize(
    "payload",
    ["{{ doc.policies.append(1) }}", "{{ doc.info.__dict__ }}", "{{ 1 / 0 }}", "{{ undefined_name }}"],
)
def test_other_template_failures_are_located_sentences(workbook: Path, tmp_path: Path, payload: str) -> None:
    theme = with_title_page(tmp_path / "thema", payload)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "title_page.html:10: fout:")


@pytest.mark.parametrize(
    "include",
    [
        "{% include '/etc/passwd' %}",
        "{% include '../../x.html' %}",
        "{% include 'partials/../../../etc/passwd' %}",
        "{% import '/etc/passwd' as x %}",
        "{% from '../buiten/geheim.txt' import x %}",
        "{% set n = '/etc/' ~ 'passwd' %}{% include n %}",
        "{% include ['/etc/passwd', '../x'] %}",
        "{% include 'C:\\\\Windows\\\\win.ini' %}",
        "{% include '~/.bashrc' %}",
    ],
)
def test_includes_reach_only_theme_and_built_in_templates(workbook: Path, tmp_path: Path, include: str) -> None:
    theme = with_title_page(tmp_path / "thema", include)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "title_page.html:10:", "bestaat niet in de themamap")


def test_a_template_may_include_its_own_and_built_in_partials(workbook: Path, tmp_path: Path) -> None:
    theme = with_title_page(
        tmp_path / "thema", '{% include "partials/stempel.html" %}{% include "partials/nav.html" %}'
    )
    make_theme(theme, {"partials/stempel.html": '<p class="stempel">Concept {{ 6 * 7 }}</p>'})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    assert result.exit_code == 0, result.output
    page = (out / "overzicht.html").read_text(encoding="utf-8")
    assert '<p class="stempel">Concept 42</p>' in page


@pytest.mark.parametrize(
    "recursion",
    [
        '{% include "partials/title_page.html" %}',
        "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
    ],
)
def test_a_template_that_recurses_is_located(workbook: Path, tmp_path: Path, recursion: str) -> None:
    theme = with_title_page(tmp_path / "thema", recursion)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "title_page.html:10:", "roept zichzelf steeds opnieuw aan")


# --- every file of a theme stays inside its folder ------------------------------------


def symlink(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


@pytest.mark.parametrize(
    "name", ["report.html", "base.html", TITLE_PAGE, "partials/nav.html", "print.css", "screen.css"]
)
def test_a_symlinked_template_is_refused(workbook: Path, tmp_path: Path, secret: Path, name: str) -> None:
    theme = make_theme(tmp_path / "thema", {})
    symlink(theme / name, secret)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, f"{name}: fout:", "buiten de themamap")


def test_a_symlinked_subfolder_of_templates_is_refused(workbook: Path, tmp_path: Path, secret: Path) -> None:
    elsewhere = tmp_path / "buiten" / "partials"
    shutil.copytree(builtin_theme_dir() / "partials", elsewhere)
    (elsewhere / "title_page.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    theme = make_theme(tmp_path / "thema", {})
    symlink(theme / "partials", elsewhere)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "buiten de themamap")


def test_a_symlink_inside_the_theme_is_fine(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(tmp_path / "thema", {"eigen/titel.html": builtin(TITLE_PAGE).replace("<h1", "<p>Eigen</p><h1")})
    symlink(theme / TITLE_PAGE, theme / "eigen" / "titel.html")
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    assert result.exit_code == 0, result.output
    assert "<p>Eigen</p>" in (out / "overzicht.html").read_text(encoding="utf-8")


def test_a_dangling_symlink_or_a_folder_as_template_is_a_sentence(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(tmp_path / "thema", {})
    symlink(theme / "report.html", tmp_path / "weg.html")
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "report.html: fout:", "bestaat niet")
    folder = make_theme(tmp_path / "map", {"partials/nav.html/x": "x"})
    assert_refused(run_build(workbook, folder, out), out, "nav.html: fout:", "dit is een map")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (TITLE_PAGE, "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}"),
        ("print.css", "a { b: " + "(" * 100_000 + " }"),
        ("screen.css", "a { b: " + "[" * 100_000 + " }"),
    ],
)
def test_a_file_nested_too_deeply_is_a_sentence(workbook: Path, tmp_path: Path, name: str, content: str) -> None:
    theme = make_theme(tmp_path / "thema", {name: content})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, f"{name}: fout:", "te diep genest")


def test_a_pipe_as_template_is_refused_without_waiting(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(tmp_path / "thema", {})
    os.mkfifo(theme / "report.html")
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "report.html: fout:", "geen gewoon bestand")


def test_theme_files_over_the_size_limits_are_refused(workbook: Path, tmp_path: Path) -> None:
    big = make_theme(tmp_path / "groot", {TITLE_PAGE: builtin(TITLE_PAGE) + "<!-- " + "x" * 2_200_000 + " -->"})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, big, out), out, "title_page.html: fout:", "hoogstens 2 MB")
    huge = make_theme(tmp_path / "zwaar", {"fonts/Zwaar.ttf": b"\0" * (21 * 1024 * 1024)})
    assert_refused(run_build(workbook, huge, out, "pdf"), out, "Zwaar.ttf: fout:", "hoogstens 20 MB")


def test_a_template_that_is_not_utf8_says_so(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(
        tmp_path / "thema", {TITLE_PAGE: builtin(TITLE_PAGE).replace("</h1>", "</h1>\n\xe9t\xe9").encode("cp1252")}
    )
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "title_page.html:", "sla het op als UTF-8")


# --- broken files: fonts, logo, settings ----------------------------------------------


def png(width: int = 2, height: int = 1) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header (a decompression bomb need be no bigger)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg_header(width: int, height: int) -> bytes:
    import struct

    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
LOGO_SETTINGS = '[huisstijl]\nlogo = "{name}"\nlogo_tekst = "Logo van de gemeente"\n'


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("logo.png", SVG, "geen PNG- of JPEG-afbeelding"),
        ("logo.svg", SVG, "geen PNG- of JPEG-afbeelding"),
        ("logo.png", b"GIF89a" + b"\0" * 40, "geen PNG- of JPEG-afbeelding"),
        ("logo.jpg", b"", "geen PNG- of JPEG-afbeelding"),
        ("logo.png", b"\x89PNG\r\n\x1a\n", "beschadigd"),
        ("logo.png", png_header(10, 10), "beschadigd"),
        ("logo.png", png()[:-30], "beschadigd"),
        ("logo.jpg", jpeg_header(16, 16)[:-2] + b"\0" * 10, "beschadigd"),
        (
            "logo.png",
            png_header(20_000, 20_000),
            "20000 × 20000 beeldpunten; een logo of andere afbeelding van een thema mag hoogstens 25 miljoen",
        ),
        ("logo.jpg", jpeg_header(6_000, 5_000), "6000 × 5000 beeldpunten"),
    ],
)
def test_a_logo_that_is_no_image_or_too_big_is_refused(
    workbook: Path, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    theme = make_theme(tmp_path / "thema", {name: content, "via-reports.toml": LOGO_SETTINGS.format(name=name)})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "docx,pdf,html")
    assert_refused(result, out, f"{name}: fout:", words)


def test_a_logo_is_recognised_by_its_bytes_not_its_name(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(
        tmp_path / "thema", {"logo.jpg": png(), "via-reports.toml": LOGO_SETTINGS.format(name="logo.jpg")}
    )
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "html")
    assert result.exit_code == 0, result.output
    assert 'src="data:image/png;base64,' in (out / "overzicht.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["/etc/hostname", "../buiten/geheim.txt", "link.png"])
def test_a_logo_outside_the_theme_is_refused(workbook: Path, tmp_path: Path, secret: Path, name: str) -> None:
    theme = make_theme(tmp_path / "thema", {"via-reports.toml": LOGO_SETTINGS.format(name=name)})
    symlink(theme / "link.png", secret)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "docx,html")
    assert_refused(result, out, "fout:")
    assert "buiten de themamap" in result.output or "staat niet in" in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fonts/Eigen.ttf", b"dit is geen lettertype"),
        ("fonts/LiberationSans-Regular.ttf", b"\x00\x01\x00\x00" + b"\x00" * 60),
        ("fonts/Web.woff2", b"wOF2" + b"\xff" * 40),
        ("fonts/Leeg.otf", b""),
    ],
)
def test_a_font_that_is_no_font_is_refused(workbook: Path, tmp_path: Path, name: str, content: bytes) -> None:
    theme = make_theme(tmp_path / "thema", {name: content})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out, "pdf"), out, f"{name}: fout:", "geen lettertype")


def test_a_symlinked_font_or_fonts_folder_is_refused(workbook: Path, tmp_path: Path) -> None:
    real = builtin_theme_dir() / "fonts" / "DejaVuSans.ttf"  # a real font, but outside the theme
    theme = make_theme(tmp_path / "thema", {})
    symlink(theme / "fonts" / "Eigen.ttf", real)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out, "pdf"), out, "Eigen.ttf: fout:", "buiten de themamap")
    other = make_theme(tmp_path / "ander", {})
    symlink(other / "fonts", builtin_theme_dir() / "fonts")
    assert_refused(run_build(workbook, other, out, "pdf"), out, "fonts: fout:", "buiten de themamap")


def test_settings_that_are_not_utf8_say_so_with_the_line(workbook: Path, tmp_path: Path) -> None:
    settings = '[huisstijl]\nhoofdkleur = "#1F4E79"\norganisatie = "Gemeente Súdwest-Fryslân"\n'
    theme = make_theme(tmp_path / "thema", {"via-reports.toml": settings.encode("cp1252")})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "via-reports.toml:3: fout:", "sla het op als UTF-8")


def test_settings_in_utf16_or_with_a_bom(workbook: Path, tmp_path: Path) -> None:
    settings = '[huisstijl]\norganisatie = "Gemeente Súdwest-Fryslân"\n'
    theme = make_theme(tmp_path / "thema", {"via-reports.toml": settings.encode("utf-16")})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "via-reports.toml:", "sla het op als UTF-8")
    bom = make_theme(tmp_path / "bom", {"via-reports.toml": settings.encode("utf-8-sig")})
    assert run_build(workbook, bom, tmp_path / "goed").exit_code == 0


def test_settings_that_are_a_folder_or_a_symlink_outside_are_refused(
    workbook: Path, tmp_path: Path, secret: Path
) -> None:
    folder_theme = make_theme(tmp_path / "thema", {"via-reports.toml/x": "x"})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, folder_theme, out), out, "via-reports.toml: fout:", "dit is een map")
    linked = make_theme(tmp_path / "gelinkt", {})
    symlink(linked / "via-reports.toml", secret)
    assert_refused(run_build(workbook, linked, out), out, "via-reports.toml: fout:", "buiten de themamap")


@pytest.mark.parametrize(
    ("settings", "line", "words", "not_words"),
    [
        ("[huisstijl]\nhoofdkleur = 5\n", 2, "er staat een getal", ""),
        ("[huisstijl]\nlogo = true\n", 2, "er staat ja/nee", ""),
        ("[huisstijl]\norganisatie = ['a', 'b']\n", 2, "er staat een lijst", ""),
        ("[huisstijl]\nlettertype = 1979-05-27\n", 2, "er staat een datum", ""),
        ("[huisstijl]\n[huisstijl.logo]\nx = 1\n", 2, "er staat een tabel", ""),
        ('[huisstijl]\nlogo = ""\n', 2, "is leeg", "tussen aanhalingstekens zijn"),
        ("[papier]\nrapport = 4\n", 2, 'zoals rapport = "A4 staand"', ""),
        ("huisstijl = 5\n", 1, "schrijf [huisstijl] op een eigen regel", "onbekend"),
        ("papier = 'A4'\n", 1, "schrijf [papier] op een eigen regel", "onbekend"),
    ],
)
def test_a_setting_of_the_wrong_type_says_what_stands_there(
    workbook: Path, tmp_path: Path, settings: str, line: int | None, words: str, not_words: str
) -> None:
    theme = make_theme(tmp_path / "thema", {"via-reports.toml": settings})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    where = f"via-reports.toml:{line}: fout:" if line else "via-reports.toml"
    assert_refused(result, out, where, words)
    if not_words:
        assert not_words not in result.output


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
    "a { background: url(bestaat-niet.png) }",
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


# --- a theme beside the workbook is announced ------------------------------------------


@pytest.fixture
def mailed_folder(tmp_path: Path) -> Path:
    """A folder as someone might mail it: two workbooks and a house style beside them."""
    folder = tmp_path / "ontvangen"
    folder.mkdir()
    for name in ("oss.xlsx", "uden.xlsx"):
        write_xlsx(folder / name, {"Beleid": [BELEID_HEADER, policy(title="Eerste beleid")]})
    (folder / "via-reports.toml").write_text('[huisstijl]\nhoofdkleur = "#7A1F5C"\n', encoding="utf-8")
    return folder


def test_a_theme_beside_the_workbook_is_announced(mailed_folder: Path, tmp_path: Path) -> None:
    settings = mailed_folder / "via-reports.toml"
    out = tmp_path / "uit"
    single = run_build(mailed_folder / "oss.xlsx", None, out, "html", "--quiet")
    assert single.exit_code == 0, single.output
    assert f"Huisstijl uit {settings}" in single.stderr
    assert "--primary: #7A1F5C" in (out / "oss.html").read_text(encoding="utf-8")
    batch = run_build(mailed_folder, None, out, "html")
    assert batch.exit_code == 0, batch.output
    assert batch.stderr.count(f"Huisstijl uit {settings}") == 2
    from via_reports.api import build

    assert build(mailed_folder / "uden.xlsx", out, ["html"]).theme_source == settings


def test_a_named_or_no_theme_is_not_announced(mailed_folder: Path, tmp_path: Path) -> None:
    theme = make_theme(tmp_path / "thema", {})
    named = run_build(mailed_folder / "oss.xlsx", theme, tmp_path / "uit")
    assert named.exit_code == 0 and "Huisstijl uit" not in named.output
    (mailed_folder / "via-reports.toml").unlink()
    plain = run_build(mailed_folder / "oss.xlsx", None, tmp_path / "uit")
    assert plain.exit_code == 0 and "Huisstijl uit" not in plain.output


def test_settings_beside_the_workbook_that_are_a_folder_are_refused(mailed_folder: Path, tmp_path: Path) -> None:
    settings = mailed_folder / "via-reports.toml"
    settings.unlink()
    settings.mkdir()
    out = tmp_path / "uit"
    assert_refused(run_build(mailed_folder / "oss.xlsx", None, out), out, f"{settings}: fout: dit is een map")


def test_a_hostile_theme_beside_the_workbook_is_refused_like_a_named_one(
    mailed_folder: Path, tmp_path: Path, secret: Path
) -> None:
    with_title_page(mailed_folder, "{{ cycler.__init__.__globals__.os.system('id') }}")
    out = tmp_path / "uit"
    assert_refused(run_build(mailed_folder / "oss.xlsx", None, out), out, "title_page.html:10:", "niet mag")
    batch = run_build(mailed_folder, None, out)
    assert_refused(batch, out, "title_page.html:10:", "2 werkmappen")


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
    assert_refused(result, out, "title_page.html:10: fout: het sjabloon schrijft", "op zichzelf staan")


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


# --- earlier documents stay as they were -------------------------------------------------


def test_a_refused_theme_leaves_the_earlier_documents_untouched(workbook: Path, tmp_path: Path, secret: Path) -> None:
    out = tmp_path / "uit"
    first = run_build(workbook, None, out, "docx,pdf,html")
    assert first.exit_code == 0, first.output
    earlier = snapshot(out)
    assert set(earlier) == {"overzicht.docx", "overzicht.pdf", "overzicht.html"}
    hostile = {
        "vooraf": with_title_page(tmp_path / "vooraf", "{{ lipsum.__globals__.os.popen('id').read() }}"),
        "bij het maken": with_title_page(tmp_path / "laat", '<img src="https://evil.example/x.png" alt="">'),
        "pdf-afbeelding": make_theme(
            tmp_path / "bom", {"img/groot.png": png_header(30_000, 30_000), TITLE_PAGE: builtin(TITLE_PAGE)}
        ),
    }
    (hostile["pdf-afbeelding"] / TITLE_PAGE).write_text(
        builtin(TITLE_PAGE).replace("</section>", '<img src="img/groot.png" alt="x"></section>'), encoding="utf-8"
    )
    linked = make_theme(tmp_path / "gelinkt", {})
    symlink(linked / "partials" / "level.html", secret)
    hostile["symlink"] = linked
    for theme in hostile.values():
        result = run_build(workbook, theme, out, "docx,pdf,html")
        assert_refused(result, out, "fout:", earlier=earlier)
        no_secret_in(out)


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
    assert_refused(result, out, "title_page.html:10: fout: het sjabloon laat de PDF", "geweigerd")
