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

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait

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


def render_parts(chunks: list[Chunk], submit: Callable[[Chunk, int], Future], slots: int, progress=None) -> list:
    """Every chunk rendered (`submit(chunk, pages done)` → a future of its
    ChunkResult), numbered chunks with their page numbers; `chunks` is updated to
    what was rendered. The results in document order; on a result with problems no
    new chunk is started."""
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
            results[n] = future.result()
            if not again:
                done += results[n].pages
                if progress is not None:
                    progress("PDF opmaken: pagina", done)
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
