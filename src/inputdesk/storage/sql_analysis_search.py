"""Full-text search behind one interface: PostgreSQL's own full-text search on PostgreSQL; elsewhere (the
portable default) an SQLite FTS5 index built in memory from the passages and rebuilt when they change."""

from __future__ import annotations

import re
import sqlite3
import threading

from sqlalchemy import Engine, func, select, text

from inputdesk.storage.tables import passages, submissions

_TERM = re.compile(r"\w+", re.UNICODE)


def make_full_text_index(engine: Engine):
    if engine.dialect.name == "postgresql":
        return PostgresFullText(engine)
    return MemoryFts5Index(engine)


def _call_passages(call_id: str):
    return select(passages.c.id, passages.c.text).join(
        submissions, submissions.c.id == passages.c.submission_id).where(submissions.c.call_id == call_id)


class MemoryFts5Index:
    """FTS5 (bm25 ranking, accents ignored) in a private in-memory SQLite database, so it works whatever the main
    database is and adds nothing to the schema. Building it for 30,000 passages takes about a second."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        self._indexes: dict[str, tuple[tuple, sqlite3.Connection]] = {}

    def _signature(self, call_id: str) -> tuple:
        query = select(func.count(passages.c.id), func.max(passages.c.id), func.sum(passages.c.id)).join(
            submissions, submissions.c.id == passages.c.submission_id).where(submissions.c.call_id == call_id)
        with self.engine.connect() as conn:
            return tuple(conn.execute(query).one())

    def _index(self, call_id: str) -> sqlite3.Connection:
        signature = self._signature(call_id)
        with self._lock:
            cached = self._indexes.get(call_id)
            if cached and cached[0] == signature:
                return cached[1]
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.execute("CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
            with self.engine.connect() as conn:
                db.executemany("INSERT INTO fts(rowid, text) VALUES (?, ?)",
                               ((r.id, r.text) for r in conn.execute(_call_passages(call_id))))
            db.commit()
            self._indexes[call_id] = (signature, db)
            return db

    def search(self, call_id: str, query: str, limit: int) -> list[tuple[int, float, str]]:
        terms = _TERM.findall(query)
        if not terms:
            return []
        db = self._index(call_id)
        sql = ("SELECT rowid, bm25(fts), snippet(fts, 0, '[', ']', ' … ', 12) FROM fts WHERE fts MATCH ? "
               "ORDER BY bm25(fts) LIMIT ?")
        with self._lock:
            rows = db.execute(sql, (" ".join(f'"{t}"' for t in terms), limit)).fetchall()
            if not rows and len(terms) > 1:  # no passage has every word: rank those with any of them
                rows = db.execute(sql, (" OR ".join(f'"{t}"' for t in terms), limit)).fetchall()
        return [(int(r[0]), -float(r[1]), r[2]) for r in rows]


class PostgresFullText:
    """PostgreSQL full-text search with the language-neutral 'simple' configuration (submissions mix languages)."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def search(self, call_id: str, query: str, limit: int) -> list[tuple[int, float, str]]:
        if not _TERM.findall(query):
            return []
        sql = text("""
            SELECT p.id, ts_rank(to_tsvector('simple', p.text), q) AS rank,
                   ts_headline('simple', p.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet
            FROM passages p JOIN submissions s ON s.id = p.submission_id, plainto_tsquery('simple', :query) q
            WHERE s.call_id = :call AND to_tsvector('simple', p.text) @@ q
            ORDER BY rank DESC, p.id LIMIT :limit""")
        with self.engine.connect() as conn:
            return [(r.id, float(r.rank), r.snippet) for r in conn.execute(
                sql, {"query": query, "call": call_id, "limit": limit})]
