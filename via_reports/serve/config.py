"""The settings of one running server, as given on the command line."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workbook: Path | None = None  # serve WERKMAP: the file the page follows
    theme_dir: Path | None = None  # only server-side themes; an upload never brings one
    basis: Path | None = None  # --basis: the region's base workbook for every workbook the server reads
    password: str | None = None
    root_path: str = ""  # the path prefix a reverse proxy puts before every address
    max_upload_mb: int = 100
    queue_limit: int = 20  # builds waiting for a worker; past it: 503
    workers: int = 0  # 0: the number of cores, at most 4
    keep_minutes: float = 60  # job folders are deleted this long after they finished
    temp_dir: Path | None = None  # where the server's own temporary folder goes (default: the system's)

    @property
    def worker_count(self) -> int:
        return self.workers or max(1, min(4, os.cpu_count() or 1))

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * MB

    @property
    def keep_seconds(self) -> float:
        return self.keep_minutes * 60


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost reach only this computer; anything else
    (0.0.0.0, a network address, a host name) may be reached from others."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
