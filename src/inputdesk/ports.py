"""Interfaces between the services and the adapters that implement them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from inputdesk.domain.call import Call
from inputdesk.domain.extraction import ExtractionLimits, ExtractionOutcome
from inputdesk.domain.submission import (
    AuditEvent,
    Document,
    Passage,
    Submission,
    SubmissionStatus,
)


class Clock(Protocol):
    def now(self) -> datetime: ...


class BlobStore(Protocol):
    """Content-addressed storage of received files, byte for byte."""

    def put(self, data: bytes) -> str: ...  # returns the SHA-256 hex digest
    def put_file(self, path: Path) -> str: ...  # the same, read in chunks (a file larger than the memory)
    def size(self, sha256: str) -> int: ...
    def get(self, sha256: str) -> bytes: ...
    def open(self, sha256: str) -> BinaryIO: ...  # to read in chunks or lines (a mailbox over the per-file limit)
    def exists(self, sha256: str) -> bool: ...
    def verify(self, sha256: str) -> str: ...  # "ok" | "missing" | "altered"
    def digests(self) -> Iterator[str]: ...


class CallStore(Protocol):
    def save_call(self, call: Call, source_yaml: str) -> None: ...
    def get_call(self, call_id: str) -> Call: ...
    def list_calls(self) -> list[Call]: ...


class SubmissionStore(Protocol):
    def find_by_source(self, call_id: str, source_sha256: str) -> Submission | None: ...
    def add_submission(self, submission: Submission, event: AuditEvent | None = None, *,
                       reference_prefix: str | None = None) -> Submission: ...
    def get_submission(self, submission_id: int) -> Submission: ...
    def get_by_reference(self, reference: str) -> Submission: ...
    def list_submissions(
        self, call_id: str | None = None, status: SubmissionStatus | None = None
    ) -> list[Submission]: ...
    def update_submission(self, submission: Submission) -> None: ...
    def add_document(self, document: Document) -> Document: ...
    def update_document(self, document: Document) -> None: ...
    def replace_passages(self, document_id: int, passages: list[Passage]) -> None: ...
    def passages_for_submission(self, submission_id: int) -> list[Passage]: ...
    def iter_passages(self, call_id: str | None = None) -> Iterator[Passage]: ...
    def next_reference_number(self, call_id: str) -> int: ...
    def blob_references(self) -> Iterator[tuple[str, str]]: ...  # (sha256, where it is used)


class AuditLog(Protocol):
    def append(self, event: AuditEvent) -> None: ...
    def events_for(self, entity_type: str, entity_id: str) -> list[AuditEvent]: ...
    def all_events(self) -> Iterator[AuditEvent]: ...


class SubmissionScreen(Protocol):
    """A check every received submission passes before any person sees it (hash lists, personal data, ...).

    It may add flags, change the status (e.g. to QUARANTINED) and record its findings in its own store; it must not
    raise for bad content. Screens run in order after extraction; a quarantined submission skips later screens.
    """

    name: str

    def screen(self, submission: Submission, read_blob: Callable[[str], bytes]) -> None: ...


class Extractor(Protocol):
    """Turns a file's bytes into text with provenance, or a specific failure."""

    def extract(self, data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome: ...
