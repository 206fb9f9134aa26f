"""A cache of rendered chunks in the user's cache folder, so a build after an edit
renders only the chunks whose HTML changed.

An entry is keyed by the chunk's HTML (which holds the stylesheet), the contents of
the theme files it refers to (fonts, images), the PDF variant and the versions of
via-reports, WeasyPrint and pikepdf. It is a chunk's PDF (`.pdf`), or the page count
of a chunk that is rendered twice, first to count its pages (`.json`, a level's
index), or the subset of a font the page stamps use (`.ttf`, keyed by the font
file's contents and the characters, pdf_stamp.py). It holds the SHA-256 of its
contents before the contents themselves: an entry that does not match (a disk
error, a build killed while writing) is removed and made again. Entries are written to a temporary file and renamed,
so builds running at the same time never see half an entry. The folder is kept
under `VIA_REPORTS_CACHE_MB` (default 500) by removing the least recently used.

Where: `VIA_REPORTS_CACHE_DIR`, else `$XDG_CACHE_HOME/via-reports` or
`~/.cache/via-reports` (Linux), `~/Library/Caches/via-reports` (macOS),
`%LOCALAPPDATA%\\via-reports\\Cache` (Windows). `VIA_REPORTS_CACHE=0` (or
`build --geen-cache`) switches it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

DEFAULT_LIMIT_MB = 500
_DIGEST = 32
_ENTRIES = (".pdf", ".json", ".ttf")  # a chunk's PDF; the page count of a chunk rendered twice; a stamp font


def enabled() -> bool:
    return os.environ.get("VIA_REPORTS_CACHE", "1").strip().lower() not in ("0", "no", "nee", "false", "off")


def folder() -> Path:
    if explicit := os.environ.get("VIA_REPORTS_CACHE_DIR"):
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "via-reports" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "via-reports"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "via-reports"


# What a chunk's PDF holds, beyond what the versions say: raised when a chunk written
# by this version differs from one written before (2: its own /IDTree), so an entry of
# an earlier build is not taken for one of this.
CHUNK_FORMAT = 2


@lru_cache(maxsize=8)
def _versions() -> str:
    from importlib.metadata import version

    from .. import __version__

    return (
        f"via-reports {__version__}; chunk format {CHUNK_FORMAT}; "
        f"weasyprint {version('weasyprint')}; pikepdf {version('pikepdf')}"
    )


_REFERENCE = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|\ssrc=\"([^\"]+)\"")


def theme_digest(html: str, folders: Sequence[Path]) -> str:
    """One digest of the theme files the HTML refers to (fonts, images), by name and
    contents: the CSS itself is in the HTML. Only those: a theme folder may be the
    workbook's own folder, with its outputs in it."""
    from .pdf import theme_file

    digest = hashlib.sha256()
    for reference in references(html):
        path = theme_file(reference, folders)
        digest.update(reference.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path else b"-")
    return digest.hexdigest()


def references(html: str) -> list[str]:
    """The theme files the HTML (or CSS) names, each once, in order."""
    found = {a or b for a, b in _REFERENCE.findall(html)}
    return sorted(r for r in found if not r.startswith(("data:", "#")))


def key(html: str, theme: str, variant: str) -> str:
    digest = hashlib.sha256()
    for part in (_versions(), theme, variant, html):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def load(entry_key: str, target: Path) -> bool:
    """Write the cached PDF of `entry_key` to `target`; False when there is none (or
    it was damaged, and is now removed)."""
    body = _read(folder() / f"{entry_key}.pdf", lambda data: data if data.startswith(b"%PDF-") else None)
    if body is None:
        return False
    target.write_bytes(body)
    return True


def load_counted(entry_key: str) -> dict | None:
    """The cached page count of a chunk (pdf.count_chunk), or None."""
    return _read(folder() / f"{entry_key}.json", _counted)


def _counted(data: bytes) -> dict | None:
    """{"pages": 3, "anchors": [["name", 0], …]}, or None for anything else."""
    import json

    try:
        counted = json.loads(data)
    except ValueError:
        return None
    if not isinstance(counted, dict) or not isinstance(counted.get("pages"), int):
        return None
    anchors = counted.get("anchors")
    shaped = isinstance(anchors, list) and all(
        isinstance(a, list) and len(a) == 2 and isinstance(a[0], str) and isinstance(a[1], int) for a in anchors
    )
    return counted if shaped else None


def _read(path: Path, parse):
    """What `parse` makes of the entry at `path`; None when there is none, or when it
    does not match its checksum or `parse` finds nothing in it (then it is removed)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    body = data[_DIGEST:]
    found = parse(body) if len(data) > _DIGEST and hashlib.sha256(body).digest() == data[:_DIGEST] else None
    if found is None:
        path.unlink(missing_ok=True)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used
    return found


def font_key(font: bytes, text: str) -> str:
    """The key of the subset of a font (its file's bytes) for `text` (pdf_stamp.py)."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{_versions()}; fonttools {version('fonttools')}; stamp font\0".encode())
    digest.update(hashlib.sha256(font).digest() + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load_font(entry_key: str) -> bytes | None:
    """The cached font subset of `entry_key` (a TrueType file), or None."""
    return _read(folder() / f"{entry_key}.ttf", lambda data: data if data[:4] in (b"\0\1\0\0", b"true") else None)


def store_font(entry_key: str, body: bytes) -> None:
    _write(f"{entry_key}.ttf", body)


def store(entry_key: str, source: Path) -> None:
    """Keep the PDF at `source` under `entry_key` (atomically); a cache that cannot be
    written is no reason to fail a build."""
    try:
        body = source.read_bytes()
    except OSError:
        return
    _write(f"{entry_key}.pdf", body)


def store_counted(entry_key: str, counted: dict) -> None:
    """Keep a chunk's page count (pdf.count_chunk) under `entry_key`."""
    import json

    _write(f"{entry_key}.json", json.dumps(counted).encode("utf-8"))


def _write(name: str, body: bytes) -> None:
    """The entry `name`: written to a temporary file and renamed; on a full disk (or
    any other failure) the temporary file goes, and there is no entry."""
    temporary = None
    try:
        root = folder()
        root.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(body).digest() + body)
        os.replace(temporary, root / name)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def evict(limit_mb: float | None = None) -> None:
    """Remove the least recently used entries until the cache is under its limit."""
    if limit_mb is None:
        value = os.environ.get("VIA_REPORTS_CACHE_MB", "").strip()
        limit_mb = float(value) if value.replace(".", "", 1).isdigit() else DEFAULT_LIMIT_MB
    try:
        entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in folder().iterdir() if p.suffix in _ENTRIES]
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit_mb * 1024 * 1024:
            break
        path.unlink(missing_ok=True)
        total -= size
