"""What a PDF chunk's worker keeps between chunks (build.py): its garbage collections
leave alone what it started with."""

from __future__ import annotations

import gc

from via_reports.build import worker_pool


def test_a_worker_leaves_what_it_started_with_to_no_collection() -> None:
    """The objects a worker starts with (modules, the forked build's document) are
    not walked by the collection after every chunk."""
    with worker_pool(1) as pool:
        assert pool.submit(gc.get_freeze_count).result() > 1000
