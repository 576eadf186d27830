"""Review queries in SQL: the filtered queue, links between submissions, published files, a submission's audit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, String, and_, cast, delete, func, insert, or_, select

from inputdesk.domain.review import LinkKind, PublishedFile, QueueFilter, SubmissionLink
from inputdesk.domain.submission import AuditEvent, Document, Submission
from inputdesk.storage.database import utc
from inputdesk.storage.sql_calls import SqlAuditLog, audit_row
from inputdesk.storage.sql_submissions import _document, _submission
from inputdesk.storage.tables import audit_events, documents, submissions
from inputdesk.storage.tables_review import published_files, submission_links


class SqlReviewStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    # --- the queue ------------------------------------------------------------------
    def queue(self, call_id: str, where: QueueFilter) -> list[Submission]:
        """Submissions of a call matching the filter, oldest first; the role's scope is part of the filter, so
        rows a person may not see never leave the database."""
        s = submissions.c
        query = select(submissions).where(s.call_id == call_id).order_by(s.received_at, s.id)
        if where.statuses is not None:
            query = query.where(s.status.in_(sorted(x.value for x in where.statuses)))
        if where.category:
            query = query.where(s.stakeholder_category == where.category)
        if where.country:
            query = query.where(s.country == where.country.upper())
        if where.language:
            query = query.where(s.language == where.language)
        for flag in where.flags:
            # JSON arrays are stored as text on both backends; '"flag"' cannot match inside another flag's name
            query = query.where(cast(s.flags, String).like(f'%"{flag}"%'))
        if where.exclude_ids:
            query = query.where(s.id.not_in(sorted(where.exclude_ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            docs: dict[int, list[Document]] = {}
            ids = [r.id for r in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for d in conn.execute(select(documents).where(documents.c.submission_id.in_(chunk))
                                      .order_by(documents.c.id)):
                    docs.setdefault(d.submission_id, []).append(_document(d))
        return [_submission(r, docs.get(r.id, [])) for r in rows]

    def status_counts(self, call_id: str) -> dict[str, int]:
        query = (select(submissions.c.status, func.count()).where(submissions.c.call_id == call_id)
                 .group_by(submissions.c.status))
        with self.engine.connect() as conn:
            return {status: count for status, count in conn.execute(query)}

    # --- links ----------------------------------------------------------------------
    def add_link(self, link: SubmissionLink, at: datetime, event: AuditEvent) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(submission_links).where(submission_links.c.submission_id == link.submission_id,
                                                        submission_links.c.kind == link.kind.value))
            conn.execute(insert(submission_links).values(submission_id=link.submission_id, target_id=link.target_id,
                                                         kind=link.kind.value, created_by=link.created_by,
                                                         created_at=at))
            conn.execute(insert(audit_events).values(**audit_row(event)))

    def remove_link(self, submission_id: int, kind: LinkKind, event: AuditEvent) -> bool:
        with self.engine.begin() as conn:
            gone = conn.execute(delete(submission_links).where(submission_links.c.submission_id == submission_id,
                                                               submission_links.c.kind == kind.value)).rowcount
            if gone:
                conn.execute(insert(audit_events).values(**audit_row(event)))
        return bool(gone)

    def links(self, call_id: str | None = None) -> list[SubmissionLink]:
        query = select(submission_links).order_by(submission_links.c.id)
        if call_id:
            query = query.join(submissions, submissions.c.id == submission_links.c.submission_id).where(
                submissions.c.call_id == call_id)
        with self.engine.connect() as conn:
            return [SubmissionLink(r.submission_id, r.target_id, LinkKind(r.kind), r.created_by, r.id)
                    for r in conn.execute(query)]

    def links_of(self, submission_id: int) -> list[SubmissionLink]:
        """Links from or to a submission."""
        query = select(submission_links).where(or_(submission_links.c.submission_id == submission_id,
                                                   submission_links.c.target_id == submission_id))
        with self.engine.connect() as conn:
            return [SubmissionLink(r.submission_id, r.target_id, LinkKind(r.kind), r.created_by, r.id)
                    for r in conn.execute(query.order_by(submission_links.c.id))]

    # --- published files ------------------------------------------------------------
    def replace_published(self, submission_id: int, rows: list[PublishedFile],
                          event: AuditEvent | None = None) -> list[str]:
        """Make `rows` the submission's published files; returns the SHA-256 of files no longer published."""
        with self.engine.begin() as conn:
            old = set(conn.execute(select(published_files.c.sha256)
                                   .where(published_files.c.submission_id == submission_id)).scalars())
            conn.execute(delete(published_files).where(published_files.c.submission_id == submission_id))
            for r in rows:
                conn.execute(insert(published_files).values(
                    submission_id=submission_id, position=r.position, name=r.name, label=r.label,
                    media_type=r.media_type, size=r.size, sha256=r.sha256, basis=r.basis,
                    published_at=r.published_at))
            if event is not None:
                conn.execute(insert(audit_events).values(**audit_row(event)))
            still_used = set(conn.execute(select(published_files.c.sha256).where(
                published_files.c.sha256.in_(sorted(old)))).scalars()) if old else set()
        return sorted(old - still_used)

    def published(self, submission_ids: Iterable[int]) -> dict[int, list[PublishedFile]]:
        ids = sorted(set(submission_ids))
        found: dict[int, list[PublishedFile]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                query = select(published_files).where(published_files.c.submission_id.in_(ids[start:start + 500]))
                for r in conn.execute(query.order_by(published_files.c.submission_id, published_files.c.position)):
                    found.setdefault(r.submission_id, []).append(PublishedFile(
                        r.submission_id, r.position, r.name, r.label, r.media_type, r.size, r.sha256, r.basis,
                        utc(r.published_at)))
        return found

    # --- audit ----------------------------------------------------------------------
    def audit_for_submission(self, submission_id: int, document_ids: Iterable[int],
                             redaction_ids: Iterable[int]) -> list[AuditEvent]:
        """Everything the audit log holds about a submission: itself, its files and its redaction proposals."""
        e = audit_events.c
        parts = [and_(e.entity_type == "submission", e.entity_id == str(submission_id))]
        for entity_type, ids in (("document", document_ids), ("redaction", redaction_ids)):
            ids = [str(i) for i in ids]
            for start in range(0, len(ids), 500):
                parts.append(and_(e.entity_type == entity_type, e.entity_id.in_(ids[start:start + 500])))
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit_events).where(or_(*parts)).order_by(e.id))
            return [SqlAuditLog._event(r) for r in rows]
