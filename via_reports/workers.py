"""The worker processes of a build, and the pool the command starts first.

A build that makes a PDF with more than one core renders its parts in a pool of
worker processes (one a core, or `VIA_REPORTS_WORKERS`), forked where it can be.
The command (`via-reports build` of one workbook) starts that pool before it loads
the modules of a build, and a worker loads WeasyPrint meanwhile (system.pdf_problem,
which checks Pango), so that it is ready by the time the workbook is read and the
HTML made; the build takes it (`take_early`). This module loads nothing else.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    """glibc, for what Python does not offer (prctl, malloc_trim); None elsewhere."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


def _die_with_parent() -> None:
    """A worker must not outlive a build that was killed: it would wait for work forever."""
    parent = os.getppid()
    libc = _libc() if sys.platform.startswith("linux") else None
    if libc is not None:
        try:
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() == parent:
                return
        except AttributeError:
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _start_worker() -> None:
    """A new worker: it ends with its build, and its garbage collections leave alone
    what it was started with (the modules and, when forked, the build's document):
    those objects live as long as the worker, and walking them after every PDF chunk
    cost more than the chunk's own cycles."""
    global _worker
    _die_with_parent()
    gc.freeze()
    _worker = True


_worker = False  # this process is a pool's worker
_settled = False  # … that has frozen what it loaded (settle)


def settle() -> None:
    """In a worker, once, after it has loaded WeasyPrint and the rest a PDF chunk
    needs (a worker started before the build loaded them loads them itself): those
    objects too are left to no collection, as what it was started with is."""
    global _settled
    if _worker and not _settled:
        gc.collect()
        gc.freeze()
        _settled = True


def release_memory() -> None:
    """Give the memory freed so far back to the system. glibc's allocator keeps what a
    process freed for its next allocations (malloc_trim returns it): without this a
    worker stays as large as its largest PDF chunk or the Word file it wrote, and the
    build's process as large as the report's HTML while it was split. Nothing where
    the C library has no malloc_trim (not glibc)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes for the work of one or more builds; they end with the process that made them."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker
    )


def worker_count() -> int:
    """The processes a build may use: `VIA_REPORTS_WORKERS`, else the usable cores."""
    value = os.environ.get("VIA_REPORTS_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


_early: tuple[int, ProcessPoolExecutor, Future] | None = None  # (its process, the pool, the Pango check)


def start_early() -> None:
    """Start the pool of the build to come now, with a worker loading WeasyPrint
    (and checking Pango: system.pdf_problem); nothing when one core is all there is.
    A pool no build takes is shut down when the process ends."""
    global _early
    workers = worker_count()
    if _early is not None or workers < 2:
        return
    from .system import pdf_problem

    pool = worker_pool(workers)
    _early = os.getpid(), pool, pool.submit(pdf_problem)
    atexit.register(discard_early)


def take_early() -> tuple[ProcessPoolExecutor, Future] | None:
    """The pool `start_early` started, and its Pango check (a future of
    system.pdf_problem), once; None when there is none (or in a forked process,
    which has a copy of its parent's)."""
    global _early
    found, _early = _early, None
    if found is None or found[0] != os.getpid():
        return None
    return found[1], found[2]


def discard_early() -> None:
    """Shut down the pool `start_early` started, if no build took it."""
    found = take_early()
    if found is not None:
        found[0].shutdown(wait=True, cancel_futures=True)
