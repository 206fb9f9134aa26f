"""What a build gives back to the system (workers.release_memory): a worker after
each PDF chunk and the build's process once the chunks are made no longer stay as
large as the most they ever held. Run in a fresh process, whose heap is its own."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_PROGRAM = """
import os
from via_reports.workers import release_memory

def resident():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20

blocks = [bytes(4000) for _ in range(50_000)]  # 200 MB from the C library's allocator
after_them = bytes(4000)  # in use above them: the allocator cannot give their memory back by itself
del blocks
before = resident()
release_memory()
print(before, resident())
"""


def test_freed_memory_goes_back_to_the_system() -> None:
    done = subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True, cwd=ROOT, check=True)
    before, after = map(int, done.stdout.split())
    assert before > 150, "the freed blocks were kept by the allocator"
    assert after < before - 150, f"{before} MB before, {after} MB after"
