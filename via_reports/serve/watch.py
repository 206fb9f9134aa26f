"""Following a workbook on disk (`via-reports serve WERKMAP`).

Excel saves by writing a temporary file, removing the original and renaming the
temporary file to the original's name, with a lock file `~$naam.xlsx` beside it;
LibreOffice writes `.~lock.naam.xlsx#` and also replaces the file. So the folder is
watched, not the file: any change to a file of that name (never the lock files)
leads to a fresh check, a little after the last event. `versie` goes up whenever
the file's size, time or identity changed; every read of the state also compares
them, so a change the watcher missed (a network drive) is seen at the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from .check import Check, check_workbook


def _signature(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Watched:
    DEBOUNCE_MS = 250
    SETTLE = 0.1  # seconds the file must stay the same before it is read

    def __init__(
        self, path: Path, on_change: Callable[[Watched], Awaitable[None]] | None = None, basis: Path | None = None
    ):
        self.path = path.absolute()
        self.basis = basis  # the server's --basis; without it the file's own Basis cell counts
        self.versie = 0
        self.check: Check | None = None
        self.preview = None  # the Build of the current version's HTML preview
        self.signature: tuple | None = ()
        self.on_change = on_change
        self.lock = asyncio.Lock()
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        await self.current()
        self.task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task

    async def current(self) -> Watched:
        """The state, checked again first when the file changed since the last check."""
        if _signature(self.path) != self.signature:
            async with self.lock:
                signature = await self._settled()
                if signature != self.signature:
                    self.check = await asyncio.to_thread(check_workbook, self.path, self.basis, True)
                    self.signature = signature
                    self.versie += 1
                    if self.on_change:
                        await self.on_change(self)
        return self

    async def _settled(self) -> tuple | None:
        """The file's signature once a save is over: Excel removes the file just before
        renaming the new one into place, and a program writing in place takes a moment."""
        signature = _signature(self.path)
        for _ in range(10):
            await asyncio.sleep(self.SETTLE)
            again = _signature(self.path)
            if again == signature and again is not None:
                return again
            signature = again
        return signature

    def copy_to(self, folder: Path) -> Path:
        """The file as it is now, copied into a job's folder (a save during the build changes nothing)."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / self.path.name
        shutil.copyfile(self.path, target)
        return target

    def _ours(self, changed: str) -> bool:
        name = os.path.basename(changed)
        return name == self.path.name and not name.startswith(("~$", ".~lock"))

    async def _watch(self) -> None:
        from watchfiles import awatch

        while True:
            try:
                async for changes in awatch(self.path.parent, debounce=self.DEBOUNCE_MS, step=50, recursive=False):
                    if any(self._ours(changed) for _, changed in changes):
                        await self.current()
            except asyncio.CancelledError:
                raise
            except Exception:  # the folder vanished for a moment (a network drive): try again
                await asyncio.sleep(1)
