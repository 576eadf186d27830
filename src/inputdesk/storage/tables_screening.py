"""Tables of hash-list screening: encrypted lists, the hashes of every stored file, and matches."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from inputdesk.storage.tables import metadata

# One row per imported list: name and counts are shown to operators; labels (source list and category
# names) are encrypted with the hashes, which live in hash_list_chunks.
hash_lists = Table(
    "hash_lists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("counts", JSON, nullable=False),  # {"md5": 10, "pdq": 3}: counts only, never hashes
    Column("labels_encrypted", LargeBinary, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(120), nullable=False),
)

# The hashes themselves, Fernet-encrypted in chunks of up to 100,000 (see pipeline.screening.hashlists).
hash_list_chunks = Table(
    "hash_list_chunks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list_id", Integer, ForeignKey("hash_lists.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Index("ix_hash_list_chunks_list_seq", "list_id", "seq"),
)

# Content-addressed like the blob store: a file received twice is hashed once. A row here means the
# file was screened (with this hasher version), even when it held no pictures.
content_scans = Table(
    "content_scans",
    metadata,
    Column("blob_sha256", String(64), primary_key=True),
    Column("hasher_version", Integer, nullable=False),
    Column("scanned_at", DateTime(timezone=True), nullable=False),
    Column("images", Integer, nullable=False),
    Column("problems", JSON, nullable=False),
)

content_hashes = Table(
    "content_hashes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("blob_sha256", String(64), ForeignKey("content_scans.blob_sha256", ondelete="CASCADE"), nullable=False),
    Column("part", Text, nullable=False),
    Column("hash_type", String(10), nullable=False),
    Column("value", String(64), nullable=False),
    Column("quality", Integer),
    Column("variant", String(16), nullable=False),
    Index("ix_content_hashes_blob", "blob_sha256"),
)

hash_matches = Table(
    "hash_matches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("blob_sha256", String(64), nullable=False, index=True),
    Column("part", Text, nullable=False),
    Column("hash_type", String(10), nullable=False),
    Column("variant", String(16), nullable=False),
    Column("value", String(64), nullable=False),  # the hash of the received content (not the listed one)
    Column("quality", Integer),
    Column("hash_list", String(120), nullable=False),
    Column("source", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("distance", Integer, nullable=False),
    Column("matched_at", DateTime(timezone=True), nullable=False),
    Column("match_key", String(64), nullable=False, unique=True),  # makes re-screening idempotent
)
