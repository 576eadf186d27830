"""Redaction proposals in SQL; every decision is written together with its audit event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from inputdesk.domain.redaction import RedactionProposal, RedactionStatus
from inputdesk.domain.submission import AuditEvent
from inputdesk.storage.database import utc
from inputdesk.storage.sql_calls import audit_row
from inputdesk.storage.tables import audit_events
from inputdesk.storage.tables_redaction import redaction_proposals as t


def _values(p: RedactionProposal) -> dict:
    return {
        "submission_id": p.submission_id, "passage_id": p.passage_id, "document_id": p.document_id,
        "span_start": p.start, "span_end": p.end, "entity_type": p.entity_type, "score": p.score,
        "text_sha256": p.text_sha256, "source": p.source, "profile": p.profile, "status": p.status.value,
        "decided_by": p.decided_by, "decided_at": p.decided_at, "created_at": p.created_at,
    }


def _proposal(r) -> RedactionProposal:
    return RedactionProposal(
        id=r.id, submission_id=r.submission_id, passage_id=r.passage_id, document_id=r.document_id,
        start=r.span_start, end=r.span_end, entity_type=r.entity_type, score=r.score, text_sha256=r.text_sha256,
        source=r.source, profile=r.profile, status=RedactionStatus(r.status), decided_by=r.decided_by,
        decided_at=utc(r.decided_at), created_at=utc(r.created_at),
    )


class SqlRedactionStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def add_proposals(self, proposals: list[RedactionProposal], events: Iterable[AuditEvent] = ()) -> int:
        """Insert proposals not already recorded for the same span and type (a re-scan keeps earlier decisions).
        Returns how many were new."""
        with self.engine.begin() as conn:
            new = self._new_only(conn, proposals)
            for p in new:
                p.id = conn.execute(insert(t).values(**_values(p)).returning(t.c.id)).scalar_one()
            for event in events:
                conn.execute(insert(audit_events).values(**audit_row(event)))
        return len(new)

    @staticmethod
    def _new_only(conn, proposals: list[RedactionProposal]) -> list[RedactionProposal]:
        if not proposals:
            return []
        keys = {(p.passage_id, p.start, p.end, p.entity_type) for p in proposals}
        passage_ids = {k[0] for k in keys}
        existing = {tuple(r) for r in conn.execute(
            select(t.c.passage_id, t.c.span_start, t.c.span_end, t.c.entity_type).where(
                t.c.passage_id.in_(passage_ids)))}
        fresh, seen = [], set()
        for p in proposals:
            key = (p.passage_id, p.start, p.end, p.entity_type)
            if key not in existing and key not in seen:
                seen.add(key)
                fresh.append(p)
        return fresh

    def proposals_for_submission(self, submission_id: int,
                                 status: RedactionStatus | None = None) -> list[RedactionProposal]:
        query = select(t).where(t.c.submission_id == submission_id)
        if status is not None:
            query = query.where(t.c.status == status.value)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(t.c.document_id, t.c.passage_id, t.c.span_start, t.c.id))
            return [_proposal(r) for r in rows]

    def get_proposals(self, ids: Iterable[int]) -> list[RedactionProposal]:
        ids = list(ids)
        if not ids:
            return []
        with self.engine.connect() as conn:
            return [_proposal(r) for r in conn.execute(select(t).where(t.c.id.in_(ids)).order_by(t.c.id))]

    def decide(self, ids: Iterable[int], status: RedactionStatus, by: str, at: datetime,
               events: Iterable[AuditEvent] = ()) -> None:
        """Record a reviewer's decision on proposals, and the audit events saying so, in one transaction."""
        ids = list(ids)
        with self.engine.begin() as conn:
            if ids:
                conn.execute(update(t).where(t.c.id.in_(ids)).values(status=status.value, decided_by=by,
                                                                      decided_at=at))
            for event in events:
                conn.execute(insert(audit_events).values(**audit_row(event)))
