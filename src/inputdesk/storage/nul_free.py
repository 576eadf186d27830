"""No NUL character reaches the database, on SQLite as on PostgreSQL.

PostgreSQL refuses NUL in text and JSON ("PostgreSQL text fields cannot contain NUL"), and one stray NUL in an
e-mail body, a sender's name or a broken PDF's text would otherwise stop that submission for good (retried and
failed at every start). A NUL carries no meaning in any text we keep, so it is dropped from every string bound
to a statement, and from every string inside JSON values before they are serialised; SQLite gets the same, so
both backends store the same text. Bytes (hashes, sealed secrets) are never touched.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, event

_NUL = "\x00"


def strip_nul(value):
    """`value` with NUL removed from every string in it (lists, tuples and dicts are walked)."""
    if isinstance(value, str):
        return value.replace(_NUL, "") if _NUL in value else value
    if isinstance(value, dict):
        return {strip_nul(k): strip_nul(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(strip_nul(v) for v in value)
    return value


def nul_free_json(value) -> str:
    """The engine's JSON serialiser: NUL goes before `json.dumps` writes it as an escape PostgreSQL refuses too."""
    return json.dumps(strip_nul(value))


def drop_nul_characters(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _without_nul(_conn, _cursor, statement, parameters, _context, executemany):
        if executemany:
            return statement, [_row(row) for row in parameters]
        return statement, _row(parameters)


def _row(parameters):
    if isinstance(parameters, dict):
        if any(isinstance(v, str) and _NUL in v for v in parameters.values()):
            return {k: strip_nul(v) if isinstance(v, str) else v for k, v in parameters.items()}
        return parameters
    if isinstance(parameters, (list, tuple)):
        if any(isinstance(v, str) and _NUL in v for v in parameters):
            return type(parameters)(strip_nul(v) if isinstance(v, str) else v for v in parameters)
    return parameters
