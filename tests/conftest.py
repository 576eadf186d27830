"""Shared fixtures: storage on SQLite always, and on PostgreSQL when INPUTDESK_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import uuid

# CLI tables are read by tests: give rich a wide, stable terminal
os.environ.setdefault("COLUMNS", "200")

import pytest
from sqlalchemy import create_engine, text

from inputdesk.storage.database import make_engine, upgrade
from inputdesk.storage.schema import metadata

POSTGRES_URL = os.environ.get("INPUTDESK_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_database():
    """A throw-away PostgreSQL database for this test session, migrated to head."""
    if not POSTGRES_URL:
        pytest.skip("set INPUTDESK_TEST_POSTGRES_URL to run the PostgreSQL storage tests")
    name = f"inputdesk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    eng = request.getfixturevalue("postgres_database")
    with eng.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in reversed(metadata.sorted_tables))
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    yield eng
