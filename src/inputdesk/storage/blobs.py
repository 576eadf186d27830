"""Content-addressed file store: every received file is kept byte for byte under its SHA-256."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


_CHUNK = 1024 * 1024


class BlobNotFound(KeyError):
    """No stored file has this SHA-256."""


def checked_digest(sha256: str) -> str:
    """`sha256` if it is a lower-case SHA-256 hex digest (so it can name a file safely)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def write_atomically(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` under `target` so that a crash never leaves a truncated file under that name:
    a temporary file in the same folder, fsync, (chmod), rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FileBlobStore:
    """Blobs live at <root>/ab/cd/<sha256>; writes are atomic (temp file, fsync, rename)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        checked_digest(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self._path(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        write_atomically(target, data, mode=0o440)  # originals are never rewritten
        return digest

    def put_file(self, path: Path) -> str:
        """Store a file read in chunks, never whole in memory (one larger than the memory would otherwise stop an
        import); the same digest and the same stored bytes as `put(path.read_bytes())`."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            target = self._path(digest.hexdigest())
            if target.exists() and target.stat().st_size == os.path.getsize(tmp):
                Path(tmp).unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp, 0o440)
                os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest.hexdigest()

    def size(self, sha256: str) -> int:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def get(self, sha256: str) -> bytes:
        path = self._path(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self._path(sha256).open("rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def verify(self, sha256: str) -> str:
        path = self._path(sha256)
        if not path.exists():
            return "missing"
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return "ok" if h.hexdigest() == sha256 else "altered"

    def digests(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.name


class MemoryBlobStore:
    """Same contract as FileBlobStore, kept in a dict (for fast tests)."""

    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self._blobs.setdefault(digest, bytes(data))
        return digest

    def put_file(self, path: Path) -> str:
        return self.put(Path(path).read_bytes())

    def size(self, sha256: str) -> int:
        return len(self.get(sha256))

    def get(self, sha256: str) -> bytes:
        try:
            return self._blobs[sha256]
        except KeyError:
            raise BlobNotFound(sha256) from None

    def open(self, sha256: str) -> BinaryIO:
        return io.BytesIO(self.get(sha256))

    def exists(self, sha256: str) -> bool:
        return sha256 in self._blobs

    def verify(self, sha256: str) -> str:
        if sha256 not in self._blobs:
            return "missing"
        return "ok" if hashlib.sha256(self._blobs[sha256]).hexdigest() == sha256 else "altered"

    def digests(self) -> Iterator[str]:
        yield from sorted(self._blobs)
