"""The one gate between stored bytes and any person, page, preview, export or analysis.

Every path that hands out a received file's bytes, or anything derived from them (text, thumbnails,
sanitised copies), goes through `ContentGuard`; nothing else may call `BlobStore.get` for that purpose.
The guard withholds content, whatever the actor's role, when:

- the submission is quarantined (status), or any of its files matched a hash list, or one of its files
  is byte-identical to a file that matched anywhere: `QuarantinedContent`;
- the file has not been screened yet (no stored scan: the intake has not finished, or the file was stored
  before screening existed and no `inputdesk screening rescan` has run since): `ContentNotScreened`.

Every attempt is audited: `content.read` when bytes are handed out, `content.withheld` when refused,
with the actor and the purpose they gave. For a quarantined submission only hashes and match details may
be shown (`ScreeningService.match_store`, `inputdesk screening export`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from inputdesk.domain.submission import AuditEvent
from inputdesk.ports import AuditLog, BlobStore, Clock
from inputdesk.services.screening_ports import QuarantineLookup


class ContentWithheld(PermissionError):
    """The content asked for may not be handed out; the message says why and what can be shown instead."""


class QuarantinedContent(ContentWithheld):
    def __init__(self, submission_id: int, document_id: int | None = None):
        self.submission_id, self.document_id = submission_id, document_id
        what = f"document {document_id} of submission {submission_id}" if document_id else f"submission {submission_id}"
        super().__init__(f"{what} is quarantined after a hash-list match: its content cannot be viewed, "
                         "downloaded, previewed, exported or analysed by anyone. Only its hashes and match details "
                         "can be shown ('inputdesk screening export').")


class ContentNotScreened(ContentWithheld):
    def __init__(self, submission_id: int, document_id: int):
        self.submission_id, self.document_id = submission_id, document_id
        super().__init__(f"document {document_id} of submission {submission_id} has not been screened yet, so its "
                         "content cannot be shown. Finish its import, or run 'inputdesk screening rescan'.")


class DocumentNotFound(KeyError):
    def __str__(self) -> str:
        return f"no document {self.args[0]!r}"


class ContentGuard:
    def __init__(self, blobs: BlobStore, lookup: QuarantineLookup, audit: AuditLog, clock: Clock | None = None):
        self._blobs = blobs
        self._lookup = lookup
        self._audit = audit
        self._clock = clock

    def read_document(self, document_id: int, actor: str, purpose: str = "view") -> bytes:
        """The stored bytes of a document, if they may be handed out; raises `ContentWithheld` otherwise.

        `actor` is who asks ("user:alice", "system:export"); `purpose` what for ("download", "preview",
        "publish", "analysis"). Both are audited with the outcome.
        """
        location = self._lookup.document_location(document_id)
        if location is None:
            self._record(actor, "content.withheld", document_id, None, purpose, "no such document")
            raise DocumentNotFound(document_id)
        submission_id, blob_sha256 = location
        if self._lookup.is_quarantined(submission_id):
            self._record(actor, "content.withheld", document_id, submission_id, purpose, "quarantined")
            raise QuarantinedContent(submission_id, document_id)
        if not self._lookup.is_scanned(blob_sha256):
            self._record(actor, "content.withheld", document_id, submission_id, purpose, "not screened")
            raise ContentNotScreened(submission_id, document_id)
        data = self._blobs.get(blob_sha256)
        self._record(actor, "content.read", document_id, submission_id, purpose, "handed out")
        return data

    def check_submission(self, submission_id: int, actor: str, purpose: str) -> None:
        """For content derived from a submission's files (passages, previews, search, analysis, exports):
        raises `QuarantinedContent` (audited) when it must be withheld; returns quietly otherwise."""
        if self._lookup.is_quarantined(submission_id):
            self._record(actor, "content.withheld", None, submission_id, purpose, "quarantined")
            raise QuarantinedContent(submission_id)

    def is_quarantined(self, submission_id: int) -> bool:
        """For labels and filters in lists ("quarantined" badge): a question about state, not an access."""
        return self._lookup.is_quarantined(submission_id)

    def is_document_quarantined(self, document_id: int) -> bool:
        location = self._lookup.document_location(document_id)
        if location is None:
            raise DocumentNotFound(document_id)
        return self._lookup.is_quarantined(location[0])

    def withheld_submission_ids(self) -> frozenset[int]:
        """Submissions whose content bulk jobs (exports, search indexing, analysis) must skip."""
        return frozenset(self._lookup.quarantined_submission_ids())

    def _record(self, actor: str, action: str, document_id: int | None, submission_id: int | None, purpose: str,
                outcome: str) -> None:
        entity_type, entity_id = ("document", document_id) if document_id is not None else ("submission", submission_id)
        self._audit.append(AuditEvent(actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id),
                                      at=self._now(), after={"purpose": purpose, "outcome": outcome,
                                                             "submission_id": submission_id}))

    def _now(self) -> datetime:
        return self._clock.now() if self._clock else datetime.now(UTC)


__all__ = ["ContentGuard", "ContentNotScreened", "ContentWithheld", "DocumentNotFound", "QuarantinedContent"]
