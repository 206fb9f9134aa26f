"""What a PDF chunk's worker keeps between chunks (writers/pdf_styles.py, build.py):
the theme's stylesheets parsed once per process, never one theme's in another's
build; a worker's garbage collections leave alone what it started with."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import environment
from via_reports.build import build, worker_pool
from via_reports.writers import pdf_styles
from via_reports.writers.render import builtin_theme_dir

OSS = Path(__file__).resolve().parent.parent / "source" / "via-beleid.xlsx"


def _pdf(out: Path, **options) -> Path:
    """The Oss workbook's PDF, rendered in this process (so through its stylesheet cache)."""
    with environment(SOURCE_DATE_EPOCH="1700000000", VIA_REPORTS_WORKERS="1", VIA_REPORTS_CACHE="0"):
        return build(OSS, out, ["pdf"], **options).outputs[0]


def _house_theme(folder: Path, font: str = "DejaVuSans", colour: str = "#7A1F1F") -> Path:
    """A theme whose body font is the file fonts/Huis-Regular.ttf (a copy of `font`)
    and whose headings are `colour`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fonts").mkdir(exist_ok=True)
    (folder / "fonts" / "Huis-Regular.ttf").write_bytes((builtin_theme_dir() / "fonts" / f"{font}.ttf").read_bytes())
    css = (builtin_theme_dir() / "print.css").read_text(encoding="utf-8")
    css = css.replace('url("fonts/LiberationSans-Regular.ttf")', 'url("fonts/Huis-Regular.ttf")')
    css += f"\nh1 {{ color: {colour}; }}\n"
    (folder / "print.css").write_text(css, encoding="utf-8")
    return folder


def _fonts(pdf: Path) -> set[str]:
    with pdfplumber.open(pdf) as doc:
        return {c["fontname"].split("+")[-1] for page in doc.pages[:3] for c in page.chars}


def _heading_colours(pdf: Path) -> set[tuple]:
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]
        size = max(c["size"] for c in page.chars)
        return {tuple(round(v, 2) for v in c["non_stroking_color"]) for c in page.chars if c["size"] == size}


@pytest.fixture(scope="module")
def builtin(tmp_path_factory) -> Path:
    pdf_styles.clear()
    return _pdf(tmp_path_factory.mktemp("ingebouwd"))


def test_parsed_sheets_give_the_same_pdf_as_weasyprint_parsing_them(builtin, tmp_path: Path, monkeypatch) -> None:
    """The sheets parsed once and handed to WeasyPrint cascade exactly as the
    document's own <style> elements: the same bytes."""
    import re

    monkeypatch.setattr(pdf_styles, "_OTHER_STYLING", re.compile(r"."))  # every document parsed by WeasyPrint
    assert _pdf(tmp_path).read_bytes() == builtin.read_bytes()


def test_one_theme_never_reaches_another_build(builtin, tmp_path: Path) -> None:
    """In one process: the built-in theme, a house theme, then the built-in theme
    again; each build has its own fonts and colours, the last the first's bytes."""
    house = _pdf(tmp_path / "huis", theme_dir=_house_theme(tmp_path / "thema"))
    assert "DejaVuSans" in _fonts(house) and "DejaVuSans" not in _fonts(builtin)
    assert _heading_colours(house) == {(0.48, 0.12, 0.12)} != _heading_colours(builtin)
    assert _pdf(tmp_path / "weer").read_bytes() == builtin.read_bytes()


def test_a_font_file_saved_again_under_its_name_is_read_again(tmp_path: Path) -> None:
    theme = _house_theme(tmp_path / "thema", font="DejaVuSans")
    assert "DejaVuSans" in _fonts(_pdf(tmp_path / "een", theme_dir=theme))
    _house_theme(theme, font="LiberationSans-Italic")  # same CSS, same file name, another font
    again = _pdf(tmp_path / "twee", theme_dir=theme)
    assert "LiberationSans-Italic" in _fonts(again) and "DejaVuSans" not in _fonts(again)
    pdf_styles.clear()
    assert again.read_bytes() == _pdf(tmp_path / "vers", theme_dir=theme).read_bytes()  # laid out with the new font


def test_a_warning_while_parsing_fails_every_build_that_uses_the_sheets(tmp_path: Path) -> None:
    theme = _house_theme(tmp_path / "thema")
    (theme / "print.css").write_text((theme / "print.css").read_text() + "\np { colour-of-text: red; }\n")
    messages = []
    for n in range(2):
        with pytest.raises(Exception) as failed:
            _pdf(tmp_path / f"uit{n}", theme_dir=theme)
        messages.append(str(failed.value))
    assert "colour-of-text" in messages[0] and messages[0] == messages[1]


def test_a_worker_leaves_what_it_started_with_to_no_collection() -> None:
    """The objects a worker starts with (modules, the forked build's document) are
    not walked by the collection after every chunk."""
    with worker_pool(1) as pool:
        assert pool.submit(gc.get_freeze_count).result() > 1000


def _frozen_before_and_after_loading() -> tuple[int, int]:
    from via_reports.system import pdf_problem

    before = gc.get_freeze_count()
    assert pdf_problem() is None
    return before, gc.get_freeze_count()


def test_a_worker_that_loads_weasyprint_itself_leaves_it_to_no_collection() -> None:
    """A worker started before the build loaded WeasyPrint (the command starts them
    first) loads it, and then leaves it to no collection too."""
    code = "import sys; from via_reports.build import worker_pool\n" + (
        "from tests.test_pdf_render_reuse import _frozen_before_and_after_loading as f\n"
        "with worker_pool(1) as pool: print(*pool.submit(f).result())"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert after > before + 10000


_TWO_BUILDS = """
import os, sys
from pathlib import Path
from via_reports.build import build
out = Path(sys.argv[1])
os.environ["VIA_REPORTS_WORKERS"] = "1"  # rendered here: this process keeps the parsed theme
build(Path(sys.argv[2]), out / "een", ["pdf"])
os.environ.update(VIA_REPORTS_WORKERS="2", VIA_REPORTS_CHUNK_PAGES="5")  # workers forked from it
build(Path(sys.argv[2]), out / "twee", ["pdf"])
"""


def test_no_temporary_font_files_are_left_behind(tmp_path: Path) -> None:
    """A process that parsed a theme, and the workers forked from it, remove the
    temporary copies of its fonts when they end (and a worker never its parent's)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = os.environ | {"TMPDIR": str(temp), "VIA_REPORTS_CACHE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", _TWO_BUILDS, str(tmp_path), str(OSS)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "een" / "via-beleid.pdf").exists() and (tmp_path / "twee" / "via-beleid.pdf").exists()
    assert sorted(p.name for p in temp.iterdir()) == []


def test_the_command_leaves_no_temporary_font_files_behind(tmp_path: Path) -> None:
    """The command ends quickly (cli.py freezes what is left for the interpreter's
    last collections) but still after every clean-up: the build's PDF is there, the
    exit code 0, and no temporary copy of a font is left, rendered in the command's
    own process or in its workers."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    for workers in ("1", "2"):
        env = os.environ | {"TMPDIR": str(temp), "VIA_REPORTS_CACHE": "0", "VIA_REPORTS_WORKERS": workers}
        out = tmp_path / f"uit{workers}"
        command = [sys.executable, "-m", "via_reports", "build", str(OSS), "-o", str(out), "-f", "pdf", "-q"]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert (out / "via-beleid.pdf").stat().st_size > 0
        assert sorted(p.name for p in temp.iterdir()) == []
