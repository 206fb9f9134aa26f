"""The order in which the chunks of a PDF are rendered, and their page numbers.

Chunks are handed out in document order, no more at a time than the workers can
take (plus one waiting), so that a numbered chunk (a level's head: its index shows
the page of every row, in chunks after it) can be rendered again, with the numbers
written in, as soon as every chunk up to the last one it names is done: it goes
ahead of the chunks still waiting, and the end of the build waits for little more
than the last chunk. Should writing the numbers change a numbered chunk's page
count (a number wider than its placeholder), every number after it is checked
again, a few rounds at most (in practice none).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from .pdf_chunks import Chunk, with_page_numbers

ROUNDS = 4  # checks of every number after the first writing


def document_pages(results: Sequence) -> dict[str, int]:
    """Named destination → the page (from 1) the merged document has it on, for the
    chunks of `results` (the first ones of the document, in order)."""
    pages, before = {}, 0
    for result in results:
        pages.update((anchor, before + page + 1) for anchor, page in result.anchors)
        before += result.pages
    return pages


def render_parts(
    chunks: list[Chunk],
    submit: Callable[[Chunk, int], Future],
    slots: int,
    progress=None,
    settled: Callable[[int], None] | None = None,
) -> list:
    """Every chunk rendered (`submit(chunk, pages done)` → a future of its
    ChunkResult), numbered chunks with their page numbers; `chunks` is updated to
    what was rendered. The results in document order; on a result with problems no
    new chunk is started. `settled(n)` hears of each chunk rendered as it will stay
    (a numbered one with its numbers); should a check of the numbers at the end
    render one again, it hears of that one again."""
    results: dict[int, object] = {}
    waiting = deque(range(len(chunks)))
    first = deque()  # numbered chunks whose numbers are known: ahead of the others
    unnumbered = {c.index for c in chunks if c.numbered}
    running: dict[Future, int] = {}
    done = 0
    while waiting or first or running:
        failed = any(r.problems for r in results.values())
        while not failed and len(running) < slots and (first or waiting):
            n = first.popleft() if first else waiting.popleft()
            running[submit(chunks[n], done)] = n
        if not running:
            break
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            n = running.pop(future)
            again = n in results  # an index with its numbers: its pages were counted once
            counted = chunks[n].counting  # only its pages were counted: it is rendered again with its numbers
            results[n] = future.result()
            if not again:
                done += results[n].pages
                if progress is not None:
                    progress("PDF opmaken: pagina", done)
            if settled is not None and not counted and not results[n].problems:
                settled(n)
        for n in sorted(unnumbered):
            if all(k in results for k in range(chunks[n].needs + 1)):
                unnumbered.discard(n)
                _number(chunks, n, results, first)
    ordered = [results[n] for n in range(len(chunks)) if n in results]
    if len(ordered) < len(chunks) or any(r.problems for r in ordered):
        return ordered
    for _ in range(ROUNDS):
        again: deque[int] = deque()
        for chunk in chunks:
            if chunk.numbered:
                _number(chunks, chunk.index, results, again)
        if not again:
            break
        redone = {n: submit(chunks[n], done) for n in again}  # side by side (a pool takes them all)
        for n, future in redone.items():
            results[n] = future.result()
            if settled is not None and not results[n].problems:
                settled(n)
        if any(results[n].problems for n in again):
            break
    return [results[n] for n in range(len(chunks))]


def _number(chunks: list[Chunk], n: int, results: dict, queue: deque) -> None:
    """Chunk n with the page numbers it shows; queued when they changed it."""
    known = [results[k] for k in range(chunks[n].needs + 1)]
    numbered = with_page_numbers(chunks[n], document_pages(known))
    if numbered.packed != chunks[n].packed:
        chunks[n] = numbered
        queue.append(n)


class Stopped(Exception):
    """The merge beside the rendering was stopped (`Feed.stop`)."""


class Feed:
    """The parts at `paths`, in document order, each as soon as it is settled
    (render_parts' `settled`), for a merge that runs beside the rendering
    (`MergeBeside`): iterating waits for the next part. A part settled again after
    the merge took it (the last check of the numbers rendered it again) makes the
    merge `stale`, and stops it: it is done again, whole, when every part is in."""

    def __init__(self, paths: Sequence[Path]):
        self.paths = list(paths)
        self.ready: set[int] = set()
        self.taken = 0  # the parts handed to the merge
        self.stale = False
        self.stopped = False
        self.changed = threading.Condition()

    def settled(self, n: int) -> None:
        with self.changed:
            if n < self.taken:
                self.stale = self.stopped = True
            self.ready.add(n)
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopped = True
            self.changed.notify_all()

    def __iter__(self) -> Iterator[Path]:
        for n, path in enumerate(self.paths):
            with self.changed:
                while n not in self.ready and not self.stopped:
                    self.changed.wait()
                if self.stopped:
                    raise Stopped
                self.taken = n + 1
            yield path


class MergeBeside:
    """`merge(parts)` in a thread of the build's process, fed part by part (`feed`)
    while the workers render the rest: the build's process waits on them anyway, and
    the merge, which once began when the last part was done, now ends soon after it."""

    def __init__(self, merge: Callable[[Feed], None], feed: Feed):
        self.feed = feed
        self.error: BaseException | None = None

        def run() -> None:
            try:
                merge(feed)
            except Stopped:
                pass
            except BaseException as exc:  # told by `finish`, in the build's own thread
                self.error = exc

        self.thread = threading.Thread(target=run, name="via-reports-merge", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop the merge if it still waits for parts (the rendering failed), and wait for
        it to let go of its file; nothing once it is done."""
        self.feed.stop()
        self.thread.join()

    def finish(self) -> bool:
        """Wait for the merge (every part is settled); False when it went stale and must
        be done again; its error, if it had one, raised here."""
        self.thread.join()
        if self.feed.stale:
            return False
        if self.error is not None:
            raise self.error
        return True
