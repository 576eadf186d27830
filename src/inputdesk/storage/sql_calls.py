"""Calls and the audit log in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from inputdesk.domain.call import Call
from inputdesk.domain.errors import CallNotFound
from inputdesk.domain.submission import AuditEvent
from inputdesk.services.call_definitions import parse_call
from inputdesk.storage.database import utc
from inputdesk.storage.tables import audit_events, calls


class SqlCallStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def save_call(self, call: Call, source_yaml: str) -> None:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            exists = conn.execute(select(calls.c.id).where(calls.c.id == call.id)).first()
            if exists:
                conn.execute(
                    update(calls).where(calls.c.id == call.id).values(
                        title=call.title, definition_yaml=source_yaml, updated_at=now)
                )
            else:
                conn.execute(insert(calls).values(
                    id=call.id, title=call.title, definition_yaml=source_yaml, created_at=now, updated_at=now))

    def get_call(self, call_id: str) -> Call:
        with self.engine.connect() as conn:
            row = conn.execute(select(calls.c.definition_yaml).where(calls.c.id == call_id)).first()
        if row is None:
            raise CallNotFound(call_id)
        return parse_call(row.definition_yaml, source=f"call {call_id}")

    def get_call_yaml(self, call_id: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(select(calls.c.definition_yaml).where(calls.c.id == call_id)).first()
        if row is None:
            raise CallNotFound(call_id)
        return row.definition_yaml

    def list_calls(self) -> list[Call]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(calls.c.id, calls.c.definition_yaml).order_by(calls.c.id)).all()
        return [parse_call(r.definition_yaml, source=f"call {r.id}") for r in rows]


def audit_row(event: AuditEvent) -> dict:
    return {
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": str(event.entity_id),
        "before": event.before,
        "after": event.after,
    }


class SqlAuditLog:
    """Append-only: there is deliberately no update or delete."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def append(self, event: AuditEvent) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(audit_events).values(**audit_row(event)))

    def events_for(self, entity_type: str, entity_id: str) -> list[AuditEvent]:
        query = (
            select(audit_events)
            .where(audit_events.c.entity_type == entity_type, audit_events.c.entity_id == str(entity_id))
            .order_by(audit_events.c.id)
        )
        with self.engine.connect() as conn:
            return [self._event(r) for r in conn.execute(query)]

    def all_events(self) -> Iterator[AuditEvent]:
        with self.engine.connect() as conn:
            for r in conn.execute(select(audit_events).order_by(audit_events.c.id)):
                yield self._event(r)

    @staticmethod
    def _event(r) -> AuditEvent:
        return AuditEvent(
            id=r.id, at=utc(r.at), actor=r.actor, action=r.action, entity_type=r.entity_type,
            entity_id=r.entity_id, before=r.before, after=r.after,
        )
