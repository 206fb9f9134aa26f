"""A theme folder is data someone else wrote: its templates cannot run code, its files
cannot lead outside it, and every broken file in it is a Dutch sentence that names the
file. Every case goes through the command line (tests/themes.py says what a refusal
must look like). The CSS and what the outputs may load: test_theme_css.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import themes
from tests.conftest import BELEID_HEADER, policy, write_xlsx
from tests.themes import (
    EXTRA_LINE,
    SECRET,
    TITLE_PAGE,
    assert_refused,
    builtin,
    jpeg_header,
    make_theme,
    no_secret_in,
    png,
    png_header,
    run_build,
    snapshot,
    symlink,
    with_title_page,
)
from via_reports.writers.render import builtin_theme_dir

workbook, secret = themes.workbook, themes.secret  # the shared fixtures


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
    "{{ (r.theme.folder / '../buiten/geheim.txt').read_text() }}",
    "{{ r.theme.folder.parent.joinpath('gemaakt.txt').write_text('x') }}",
    "{{ r.theme.folder }}",
    "{{ dict.fromkeys.__self__ }}",
    "{{ range.__self__ }}",
    "{{ r.build.timestamp.__func__ }}",
]


@pytest.mark.parametrize("payload", SSTI)
def test_template_code_is_refused_with_file_and_line(workbook: Path, tmp_path: Path, payload: str) -> None:
    theme = with_title_page(tmp_path / "thema", payload)
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    assert_refused(
        result, out, f"title_page.html:{EXTRA_LINE}: fout: het sjabloon probeert iets wat in een sjabloon niet mag"
    )
    assert "uid=" not in result.output
    assert not (tmp_path / "gemaakt.txt").exists()


class _Foreign:
    """An object of a module templates may not read from."""

    text = "geheim"


def test_an_answer_of_the_sandbox_holds_for_its_type_name_and_value_only() -> None:
    """The sandbox answers each (type, attribute, path or not) once per environment:
    the same name on another type, or with a path for value, is asked anew."""
    from via_reports.model import Text
    from via_reports.writers.sandbox import ThemeEnvironment

    env = ThemeEnvironment()
    assert env.is_safe_attribute(Text("a"), "text", "a")
    assert not env.is_safe_attribute(_Foreign(), "text", "geheim")
    assert not env.is_safe_attribute(Text("a"), "text", Path("a"))
    assert env.is_safe_attribute(Text("b"), "text", "b")
    assert not env.is_safe_attribute(Text("b"), "__class__", Text)
    rendered = env.from_string("{{ t.text }} {{ f.text }}").render(t=Text("open"), f=_Foreign())
    assert rendered.startswith("open ") and "geheim" not in rendered


def test_template_code_is_refused_before_anything_is_written(workbook: Path, tmp_path: Path) -> None:
    theme = with_title_page(tmp_path / "thema", "{{ cycler.__init__.__globals__.os.system('touch gemaakt') }}")
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "docx,pdf,html")
    assert_refused(result, out, f"title_page.html:{EXTRA_LINE}:", "'__globals__'")
    assert not out.exists() and not (Path.cwd() / "gemaakt").exists()


@pytest.mark.parametrize(
    "payload",
    ["{{ doc.policies.append(1) }}", "{{ doc.info.__dict__ }}", "{{ 1 / 0 }}", "{{ undefined_name }}"],
)
def test_other_template_failures_are_located_sentences(workbook: Path, tmp_path: Path, payload: str) -> None:
    theme = with_title_page(tmp_path / "thema", payload)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, f"title_page.html:{EXTRA_LINE}: fout:")


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
    assert_refused(
        run_build(workbook, theme, out), out, f"title_page.html:{EXTRA_LINE}:", "bestaat niet in de themamap"
    )


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
    assert_refused(
        run_build(workbook, theme, out), out, f"title_page.html:{EXTRA_LINE}:", "roept zichzelf steeds opnieuw aan"
    )


@pytest.mark.parametrize(
    ("limit", "value", "body", "words"),
    [
        (
            "RENDER_SECONDS",
            0.5,
            "",
            f"title_page.html:{EXTRA_LINE}: fout: het sjabloon is na 0.5 seconden nog niet klaar",
        ),
        (
            "MAX_OUTPUT",
            2_000_000,
            "{{ a }}-{{ b }} ",
            "fout: het sjabloon maakt een veel te grote uitvoer (meer dan 2 m",
        ),
    ],
)
def test_a_template_that_does_not_finish_or_fills_the_memory_is_stopped(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: float, body: str, words: str
) -> None:
    """The limits are lowered here; the mechanism is what is tested, not a duration."""
    from via_reports.writers import sandbox

    monkeypatch.setattr(sandbox, limit, value)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}" + body + "{% endfor %}{% endfor %}"
    theme = with_title_page(tmp_path / "thema", loop)
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, words)


# --- every file of a theme stays inside its folder ------------------------------------


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


@pytest.mark.parametrize("name", ["report.html", "fonts", "via-reports.toml", "print.css"])
def test_a_symlink_loop_is_a_sentence(workbook: Path, tmp_path: Path, name: str) -> None:
    theme = make_theme(tmp_path / "thema", {})
    symlink(theme / name, Path(name))
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, f"{name}", "fout:")


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


@pytest.mark.parametrize(
    ("name", "encoding"),
    [(TITLE_PAGE, "cp1252"), ("report.html", "utf-16"), ("print.css", "cp1252"), ("screen.css", "utf-32")],
)
def test_a_template_or_stylesheet_that_is_not_utf8_says_so(
    workbook: Path, tmp_path: Path, name: str, encoding: str
) -> None:
    content = builtin(name).replace("}", "} /* été */", 1).replace("</h1>", "</h1>\nété")
    data = content.encode(encoding)
    first = next(n for n, ch in enumerate(content) if ord(ch) > 127)
    line = 1 if encoding.startswith("utf") else content[:first].count("\n") + 1  # UTF-16/32 fail at once
    theme = make_theme(tmp_path / "thema", {name: data})
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out, "pdf"), out, f"{name}:{line}: fout:", "sla het op als UTF-8")


def test_a_template_with_a_byte_order_mark_is_fine(workbook: Path, tmp_path: Path) -> None:
    content = builtin(TITLE_PAGE).replace("</h1>", "</h1>\n<p>Zeeën</p>")
    theme = make_theme(tmp_path / "thema", {TITLE_PAGE: content.encode("utf-8-sig")})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out)
    assert result.exit_code == 0, result.output
    page = (out / "overzicht.html").read_text(encoding="utf-8")
    assert "<p>Zeeën</p>" in page and "\ufeff" not in page


# --- broken files: fonts, logo, settings ----------------------------------------------


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


def test_hidden_files_macos_leaves_beside_fonts_are_not_fonts_of_the_theme(workbook: Path, tmp_path: Path) -> None:
    font = (builtin_theme_dir() / "fonts" / "DejaVuSans.ttf").read_bytes()
    theme = make_theme(tmp_path / "thema", {"fonts/Eigen.ttf": font, "fonts/._Eigen.ttf": b"\x00\x05\x16\x07Mac OS X"})
    out = tmp_path / "uit"
    result = run_build(workbook, theme, out, "pdf")
    assert result.exit_code == 0, result.output


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
    assert_refused(run_build(mailed_folder / "oss.xlsx", None, out), out, f"title_page.html:{EXTRA_LINE}:", "niet mag")
    batch = run_build(mailed_folder, None, out)
    assert_refused(batch, out, f"title_page.html:{EXTRA_LINE}:", "2 werkmappen")


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


# --- the built-in theme, exported, is a theme like any other -----------------------------


@pytest.mark.parametrize("profile", ["rapport", "bijlage", "handout"])
def test_an_exported_theme_loads_and_renders_exactly_as_the_built_in_one(tmp_path: Path, profile: str) -> None:
    from tests.models import rendering
    from via_reports.api import export_theme
    from via_reports.profiles import PROFILES
    from via_reports.theme import DEFAULT_THEME, load_theme
    from via_reports.writers.render import check_templates, render_report

    theme = load_theme(export_theme(tmp_path / "mijn-thema"))
    check_templates(theme.folders)
    for medium in ("pdf", "html"):
        made = [render_report(rendering(theme=t, profile=PROFILES[profile], qr=True), medium=medium) for t in
                (DEFAULT_THEME, theme)]  # fmt: skip
        assert "<h1" in made[0] and made[0] == made[1]


def test_a_template_changed_between_builds_in_one_process_is_read_again(
    workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    """The compiled templates kept for the next build (sandbox.CompiledTemplates) are
    used for the same source (nothing is compiled again), and only for it: an edited
    template is compiled and checked again, also when the edit makes it unsafe."""
    from via_reports.writers import sandbox

    compiled: list[str] = []
    keep = sandbox.COMPILED.dump_bytecode
    monkeypatch.setattr(sandbox.COMPILED, "dump_bytecode", lambda bucket: (compiled.append(bucket.key), keep(bucket)))
    theme, out, written = tmp_path / "thema", tmp_path / "uit", []
    for text in (
        "Eerste-versie-van-het-titelblad",
        "Eerste-versie-van-het-titelblad",
        "Tweede-versie-van-het-titelblad",
    ):
        compiled.clear()
        with_title_page(theme, text)
        result = run_build(workbook, theme, out)
        assert result.exit_code == 0, result.output
        html = (out / "overzicht.html").read_text(encoding="utf-8")
        assert text in html and html.count("-versie-van-het-titelblad") == 1
        written.append(len(compiled))
    assert written[0] >= 1 and written[1] == 0 and written[2] == 1  # the edited title page only
    earlier = snapshot(out)
    with_title_page(theme, "{{ cycler.__init__.__globals__ }}")
    assert_refused(run_build(workbook, theme, out), out, f"title_page.html:{EXTRA_LINE}:", earlier=earlier)


def test_the_check_of_an_edited_template_runs_again(tmp_path: Path) -> None:
    """A template checked before in this process is not compiled again only while its
    source is the same: an edit that breaks it is found by the check itself."""
    from via_reports.theme_files import ThemeError
    from via_reports.writers.render import check_templates

    theme = with_title_page(tmp_path / "thema", "{{ heading }}")
    check_templates([theme])
    check_templates([theme])  # the same source: from what the first check kept
    with_title_page(theme, "{% include 'partials/bestaat-niet.html' %}")
    with pytest.raises(ThemeError):
        check_templates([theme])
    with_title_page(theme, "{% if %}")
    with pytest.raises(ThemeError):
        check_templates([theme])
