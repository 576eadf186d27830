"""Interfaces the redaction services need (candidates for ports.py once the review console settles them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from inputdesk.domain.redaction import RedactionProposal, RedactionStatus
from inputdesk.domain.submission import AuditEvent
from inputdesk.pipeline.personal_data.entities import DetectionProfile, Finding, LanguageCapability


class PersonalDataDetector(Protocol):
    """Finds spans of personal data in a text (PresidioDetector, or a fake in tests)."""

    def detect(self, text: str, language: str | None, profile: DetectionProfile) -> list[Finding]: ...
    def detect_many(self, texts: list[str], language: str | None,
                    profile: DetectionProfile) -> list[list[Finding]]: ...
    def capability(self, language: str | None) -> LanguageCapability: ...
    def capabilities(self) -> list[LanguageCapability]: ...


class RedactionStore(Protocol):
    def add_proposals(self, proposals: list[RedactionProposal], events: Iterable[AuditEvent] = ()) -> int: ...
    def proposals_for_submission(self, submission_id: int,
                                 status: RedactionStatus | None = None) -> list[RedactionProposal]: ...
    def get_proposals(self, ids: Iterable[int]) -> list[RedactionProposal]: ...
    def decide(self, ids: Iterable[int], status: RedactionStatus, by: str, at: datetime,
               events: Iterable[AuditEvent] = ()) -> None: ...
