"""Publication: files for approved submissions, and the one public view of a call that every public surface uses.

The public view is built only from submissions for which `is_publicly_visible` holds at the moment of the request
(and that the content guard does not withhold), through schemas with no confidential field. Withdrawing a
submission or making it confidential changes its status, so it leaves every page and file link at once; its files
are deleted too, and the next static export or open-data file is built without it.
"""

from __future__ import annotations

import threading
from datetime import UTC

from inputdesk.domain.review import FLAG_DUPLICATE, FLAG_JOINT_PART, LinkKind, PublishedFile
from inputdesk.domain.submission import AuditEvent, Submission, SubmissionStatus, is_publicly_visible
from inputdesk.ports import AuditLog, CallStore, Clock
from inputdesk.services.publication_files import basis, build_files
from inputdesk.services.publication_schema import (
    PublicCall,
    PublicCategory,
    PublicFile,
    PublicSubmission,
    public_authors,
)
from inputdesk.services.review_ports import PublishedBytes, PublishedFileIndex, ReviewStore, ScanLookup

SYSTEM_ACTOR = "system:publication"


class NotPublic(LookupError):
    """Nothing public at this address (never says whether a submission exists)."""


class PublicationService:
    def __init__(self, calls: CallStore, submissions, reviews: ReviewStore, index: PublishedFileIndex,
                 files: PublishedBytes, redactions, guard, scans: ScanLookup, audit: AuditLog, clock: Clock):
        self.calls = calls
        self.submissions = submissions
        self.reviews = reviews
        self.index = index
        self.files = files
        self.redactions = redactions  # RedactionService: published_pdf, store.proposals_for_submission
        self.guard = guard
        self.scans = scans
        self.audit = audit
        self.clock = clock
        self._rebuilding = threading.Lock()
        self._failed: dict[int, str] = {}  # submission id -> basis on which publishing it failed

    # --- staff side -----------------------------------------------------------------------
    def publish(self, submission: Submission, actor: str) -> list[PublishedFile]:
        """Build and store the submission's public files (before it is approved: a refusal changes nothing)."""
        checked: dict[int, list[str]] = {}
        for p in self.submissions.passages_for_submission(submission.id):
            checked.setdefault(p.document_id, []).extend((p.text, p.heading or ""))
        built = build_files(submission, self.redactions, self.guard, self.scans, actor,
                            {doc_id: "\n".join(texts) for doc_id, texts in checked.items()})
        fingerprint = self._basis(submission)
        now = self.clock.now()
        rows = [PublishedFile(submission.id, n, f.name, f.label, f.media_type, len(f.data), self.files.put(f.data),
                              fingerprint, now) for n, f in enumerate(built)]
        event = AuditEvent(actor=actor, action="publication.files_built", entity_type="submission",
                           entity_id=str(submission.id), at=now,
                           after={"files": [{"name": r.name, "sha256": r.sha256, "size": r.size} for r in rows]})
        self._forget(self.index.replace_published(submission.id, rows, event))
        return rows

    def unpublish(self, submission: Submission, actor: str) -> None:
        PublishedFilesWithdrawal(self.index, self.files, self.clock).withdraw(submission.id, actor)

    def files_of(self, submission: Submission) -> list[PublishedFile]:
        """The submission's current public files, rebuilt first when a decision changed since they were made.
        A submission that cannot be published any more (e.g. a rescan added undecided proposals) loses its files."""
        rows = self._current(submission)
        if rows is not None:
            return rows
        with self._rebuilding:  # two visitors at once must not rebuild (and delete) each other's files
            rows = self._current(submission)
            if rows is not None:
                return rows
            fingerprint = self._basis(submission)
            if self._failed.get(submission.id) == fingerprint:
                return []  # nothing changed since it could not be published: do not try on every visit
            rows = self._rebuild(submission)
            if rows:
                self._failed.pop(submission.id, None)
            else:
                self._failed[submission.id] = fingerprint
            return rows

    def _current(self, submission: Submission) -> list[PublishedFile] | None:
        rows = self.index.published([submission.id]).get(submission.id, [])
        if rows and rows[0].basis == self._basis(submission) and all(self.files.exists(r.sha256) for r in rows):
            return rows
        return None

    def _rebuild(self, submission: Submission) -> list[PublishedFile]:
        rows = self.index.published([submission.id]).get(submission.id, [])
        try:
            return self.publish(submission, SYSTEM_ACTOR)
        except Exception as problem:  # NotPublishable, RedactionLeak, StaleRedaction: publish nothing
            if rows:
                self.unpublish(submission, SYSTEM_ACTOR)
            self.audit.append(AuditEvent(actor=SYSTEM_ACTOR, action="publication.withheld", entity_type="submission",
                                         entity_id=str(submission.id), at=self.clock.now(),
                                         after={"reason": type(problem).__name__}))
            return []

    # --- public side ------------------------------------------------------------------------
    def listed(self, call_id: str) -> tuple[list[Submission], dict[int, list[Submission]]]:
        """Submissions listed publicly for a call, and for each the other published copies of it (joint)."""
        withheld = self.guard.withheld_submission_ids()
        visible = {s.id: s for s in self.submissions.list_submissions(call_id, SubmissionStatus.APPROVED)
                   if is_publicly_visible(s) and s.id not in withheld}
        parts: dict[int, list[Submission]] = {}
        linked = set()
        for link in self.reviews.links(call_id):
            linked.add(link.submission_id)  # a copy or duplicate is never listed on its own
            if link.kind == LinkKind.JOINT and link.submission_id in visible:
                parts.setdefault(link.target_id, []).append(visible[link.submission_id])
        listed = [s for s in visible.values()
                  if s.id not in linked and not ({FLAG_DUPLICATE, FLAG_JOINT_PART} & s.flags)]
        return listed, parts

    def public_call(self, call_id: str, query: str | None = None) -> PublicCall:
        call = self.calls.get_call(call_id)
        listed, parts = self.listed(call.id)
        by_category: dict[str | None, list[PublicSubmission]] = {}
        fallback = "other" if call.has_category("other") else None  # where a submission without a category goes
        for s in sorted(listed, key=lambda s: (s.received_at, s.reference)):
            item = self._public(s, parts.get(s.id, []))
            if query and not _matches(item, query):
                continue
            category = s.details.stakeholder_category
            by_category.setdefault(category if category and call.has_category(category) else fallback,
                                   []).append(item)
        categories = [PublicCategory(id=c.id, label=c.label, submissions=by_category.pop(c.id))
                      for c in call.stakeholder_categories if c.id in by_category]
        if by_category:  # a category the call no longer has, or none: still listed, never lost
            categories.append(PublicCategory(id=None, label="Other", submissions=[
                s for items in by_category.values() for s in items]))
        return PublicCall(id=call.id, title=call.title, mandate=call.mandate, categories=categories)

    def public_file(self, call_id: str, reference: str, name: str) -> tuple[PublicFile, bytes]:
        listed, _ = self.listed(call_id)
        submission = next((s for s in listed if s.reference == reference), None)
        if submission is None:
            raise NotPublic(reference)
        row = next((r for r in self.files_of(submission) if r.name == name), None)
        if row is None:
            raise NotPublic(name)
        try:
            return _public_file(submission, row), self.files.read(row.sha256)
        except FileNotFoundError:  # unpublished this very moment
            raise NotPublic(name) from None

    def read_public(self, item: PublicFile) -> bytes:
        """The bytes of a file taken from a `public_call` result (the only way to hold a PublicFile)."""
        return self.files.read(item.sha256)

    # --- helpers ----------------------------------------------------------------------------
    def _public(self, s: Submission, parts: list[Submission]) -> PublicSubmission:
        return PublicSubmission(id=s.reference, call_id=s.call_id, category=s.details.stakeholder_category,
                                authors=public_authors(s, parts), country=s.details.country,
                                language=s.language or s.details.language,
                                date=s.received_at.astimezone(UTC).date(), joint=bool(parts or s.details.joint_authors),
                                files=[_public_file(s, r) for r in self.files_of(s)])

    def _basis(self, submission: Submission) -> str:
        return basis(submission, self.redactions.store.proposals_for_submission(submission.id))

    def _forget(self, sha256s: list[str]) -> None:
        for sha in sha256s:
            self.files.delete(sha)


