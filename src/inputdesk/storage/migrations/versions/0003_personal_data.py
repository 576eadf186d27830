"""personal data: redaction proposals

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-29 12:00:00

A branch of its own off 0001 (screening work lands in parallel); `upgrade` runs to "heads".
"""
from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "redaction_proposals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("profile", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_redaction_proposals_document_id_documents")),
        sa.ForeignKeyConstraint(["passage_id"], ["passages.id"], ondelete="CASCADE",
                                name=op.f("fk_redaction_proposals_passage_id_passages")),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_redaction_proposals_submission_id_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redaction_proposals")),
        sa.UniqueConstraint("passage_id", "span_start", "span_end", "entity_type", name="uq_redaction_proposals_span"),
    )
    with op.batch_alter_table("redaction_proposals", schema=None) as batch_op:
        batch_op.create_index("ix_redaction_proposals_submission_status", ["submission_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("redaction_proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_redaction_proposals_submission_status")
    op.drop_table("redaction_proposals")
