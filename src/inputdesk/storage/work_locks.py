"""Per-submission locks between processes that share a data directory (a CLI import, the web server's background
worker resuming unfinished submissions, a second import started by mistake): only one extracts and screens a given
submission at a time; the other waits, then finds the work done."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class FileWorkLocks:
    """An advisory lock file per submission under `root`. The kernel releases a lock when its process dies (even by
    kill -9), so a crash never leaves a submission locked."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def hold(self, submission_id: int) -> Iterator[None]:
        fd = os.open(self.root / f"submission-{int(submission_id)}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock; the empty file stays for the next holder

