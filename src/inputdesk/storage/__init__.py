"""Adapters that persist InputDesk's data: SQL stores (SQLite/PostgreSQL) and the blob store."""
