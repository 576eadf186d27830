"""Who may see and do what: the role policy, applied in services and in the queue query, and the per-role schemas.

Analysts read reviewed material only (approved or confidential, never quarantined) and never the identity of a
confidential submitter: their schemas have no field that could carry it, so no template can show it by mistake.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from inputdesk.domain.accounts import ROLE_PERMISSIONS, Permission, Role, StaffUser
from inputdesk.domain.submission import AuditEvent, Document, Submission, SubmissionStatus

ANALYST_STATUSES = frozenset({SubmissionStatus.APPROVED, SubmissionStatus.CONFIDENTIAL})


class Forbidden(PermissionError):
    """The signed-in person's role does not allow this; the message says which role does. `user` and `permission`
    say who asked for what, for the audit log."""

    def __init__(self, message: str, user: StaffUser | None = None, permission: Permission | None = None):
        super().__init__(message)
        self.user, self.permission = user, permission


class NotVisible(LookupError):
    """The submission does not exist for this person (outside their role's scope): answered as 'not found'."""


def require(user: StaffUser | None, permission: Permission) -> StaffUser:
    if user is None or not user.active:
        raise Forbidden("sign in first")
    if not user.can(permission):
        roles = [r.value for r in Role if permission in ROLE_PERMISSIONS[r]]
        raise Forbidden(f"this needs the {' or '.join(roles)} role; you are {user.role.value}", user, permission)
    return user


def record_refusal(audit, clock, refusal: Forbidden, where: str, entity: tuple[str, str] | None = None) -> None:
    """Put a signed-in person's attempt beyond their role on the record (`access.refused`: who, role, what for,
    where), against the document or submission asked for when there is one, so it shows in that submission's
    audit log; an attempt without a session is not a person's and is not recorded."""
    if refusal.user is None:
        return
    entity_type, entity_id = entity or ("route", where)
    audit.append(AuditEvent(actor=refusal.user.actor, action="access.refused", entity_type=entity_type,
                            entity_id=entity_id, at=clock.now(),
                            after={"route": where, "role": refusal.user.role.value,
                                   "needs": refusal.permission.value if refusal.permission else None}))


def visible_statuses(user: StaffUser) -> frozenset[SubmissionStatus] | None:
    """The statuses a person may list and open; None: all of them."""
    return None if user.can(Permission.VIEW_ALL_STATUSES) else ANALYST_STATUSES


def check_visible(user: StaffUser, submission: Submission, withheld: frozenset[int]) -> None:
    scope = visible_statuses(user)
    if scope is not None and (submission.status not in scope or submission.id in withheld):
        raise NotVisible(submission.reference)


def document_labels(submission: Submission) -> dict[int, str]:
    """'Main document', 'Annex 1', 'Attachment 1': names that never come from a received file name."""
    labels: dict[int, str] = {}
    annexes = attachments = 0
    for doc in submission.documents:
        if doc.parent_id is not None:
            attachments += 1
            labels[doc.id] = f"Attachment {attachments}"
        elif doc.role.value == "annex":
            annexes += 1
            labels[doc.id] = f"Annex {annexes}"
        else:
            labels[doc.id] = "Main document" if "Main document" not in labels.values() else f"Document {doc.id}"
    return labels


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentAnalyst(_Frozen):
    id: int
    label: str
    kind: str
    status: str
    pages: int | None
    language: str | None


class DocumentStaff(DocumentAnalyst):
    filename: str
    size: int
    sha256: str
    role: str
    parent_id: int | None
    flags: list[str]
    failure: str | None
    notes: list[str] = []  # what extraction noticed for a person to check


class SubmissionAnalyst(_Frozen):
    """What an analyst sees of a confidential submission: no name, organisation, e-mail or file name."""

    id: int
    reference: str
    call_id: str
    status: str
    received_at: datetime
    category: str | None
    country: str | None
    language: str | None
    confidential: bool
    from_child: bool
    documents: list[DocumentAnalyst]


class SubmissionAnalystNamed(SubmissionAnalyst):
    """A submission sent for publication: its organisation is public anyway; the person's name and e-mail are not."""

    organisation: str | None
    joint_authors: list[str]


class SubmissionStaff(SubmissionAnalystNamed):
    """Everything, for reviewers and administrators."""

    channel: str
    flags: list[str]
    submitter_name: str | None
    contact_email: str | None
    needs_review: dict[str, str]
    documents: list[DocumentStaff]


def _document(doc: Document, label: str, full: bool) -> DocumentAnalyst:
    common = dict(id=doc.id, label=label, kind=doc.kind, status=doc.status.value, pages=doc.page_count,
                  language=doc.language)
    if not full:
        return DocumentAnalyst(**common)
    return DocumentStaff(**common, filename=doc.filename, size=doc.size, sha256=doc.blob_sha256, role=doc.role.value,
                         parent_id=doc.parent_id, flags=sorted(doc.flags), failure=doc.failure_message,
                         notes=list(doc.notes))


def view_for(user: StaffUser, submission: Submission) -> SubmissionAnalyst:
    """The submission as this person may see it (a SubmissionStaff for reviewers and admins)."""
    d = submission.details
    full = user.can(Permission.VIEW_IDENTITIES)
    labels = document_labels(submission)
    common = dict(id=submission.id, reference=submission.reference, call_id=submission.call_id,
                  status=submission.status.value, received_at=submission.received_at,
                  category=d.stakeholder_category, country=d.country, language=submission.language or d.language,
                  confidential=d.confidential, from_child=d.from_child,
                  documents=[_document(doc, labels[doc.id], full) for doc in submission.documents])
    if full:
        return SubmissionStaff(**common, organisation=d.organisation, joint_authors=list(d.joint_authors),
                               channel=submission.channel.value, flags=sorted(submission.flags),
                               submitter_name=d.submitter_name, contact_email=d.contact_email,
                               needs_review=dict(d.needs_review))
    if d.confidential or submission.status != SubmissionStatus.APPROVED:
        return SubmissionAnalyst(**common)
    return SubmissionAnalystNamed(**common, organisation=d.organisation, joint_authors=list(d.joint_authors))
