"""Imported hash lists in SQL, encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256).

Only names and counts are stored in the clear. The key comes from settings (`screening_key`) or, failing
that, from a key file generated once in the data directory; keep it out of database backups.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update

from inputdesk.domain.hash_screening import HashListChunk, HashListContent, HashListSummary, HashType
from inputdesk.storage.database import utc
from inputdesk.storage.tables_screening import hash_list_chunks, hash_lists

_TYPE_CODES = {HashType.MD5: 1, HashType.SHA1: 2, HashType.SHA256: 3, HashType.PDQ: 4}
_CODE_TYPES = {code: kind for kind, code in _TYPE_CODES.items()}
_HEADER = struct.Struct("<BI")  # type code, digest bytes
KEY_FILE = "screening.key"


class HashListKeyError(RuntimeError):
    """The configured key cannot decrypt the stored lists, or is not a key at all."""


def load_key(configured: str | None, data_dir: Path) -> bytes:
    """The configured key, else the one generated once (mode 0600) in the data directory."""
    from cryptography.fernet import Fernet

    if configured:
        key = configured.strip().encode()
    else:
        path = data_dir / KEY_FILE
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes().strip()
        else:
            key = Fernet.generate_key()
            with os.fdopen(fd, "wb") as fh:
                fh.write(key)
    try:
        Fernet(key)
    except (ValueError, TypeError):
        raise HashListKeyError(
            "the screening key (INPUTDESK_SCREENING_KEY or <data_dir>/screening.key) is not a valid key: it must be "
            "32 url-safe base64-encoded bytes, e.g. from `python -c \"from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())\"`") from None
    return key


class SqlHashListStore:
    def __init__(self, engine: Engine, key: bytes):
        from cryptography.fernet import Fernet

        self.engine = engine
        self._fernet = Fernet(key)

    def replace_list(self, content: HashListContent, actor: str, at: datetime) -> HashListSummary:
        """Store a list under its name, replacing any earlier import of that name, in one transaction."""
        counts = content.counts()
        labels = self._seal(json.dumps(content.labels).encode())
        with self.engine.begin() as conn:
            row = conn.execute(select(hash_lists).where(hash_lists.c.name == content.name)).first()
            if row is None:
                list_id = conn.execute(insert(hash_lists).values(
                    name=content.name, version=1, counts=counts, labels_encrypted=labels, imported_at=at,
                    updated_at=at, imported_by=actor).returning(hash_lists.c.id)).scalar_one()
                version, imported_at = 1, at
            else:
                list_id, version, imported_at = row.id, row.version + 1, utc(row.imported_at)
                conn.execute(delete(hash_list_chunks).where(hash_list_chunks.c.list_id == list_id))
                conn.execute(update(hash_lists).where(hash_lists.c.id == list_id).values(
                    version=version, counts=counts, labels_encrypted=labels, updated_at=at, imported_by=actor))
            for seq, chunk in enumerate(content.chunks):
                conn.execute(insert(hash_list_chunks).values(list_id=list_id, seq=seq, payload=self._seal(
                    _HEADER.pack(_TYPE_CODES[chunk.hash_type], len(chunk.digests)) + chunk.digests + chunk.labels)))
        return HashListSummary(content.name, counts, version, imported_at, at)

    def remove_list(self, name: str) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(hash_lists).where(hash_lists.c.name == name)).rowcount > 0

    def summaries(self) -> list[HashListSummary]:
        query = select(hash_lists.c.name, hash_lists.c.counts, hash_lists.c.version, hash_lists.c.imported_at,
                       hash_lists.c.updated_at).order_by(hash_lists.c.name)
        with self.engine.connect() as conn:
            return [HashListSummary(r.name, dict(r.counts), r.version, utc(r.imported_at), utc(r.updated_at))
                    for r in conn.execute(query)]

    def fingerprint(self) -> tuple:
        """Changes whenever any list is imported, replaced or removed: the matcher cache key."""
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(hash_lists.c.id, hash_lists.c.version).order_by(hash_lists.c.id)).all())

    def load_all(self) -> list[HashListContent]:
        """Every list, decrypted, for building the matcher in memory."""
        lists = []
        with self.engine.connect() as conn:
            for row in conn.execute(select(hash_lists).order_by(hash_lists.c.id)).all():
                labels = tuple(tuple(pair) for pair in json.loads(self._open(row.labels_encrypted)))
                chunks = [self._chunk(r.payload) for r in conn.execute(
                    select(hash_list_chunks.c.payload).where(hash_list_chunks.c.list_id == row.id)
                    .order_by(hash_list_chunks.c.seq))]
                lists.append(HashListContent(row.name, labels, tuple(chunks)))
        return lists

    def _chunk(self, payload: bytes) -> HashListChunk:
        plain = self._open(payload)
        code, size = _HEADER.unpack_from(plain)
        body = plain[_HEADER.size:]
        return HashListChunk(_CODE_TYPES[code], body[:size], body[size:])

    def _seal(self, data: bytes) -> bytes:
        return self._fernet.encrypt(zlib.compress(data, 1))

    def _open(self, token: bytes) -> bytes:
        from cryptography.fernet import InvalidToken

        try:
            return zlib.decompress(self._fernet.decrypt(bytes(token)))
        except InvalidToken:
            raise HashListKeyError(
                "the stored hash lists cannot be decrypted with the configured screening key. Restore the key "
                "they were imported with, or import the lists again ('inputdesk hashlist import').") from None
