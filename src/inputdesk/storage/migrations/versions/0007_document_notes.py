"""what extraction noticed about a document that a person should check (pages without text, a name that does not
match the content, attachments left out)

Revision ID: 0007
Revises: 0001
Create Date: 2026-11-29 17:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = "0007"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: documents extracted before this column existed have no notes recorded (read as none).
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("notes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("notes")
