"""The bytes of published (sanitised, redacted) files, kept apart from the originals under <data_dir>/published/."""

from __future__ import annotations

import hashlib
from pathlib import Path

from inputdesk.storage.blobs import checked_digest, write_atomically


class PublishedFileStore:
    """Content-addressed like the blob store, but deletable: unpublishing removes a file for good."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        return self.root / checked_digest(sha256)[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self._path(digest)
        if not target.exists():
            write_atomically(target, data)
        return digest

    def read(self, sha256: str) -> bytes:
        return self._path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def delete(self, sha256: str) -> None:
        self._path(sha256).unlink(missing_ok=True)

