"""What the analysis stages exchange: plain dataclasses, and the one small contract each stage implements.

Every stage is passed in as an object (BERTopic-style), so a cheap deterministic implementation can stand in for an
expensive one in tests; each has a "skip" implementation that passes the same contract tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

MACHINE, PERSON = "machine", "person"  # who decided: stored with every label (assigned_by)
STRUCTURE, MEANING, CORRECTION = "structure", "meaning", "person"  # how a mapping was made


@dataclass(frozen=True)
class QuestionText:
    """A question as the mapping stages see it: every wording we know, in every language."""

    id: str
    number: int
    label: str
    texts: tuple[str, ...]  # the call's text, the child wording and translations
    cues: tuple[str, ...] = ()  # taxonomy cue terms that point at this question


@dataclass(frozen=True)
class PassageText:
    """The part of a passage the stages read; `id` is the stored passage id."""

    id: int
    submission_id: int
    document_id: int
    seq: int
    text: str
    heading: str | None = None
    page: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class QuestionAssignment:
    passage_id: int
    question_id: str
    confidence: float  # 0..1, calibrated so that 0.5 means "as likely right as wrong"
    method: str  # structure | meaning | person


@dataclass(frozen=True)
class TagHit:
    kind: str  # technology | harm | measure | actor | instrument | country
    key: str  # stable id in the taxonomy, or ISO 3166-1 alpha-2 for countries
    label: str
    count: int = 1
    matched: tuple[str, ...] = ()  # the surface forms found, for explanation


@dataclass(frozen=True)
class RecommendationHit:
    passage_id: int
    sentence_index: int
    text: str
    addressees: tuple[str, ...]  # keys of ADDRESSEES; empty when nobody is named
    measures: tuple[str, ...]  # taxonomy measure keys the sentence mentions
    confidence: float


@dataclass(frozen=True)
class SimilarPair:
    """Two items whose texts are near-duplicates (estimated Jaccard of word shingles)."""

    left: int
    right: int
    similarity: float


@dataclass
class ThemeDraft:
    """A cluster the clusterer found, before it is matched to the themes analysts already know."""

    members: list[int]  # passage ids
    similarities: list[float]  # cosine of each member to the centroid
    keywords: list[str] = field(default_factory=list)
    representatives: list[int] = field(default_factory=list)  # passage ids, most typical first
    is_other: bool = False
    centroid: np.ndarray | None = None


@dataclass
class StageOutcome:
    """What a stage returns instead of raising: results, and the items it could not process with why."""

    processed: list = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


class Embedder(Protocol):
    """Texts in, L2-normalised float32 rows out; the same text always gives the same vector."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class StructureMapper(Protocol):
    """Maps passages of one document by its structure (numbered answers, headings quoting questions)."""

    def map_document(self, passages: Sequence[PassageText]) -> list[QuestionAssignment]: ...


class MeaningMapper(Protocol):
    """Maps passages by what they say, given their vectors and labelled examples (passage vector, question id)."""

    def map(self, passages: Sequence[PassageText], vectors: np.ndarray,
            examples: Sequence[tuple[np.ndarray, str]] = ()) -> list[QuestionAssignment]: ...


class Tagger(Protocol):
    def tag(self, text: str) -> list[TagHit]: ...


class RecommendationDetector(Protocol):
    def detect(self, passage: PassageText) -> list[RecommendationHit]: ...


class NearDuplicateFinder(Protocol):
    def pairs(self, texts: dict[int, str]) -> list[SimilarPair]: ...


class ThemeFinder(Protocol):
    """Clusters one question's passages into themes; deterministic for the same input."""

    def themes(self, passages: Sequence[PassageText], vectors: np.ndarray) -> list[ThemeDraft]: ...
