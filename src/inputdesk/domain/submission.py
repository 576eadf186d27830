"""Submissions, the files they carry and the passages extracted from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SubmissionStatus(StrEnum):
    RECEIVED = "received"
    FAILED = "failed"  # the main document could not be read; kept for review
    SCREENING = "screening"
    NEEDS_REVIEW = "needs_review"
    APPROVED = "approved"  # approved for publication
    CONFIDENTIAL = "confidential"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"


class Channel(StrEnum):
    IMPORT = "import"  # bulk import of files
    EMAIL = "email"  # imported e-mail or mailbox
    PORTAL = "portal"  # the public web form
    CHILD_PORTAL = "child_portal"


class DocumentRole(StrEnum):
    MAIN = "main"
    ANNEX = "annex"
    EMAIL_BODY = "email_body"
    ANSWERS = "answers"  # per-question answers typed into the portal


class ExtractionStatus(StrEnum):
    PENDING = "pending"
    EXTRACTED = "extracted"
    FAILED = "failed"
    NO_TEXT = "no_text"  # image, or a scan that needs OCR


# Submission flags shown in the review queue.
FLAG_NEEDS_REVIEW = "needs_review"
# The audit action recorded when a mailbox file is split into messages (entity: the mailbox's blob; after: its file
# name and message count). The store of originals reads it back: the mailbox is kept byte for byte too.
MAILBOX_SPLIT = "mailbox.split"
FLAG_ANNEX_FAILED = "annex_failed"
FLAG_NEEDS_OCR = "needs_ocr"
FLAG_FROM_CHILD = "from_child"
FLAG_ACTIVE_CONTENT = "active_content"
FLAG_LATE = "late"
FLAG_CHECK_FILES = "check_files"  # extraction left notes on a file (see Document.notes)


@dataclass
class SubmitterDetails:
    """Who submitted and on whose behalf; any field may be unknown at import."""

    submitter_name: str | None = None
    organisation: str | None = None
    stakeholder_category: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    language: str | None = None
    contact_email: str | None = None
    confidential: bool = False
    joint_authors: list[str] = field(default_factory=list)
    from_child: bool = False
    # field name -> why a person must check it (inferred, missing, not in the call)
    needs_review: dict[str, str] = field(default_factory=dict)


@dataclass
class Passage:
    text: str
    seq: int
    page: int | None = None
    heading: str | None = None
    language: str | None = None
    id: int | None = None
    document_id: int | None = None
    submission_id: int | None = None


@dataclass
class Document:
    role: DocumentRole
    filename: str
    blob_sha256: str
    size: int
    kind: str
    status: ExtractionStatus = ExtractionStatus.PENDING
    failure_reason: str | None = None
    failure_message: str | None = None
    page_count: int | None = None
    language: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    id: int | None = None
    submission_id: int | None = None
    parent_id: int | None = None  # the e-mail an attachment came with
    # What extraction noticed for a person to check: pages without text, a name that does not match the content,
    # attachments left out. Sentences, as the extractor wrote them.
    notes: list[str] = field(default_factory=list)


@dataclass
class Submission:
    call_id: str
    reference: str  # what the submitter and staff quote, e.g. "SR-DIG-0007"
    channel: Channel
    source_sha256: str  # idempotency key: the bytes that created it
    received_at: datetime
    details: SubmitterDetails
    status: SubmissionStatus = SubmissionStatus.RECEIVED
    flags: set[str] = field(default_factory=set)
    language: str | None = None
    id: int | None = None
    documents: list[Document] = field(default_factory=list)


@dataclass(frozen=True)
class AuditEvent:
    actor: str  # "system:import", "user:alice", ...
    action: str
    entity_type: str
    entity_id: str
    at: datetime
    before: dict | None = None
    after: dict | None = None
    id: int | None = None


PUBLICLY_VISIBLE_STATUSES = frozenset({SubmissionStatus.APPROVED})


def is_publicly_visible(submission: Submission) -> bool:
    """The one rule every public surface asks: approved and not confidential."""
    return submission.status in PUBLICLY_VISIBLE_STATUSES and not submission.details.confidential
