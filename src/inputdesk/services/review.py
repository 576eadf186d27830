"""The review workflow: the queue, status decisions with reasons, metadata corrections, confidentiality, links
between submissions, picture review, redaction decisions and quarantine release. Every change is audited with
its before and after, and every method checks the person's role itself (the console only calls these)."""

from __future__ import annotations

from dataclasses import dataclass

import pycountry

from inputdesk.domain.accounts import Permission, StaffUser
from inputdesk.domain.redaction import RedactionStatus, redacted_passage
from inputdesk.domain.review import (
    DOCUMENT_IMAGES_REVIEWED,
    FLAG_CONFIDENTIALITY_CONFIRMED,
    FLAG_DUPLICATE,
    FLAG_JOINT_PART,
    LinkKind,
    QueueFilter,
    ReviewRefused,
    SubmissionLink,
    check_transition,
)
from inputdesk.domain.errors import SubmissionNotFound
from inputdesk.domain.hash_screening import FLAG_QUARANTINE_RELEASED
from inputdesk.domain.submission import FLAG_NEEDS_REVIEW, AuditEvent, Passage, Submission, SubmissionStatus as S
from inputdesk.ports import AuditLog, CallStore, Clock
from inputdesk.services.access import NotVisible, check_visible, require, view_for, visible_statuses
from inputdesk.services.review_ports import ReviewStore

# Decisions that close a submission without anyone reading it: allowed even while its content is withheld.
CLOSING = frozenset({S.REJECTED, S.WITHDRAWN})
EDITABLE = ("submitter_name", "organisation", "stakeholder_category", "country", "language", "joint_authors")


@dataclass(frozen=True)
class QueueRequest:
    status: S | None = None
    category: str | None = None
    country: str | None = None
    language: str | None = None
    flags: tuple[str, ...] = ()


