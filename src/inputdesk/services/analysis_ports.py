"""What the analysis services need from storage: small interfaces and the plain rows that cross them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import numpy as np

from inputdesk.domain.submission import SubmissionStatus
from inputdesk.pipeline.analysis.contracts import PassageText, QuestionAssignment, RecommendationHit, TagHit

# Submissions the analysis reads: screened and not set aside. Quarantined, rejected, withdrawn and failed ones,
# and those still being received or screened, are never analysed, searched or counted.
ANALYSABLE_STATUSES = frozenset({SubmissionStatus.NEEDS_REVIEW, SubmissionStatus.APPROVED,
                                 SubmissionStatus.CONFIDENTIAL})


@dataclass(frozen=True)
class PassageContext:
    """A passage with what the analysis needs to know about its submission and file."""

    passage: PassageText
    reference: str
    status: str
    confidential: bool
    category: str | None
    country: str | None
    organisation: str | None
    document_role: str
    document_sha256: str
    joint_authors: tuple[str, ...] = ()

    @property
    def public(self) -> bool:
        return self.status == SubmissionStatus.APPROVED.value and not self.confidential


@dataclass(frozen=True)
class MappingRow:
    passage_id: int
    question_id: str
    assigned_by: str  # machine | person
    decision: str  # yes | no
    confidence: float
    method: str
    analyst: str | None
    at: datetime


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    hit: RecommendationHit


@dataclass(frozen=True)
class RelationRow:
    id: int
    kind: str
    level: str
    a_submission_id: int
    b_submission_id: int | None
    a_item: int | None
    b_item: int | None
    similarity: float
    detail: str | None


@dataclass
class ThemeRow:
    id: int
    call_id: str
    question_id: str
    keywords: list[str]
    name: str | None
    named_by: str | None
    is_other: bool
    status: str  # active | merged | split | retired
    merged_into: int | None
    parent_id: int | None
    created_by: str
    representatives: list[int]
    members: dict[int, tuple[float, str]] = field(default_factory=dict)  # passage id -> (similarity, assigned_by)

    @property
    def title(self) -> str:
        return theme_title(self.name, self.is_other, self.keywords, self.id)


def theme_title(name: str | None, is_other: bool, keywords: list[str], theme_id: int | None, *,
                untitled: str | None = None) -> str:
    """An analyst's name, else "Other", else its first keywords, else `untitled` (default "theme N")."""
    return name or ("Other" if is_other else ", ".join(keywords[:4]) or untitled or f"theme {theme_id}")


@dataclass(frozen=True)
class JobRow:
    id: int
    run_id: str
    call_id: str
    question_id: str | None
    stage: str
    status: str
    total: int
    processed: int
    failed: int
    message: str | None
    errors: list
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class SearchFilters:
    question: str | None = None
    category: str | None = None
    country: str | None = None
    language: str | None = None
    tag: str | None = None  # "key" or "kind:key"
    theme: int | None = None
    public_only: bool = False  # public surfaces: approved and not confidential only
    statuses: frozenset[str] | None = None  # the signed-in person's visible statuses (services.access); None: all


class AnalysisStore(Protocol):
    def analysis_inputs(self, call_id: str) -> list[PassageContext]: ...
    def forget_other_passages(self, call_id: str, keep: set[int]) -> None: ...
    def passage_states(self, call_id: str) -> dict[int, tuple[str, str]]: ...
    def save_vectors(self, call_id: str, embedder: str, rows: Sequence[tuple[int, str, np.ndarray]]) -> None: ...
    def vectors(self, call_id: str, embedder: str) -> dict[int, np.ndarray]: ...
    def replace_machine_mappings(self, passage_ids: Sequence[int], rows: Sequence[QuestionAssignment]) -> None: ...
    def set_person_decision(self, passage_id: int, question_id: str, decision: str, analyst: str) -> None: ...
    def clear_person_decisions(self, passage_id: int) -> None: ...
    def mappings(self, call_id: str) -> list[MappingRow]: ...
    def replace_tags(self, passage_ids: Sequence[int], tags: dict[int, list[TagHit]]) -> None: ...
    def tags(self, call_id: str) -> dict[int, list[TagHit]]: ...
    def replace_recommendations(self, passage_ids: Sequence[int], hits: Sequence[RecommendationHit]) -> None: ...
    def recommendations(self, call_id: str) -> list[RecommendationRow]: ...
    def replace_relations(self, call_id: str, rows: Sequence[tuple]) -> None: ...
    def relations(self, call_id: str) -> list[RelationRow]: ...
    def start_job(self, run_id: str, call_id: str, stage: str, question_id: str | None, total: int) -> int: ...
    def finish_job(self, job_id: int, status: str, processed: int, failed: list, message: str | None) -> None: ...
    def jobs(self, call_id: str, run_id: str | None = None) -> list[JobRow]: ...


class ThemeStore(Protocol):
    def themes(self, call_id: str, question_id: str | None = None, *, active_only: bool = True) -> list[ThemeRow]: ...
    def theme(self, theme_id: int) -> ThemeRow: ...
    def save_question_themes(self, call_id: str, question_id: str, themes: Sequence[ThemeRow]) -> list[ThemeRow]: ...
    def update_theme(self, theme: ThemeRow) -> None: ...
    def set_member(self, question_id: str, passage_id: int, theme_id: int, similarity: float, assigned_by: str,
                   analyst: str | None) -> None: ...


class FullTextIndex(Protocol):
    def search(self, call_id: str, query: str, limit: int) -> list[tuple[int, float, str]]: ...
