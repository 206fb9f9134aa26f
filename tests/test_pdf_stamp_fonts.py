"""The fonts of the page stamps (writers/pdf_stamp.py) in the chunk cache: the next
build's process takes their subsets from there instead of loading fontTools'
subsetter, and its PDF is the same, byte for byte, as one made without the cache."""

from __future__ import annotations

import sys
from pathlib import Path

import fontTools
import pytest

from tests.conftest import environment
from via_reports.build import build
from via_reports.writers import pdf_stamp
from via_reports.writers.render import builtin_theme_dir

OSS = Path(__file__).resolve().parent.parent / "source" / "via-beleid.xlsx"


def _pdf(out: Path, cache: Path | None) -> bytes:
    settings = {"SOURCE_DATE_EPOCH": "1700000000", "VIA_REPORTS_WORKERS": "1"}
    settings |= {"VIA_REPORTS_CACHE_DIR": str(cache), "VIA_REPORTS_CACHE": "1"} if cache else {"VIA_REPORTS_CACHE": "0"}
    pdf_stamp._subset.cache_clear()  # as in a new process
    with environment(**settings):
        return build(OSS, out, ["pdf"]).outputs[0].read_bytes()


def test_the_stamp_fonts_come_from_the_cache_and_change_nothing(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    without = _pdf(tmp_path / "zonder", None)
    first = _pdf(tmp_path / "eerst", cache)
    assert len(list(cache.glob("*.ttf"))) == 2  # regular and bold
    monkeypatch.setitem(sys.modules, "fontTools.subset", None)  # no subsetter: `import` fails
    monkeypatch.delattr(fontTools, "subset", raising=False)
    second = _pdf(tmp_path / "daarna", cache)
    assert without == first == second


def test_a_damaged_stamp_font_entry_is_made_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _pdf(tmp_path / "eerst", cache)
    for entry in cache.glob("*.ttf"):
        entry.write_bytes(entry.read_bytes()[:-10])
    assert _pdf(tmp_path / "daarna", cache) == first
    assert len(list(cache.glob("*.ttf"))) == 2


@pytest.mark.parametrize("font", ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "DejaVuSans.ttf"])
def test_a_cached_subset_is_the_subset_fonttools_makes_at_this_time(font: str, monkeypatch) -> None:
    """fontTools writes the time of saving into a font (SOURCE_DATE_EPOCH when set):
    a subset made at another time, dated now, is the one made now."""
    path, text = builtin_theme_dir() / "fonts" / font, "Overzicht beleid – pagina 0123456789 van Lokaal ëé"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    earlier = pdf_stamp._cut(path, text)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    now = pdf_stamp._cut(path, text)
    assert earlier != now and pdf_stamp._dated(earlier) == now
