"""Receiving a submission: store the originals first, then extract text into passages."""

from __future__ import annotations

import hashlib
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from inputdesk.domain.call import Call
from inputdesk.domain.extraction import (
    NEEDS_OCR,
    ACTIVE_CONTENT,
    ExtractedDocument,
    ExtractionFailure,
    ExtractionLimits,
    FileKind,
)
from inputdesk.domain.submission import (
    MAILBOX_SPLIT,
    FLAG_ACTIVE_CONTENT,
    FLAG_ANNEX_FAILED,
    FLAG_CHECK_FILES,
    FLAG_FROM_CHILD,
    FLAG_LATE,
    FLAG_NEEDS_OCR,
    FLAG_NEEDS_REVIEW,
    AuditEvent,
    Channel,
    Document,
    DocumentRole,
    ExtractionStatus,
    Submission,
    SubmissionStatus,
    SubmitterDetails,
)
from inputdesk.pipeline.mail_headers import message_date, message_key
from inputdesk.pipeline.mailbox import mbox_messages
from inputdesk.pipeline.extract import too_large
from inputdesk.pipeline.segment import document_language, segment
from inputdesk.pipeline.sniff import sniff
from inputdesk.ports import AuditLog, BlobStore, CallStore, Clock, Extractor, SubmissionScreen
from inputdesk.services.inference import infer_details
from inputdesk.domain.errors import BlobTooLarge, DuplicateSource

IMPORTED, DUPLICATE, RESUMED, FAILED = "imported", "duplicate", "resumed", "failed"


@dataclass(frozen=True)
class IncomingFile:
    """A received file. `stored`: (SHA-256, size) of a file already put in the blob store in chunks, too large to
    hold in memory; `data` then holds only its beginning (enough to tell its type and an e-mail's date)."""

    filename: str
    data: bytes
    stored: tuple[str, int] | None = None

    @property
    def size(self) -> int:
        return self.stored[1] if self.stored else len(self.data)


