"""SQL tables, in portable types only, so SQLite and PostgreSQL run the same code."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

calls = Table(
    "calls",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("title", Text, nullable=False),
    Column("definition_yaml", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

reference_counters = Table(
    "reference_counters",
    metadata,
    Column("call_id", String(80), ForeignKey("calls.id"), primary_key=True),
    Column("last_value", Integer, nullable=False),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", String(80), ForeignKey("calls.id"), nullable=False),
    Column("reference", String(40), nullable=False, unique=True),
    Column("channel", String(20), nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("flags", JSON, nullable=False),
    Column("submitter_name", Text),
    Column("organisation", Text),
    Column("stakeholder_category", String(40)),
    Column("country", String(2)),
    Column("language", String(8)),
    Column("contact_email", Text),
    Column("confidential", Boolean, nullable=False),
    Column("from_child", Boolean, nullable=False),
    Column("joint_authors", JSON, nullable=False),
    Column("needs_review", JSON, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("call_id", "source_sha256", name="uq_submissions_call_source"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("parent_id", Integer, ForeignKey("documents.id")),
    Column("role", String(20), nullable=False),
    Column("filename", Text, nullable=False),
    Column("blob_sha256", String(64), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("failure_reason", String(40)),
    Column("failure_message", Text),
    Column("page_count", Integer),
    Column("language", String(8)),
    Column("doc_metadata", JSON, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("notes", JSON),  # what extraction noticed for a person to check (migration 0007)
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("page", Integer),
    Column("heading", Text),
    Column("language", String(8)),
    Index("ix_passages_document_seq", "document_id", "seq"),
    Index("ix_passages_submission", "submission_id"),
)

# Append-only: the stores expose no update or delete for this table.
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(80), nullable=False),
    Column("entity_type", String(40), nullable=False),
    Column("entity_id", String(80), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Index("ix_audit_entity", "entity_type", "entity_id"),
)
