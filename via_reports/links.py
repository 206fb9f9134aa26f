"""The one allow-list for link addresses, used for every link in every format.

Kept: `http://` and `https://` with a real host name, and `mailto:` with an address.
Everything else (`javascript:`, `file:`, `data:`, UNC paths, `https:/\\evil`,
`https:0`, addresses with spaces or control characters) is refused; the caller shows
the label as plain text and reports a warning.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_MAILBOX = re.compile(r"^[^@\s<>()\[\]\\,;:\"]+@([^@\s<>()\[\]\\,;:\"?]+)$")
# A candidate address inside plain text: scheme, then no spaces or angle brackets.
URL_IN_TEXT = re.compile(r"\b(?:https?://|mailto:)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'’\""


def _host_ok(host: str) -> bool:
    host = host.rstrip(".")
    if not host:
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    labels = ascii_host.split(".")
    if len(labels) < 2 or not _TLD.match(labels[-1]):
        return False
    return all(_LABEL.match(label) for label in labels)


def safe_url(candidate: str | None) -> str | None:
    """The address itself when it may become a link, else None."""
    if not candidate:
        return None
    url = candidate.strip()
    if not url or len(url) > 2048 or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            if not url[len(parts.scheme) :].startswith("://"):
                return None
            if parts.username is not None or parts.password is not None:
                return None
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError for a bad port
            return url if _host_ok(host) else None
        if scheme == "mailto":
            address = parts.path.split("?")[0]
            match = _MAILBOX.match(address)
            return url if match and _host_ok(match.group(1)) else None
    except ValueError:
        return None
    return None


def looks_like_address(text: str) -> bool:
    """Whether a line is meant as an address (`https://…`, `mailto:…`, `file:…`,
    `\\\\server\\share`) rather than a name: such a line is checked, not shown as a label."""
    stripped = text.strip()
    if stripped.startswith("\\\\"):
        return True
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:\S*$", stripped, re.IGNORECASE)) and " " not in stripped


_WWW = re.compile(r"^www\.[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


def www_address(text: str) -> str | None:
    """A bare `www.oss.nl/beleid` as the address a person means (`https://www.oss.nl/beleid`);
    None for anything else."""
    stripped = text.strip()
    return f"https://{stripped}" if _WWW.match(stripped) else None


def split_trailing_punctuation(url: str) -> tuple[str, str]:
    """`https://x.nl/a).` in running text → (`https://x.nl/a`, `).`)."""
    end = len(url)
    while end > 0 and url[end - 1] in _TRAILING:
        # keep a closing bracket that closes one opened inside the address
        if url[end - 1] == ")" and url[:end].count("(") >= url[:end].count(")"):
            break
        end -= 1
    return url[:end], url[end:]


def linkify(text: str) -> list[tuple[str, str | None]]:
    """Text as (piece, address or None) pairs: allowed addresses in it become links."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for match in URL_IN_TEXT.finditer(text):
        url, _ = split_trailing_punctuation(match.group(0))
        if safe_url(url) is None:
            continue
        if match.start() > position:
            out.append((text[position : match.start()], None))
        out.append((url, url))
        position = match.start() + len(url)
    if position < len(text):
        out.append((text[position:], None))
    return out
