"""The Alembic migrations build exactly the schema the code expects."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from inputdesk.storage.database import is_initialised, upgrade
from inputdesk.storage.schema import metadata


def test_migrations_match_the_tables(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_upgrade_is_idempotent(engine):
    upgrade(engine)
    assert is_initialised(engine)
