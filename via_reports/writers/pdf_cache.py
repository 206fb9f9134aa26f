"""A cache of rendered chunks in the user's cache folder, so a build after an edit
renders only the chunks whose HTML changed.

An entry is keyed by the chunk's HTML (which holds the stylesheet), the contents of
the theme files it refers to (fonts, images), the PDF variant and the versions of via-reports,
WeasyPrint and pikepdf. It holds the SHA-256 of its PDF before the PDF itself: an
entry that does not match (a disk error, a build killed while writing) is removed
and the chunk rendered again. Entries are written to a temporary file and renamed,
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


@lru_cache(maxsize=8)
def _versions() -> str:
    from importlib.metadata import version

    from .. import __version__

    return f"via-reports {__version__}; weasyprint {version('weasyprint')}; pikepdf {version('pikepdf')}"


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
    path = folder() / f"{entry_key}.pdf"
    try:
        data = path.read_bytes()
    except OSError:
        return False
    body = data[_DIGEST:]
    if len(data) <= _DIGEST or hashlib.sha256(body).digest() != data[:_DIGEST] or not body.startswith(b"%PDF-"):
        path.unlink(missing_ok=True)
        return False
    target.write_bytes(body)
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used
    return True


def store(entry_key: str, source: Path) -> None:
    """Keep the PDF at `source` under `entry_key` (atomically); a cache that cannot be
    written is no reason to fail a build."""
    try:
        root = folder()
        root.mkdir(parents=True, exist_ok=True)
        body = source.read_bytes()
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(body).digest() + body)
        os.replace(temporary, root / f"{entry_key}.pdf")
    except OSError:
        return


def evict(limit_mb: float | None = None) -> None:
    """Remove the least recently used entries until the cache is under its limit."""
    if limit_mb is None:
        value = os.environ.get("VIA_REPORTS_CACHE_MB", "").strip()
        limit_mb = float(value) if value.replace(".", "", 1).isdigit() else DEFAULT_LIMIT_MB
    try:
        entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in folder().glob("*.pdf")]
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit_mb * 1024 * 1024:
            break
        path.unlink(missing_ok=True)
        total -= size
