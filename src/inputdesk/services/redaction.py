"""Reviewing redaction proposals and publishing redacted text: what the CLI and the review console call."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from inputdesk.domain.redaction import (
    FLAG_PII_CHECK_FAILED,
    MANUAL,
    RedactionProposal,
    RedactionStatus,
    redacted_passage,
    span_sha256,
)
from inputdesk.domain.submission import AuditEvent, Passage, Submission, SubmissionStatus
from inputdesk.pipeline.personal_data.entities import LANGUAGE_NAMES
from inputdesk.ports import AuditLog, Clock
from inputdesk.services.personal_data_screen import SCREENED, PersonalDataScreen, ScanResult, refresh_flags
from inputdesk.services.redaction_pdf import PublishedSection, check_removed, render_published_pdf
from inputdesk.services.redaction_ports import RedactionStore

CONTEXT_CHARS = 60
NOT_PUBLISHABLE = {SubmissionStatus.QUARANTINED, SubmissionStatus.WITHDRAWN, SubmissionStatus.REJECTED}


class RedactionNotFound(KeyError):
    def __str__(self) -> str:
        return f"no redaction proposal {self.args[0]}; see 'inputdesk redactions list REF'"


class NotPublishable(Exception):
    """The submission may not be published (yet); the message says why and what to do."""


@dataclass(frozen=True)
class ReviewItem:
    """A proposal as a reviewer sees it: the found text in its context, and where it is."""

    proposal: RedactionProposal
    found_text: str
    before: str
    after: str
    page: int | None
    heading: str | None
    language: str | None
    stale: bool = False  # the passage no longer holds this text


def actor(by: str) -> str:
    by = by.strip()
    if not by:
        raise ValueError("say who decides: a reviewer's user name is required")
    return by if ":" in by else f"user:{by}"


class RedactionService:
    def __init__(self, submissions, store: RedactionStore, audit: AuditLog, screen: PersonalDataScreen, clock: Clock):
        self.submissions = submissions
        self.store = store
        self.audit = audit
        self.screen = screen
        self.clock = clock

    def _submission(self, reference: str) -> Submission:
        submission = self.submissions.get_by_reference(reference)
        if submission.status == SubmissionStatus.QUARANTINED:  # its content is never shown, analysed or published
            raise NotPublishable(f"{reference} is quarantined: its content is not shown, analysed or published")
        return submission

    # --- reading ------------------------------------------------------------
    def review_items(self, reference: str, status: RedactionStatus | None = None) -> list[ReviewItem]:
        submission = self._submission(reference)
        passages = {p.id: p for p in self.submissions.passages_for_submission(submission.id)}
        items = []
        for proposal in self.store.proposals_for_submission(submission.id, status):
            p = passages.get(proposal.passage_id)
            if p is None:
                continue
            items.append(ReviewItem(proposal, p.text[proposal.start:proposal.end],
                                    p.text[max(0, proposal.start - CONTEXT_CHARS):proposal.start],
                                    p.text[proposal.end:proposal.end + CONTEXT_CHARS], p.page, p.heading, p.language,
                                    stale=not proposal.matches(p)))
        return items

    def notices(self, reference: str) -> list[str]:
        """Warnings for the reviewer, from the last check: languages in which names and places were not looked for,
        and passages the detector failed on. (Read from the audit log: no model needs loading to list proposals.)"""
        submission = self._submission(reference)
        screened = [e for e in self.audit.events_for("submission", str(submission.id)) if e.action == SCREENED]
        if not screened:
            return [f"{reference} has not been checked for personal data yet: run 'inputdesk redactions scan "
                    f"{reference}'."]
        last = screened[-1].after or {}
        notes = [f"{LANGUAGE_NAMES.get(lang, lang)} passages were checked without a name model: names and places "
                 "were NOT looked for there. Read them for names yourself." for lang in last.get("patterns_only", [])]
        unchecked = last.get("unchecked_passages", 0)
        if unchecked:
            notes.append(f"The submission is longer than the detector checks in one go: its last {unchecked} "
                         "passage(s) were NOT checked. Read them for personal data yourself (or raise "
                         "personal_data_max_chars and scan again).")
        if FLAG_PII_CHECK_FAILED in submission.flags and last.get("failed_passages"):
            notes.append("Detection failed on some passages: read the whole submission for personal data.")
        return notes

    def was_screened(self, submission: Submission) -> bool:
        return any(e.action == SCREENED for e in self.audit.events_for("submission", str(submission.id)))

    # --- deciding -------------------------------------------------------------
    def accept(self, ids: list[int], by: str) -> list[RedactionProposal]:
        return self.decide(ids, RedactionStatus.ACCEPTED, by)

    def reject(self, ids: list[int], by: str) -> list[RedactionProposal]:
        return self.decide(ids, RedactionStatus.REJECTED, by)

    def decide(self, ids: list[int], status: RedactionStatus, by: str) -> list[RedactionProposal]:
        """Record a reviewer's decision (who and when, in the proposal and the audit log)."""
        who, now = actor(by), self.clock.now()
        found = {p.id: p for p in self.store.get_proposals(ids)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise RedactionNotFound(missing[0])
        events = [AuditEvent(actor=who, action=f"redaction.{status.value}", entity_type="redaction",
                             entity_id=str(p.id), at=now, before={"status": p.status.value}, after={
                                 "status": status.value, "submission_id": p.submission_id, "passage_id": p.passage_id,
                                 "span": [p.start, p.end], "entity_type": p.entity_type})
                  for p in found.values()]
        self.store.decide(list(found), status, who, now, events)
        self._refresh({p.submission_id for p in found.values()})
        return [replace(p, status=status, decided_by=who, decided_at=now) for p in found.values()]

    def decide_all(self, reference: str, status: RedactionStatus, by: str, entity_type: str | None = None) -> int:
        """Decide every undecided proposal of a submission (optionally of one type), e.g. reject all web addresses."""
        submission = self._submission(reference)
        ids = [p.id for p in self.store.proposals_for_submission(submission.id, RedactionStatus.PROPOSED)
               if entity_type is None or p.entity_type == entity_type]
        if ids:
            self.decide(ids, status, by)
        return len(ids)

    def add_manual(self, reference: str, text: str, by: str) -> list[RedactionProposal]:
        """A reviewer removes text the detector missed: every occurrence in the submission, accepted at once."""
        if len(text.strip()) < 2:
            raise ValueError("give the text to remove (at least two characters)")
        who, now = actor(by), self.clock.now()
        submission = self._submission(reference)
        pattern = re.compile(rf"(?<!\w){re.escape(text.strip())}(?!\w)", re.IGNORECASE)
        proposals = [RedactionProposal(submission_id=submission.id, passage_id=p.id, document_id=p.document_id,
                                       start=m.start(), end=m.end(), entity_type=MANUAL, score=1.0,
                                       text_sha256=span_sha256(m.group()), source=who, profile="manual",
                                       status=RedactionStatus.ACCEPTED, decided_by=who, decided_at=now,
                                       created_at=now)
                     for p in self.submissions.passages_for_submission(submission.id) for m in pattern.finditer(p.text)]
        events = [AuditEvent(actor=who, action="redaction.added", entity_type="submission",
                             entity_id=str(submission.id), at=now, after={"occurrences": len(proposals)})]
        self.store.add_proposals(proposals, events)
        self._refresh({submission.id})
        return proposals

    def rescan(self, reference: str, by: str = "system:rescan") -> ScanResult:
        """Run detection again (e.g. after installing a model); earlier decisions are kept."""
        submission = self._submission(reference)
        before = sorted(submission.flags)
        result = self.screen.scan(submission, actor(by))
        self.submissions.update_submission(submission, AuditEvent(
            actor=actor(by), action="submission.flags", entity_type="submission", entity_id=str(submission.id),
            at=self.clock.now(), before={"flags": before}, after={"flags": sorted(submission.flags)}))
        return result

    def _refresh(self, submission_ids: set[int]) -> None:
        for sid in submission_ids:
            submission = self.submissions.get_submission(sid)
            flags = set(submission.flags)
            refresh_flags(submission, self.store.proposals_for_submission(sid))
            if submission.flags != flags:
                self.submissions.update_submission(submission)

    # --- publishing -------------------------------------------------------------
    def published_passages(self, reference: str, *, draft: bool = False) -> list[Passage]:
        """The submission's passages with accepted redactions removed. Refuses while proposals are undecided,
        unless `draft` (then undecided ones are removed too: a draft never shows more than the final would)."""
        submission = self._submission(reference)
        self._check_publishable(submission)
        proposals = self.store.proposals_for_submission(submission.id)
        undecided = [p for p in proposals if p.status == RedactionStatus.PROPOSED]
        if undecided and not draft:
            raise NotPublishable(f"{reference} has {len(undecided)} undecided redaction proposal(s); decide them "
                                 f"first (in the submission's Personal data section of the console, or with "
                                 f"'inputdesk redactions list {reference}'), or make a draft")
        removed = [p for p in proposals
                   if p.status == RedactionStatus.ACCEPTED or (draft and p.status == RedactionStatus.PROPOSED)]
        return [redacted_passage(p, removed) for p in self.submissions.passages_for_submission(submission.id)]

    def published_pdf(self, reference: str, *, draft: bool = False) -> bytes:
        """A new PDF of the redacted text, one page per original page; checked to hold none of the removed text."""
        submission = self._submission(reference)
        published = self.published_passages(reference, draft=draft)
        originals = {p.id: p.text for p in self.submissions.passages_for_submission(submission.id)}
        removed = [originals[p.passage_id][p.start:p.end] for p in self.store.proposals_for_submission(submission.id)
                   if (p.status == RedactionStatus.ACCEPTED or (draft and p.status == RedactionStatus.PROPOSED))
                   and p.passage_id in originals]
        pdf = render_published_pdf(reference, _sections(submission, published), draft=draft)
        check_removed(reference, pdf, removed, "\n".join(p.text for p in published))
        return pdf

    def _check_publishable(self, submission: Submission) -> None:
        ref = submission.reference
        if submission.status in NOT_PUBLISHABLE:
            raise NotPublishable(f"{ref} is {submission.status.value}; it cannot be published")
        if submission.details.confidential:
            raise NotPublishable(f"{ref} was sent in confidence; it cannot be published")
        if not self.was_screened(submission):
            raise NotPublishable(f"{ref} has not been checked for personal data; run 'inputdesk redactions scan {ref}'")
        if FLAG_PII_CHECK_FAILED in submission.flags:
            raise NotPublishable(f"part of {ref} was not checked for personal data (detection failed, or it is "
                                 "longer than personal_data_max_chars); run 'inputdesk redactions scan "
                                 f"{ref}' again, raising that setting if needed")


def _sections(submission: Submission, passages: list[Passage]) -> list[PublishedSection]:
    labels, annexes = {}, 0
    for doc in submission.documents:
        if doc.parent_id is None and doc.role.value != "annex":
            labels[doc.id] = "Main document" if not labels else f"Document {len(labels) + 1}"
        else:
            annexes += 1
            labels[doc.id] = f"Annex {annexes}"
    sections: list[PublishedSection] = []
    for p in passages:
        key = (labels.get(p.document_id, "Document"), p.page)
        if not sections or (sections[-1].document_label, sections[-1].page) != key:
            sections.append(PublishedSection(key[0], p.page))
        sections[-1].passages.append(p)
    return sections
