"""screening: encrypted hash lists, hashes of stored files, hash-list matches

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:00:00

A branch of its own off 0001 (other features land in parallel); `upgrade` runs to "heads".
"""
from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hash_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("labels_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hash_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_hash_lists_name")),
    )
    op.create_table(
        "hash_list_chunks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["hash_lists.id"], ondelete="CASCADE",
                                name=op.f("fk_hash_list_chunks_list_id_hash_lists")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hash_list_chunks")),
    )
    with op.batch_alter_table("hash_list_chunks", schema=None) as batch_op:
        batch_op.create_index("ix_hash_list_chunks_list_seq", ["list_id", "seq"], unique=False)

    op.create_table(
        "content_scans",
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("hasher_version", sa.Integer(), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("images", sa.Integer(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("blob_sha256", name=op.f("pk_content_scans")),
    )
    op.create_table(
        "content_hashes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Text(), nullable=False),
        sa.Column("hash_type", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("variant", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["blob_sha256"], ["content_scans.blob_sha256"], ondelete="CASCADE",
                                name=op.f("fk_content_hashes_blob_sha256_content_scans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_hashes")),
    )
    with op.batch_alter_table("content_hashes", schema=None) as batch_op:
        batch_op.create_index("ix_content_hashes_blob", ["blob_sha256"], unique=False)

    op.create_table(
        "hash_matches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Text(), nullable=False),
        sa.Column("hash_type", sa.String(length=10), nullable=False),
        sa.Column("variant", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("hash_list", sa.String(length=120), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("distance", sa.Integer(), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("match_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_hash_matches_document_id_documents")),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_hash_matches_submission_id_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hash_matches")),
        sa.UniqueConstraint("match_key", name=op.f("uq_hash_matches_match_key")),
    )
    with op.batch_alter_table("hash_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hash_matches_blob_sha256"), ["blob_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_hash_matches_submission_id"), ["submission_id"], unique=False)


def downgrade() -> None:
    for index, table in (("ix_hash_matches_submission_id", "hash_matches"), ("ix_hash_matches_blob_sha256", "hash_matches"),
                         ("ix_content_hashes_blob", "content_hashes"), ("ix_hash_list_chunks_list_seq", "hash_list_chunks")):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(index)
    for table in ("hash_matches", "content_hashes", "content_scans", "hash_list_chunks", "hash_lists"):
        op.drop_table(table)
