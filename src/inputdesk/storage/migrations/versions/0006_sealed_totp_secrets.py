"""room for sealed TOTP secrets (a Fernet token is longer than the secret)

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-29 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode, so SQLite (which cannot alter a column in place) copies the table.
    with op.batch_alter_table("users") as batch:
        batch.alter_column("totp_secret", existing_type=sa.String(length=64), type_=sa.Text(), existing_nullable=True)


def downgrade() -> None:
    # Sealed secrets do not fit the old column: downgrading needs the accounts reset first.
    with op.batch_alter_table("users") as batch:
        batch.alter_column("totp_secret", existing_type=sa.Text(), type_=sa.String(length=64), existing_nullable=True)
