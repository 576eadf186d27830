"""The small interfaces hash-list screening needs (HMA-style: each function asks only for what it uses).

Candidates for ports.py once screening settles; kept here so the screening work lands without touching it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from inputdesk.domain.hash_screening import ContentScan, HashListContent, HashListSummary, HashMatch


class ContentHasher(Protocol):
    """Finds and hashes every picture and file inside a received file (in a sandbox in production)."""

    def scan(self, data: bytes, filename: str = "") -> ContentScan: ...
    def scan_many(self, items: Sequence[tuple[bytes, str]]) -> list[ContentScan]: ...


class HashListStore(Protocol):
    """Imported lists, encrypted at rest by the implementation; only names and counts come out in the clear."""

    def replace_list(self, content: HashListContent, actor: str, at: datetime) -> HashListSummary: ...
    def remove_list(self, name: str) -> bool: ...
    def summaries(self) -> list[HashListSummary]: ...
    def fingerprint(self) -> tuple: ...
    def load_all(self) -> list[HashListContent]: ...


class ContentHashStore(Protocol):
    """What each stored file (by SHA-256) hashes to; a stored scan means the file was screened."""

    def get_scans(self, blob_sha256s: Iterable[str]) -> dict[str, ContentScan]: ...
    def save_scan(self, blob_sha256: str, scan: ContentScan, at: datetime) -> None: ...


class MatchStore(Protocol):
    def add_matches(self, matches: list[HashMatch]) -> list[HashMatch]: ...  # returns the new ones
    def matches(self, submission_id: int | None = None) -> list[HashMatch]: ...


class PublishedCopies(Protocol):
    """The public files of approved submissions: a submission quarantined after publication loses them at once."""

    def withdraw(self, submission_id: int, actor: str, reason: str | None = None) -> int: ...  # files removed


class QuarantineLookup(Protocol):
    """What the content guard asks before it hands out any bytes."""

    def document_location(self, document_id: int) -> tuple[int, str] | None: ...  # (submission id, blob)
    def is_quarantined(self, submission_id: int) -> bool: ...
    def quarantined_submission_ids(self) -> set[int]: ...
    def is_scanned(self, blob_sha256: str) -> bool: ...
