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
    """An advisory lock file per submission under `root`, there only while someone works on it. The kernel releases
    a lock when its process dies (even by kill -9), so a crash never leaves a submission locked (at worst its empty
    file stays until the next holder removes it)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def hold(self, submission_id: int) -> Iterator[None]:
        path = self.root / f"submission-{int(submission_id)}.lock"
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            # The holder before us may have removed the file while we waited: our lock is then on a file nobody
            # else can find, so start again on the one at the path now.
            try:
                if os.fstat(fd).st_ino == os.stat(path).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        try:
            yield
        finally:
            # Removed while still locked, so a waiter wakes on a file that is gone and takes a fresh one: no lock
            # file is left behind per submission ever processed.
            path.unlink(missing_ok=True)
            os.close(fd)

