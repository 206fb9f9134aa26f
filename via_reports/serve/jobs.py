"""Jobs of the web server: each in its own folder under an unguessable id, built in
a bounded pool of worker processes, deleted some time after they finished.

A build is handed to `batch.build_one` (the code `build` uses for several workbooks),
so the documents are the same as the command line makes. Every worker slot is a pool
of one process: a worker that crashes or is killed fails only its own job, with a
sentence, and the slot starts a new process for the next one. The queue has a limit;
past it `submit` raises Busy (the API answers 503), and a job once accepted always
ends done or failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import re
import secrets
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import BatchItem, build_one
from ..build import worker_pool
from ..messages import text
from .check import describe, failure, sentence

PREFIX = "via-reports-serve-"
RECYCLE_AFTER = 25  # builds per worker process before a fresh one (memory does not creep)
MAX_KEPT = 200  # finished builds and checked uploads kept at most (the oldest go first): the disk stays bounded
PROGRESS_FILE = "voortgang.json"


class Busy(Exception):
    def __init__(self, waiting: int, retry_after: int):
        self.waiting, self.retry_after = waiting, retry_after
        super().__init__(text("serve_busy", waiting=waiting, seconds=retry_after))


class ProgressFile:
    """The build's progress callback in the worker: writes stage and count to a small
    file in the job folder (atomically, at most a few times a second), which the
    server reads when asked."""

    INTERVAL = 0.25

    def __init__(self, path: Path):
        self.path, self.last, self.stage = path, 0.0, None

    def __call__(self, stage: str, count: int | None = None) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.last < self.INTERVAL:
            return
        self.stage, self.last = stage, now
        temp = self.path.with_suffix(".tmp")
        with contextlib.suppress(OSError):  # telling the progress never fails a build
            temp.write_text(json.dumps({"stage": stage, "count": count, "pid": os.getpid()}), encoding="utf-8")
            os.replace(temp, self.path)


@dataclass
class Build:
    id: str
    folder: Path
    workbook: Path
    formats: tuple[str, ...]
    options: dict
    status: str = "queued"  # queued, running, done, failed
    diagnostics: list[dict] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None
    source: str | None = None  # the upload it came from ("werkmap": the followed file), for the page
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def outdir(self) -> Path:
        return self.folder / "uit"

    def progress(self) -> tuple[str, int | None, int | None]:
        """(stage, count, worker pid) as the worker last wrote them."""
        if self.status != "running":
            key = {"queued": "serve_stage_queued", "done": "serve_stage_done"}.get(self.status, "serve_stage_failed")
            return text(key), None, None
        try:
            data = json.loads((self.folder / PROGRESS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return text("serve_stage_started"), None, None
        return str(data.get("stage", "")), data.get("count"), data.get("pid")

    def file(self, name: str) -> Path | None:
        """The output called `name`, looked up in the job's own list (never a path from outside)."""
        return next((f for f in self.files if f.name == name), None)


@dataclass
class Upload:
    """A workbook the page checked: kept so the build form can use it without a second upload."""

    id: str
    folder: Path
    workbook: Path
    check: object = None
    preview: Build | None = None
    created: float = field(default_factory=time.monotonic)
    finished: float | None = field(default_factory=time.monotonic)


