"""Tables for personal-data redaction proposals (portable types; registered on the shared metadata)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from inputdesk.storage.tables import metadata

# One row per span a detector (or a person) proposed to remove; the found text itself is not copied here, only
# its SHA-256, which also proves at publication time that the span still points at the same text.
redaction_proposals = Table(
    "redaction_proposals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    # re-extracting a document replaces its passages; proposals about the old text go with them
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("entity_type", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("source", String(120), nullable=False),
    Column("profile", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("decided_by", String(120)),
    Column("decided_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("passage_id", "span_start", "span_end", "entity_type", name="uq_redaction_proposals_span"),
    Index("ix_redaction_proposals_submission_status", "submission_id", "status"),
)
