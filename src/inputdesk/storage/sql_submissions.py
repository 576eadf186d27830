"""Submissions, their documents and passages in SQL."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from inputdesk.domain.errors import DuplicateSource, SubmissionNotFound
from inputdesk.domain.submission import (
    MAILBOX_SPLIT,
    AuditEvent,
    Channel,
    Document,
    DocumentRole,
    ExtractionStatus,
    Passage,
    Submission,
    SubmissionStatus,
    SubmitterDetails,
)
from inputdesk.storage.database import utc
from inputdesk.storage.sql_calls import audit_row
from inputdesk.storage.tables import audit_events, documents, passages, reference_counters, submissions


def _submission_values(s: Submission) -> dict:
    d = s.details
    return {
        "call_id": s.call_id,
        "reference": s.reference,
        "channel": s.channel.value,
        "source_sha256": s.source_sha256,
        "status": s.status.value,
        "flags": sorted(s.flags),
        "submitter_name": d.submitter_name,
        "organisation": d.organisation,
        "stakeholder_category": d.stakeholder_category,
        "country": d.country,
        "language": s.language or d.language,
        "contact_email": d.contact_email,
        "confidential": d.confidential,
        "from_child": d.from_child,
        "joint_authors": list(d.joint_authors),
        "needs_review": dict(d.needs_review),
        "received_at": s.received_at,
    }


def _document_values(doc: Document) -> dict:
    return {
        "submission_id": doc.submission_id,
        "parent_id": doc.parent_id,
        "role": doc.role.value,
        "filename": doc.filename,
        "blob_sha256": doc.blob_sha256,
        "size": doc.size,
        "kind": doc.kind,
        "status": doc.status.value,
        "failure_reason": doc.failure_reason,
        "failure_message": doc.failure_message,
        "page_count": doc.page_count,
        "language": doc.language,
        "doc_metadata": dict(doc.metadata),
        "flags": sorted(doc.flags),
        "notes": list(doc.notes),
    }


def _next_number(conn, call_id: str) -> int:
    row = conn.execute(
        update(reference_counters).where(reference_counters.c.call_id == call_id)
        .values(last_value=reference_counters.c.last_value + 1).returning(reference_counters.c.last_value)
    ).first()
    if row is not None:
        return row[0]
    try:
        with conn.begin_nested():
            conn.execute(insert(reference_counters).values(call_id=call_id, last_value=1))
        return 1
    except IntegrityError:  # another writer created the counter first
        return conn.execute(
            update(reference_counters).where(reference_counters.c.call_id == call_id)
            .values(last_value=reference_counters.c.last_value + 1).returning(reference_counters.c.last_value)
        ).scalar_one()


def _document(r) -> Document:
    return Document(
        id=r.id, submission_id=r.submission_id, parent_id=r.parent_id, role=DocumentRole(r.role),
        filename=r.filename, blob_sha256=r.blob_sha256, size=r.size, kind=r.kind,
        status=ExtractionStatus(r.status), failure_reason=r.failure_reason, failure_message=r.failure_message,
        page_count=r.page_count, language=r.language, metadata=dict(r.doc_metadata or {}), flags=set(r.flags or []),
        notes=list(r.notes or []),
    )


def _submission(r, docs: list[Document]) -> Submission:
    details = SubmitterDetails(
        submitter_name=r.submitter_name, organisation=r.organisation, stakeholder_category=r.stakeholder_category,
        country=r.country, language=r.language, contact_email=r.contact_email, confidential=r.confidential,
        joint_authors=list(r.joint_authors or []), from_child=r.from_child, needs_review=dict(r.needs_review or {}),
    )
    return Submission(
        id=r.id, call_id=r.call_id, reference=r.reference, channel=Channel(r.channel),
        source_sha256=r.source_sha256, received_at=utc(r.received_at), details=details,
        status=SubmissionStatus(r.status), flags=set(r.flags or []), language=r.language, documents=docs,
    )


def _passage(r) -> Passage:
    return Passage(id=r.id, document_id=r.document_id, submission_id=r.submission_id, seq=r.seq, text=r.text,
                   page=r.page, heading=r.heading, language=r.language)


class SqlSubmissionStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    # --- submissions -------------------------------------------------------
    def next_reference_number(self, call_id: str) -> int:
        with self.engine.begin() as conn:
            return _next_number(conn, call_id)

    def add_submission(self, submission: Submission, event: AuditEvent | None = None, *,
                       reference_prefix: str | None = None) -> Submission:
        """Insert the submission with its documents (and the audit event) in one transaction. With
        `reference_prefix`, its reference is numbered in that same transaction: a submission that turns out to be a
        duplicate (DuplicateSource) gives its number back, so concurrent imports leave no gaps in the references."""
        try:
            with self.engine.begin() as conn:
                if reference_prefix is not None:
                    submission.reference = f"{reference_prefix}-{_next_number(conn, submission.call_id):04d}"
                    if event is not None and event.after is not None and "reference" in event.after:
                        event.after["reference"] = submission.reference
                submission.id = conn.execute(
                    insert(submissions).values(**_submission_values(submission)).returning(submissions.c.id)
                ).scalar_one()
                for doc in submission.documents:
                    doc.submission_id = submission.id
                    doc.id = conn.execute(
                        insert(documents).values(**_document_values(doc)).returning(documents.c.id)
                    ).scalar_one()
                if event is not None:
                    conn.execute(insert(audit_events).values(**audit_row(_with_entity(event, submission))))
        except IntegrityError as exc:
            if "source" in str(exc.orig).lower() or "unique" in str(exc.orig).lower():
                raise DuplicateSource(submission.source_sha256) from exc
            raise
        return submission

    def find_by_source(self, call_id: str, source_sha256: str) -> Submission | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions).where(
                submissions.c.call_id == call_id, submissions.c.source_sha256 == source_sha256)).first()
            return None if row is None else _submission(row, self._documents(conn, row.id))

    def get_submission(self, submission_id: int) -> Submission:
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions).where(submissions.c.id == submission_id)).first()
            if row is None:
                raise SubmissionNotFound(submission_id)
            return _submission(row, self._documents(conn, row.id))

    def get_by_reference(self, reference: str) -> Submission:
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions).where(submissions.c.reference == reference)).first()
            if row is None:
                raise SubmissionNotFound(reference)
            return _submission(row, self._documents(conn, row.id))

    def list_submissions(self, call_id: str | None = None, status: SubmissionStatus | None = None) -> list[Submission]:
        query = select(submissions).order_by(submissions.c.id)
        if call_id:
            query = query.where(submissions.c.call_id == call_id)
        if status:
            query = query.where(submissions.c.status == status.value)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            docs: dict[int, list[Document]] = {}
            if rows:
                ids = [r.id for r in rows]
                for d in conn.execute(select(documents).where(documents.c.submission_id.in_(ids)).order_by(documents.c.id)):
                    docs.setdefault(d.submission_id, []).append(_document(d))
            return [_submission(r, docs.get(r.id, [])) for r in rows]

    def update_submission(self, submission: Submission, event: AuditEvent | None = None) -> None:
        values = _submission_values(submission)
        with self.engine.begin() as conn:
            conn.execute(update(submissions).where(submissions.c.id == submission.id).values(**values))
            if event is not None:
                conn.execute(insert(audit_events).values(**audit_row(_with_entity(event, submission))))

    # --- documents and passages -------------------------------------------
    def _documents(self, conn, submission_id: int) -> list[Document]:
        rows = conn.execute(select(documents).where(documents.c.submission_id == submission_id).order_by(documents.c.id))
        return [_document(r) for r in rows]

    def add_document(self, document: Document) -> Document:
        with self.engine.begin() as conn:
            document.id = conn.execute(
                insert(documents).values(**_document_values(document)).returning(documents.c.id)).scalar_one()
        return document

    def update_document(self, document: Document) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == document.id).values(**_document_values(document)))

    def save_extraction(self, document: Document, new_passages: list[Passage]) -> None:
        """Store a document's extraction result and its passages atomically (re-runs replace them)."""
        with self.engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == document.id).values(**_document_values(document)))
            self._replace_passages(conn, document, new_passages)

    def replace_passages(self, document_id: int, new_passages: list[Passage]) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
            self._replace_passages(conn, _document(row), new_passages)

    @staticmethod
    def _replace_passages(conn, document: Document, new_passages: list[Passage]) -> None:
        conn.execute(delete(passages).where(passages.c.document_id == document.id))
        if new_passages:
            conn.execute(insert(passages), [
                {"submission_id": document.submission_id, "document_id": document.id, "seq": p.seq, "text": p.text,
                 "page": p.page, "heading": p.heading, "language": p.language} for p in new_passages
            ])

    def passages_for_submission(self, submission_id: int) -> list[Passage]:
        query = select(passages).where(passages.c.submission_id == submission_id).order_by(
            passages.c.document_id, passages.c.seq)
        with self.engine.connect() as conn:
            return [_passage(r) for r in conn.execute(query)]

    def iter_passages(self, call_id: str | None = None) -> Iterator[Passage]:
        query = select(passages).order_by(passages.c.submission_id, passages.c.document_id, passages.c.seq)
        if call_id:
            query = query.join(submissions, submissions.c.id == passages.c.submission_id).where(
                submissions.c.call_id == call_id)
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                yield _passage(r)

    def blob_references(self) -> Iterator[tuple[str, str]]:
        query = select(documents.c.blob_sha256, documents.c.filename, submissions.c.reference).join(
            submissions, submissions.c.id == documents.c.submission_id).order_by(documents.c.id)
        # A mailbox file is split into messages, each stored as its own file: the mailbox is kept byte for byte
        # too, and the audit log says so, so fsck checks it and does not call it unreferenced.
        mailboxes = select(audit_events.c.entity_id, audit_events.c.after).where(
            audit_events.c.action == MAILBOX_SPLIT, audit_events.c.entity_type == "blob").order_by(audit_events.c.id)
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                yield r.blob_sha256, f"{r.reference} / {r.filename}"
            for r in conn.execute(mailboxes):
                after = r.after or {}
                yield r.entity_id, f"mailbox {after.get('file', '?')} ({after.get('messages', '?')} messages)"


def _with_entity(event: AuditEvent, submission: Submission) -> AuditEvent:
    if event.entity_id:
        return event
    return AuditEvent(actor=event.actor, action=event.action, entity_type=event.entity_type,
                      entity_id=str(submission.id), at=event.at, before=event.before, after=event.after)
