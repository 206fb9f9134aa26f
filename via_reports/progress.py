"""Progress on a terminal: what a long build is doing now (stage and count).

Shown on standard error only when it is a terminal and the build has taken more
than about a second, updated at most ten times a second on one line, and wiped at
the end; silent when the output goes to a file or a pipe, or with --quiet.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    DELAY = 1.0  # seconds before anything is shown: quick builds stay quiet
    INTERVAL = 0.1

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, prefix: str = ""):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.prefix = prefix
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, stage: str, count: int | None = None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.DELAY or now - self.last < self.INTERVAL:
            return
        self.last = now
        text = f"{self.prefix}{stage}" + (f" {count}" if count is not None else "") + f"  ({now - self.started:.0f} s)"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
