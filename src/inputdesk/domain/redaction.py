"""Redaction proposals a reviewer accepts or rejects, and the one rule that removes accepted text."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from inputdesk.domain.submission import Passage

# Submission flags shown in the review queue.
FLAG_PII_FOUND = "pii_found"  # at least one redaction was proposed
FLAG_PII_UNDECIDED = "pii_undecided"  # some proposals still wait for a reviewer
FLAG_PII_PATTERNS_ONLY = "pii_patterns_only"  # a passage's language had no name model: read it for names yourself
FLAG_PII_CHECK_FAILED = "pii_check_failed"  # detection crashed on some passage; a person must read it all

REDACTION_MASK = "[redacted]"
MANUAL = "MANUAL"  # entity type of a redaction a person added


class RedactionStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass
class RedactionProposal:
    """A span of one passage that may be personal data. Holds a hash of the text, never the text itself, so the
    proposal (and anything logged about it) does not copy the personal data a second time."""

    submission_id: int
    passage_id: int
    start: int
    end: int
    entity_type: str
    score: float
    text_sha256: str
    source: str  # "presidio:<recogniser>", "submitter_details", "user:alice"
    profile: str  # "standard", "child" or "manual"
    status: RedactionStatus = RedactionStatus.PROPOSED
    decided_by: str | None = None
    decided_at: datetime | None = None
    created_at: datetime | None = None
    document_id: int | None = None
    id: int | None = None

    def matches(self, passage: Passage) -> bool:
        """Does the passage still hold the text this proposal was made for?"""
        return (passage.id == self.passage_id and 0 <= self.start < self.end <= len(passage.text)
                and span_sha256(passage.text[self.start:self.end]) == self.text_sha256)


class StaleRedaction(ValueError):
    """The passage text changed after the proposal was made; its span no longer points at the same text."""

    def __str__(self) -> str:
        return (f"redaction {self.args[0]} no longer matches its passage (the text was extracted again); "
                "run 'inputdesk redactions scan' for this submission and decide again")


def span_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans become one, so one mask covers them."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def redact(text: str, spans: Iterable[tuple[int, int]], mask: str = REDACTION_MASK) -> str:
    """The text with every span replaced by the mask: the characters are gone, not hidden."""
    out, at = [], 0
    for start, end in merge_spans(spans):
        out.append(text[at:start])
        out.append(mask)
        at = end
    out.append(text[at:])
    return "".join(out)


def redacted_text(passage: Passage, accepted: Iterable[RedactionProposal], mask: str = REDACTION_MASK) -> str:
    """A passage's publishable text: accepted proposals for it removed. Raises StaleRedaction when a proposal no
    longer matches the passage (never publish a guess)."""
    spans = []
    for proposal in accepted:
        if proposal.passage_id != passage.id:
            continue
        if not proposal.matches(passage):
            raise StaleRedaction(proposal.id)
        spans.append((proposal.start, proposal.end))
    return redact(passage.text, spans, mask)


def redacted_passage(passage: Passage, accepted: Iterable[RedactionProposal], mask: str = REDACTION_MASK) -> Passage:
    return replace(passage, text=redacted_text(passage, accepted, mask))