@dataclass
class IntakeResult:
    outcome: str  # imported | duplicate | resumed | failed
    filename: str
    reference: str | None = None
    submission_id: int | None = None
    reasons: list[str] = field(default_factory=list)  # one line per failed file, specific


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class IntakeService:
    """The one way files enter InputDesk: bulk import, e-mail and the web portal all call this."""

    def __init__(self, calls: CallStore, submissions, blobs: BlobStore, audit: AuditLog, extractor: Extractor,
                 limits: ExtractionLimits, clock: Clock | None = None, screens: list[SubmissionScreen] = (),
                 locks=None):
        self.calls = calls
        self.submissions = submissions
        self.blobs = blobs
        self.audit = audit
        self.extractor = extractor
        self.limits = limits
        self.clock = clock or SystemClock()
        self.screens = list(screens)
        # Processes sharing a data directory take turns on a submission (storage.work_locks); default: one process.
        self.locks = locks or _NoLocks()

    def receive(self, call_id: str, main: IncomingFile, annexes: list[IncomingFile] = (), *,
                details: SubmitterDetails | None = None, channel: Channel = Channel.IMPORT,
                received_at: datetime | None = None, actor: str = "system:import",
                source_key: str | None = None, main_role: DocumentRole = DocumentRole.MAIN) -> list[IntakeResult]:
        """Register one received item and process it at once (extraction, screening). A mailbox yields one
        result per message. See `register` for the arguments."""
        results = self.register(call_id, main, annexes, details=details, channel=channel, received_at=received_at,
                                actor=actor, source_key=source_key, main_role=main_role)
        return [self.process(r.submission_id, actor, r.outcome) if r.outcome in (IMPORTED, RESUMED) else r
                for r in results]

    def register(self, call_id: str, main: IncomingFile, annexes: list[IncomingFile] = (), *,
                 details: SubmitterDetails | None = None, channel: Channel = Channel.IMPORT,
                 received_at: datetime | None = None, actor: str = "system:import",
                 source_key: str | None = None, main_role: DocumentRole = DocumentRole.MAIN) -> list[IntakeResult]:
        """Store the originals and commit the submission (status `received`); extraction and screening are left
        to `process`, so the portal can answer as soon as nothing can be lost.

        `source_key` makes a repeated delivery idempotent (default: the SHA-256 of the main file); the portal
        passes the hash of its one-time form token so a double-clicked submit creates one submission.
        Outcomes: `imported` (new), `resumed` (known but unfinished: process it), `duplicate` (known and done).
        """
        call = self.calls.get_call(call_id)
        # Nothing happens before the bytes are safe on disk.
        main_sha = main.stored[0] if main.stored else self.blobs.put(main.data)
        annex_shas = [a.stored[0] if a.stored else self.blobs.put(a.data) for a in annexes]
        kind = sniff(main.data, main.filename)
        if kind == FileKind.MBOX and not annexes:  # split even when over the per-file limit: each message counts
            return self._register_mailbox(call, main, main_sha, actor)
        source = source_key or (message_key(main.data) if kind == FileKind.EML else None) or main_sha
        # Also by the bytes: e-mails stored before they were known by their Message-ID.
        existing = self.submissions.find_by_source(call.id, source) or (
            self.submissions.find_by_source(call.id, main_sha) if source != main_sha else None)
        if existing is not None:
            return [self._known(existing, main.filename)]
        submission = self._new_submission(call, main, main_sha, kind, annexes, annex_shas, details, channel,
                                          received_at, source)
        submission.documents[0].role = main_role
        try:
            self.submissions.add_submission(submission, self._event(actor, "submission.received", None, {
                "reference": submission.reference, "files": [d.filename for d in submission.documents],
                "sha256": [d.blob_sha256 for d in submission.documents], "channel": channel.value}),
                reference_prefix=call.reference_prefix)
        except DuplicateSource:  # a concurrent delivery of the same bytes won the race
            existing = self.submissions.find_by_source(call.id, source)
            return [IntakeResult(DUPLICATE, main.filename, existing.reference if existing else None,
                                 existing.id if existing else None)]
        return [IntakeResult(IMPORTED, main.filename, submission.reference, submission.id)]

    def process(self, submission_id: int, actor: str = "system:intake", outcome: str = IMPORTED) -> IntakeResult:
        """Extract pending documents and run the screens; safe to call again after an interruption, and from two
        processes at once (the second waits, then finds the work done)."""
        with self.locks.hold(submission_id):
            submission = self.submissions.get_submission(submission_id)
            call = self.calls.get_call(submission.call_id)
            main = next(d for d in submission.documents if d.parent_id is None and d.role != DocumentRole.ANNEX)
            if not self._unfinished(submission):
                return IntakeResult(DUPLICATE, main.filename, submission.reference, submission.id)
            return self._extract_pending(call, submission, main.filename, outcome, actor)

    def unfinished(self, call_id: str | None = None) -> list[int]:
        """Submissions registered but not yet processed (e.g. the server stopped in between)."""
        return [s.id for status in (SubmissionStatus.RECEIVED, SubmissionStatus.SCREENING)
                for s in self.submissions.list_submissions(call_id=call_id, status=status)]

    # --- steps ---------------------------------------------------------------
    def _new_submission(self, call, main, main_sha, kind, annexes, annex_shas, details, channel, received_at, source):
        now = self.clock.now()
        # an e-mail was received when it was sent to the mandate, not when we import the export
        known = received_at or (message_date(main.data) if kind in (FileKind.EML,) else None)
        details = details or SubmitterDetails()
        if known is not None and known > now + _CLOCK_SKEW:
            details.needs_review["received_at"] = f"the e-mail says it was sent on {known:%Y-%m-%d}, in the future"
            known = None
        elif known is None and channel in (Channel.IMPORT, Channel.EMAIL):
            # a file on disk or an e-mail without a readable date: when the mandate got it is not known
            details.needs_review["received_at"] = "not known; the date of the import is used"
        received = known or now
        docs = [Document(role=DocumentRole.MAIN, filename=main.filename, blob_sha256=main_sha, size=main.size,
                         kind=kind.value)]
        for annex, sha in zip(annexes, annex_shas):
            docs.append(Document(role=DocumentRole.ANNEX, filename=annex.filename, blob_sha256=sha,
                                 size=annex.size, kind=sniff(annex.data, annex.filename).value))
        flags: set[str] = set()
        if details.from_child:
            flags.add(FLAG_FROM_CHILD)
        if call.is_late(received) and "received_at" not in details.needs_review:
            flags.add(FLAG_LATE)  # only on a date someone can stand by
        # numbered by the store when it commits (add_submission's reference_prefix)
        return Submission(call_id=call.id, reference="", channel=channel,
                          source_sha256=source, received_at=received, details=details, flags=flags, documents=docs)

    def _register_mailbox(self, call: Call, main: IncomingFile, main_sha: str, actor: str) -> list[IntakeResult]:
        """One submission per message. A mailbox over the per-file limit (an export with a year of attachments)
        is read from the store line by line, so only one message at a time is in memory."""
        results: list[IntakeResult] = []
        count = 0
        try:
            with (self.blobs.open(main_sha) if main.stored else io.BytesIO(main.data)) as lines:
                for count, raw in enumerate(mbox_messages(lines), start=1):
                    results.extend(self.register(call.id, IncomingFile(f"{main.filename}#{count}.eml", raw),
                                                 channel=Channel.EMAIL, actor=actor))
        except Exception as exc:  # noqa: BLE001 - a broken mailbox must not stop the batch
            results.append(IntakeResult(FAILED, main.filename, reasons=[
                f"{main.filename}: the mailbox could not be split into messages after message {count} ({exc}); "
                f"it is stored as {main_sha[:12]}"]))
        self.audit.append(self._event(actor, MAILBOX_SPLIT, None, {"file": main.filename, "sha256": main_sha,
                                                                      "messages": count}, "blob", main_sha))
        return results

    def _known(self, submission: Submission, filename: str) -> IntakeResult:
        outcome = RESUMED if self._unfinished(submission) else DUPLICATE
        return IntakeResult(outcome, filename, submission.reference, submission.id)

    @staticmethod
    def _unfinished(submission: Submission) -> bool:
        return (submission.status in (SubmissionStatus.RECEIVED, SubmissionStatus.SCREENING)
                or any(d.status == ExtractionStatus.PENDING for d in submission.documents))

    def _extract_pending(self, call: Call, submission: Submission, filename: str, outcome: str,
                         actor: str) -> IntakeResult:
        pending = [d for d in submission.documents if d.status == ExtractionStatus.PENDING]
        while pending:
            doc = pending.pop(0)
            pending.extend(self._extract_one(submission, doc))
        return self._finish(call, submission, filename, outcome, actor)

    def _extract_one(self, submission: Submission, doc: Document) -> list[Document]:
        """Extract one document; returns attachments that became new pending documents."""
        if doc.size > self.limits.max_bytes:  # refused unread: a file larger than the memory must not stop the import
            outcome = too_large(doc.filename, doc.size, self.limits)
        else:
            outcome = self.extractor.extract(self.blobs.get(doc.blob_sha256), doc.filename, self.limits)
        new_docs: list[Document] = []
        if isinstance(outcome, ExtractionFailure):
            doc.status = ExtractionStatus.FAILED
            doc.failure_reason = outcome.reason.value
            doc.failure_message = outcome.message
            self.submissions.save_extraction(doc, [])
            return new_docs
        new_docs = self._register_attachments(submission, doc, outcome)
        passages = segment(outcome)
        doc.kind = outcome.kind.value
        doc.page_count = outcome.page_count
        doc.metadata = {k: str(v) for k, v in outcome.metadata.items()}
        doc.flags = set(outcome.flags)
        doc.notes = list(outcome.warnings)
        doc.language = outcome.language or document_language(passages)
        doc.status = ExtractionStatus.EXTRACTED if passages else ExtractionStatus.NO_TEXT
        self.submissions.save_extraction(doc, passages)
        return new_docs

    def _register_attachments(self, submission: Submission, parent: Document, doc: ExtractedDocument) -> list[Document]:
        known = {(d.parent_id, d.blob_sha256, d.filename) for d in submission.documents}
        added: list[Document] = []
        for att in doc.attachments:
            sha = self.blobs.put(att.data)
            if (parent.id, sha, att.filename) in known:  # already registered before an interruption
                continue
            child = Document(role=DocumentRole.ANNEX, filename=att.filename, blob_sha256=sha, size=len(att.data),
                             kind=sniff(att.data, att.filename).value, submission_id=submission.id, parent_id=parent.id)
            self.submissions.add_document(child)
            submission.documents.append(child)
            added.append(child)
        return added

    def _finish(self, call: Call, submission: Submission, filename: str, outcome: str, actor: str) -> IntakeResult:
        before = {"status": submission.status.value, "flags": sorted(submission.flags)}
        fresh = self.submissions.get_submission(submission.id)
        submission.documents = fresh.documents
        passages = self.submissions.passages_for_submission(submission.id)
        main = next(d for d in submission.documents if d.parent_id is None and d.role != DocumentRole.ANNEX)
        infer_details(call, submission, main, passages)
        reasons = [d.failure_message if d.filename in (d.failure_message or "") else f"{d.filename}: {d.failure_message}"
                   for d in submission.documents if d.status == ExtractionStatus.FAILED]
        if any(d.status == ExtractionStatus.FAILED and d is not main for d in submission.documents):
            submission.flags.add(FLAG_ANNEX_FAILED)
        if any(NEEDS_OCR in d.flags for d in submission.documents):
            submission.flags.add(FLAG_NEEDS_OCR)
        if any(ACTIVE_CONTENT in d.flags for d in submission.documents):
            submission.flags.add(FLAG_ACTIVE_CONTENT)
        if any(d.notes for d in submission.documents):
            submission.flags.add(FLAG_CHECK_FILES)
        if submission.details.needs_review:
            submission.flags.add(FLAG_NEEDS_REVIEW)
        main_failed = main.status == ExtractionStatus.FAILED
        submission.status = SubmissionStatus.SCREENING
        for screen in self.screens:  # nothing is shown to a person before every screen has run
            screen.screen(submission, self._screenable)
            if submission.status == SubmissionStatus.QUARANTINED:
                break
        if submission.status == SubmissionStatus.SCREENING:
            submission.status = SubmissionStatus.FAILED if main_failed else SubmissionStatus.NEEDS_REVIEW
        self.submissions.update_submission(submission, self._event(actor, "submission.extracted", before, {
            "status": submission.status.value, "flags": sorted(submission.flags), "failures": reasons}))
        return IntakeResult(FAILED if main_failed else outcome, filename, submission.reference, submission.id, reasons)

    def _screenable(self, sha256: str) -> bytes:
        return screenable(self.blobs, self.limits.max_bytes)(sha256)

    def _event(self, actor, action, before, after, entity_type="submission", entity_id="") -> AuditEvent:
        return AuditEvent(actor=actor, action=action, entity_type=entity_type, entity_id=entity_id,
                          at=self.clock.now(), before=before, after=after)


def screenable(blobs: BlobStore, max_bytes: int):
    """A reader of stored files for the screens that leaves a file over the per-file limit unread (raising
    BlobTooLarge): the screen counts it as not screened, so the content guard withholds it until a person deals
    with it, and a file larger than the memory cannot stop an import or a rescan."""

    def read(sha256: str) -> bytes:
        size = blobs.size(sha256)
        if size > max_bytes:
            raise BlobTooLarge(sha256, size)
        return blobs.get(sha256)

    return read


class _NoLocks:
    @contextmanager
    def hold(self, submission_id: int):
        yield


_CLOCK_SKEW = timedelta(days=1)  # a sender's clock may run ahead; a date further ahead is wrong


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