class _Slot:
    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.used = 0

    def executor(self) -> ProcessPoolExecutor:
        if self.pool is None or self.used >= RECYCLE_AFTER:
            self.close()
            self.pool, self.used = worker_pool(1), 0
        self.used += 1
        return self.pool

    def close(self, *, kill: bool = False) -> None:
        if self.pool is None:
            return
        if kill:  # at shutdown: a build still running is not waited for
            for process in list(getattr(self.pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        self.pool.shutdown(wait=kill, cancel_futures=True)
        self.pool = None


class Jobs:
    def __init__(self, *, workers: int, queue_limit: int, keep_seconds: float, temp_dir: Path | None = None):
        self.workers, self.queue_limit, self.keep_seconds = workers, queue_limit, keep_seconds
        remove_stale_roots(temp_dir)
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=temp_dir))
        self.builds: dict[str, Build] = {}
        self.uploads: dict[str, Upload] = {}
        self.queue: asyncio.Queue[Build] = asyncio.Queue()
        self.slots = [_Slot() for _ in range(workers)]
        self.tasks: list[asyncio.Task] = []
        self.average = 2.0  # seconds a build takes, for Retry-After

    # --- life

    async def start(self) -> None:
        self.tasks = [asyncio.create_task(self._work(slot)) for slot in self.slots]
        self.tasks.append(asyncio.create_task(self._sweep_forever()))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for slot in self.slots:
            await asyncio.to_thread(slot.close, kill=True)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- folders and jobs

    def new_folder(self) -> tuple[str, Path]:
        job_id = secrets.token_urlsafe(18)
        folder = self.root / job_id
        folder.mkdir(mode=0o700)
        return job_id, folder

    def new_upload(self) -> Upload:
        self._evict(self.uploads)
        job_id, folder = self.new_folder()
        upload = Upload(job_id, folder, folder)
        self.uploads[job_id] = upload
        return upload

    def check_room(self) -> None:
        waiting = self.queue.qsize()
        if waiting >= self.queue_limit:
            seconds = math.ceil(self.average * (waiting + 1) / self.workers)
            raise Busy(waiting, max(1, min(60, seconds)))

    def submit(self, job_id: str, folder: Path, workbook: Path, formats, options: dict) -> Build:
        """Queue a build of `workbook` (already inside `folder`). Raises Busy past the limit."""
        self.check_room()
        self._evict(self.builds)
        build = Build(job_id, folder, workbook, tuple(formats), options)
        self.builds[job_id] = build
        self.queue.put_nowait(build)
        return build

    # --- the workers

    async def _work(self, slot: _Slot) -> None:
        while True:
            build = await self.queue.get()
            build.status = "running"
            started = time.monotonic()
            options = {**build.options, "progress": ProgressFile(build.folder / PROGRESS_FILE)}
            try:
                future = slot.executor().submit(build_one, build.workbook, build.outdir, build.formats, options)
                item: BatchItem = await asyncio.wrap_future(future)
            except BrokenProcessPool:
                slot.close()
                self._fail(build, [sentence("serve_worker_died", text("serve_worker_died"))])
            except asyncio.CancelledError:
                self._fail(build, [sentence("serve_worker_died", text("serve_worker_died"))])
                raise
            except Exception as exc:  # pickling and the like: a bug of ours, told as a sentence
                slot.close()
                self._fail(build, failure(None, build.workbook, f"{type(exc).__name__}: {exc}"))
            else:
                if item.result is not None:
                    build.files = list(item.result.outputs)
                    build.diagnostics = await asyncio.to_thread(describe, item.result.diagnostics, build.workbook)
                    build.status = "done"
                    build.finished = time.monotonic()
                    build.done.set()
                else:
                    diagnostics = await asyncio.to_thread(failure, item.error, build.workbook, item.unexpected)
                    self._fail(build, diagnostics)
                self.average = 0.8 * self.average + 0.2 * (time.monotonic() - started)

    def _fail(self, build: Build, diagnostics: list[dict]) -> None:
        build.status, build.diagnostics, build.files = "failed", diagnostics, []
        build.finished = time.monotonic()
        build.done.set()

    # --- deleting what is old

    def _evict(self, jobs: dict) -> None:
        finished = sorted((job.finished, job_id) for job_id, job in jobs.items() if job.finished is not None)
        for _, job_id in finished[: max(0, len(jobs) - MAX_KEPT + 1)]:
            shutil.rmtree(jobs.pop(job_id).folder, ignore_errors=True)

    def sweep(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for jobs in (self.builds, self.uploads):
            for job_id, job in list(jobs.items()):
                if job.finished is not None and now - job.finished > self.keep_seconds:
                    del jobs[job_id]
                    shutil.rmtree(job.folder, ignore_errors=True)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(max(1.0, min(60.0, self.keep_seconds / 4)))
            self.sweep()


def remove_stale_roots(temp_dir: Path | None) -> None:
    """The folders of servers that were killed (their process is gone) go at the next start."""
    if os.name != "posix":  # os.kill(pid, 0) asks "is it alive?" only on POSIX
        return
    base = Path(temp_dir or tempfile.gettempdir())
    for folder in base.glob(f"{PREFIX}*-*"):
        match = re.match(rf"{PREFIX}(\d+)-", folder.name)
        if not match or not folder.is_dir() or folder.stat().st_uid != os.getuid():
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
