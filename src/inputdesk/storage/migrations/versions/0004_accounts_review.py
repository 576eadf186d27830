"""staff accounts and sessions; submission links and published files (review and publication)

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-30 09:00:00

A branch of its own off 0001 (other features land in parallel); `upgrade` runs to "heads".
"""
from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("totp_last_step", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_sessions")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_user_id"), ["user_id"], unique=False)
    op.create_table(
        "submission_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_submission_links_submission_id_submissions")),
        sa.ForeignKeyConstraint(["target_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_submission_links_target_id_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_links")),
        sa.UniqueConstraint("submission_id", "kind", name="uq_submission_links_submission_kind"),
    )
    with op.batch_alter_table("submission_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_links_target_id"), ["target_id"], unique=False)
    op.create_table(
        "published_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("basis", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_published_files_submission_id_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_files")),
        sa.UniqueConstraint("submission_id", "name", name="uq_published_files_submission_name"),
    )
    with op.batch_alter_table("published_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_published_files_submission_id"), ["submission_id"], unique=False)


def downgrade() -> None:
    for table, index in (("published_files", "ix_published_files_submission_id"),
                         ("submission_links", "ix_submission_links_target_id"),
                         ("staff_sessions", "ix_staff_sessions_user_id")):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(index))
        op.drop_table(table)
    op.drop_table("users")