class ReviewService:
    def __init__(self, calls: CallStore, submissions, reviews: ReviewStore, redactions, publication, guard,
                 audit: AuditLog, clock: Clock):
        self.calls = calls
        self.submissions = submissions
        self.reviews = reviews
        self.redactions = redactions
        self.publication = publication
        self.guard = guard
        self.audit = audit
        self.clock = clock

    # --- reading ------------------------------------------------------------------------------
    def queue(self, user: StaffUser, call_id: str, request: QueueRequest = QueueRequest()) -> list:
        require(user, Permission.VIEW_QUEUE)
        scope = visible_statuses(user)
        statuses = scope if request.status is None else frozenset({request.status}) & (scope or {request.status})
        withheld = self.guard.withheld_submission_ids() if scope is not None else frozenset()
        where = QueueFilter(statuses=statuses, category=request.category, country=request.country,
                            language=request.language, flags=request.flags, exclude_ids=frozenset(withheld))
        return [view_for(user, s) for s in self.reviews.queue(self.calls.get_call(call_id).id, where)]

    def submission(self, user: StaffUser, reference: str) -> Submission:
        """The stored submission, if this person may see it (`NotVisible` otherwise); callers show `view_for`."""
        require(user, Permission.VIEW_QUEUE)
        submission = self.submissions.get_by_reference(reference)
        withheld = frozenset() if visible_statuses(user) is None else self.guard.withheld_submission_ids()
        check_visible(user, submission, withheld)
        return submission

    def open(self, user: StaffUser, reference: str):
        """The submission as this person may see it; the viewing is audited."""
        submission = self.submission(user, reference)
        self._audit(user, "submission.viewed", submission, None, {"role": user.role.value})
        return view_for(user, submission)

    def passages(self, user: StaffUser, reference: str) -> list[Passage]:
        """Extracted text. Analysts get it with every proposed or accepted redaction removed (names included), so a
        confidential submitter's identity does not reach them through the text either."""
        submission = self.submission(user, reference)
        self.guard.check_submission(submission.id, user.actor, "review")  # quarantined: QuarantinedContent
        passages = self.submissions.passages_for_submission(submission.id)
        if user.can(Permission.VIEW_IDENTITIES):
            return passages
        hide = [p for p in self.redactions.store.proposals_for_submission(submission.id)
                if p.status != RedactionStatus.REJECTED]
        return [redacted_passage(p, [h for h in hide if h.matches(p)]) for p in passages]

    def audit_trail(self, user: StaffUser, reference: str) -> list[AuditEvent]:
        require(user, Permission.VIEW_AUDIT)
        s = self.submission(user, reference)
        proposals = self.redactions.store.proposals_for_submission(s.id)
        return self.reviews.audit_for_submission(s.id, [d.id for d in s.documents], [p.id for p in proposals])

    def links(self, user: StaffUser, reference: str) -> list[tuple[SubmissionLink, str, str]]:
        """(link, this reference, the other reference) for links from and to the submission."""
        s = self.submission(user, reference)
        refs = lambda sid: self.submissions.get_submission(sid).reference  # noqa: E731
        return [(link, refs(link.submission_id), refs(link.target_id)) for link in self.reviews.links_of(s.id)]

    # --- deciding -----------------------------------------------------------------------------
    def set_status(self, user: StaffUser, reference: str, status: S, reason: str = "", *,
                   confirm_public: bool = False) -> Submission:
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        check_transition(s.status, status, reason)
        if status not in CLOSING:
            self._check_not_withheld(s, f"made {status.value.replace('_', ' ')} (it can be rejected or withdrawn)")
        before = _state(s)
        if status == S.APPROVED:
            self._check_approvable(s, confirm_public, user)
            try:
                if FLAG_DUPLICATE not in s.flags:  # a duplicate is never listed: no files to build or keep
                    self.publication.publish(s, user.actor)  # first: a refusal leaves everything as it was
            except Exception as problem:  # NotPublishable, RedactionLeak, StaleRedaction
                raise ReviewRefused(f"not approved: {problem}") from problem
        if status == S.CONFIDENTIAL:
            s.details.confidential = True
            s.flags.add(FLAG_CONFIDENTIALITY_CONFIRMED)
        was_public = s.status == S.APPROVED
        s.status = status
        self.submissions.update_submission(s, self._event(user, "review.status", s, before,
                                                          {**_state(s), "reason": reason.strip()}))
        if was_public and status != S.APPROVED:  # already off every page: the status changed above
            self.publication.unpublish(s, user.actor)
        return s

    def confirm_confidentiality(self, user: StaffUser, reference: str, confidential: bool,
                                reason: str = "") -> Submission:
        """Record that the submitter's publication choice was checked, or change it (with a reason)."""
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        if s.status == S.QUARANTINED:
            raise ReviewRefused("the submission is quarantined")
        if confidential != s.details.confidential and not reason.strip():
            raise ReviewRefused("say why the submitter's choice changes (e.g. 'asked by e-mail on 3 May')")
        before = _state(s)
        was_public = s.status == S.APPROVED
        s.details.confidential = confidential
        s.flags.add(FLAG_CONFIDENTIALITY_CONFIRMED)
        if confidential and was_public:
            s.status = S.CONFIDENTIAL
        self.submissions.update_submission(s, self._event(user, "review.confidentiality", s, before,
                                                          {**_state(s), "reason": reason.strip()}))
        if confidential and was_public:
            self.publication.unpublish(s, user.actor)
        return s

    def correct_metadata(self, user: StaffUser, reference: str, changes: dict, *, checked: bool = False) -> Submission:
        """Correct who sent it and what it is; corrected (or, with `checked`, all) 'needs review' notes clear."""
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        self._check_not_withheld(s, "corrected")
        call = self.calls.get_call(s.call_id)
        d = s.details
        new = {k: _clean(k, v) for k, v in changes.items() if k in EDITABLE}
        if new.get("stakeholder_category") and not call.has_category(new["stakeholder_category"]):
            raise ReviewRefused(f"the call has no stakeholder category {new['stakeholder_category']!r}")
        if new.get("country") and pycountry.countries.get(alpha_2=new["country"]) is None:
            raise ReviewRefused(f"{new['country']!r} is not an ISO 3166 country code (e.g. KE, FR)")
        if new.get("language") and pycountry.languages.get(alpha_2=new["language"]) is None:
            raise ReviewRefused(f"{new['language']!r} is not an ISO 639-1 language code (e.g. en, fr)")
        changed = {k: v for k, v in new.items() if v != getattr(d, k)}
        before = {k: getattr(d, k) for k in changed} | {"needs_review": dict(d.needs_review)}
        for key, value in changed.items():
            setattr(d, key, value)
            d.needs_review.pop(key, None)
        if "language" in changed:
            s.language = changed["language"]
        if checked:
            d.needs_review.clear()
        if not d.needs_review:
            s.flags.discard(FLAG_NEEDS_REVIEW)
        after = {k: getattr(d, k) for k in changed} | {"needs_review": dict(d.needs_review)}
        if before != after:
            self.submissions.update_submission(s, self._event(user, "review.metadata", s, before, after))
        return s

    def link(self, user: StaffUser, reference: str, target_reference: str, kind: LinkKind) -> None:
        """List `reference` under `target_reference`: another copy of a joint submission, or a duplicate."""
        require(user, Permission.REVIEW)
        s, wanted = self.submission(user, reference), (target_reference or "").strip().upper()
        if not wanted:
            raise ReviewRefused("give the reference of the submission to list this one under (e.g. SR24-0007)")
        try:
            target = self.submission(user, wanted)
        except (SubmissionNotFound, NotVisible):
            raise ReviewRefused(f"there is no submission {wanted} that you can see; check the reference") from None
        if s.id == target.id or s.call_id != target.call_id:
            raise ReviewRefused("link a submission to another submission of the same call")
        self._check_not_withheld(s, "linked")
        self._check_not_withheld(target, "linked to (a copy listed under it would never be published)")
        if any(l.submission_id == target.id for l in self.reviews.links_of(target.id)):
            raise ReviewRefused(f"{target.reference} is itself listed under another submission; link to that one")
        if any(l.target_id == s.id for l in self.reviews.links_of(s.id)):
            raise ReviewRefused(f"other submissions are listed under {s.reference}; unlink them first")
        flag = FLAG_JOINT_PART if kind == LinkKind.JOINT else FLAG_DUPLICATE
        before = _state(s)
        s.flags.add(flag)
        event = self._event(user, f"review.linked_{kind.value}", s, before,
                            {**_state(s), "target": target.reference})
        self.reviews.add_link(SubmissionLink(s.id, target.id, kind, user.actor), self.clock.now(), event)
        self.submissions.update_submission(s)
        if kind == LinkKind.DUPLICATE and s.status == S.APPROVED:
            self.publication.unpublish(s, user.actor)  # off every page already; its files go too

    def unlink(self, user: StaffUser, reference: str, kind: LinkKind) -> None:
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        self._check_not_withheld(s, "unlinked")
        before = _state(s)
        s.flags.discard(FLAG_JOINT_PART if kind == LinkKind.JOINT else FLAG_DUPLICATE)
        if self.reviews.remove_link(s.id, kind, self._event(user, f"review.unlinked_{kind.value}", s, before,
                                                            _state(s))):
            self.submissions.update_submission(s)

    def mark_pictures_reviewed(self, user: StaffUser, reference: str, document_id: int) -> None:
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        doc = next((d for d in s.documents if d.id == document_id), None)
        if doc is None:
            raise ReviewRefused(f"{reference} has no document {document_id}")
        self.guard.check_submission(s.id, user.actor, "picture review")
        if DOCUMENT_IMAGES_REVIEWED not in doc.flags:
            doc.flags.add(DOCUMENT_IMAGES_REVIEWED)
            self.submissions.update_document(doc)
            self._audit(user, "review.pictures_reviewed", s, None, {"document_id": doc.id})
            self._refresh_published(s)

    def decide_redactions(self, user: StaffUser, reference: str, ids: list[int], status: RedactionStatus) -> int:
        """Accept or reject proposals of this submission (all undecided ones when `ids` is empty)."""
        require(user, Permission.REVIEW)
        s = self.submission(user, reference)
        self._check_not_withheld(s, "redacted")
        own = {p.id for p in self.redactions.store.proposals_for_submission(s.id)}
        if set(ids) - own:
            raise ReviewRefused(f"proposal(s) {sorted(set(ids) - own)} do not belong to {reference}")
        count = (len(self.redactions.decide(ids, status, user.actor)) if ids
                 else self.redactions.decide_all(s.reference, status, user.actor))
        self._refresh_published(s)
        return count

    def release_quarantine(self, user: StaffUser, reference: str, reason: str) -> Submission:
        """An administrator's release of a quarantine (e.g. a hotline confirmed a false match). The content guard
        still withholds the files while a hash-list match is recorded for them."""
        require(user, Permission.RELEASE_QUARANTINE)
        s = self.submissions.get_by_reference(reference)
        if s.status != S.QUARANTINED:
            raise ReviewRefused(f"{reference} is not quarantined")
        if not reason.strip():
            raise ReviewRefused("give the reason for the release (who confirmed the match was false, when)")
        before = _state(s)
        s.status = S.NEEDS_REVIEW
        s.flags.add(FLAG_QUARANTINE_RELEASED)  # a rescan does not quarantine it again for the same matches
        self.submissions.update_submission(s, self._event(user, "review.quarantine_released", s, before,
                                                          {**_state(s), "reason": reason.strip()}))
        return s

    # --- helpers ------------------------------------------------------------------------------
    def _check_not_withheld(self, s: Submission, what: str) -> None:
        """Nothing is decided on content nobody may read: a quarantined submission, or one released while a
        hash-list match is still recorded for its files, can only be rejected or withdrawn."""
        if self.guard.is_quarantined(s.id):
            why = ("quarantined after a hash-list match" if s.status == S.QUARANTINED
                   else "a hash-list match is still recorded for its files, though the quarantine was released")
            raise ReviewRefused(f"{s.reference}'s content is withheld ({why}), so it cannot be {what}")

    def _refresh_published(self, s: Submission) -> None:
        """A published submission's files follow every new decision at once (not only on the next visit)."""
        if s.status == S.APPROVED:
            self.publication.files_of(self.submissions.get_submission(s.id))

    def _check_approvable(self, s: Submission, confirm_public: bool, user: StaffUser) -> None:
        self.guard.check_submission(s.id, user.actor, "approve")
        if s.details.confidential:
            raise ReviewRefused("the submitter asked for confidentiality; change the publication choice first, "
                                "with the reason, if they agreed to publication")
        if not (confirm_public or FLAG_CONFIDENTIALITY_CONFIRMED in s.flags):
            raise ReviewRefused("confirm that you checked the submitter's choice to be published")
        if s.details.needs_review:
            # What the page and the open data say of it (who, category, country, date received) must be right.
            fields = ", ".join(key.replace("_", " ") for key in sorted(s.details.needs_review))
            raise ReviewRefused(f"check the details marked 'needs review' first ({fields}): correct them, or "
                                "confirm that they were checked")
        s.flags.add(FLAG_CONFIDENTIALITY_CONFIRMED)

    def _event(self, user: StaffUser, action: str, s: Submission, before: dict | None, after: dict) -> AuditEvent:
        return AuditEvent(actor=user.actor, action=action, entity_type="submission", entity_id=str(s.id),
                          at=self.clock.now(), before=before, after=after)

    def _audit(self, user: StaffUser, action: str, s: Submission, before: dict | None, after: dict) -> None:
        self.audit.append(self._event(user, action, s, before, after))


def _state(s: Submission) -> dict:
    return {"status": s.status.value, "confidential": s.details.confidential, "flags": sorted(s.flags)}


def _clean(key: str, value):
    if key == "joint_authors":
        items = value.splitlines() if isinstance(value, str) else list(value or [])
        return [" ".join(i.split()) for i in items if i.strip()]
    value = " ".join(str(value or "").split()) or None
    if value and key == "country":
        return value.upper()
    return value.lower() if value and key == "language" else value