class PublishedFilesWithdrawal:
    """The one way a submission's files leave the site: its published-file rows go (audited) and then the bytes no
    other row uses. Reviewers' decisions go through `PublicationService.unpublish`; screening, which runs without
    the publication service (`inputdesk hashlist import`), uses it as its `PublishedCopies` port."""

    def __init__(self, index: PublishedFileIndex, files: PublishedBytes, clock: Clock):
        self.index, self.files, self.clock = index, files, clock

    def withdraw(self, submission_id: int, actor: str, reason: str | None = None) -> int:
        """How many files were removed (none published: nothing is done or recorded)."""
        rows = self.index.published([submission_id]).get(submission_id, [])
        if not rows:
            return 0
        after = {"files": 0} | ({"reason": reason} if reason else {})
        event = AuditEvent(actor=actor, action="publication.files_removed", entity_type="submission",
                           entity_id=str(submission_id), at=self.clock.now(), after=after)
        for sha in self.index.replace_published(submission_id, [], event):
            self.files.delete(sha)
        return len(rows)


def _public_file(s: Submission, row: PublishedFile) -> PublicFile:
    return PublicFile(name=row.name, path=f"{s.reference}/{row.name}", label=row.label, media_type=row.media_type,
                      size=row.size, sha256=row.sha256)


def _matches(item: PublicSubmission, query: str) -> bool:
    needle = query.casefold().strip()
    return not needle or any(needle in v.casefold() for v in (item.id, *item.authors, item.country or ""))
