"""Tables for the review workflow and publication: links between submissions, published derivative files."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from inputdesk.storage.tables import metadata

# A joint submission sent by several organisations, or the same submission sent twice: the linked one is listed
# once, under its target. One link of each kind per submission.
submission_links = Table(
    "submission_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    Column("target_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("submission_id", "kind", name="uq_submission_links_submission_kind"),
)

# The sanitised and redacted files made for a published submission; the bytes live in <data_dir>/published/.
published_files = Table(
    "published_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", String(120), nullable=False),  # built from the reference, never from a received file name
    Column("label", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("basis", String(64), nullable=False),  # fingerprint of the review decisions the file was built from
    Column("published_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("submission_id", "name", name="uq_published_files_submission_name"),
)
