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


@pytest.mark.parametrize("name", ["report.html", "base.html", TITLE_PAGE, "partials/nav.html"])
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


def test_a_template_that_is_not_utf8_says_so(workbook: Path, tmp_path: Path) -> None:
    theme = make_theme(
        tmp_path / "thema", {TITLE_PAGE: builtin(TITLE_PAGE).replace("</h1>", "</h1>\n\xe9t\xe9").encode("cp1252")}
    )
    out = tmp_path / "uit"
    assert_refused(run_build(workbook, theme, out), out, "title_page.html:", "sla het op als UTF-8")
