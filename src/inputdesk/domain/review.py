"""The review workflow's rules: which status may follow which, and what each decision needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from inputdesk.domain.submission import SubmissionStatus as S

# Flags the review workflow sets on submissions and documents.
FLAG_CONFIDENTIALITY_CONFIRMED = "confidentiality_confirmed"  # a reviewer checked the submitter's choice
FLAG_DUPLICATE = "duplicate"  # the same submission arrived twice: listed once, under the other one
FLAG_JOINT_PART = "joint_part"  # one copy of a joint submission: listed once, under the main copy
DOCUMENT_IMAGES_REVIEWED = "images_reviewed"  # a person looked at the pictures: they may be published

# The reviewer's decisions. Screening statuses (received, screening, failed, quarantined) are set by machines.
DECISIONS = (S.APPROVED, S.CONFIDENTIAL, S.WITHDRAWN, S.REJECTED, S.NEEDS_REVIEW)

# status now -> statuses a reviewer may move it to. Quarantine has no way out here: only an admin's release.
TRANSITIONS: dict[S, frozenset[S]] = {
    S.RECEIVED: frozenset({S.WITHDRAWN}),
    S.SCREENING: frozenset({S.WITHDRAWN}),
    S.FAILED: frozenset({S.NEEDS_REVIEW, S.CONFIDENTIAL, S.WITHDRAWN, S.REJECTED}),
    S.NEEDS_REVIEW: frozenset({S.APPROVED, S.CONFIDENTIAL, S.WITHDRAWN, S.REJECTED}),
    S.APPROVED: frozenset({S.NEEDS_REVIEW, S.CONFIDENTIAL, S.WITHDRAWN, S.REJECTED}),
    S.CONFIDENTIAL: frozenset({S.NEEDS_REVIEW, S.APPROVED, S.WITHDRAWN, S.REJECTED}),
    S.WITHDRAWN: frozenset({S.NEEDS_REVIEW}),
    S.REJECTED: frozenset({S.NEEDS_REVIEW}),
    S.QUARANTINED: frozenset(),
}

# A reason is required where the decision takes something away or reverses an earlier one.
REASON_REQUIRED = frozenset({S.WITHDRAWN, S.REJECTED, S.NEEDS_REVIEW})


class RejectionReason(StrEnum):
    SPAM = "spam"
    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    OTHER = "other"


class LinkKind(StrEnum):
    JOINT = "joint"  # this submission is another copy (or part) of a joint submission
    DUPLICATE = "duplicate"  # this submission repeats another one


@dataclass(frozen=True)
class SubmissionLink:
    submission_id: int
    target_id: int  # the submission it is listed under
    kind: LinkKind
    created_by: str
    id: int | None = None


class ReviewRefused(ValueError):
    """A review action that cannot be done; the message says why and what to do first."""


# How a reviewer says each status in a sentence ("the submission is already approved").
_SAID = {S.NEEDS_REVIEW: "awaiting review", S.APPROVED: "approved", S.CONFIDENTIAL: "confidential",
         S.REJECTED: "rejected", S.WITHDRAWN: "withdrawn", S.QUARANTINED: "quarantined", S.FAILED: "unreadable"}


def said(status: S) -> str:
    return _SAID.get(status, status.value.replace("_", " "))


def check_transition(current: S, new: S, reason: str | None) -> None:
    if new not in DECISIONS:
        raise ReviewRefused(f"'{new.value}' is set by screening, not by a reviewer")
    if current == S.QUARANTINED:
        raise ReviewRefused("the submission is quarantined after a hash-list match; only an administrator can "
                            "release it, with a reason")
    if new == current:
        raise ReviewRefused(f"the submission is already {said(current)}")
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(said(s) for s in TRANSITIONS[current])) or "nothing"
        raise ReviewRefused(f"a submission that is {said(current)} cannot become {said(new)} (it can become: "
                            f"{allowed})")
    if new in REASON_REQUIRED and not (reason or "").strip():
        doing = {S.REJECTED: "rejecting the submission", S.WITHDRAWN: "withdrawing the submission",
                 S.NEEDS_REVIEW: "sending the submission back to review"}.get(new, f"making the submission {said(new)}")
        raise ReviewRefused(f"give a reason for {doing}")


@dataclass(frozen=True)
class QueueFilter:
    """What a review queue shows. The role's scope (statuses, withheld submissions) is part of it, so the
    storage query itself leaves out what a person may not see."""

    statuses: frozenset[S] | None = None  # None: every status
    category: str | None = None
    country: str | None = None
    language: str | None = None
    flags: tuple[str, ...] = ()  # the submission has every one of them
    exclude_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PublishedFile:
    """A file made for the public from a submission: a sanitised copy of a received file, or the redacted text."""

    submission_id: int
    position: int
    name: str  # "SR24-0007.pdf", "SR24-0007-2.docx": from the reference, never from a received file name
    label: str  # "Text of the submission", "Annex 1 (cleaned copy)"
    media_type: str
    size: int
    sha256: str
    basis: str  # fingerprint of the review decisions it was built from; a change means rebuild
    published_at: datetime | None = None
