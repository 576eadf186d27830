"""Hash-list screening of received files, and quarantine of every submission that holds a listed file.

Runs for every submission (as the intake's first screen) and again over everything stored when a list is
imported. Each stored file is hashed once (content-addressed) and its hashes kept, so a rescan after a list
import matches stored hashes without decoding anything again; files stored before screening existed, or
hashed by an older hasher, are hashed on the way. Logs and audit events carry counts and list names only,
never a hash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from inputdesk.domain.hash_screening import (
    DOCUMENT_QUARANTINED,
    FLAG_QUARANTINE_RELEASED,
    FLAG_SCREENING_INCOMPLETE,
    FLAG_SCREENING_MATCH,
    HASHER_VERSION,
    ContentScan,
    HashMatch,
    RescanReport,
)
from inputdesk.domain.errors import BlobTooLarge
from inputdesk.domain.submission import AuditEvent, Submission, SubmissionStatus
from inputdesk.ports import AuditLog, Clock
from inputdesk.services.hashlists import MatcherCache, MatchPolicy
from inputdesk.services.screening_ports import ContentHasher, ContentHashStore, MatchStore, PublishedCopies

log = logging.getLogger(__name__)
SYSTEM_ACTOR = "system:screening"
_BATCH = 16  # files read into memory and hashed at once during a rescan


class ScreeningService:
    def __init__(self, hashes: ContentHashStore, matches: MatchStore, matchers: MatcherCache,
                 hasher: ContentHasher, submissions, audit: AuditLog, clock: Clock, policy: MatchPolicy | None = None,
                 published: PublishedCopies | None = None):
        self.hashes = hashes
        self.match_store = matches
        self.matchers = matchers
        self.hasher = hasher
        self.submissions = submissions
        self.audit = audit
        self.clock = clock
        self.policy = policy or MatchPolicy()
        self.published = published

    def screen(self, submission: Submission, read_blob: Callable[[str], bytes], *, actor: str = SYSTEM_ACTOR,
               persist: bool = False) -> list[HashMatch]:
        """Hash the submission's files (reusing stored hashes) and quarantine it on any match.

        The intake saves the submission's new status itself; `persist=True` saves it here (rescans).
        """
        scans = self.ensure_scans(_files_of([submission]), read_blob)
        found = self._apply(submission, scans, self.matchers.current(), actor, persist)
        self._withdraw_published(submission, actor)
        return found

    def rescan(self, read_blob: Callable[[str], bytes], *, actor: str, rehash: bool = False) -> RescanReport:
        """Screen everything stored against the current lists (after an import, or on demand)."""
        everything = self.submissions.list_submissions()
        files = _files_of(everything)
        report = RescanReport(submissions=len(everything), files=len(files))
        scans = self.ensure_scans(files, read_blob, rehash=rehash, report=report)
        matcher = self.matchers.current()
        for submission in everything:
            was_quarantined = submission.status == SubmissionStatus.QUARANTINED
            had_problems = FLAG_SCREENING_INCOMPLETE in submission.flags
            self._apply(submission, scans, matcher, actor, persist=True)
            if submission.status == SubmissionStatus.QUARANTINED and not was_quarantined:
                report.quarantined.append(submission.reference)
            if FLAG_SCREENING_INCOMPLETE in submission.flags and not had_problems:
                report.incomplete.append(submission.reference)
            if self._withdraw_published(submission, actor):
                report.unpublished.append(submission.reference)
        self.audit.append(AuditEvent(actor=actor, action="screening.rescanned", entity_type="screening",
                                     entity_id="all", at=self.clock.now(), after={
                                         "submissions": report.submissions, "files": report.files,
                                         "hashed": report.hashed, "quarantined": report.quarantined,
                                         "unpublished": report.unpublished}))
        log.info("rescan: %d file(s), %d hashed now, %d submission(s) newly quarantined",
                 report.files, report.hashed, len(report.quarantined))
        return report

    def _withdraw_published(self, submission: Submission, actor: str) -> bool:
        """A quarantined submission that was public loses its public files (rows and bytes) at once: the pages
        already hide it, but a published copy of a matched picture must not stay on disk either."""
        if self.published is None or submission.status != SubmissionStatus.QUARANTINED:
            return False
        return self.published.withdraw(submission.id, actor, reason="quarantined after a hash-list match") > 0

    def ensure_scans(self, files: dict[str, str], read_blob: Callable[[str], bytes], *, rehash: bool = False,
                     report: RescanReport | None = None) -> dict[str, ContentScan]:
        """Stored scans of `files` (blob SHA-256 -> a filename), hashing those not yet (or not recently) hashed."""
        scans = self.hashes.get_scans(files)
        todo = [sha for sha in files if rehash or sha not in scans or scans[sha].version != HASHER_VERSION]
        for start in range(0, len(todo), _BATCH):
            batch, items = [], []
            for sha in todo[start:start + _BATCH]:
                try:
                    items.append((read_blob(sha), files[sha]))
                    batch.append(sha)
                except BlobTooLarge as big:
                    # Not saved either: if the limit is raised later, the next screening hashes it.
                    scans[sha] = ContentScan(problems=(
                        f"{files[sha]}: {big.size // (1024 * 1024)} MB, over the per-file limit, so it was not read "
                        "or screened; it stays withheld until a person deals with it",))
                except (KeyError, FileNotFoundError, OSError):
                    # Nothing is saved, so the file counts as unscreened and the content guard withholds it.
                    scans[sha] = ContentScan(problems=(f"{files[sha]}: the stored file is missing; run 'inputdesk fsck'",))
            for sha, scan in zip(batch, self.hasher.scan_many(items)):
                self.hashes.save_scan(sha, scan, self.clock.now())
                scans[sha] = scan
            if report is not None:
                report.hashed += len(batch)
        return scans

    def _apply(self, submission: Submission, scans: dict[str, ContentScan], matcher, actor: str,
               persist: bool) -> list[HashMatch]:
        before = {"status": submission.status.value, "flags": sorted(submission.flags)}
        incomplete = any(scans.get(d.blob_sha256, ContentScan()).problems for d in submission.documents)
        if incomplete:
            submission.flags.add(FLAG_SCREENING_INCOMPLETE)
        found: list[HashMatch] = []
        if matcher is not None:
            now = self.clock.now()
            for doc in submission.documents:
                scan = scans.get(doc.blob_sha256)
                if scan is None:
                    continue
                for hit in matcher.match(scan.hashes, max_distance=self.policy.max_distance,
                                         min_quality=self.policy.min_quality):
                    found.append(HashMatch(submission.id, doc.id, doc.blob_sha256, hit, now))
        if found:
            new = self.match_store.add_matches(found)
            # An administrator's release holds against the matches it was given for; only a new one quarantines again.
            if new or FLAG_QUARANTINE_RELEASED not in submission.flags:
                self._quarantine(submission, found, new, actor, before)
        after = {"status": submission.status.value, "flags": sorted(submission.flags)}
        if persist and after != before:
            self.submissions.update_submission(submission, AuditEvent(
                actor=actor, action="submission.screened", entity_type="submission", entity_id=str(submission.id),
                at=self.clock.now(), before=before, after=after))
        return found

    def _quarantine(self, submission: Submission, found: list[HashMatch], new: list[HashMatch], actor: str,
                    before: dict) -> None:
        matched_docs = {m.document_id for m in found}
        for doc in submission.documents:
            if doc.id in matched_docs and DOCUMENT_QUARANTINED not in doc.flags:
                doc.flags.add(DOCUMENT_QUARANTINED)
                self.submissions.update_document(doc)
            # Text taken from quarantined files must never be indexed, analysed or exported: drop it.
            self.submissions.replace_passages(doc.id, [])
        submission.status = SubmissionStatus.QUARANTINED
        submission.flags.add(FLAG_SCREENING_MATCH)
        submission.flags.discard(FLAG_QUARANTINE_RELEASED)
        if new or before["status"] != SubmissionStatus.QUARANTINED.value:
            self.audit.append(AuditEvent(
                actor=actor, action="screening.quarantined", entity_type="submission", entity_id=str(submission.id),
                at=self.clock.now(), before={"status": before["status"]},
                after={"status": SubmissionStatus.QUARANTINED.value, "reference": submission.reference,
                       "matches": [_audit_view(m) for m in new or found]}))
            log.warning("submission %s quarantined: %d hash-list match(es) in %d file(s)",
                        submission.reference, len(found), len(matched_docs))


class HashListScreen:
    """`ports.SubmissionScreen` for the intake: runs first, so a match stops every later screen."""

    name = "hash_lists"

    def __init__(self, service: ScreeningService):
        self.service = service

    def screen(self, submission: Submission, read_blob: Callable[[str], bytes]) -> None:
        self.service.screen(submission, read_blob)


def _files_of(submissions: Iterable[Submission]) -> dict[str, str]:
    files: dict[str, str] = {}
    for submission in submissions:
        for doc in submission.documents:
            files.setdefault(doc.blob_sha256, doc.filename)
    return files


def _audit_view(m: HashMatch) -> dict:
    """What the audit log may say about a match: where and which list, never the hash."""
    return {"document_id": m.document_id, "part": m.hit.hash.part, "hash_type": m.hit.hash.hash_type.value,
            "hash_list": m.hit.hash_list, "source": m.hit.source, "category": m.hit.category,
            "distance": m.hit.distance}
