"""A call for input, as the mandate publishes it: questions, who may answer, and the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Question:
    id: str  # stable, e.g. "q1"; never renumbered once published
    number: int
    label: str  # short label for tables and charts
    text: str  # full text as the call words it
    child_text: str | None = None  # age-appropriate wording for the child path
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> {"text":..., "label":...}


@dataclass(frozen=True)
class StakeholderCategory:
    id: str
    label: str
    translations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HelpLink:
    """A helpline or hotline shown with the child path's safeguarding notice."""

    label: str
    url: str
    translations: dict[str, str] = field(default_factory=dict)  # lang -> label


@dataclass(frozen=True)
class ConfidentialityPolicy:
    default: str  # "public": published unless the submitter asks otherwise at submission
    publish_label: str
    confidential_label: str
    notice: str


@dataclass(frozen=True)
class AnnexRules:
    allowed_types: tuple[str, ...]  # file kinds, see domain.extraction.FileKind
    max_file_mb: int
    max_files: int


@dataclass(frozen=True)
class Call:
    id: str  # slug, e.g. "sr-sale-children-digital-2024"
    mandate: str
    title: str
    background: str
    input_sought: str
    how_inputs_used: str
    questions: tuple[Question, ...]
    stakeholder_categories: tuple[StakeholderCategory, ...]
    confidentiality: ConfidentialityPolicy
    languages: tuple[str, ...]
    deadline: datetime
    word_limit: int
    annex_rules: AnnexRules
    child_category: str | None = None  # category given to submissions from the child path
    reference_prefix: str = "SUB"  # submission references read e.g. SR24-0007
    accept_late: bool = False
    early_submissions_encouraged: bool = True
    help_links: tuple[HelpLink, ...] = ()  # for the child path's safeguarding notice
    translations: dict[str, dict[str, str]] = field(default_factory=dict)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"call {self.id!r} has no question {question_id!r}")

    def category(self, category_id: str) -> StakeholderCategory:
        for c in self.stakeholder_categories:
            if c.id == category_id:
                return c
        raise KeyError(f"call {self.id!r} has no stakeholder category {category_id!r}")

    def has_category(self, category_id: str) -> bool:
        return any(c.id == category_id for c in self.stakeholder_categories)

    def is_open(self, now: datetime) -> bool:
        return self.accept_late or now <= self.deadline

    def is_late(self, received_at: datetime) -> bool:
        return received_at > self.deadline
