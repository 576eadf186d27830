"""The evidence digest: what a report on a call says, as plain data that every exporter renders.

It cannot carry a confidential submission's identity or text: confidential submissions exist in it only as counts
(`Evidence.confidential`), so no exporter can quote, name or cite one by mistake. Every figure carries the citable
passages behind it, and every quote its passage id, so an analyst can check any line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

TOP_TAGS = 5  # technologies, harms, measures and instruments listed per question


@dataclass(frozen=True)
class Source:
    """A submission that may be named and cited: not confidential, and approved (or unreviewed, when asked)."""

    reference: str
    label: str  # the State, the organisation(s), or "Individual submission": never a private person's name
    category: str | None
    category_label: str
    country: str | None
    country_name: str | None
    language: str | None
    joint_authors: tuple[str, ...] = ()
    unreviewed: bool = False  # included with --include-unreviewed: marked wherever it is cited
    quotable: bool = True  # checked for personal data: its (redacted) text may be quoted
    not_quotable_reason: str | None = None


@dataclass(frozen=True)
class Citation:
    passage_id: int
    reference: str
    source: str  # Source.label
    document: str  # "Main document", "Annex 1": never a received file name
    page: int | None = None
    unreviewed: bool = False

    def text(self) -> str:
        where = f"{self.document.lower()}, p. {self.page}" if self.page else self.document.lower()
        mark = " (not yet reviewed)" if self.unreviewed else ""
        return f"{self.source}, submission {self.reference}, {where}{mark}."


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim, with redactions applied ("[redacted]"); a shortened one ends with " […]"
    citation: Citation


@dataclass(frozen=True)
class Evidence:
    """The submissions behind a figure. `count` = len(cited) + confidential, always."""

    count: int  # distinct submissions, confidential ones included
    cited: tuple[Citation, ...] = ()  # one per citable submission: its first passage behind the figure
    confidential: int = 0  # confidential submissions counted but never named
    passage_ids: tuple[int, ...] = ()  # every citable passage behind the figure

    @property
    def unreviewed(self) -> int:
        return sum(c.unreviewed for c in self.cited)


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class TagFigure:
    kind: str
    key: str
    label: str
    evidence: Evidence


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Summary:
    """A machine-drafted paragraph: only sentences citing passages of this theme survive."""

    sentences: tuple[SummarySentence, ...]
    model: str
    dropped: int  # sentences removed for citing nothing, or passages that are not citable here


@dataclass
class ThemeDigest:
    id: int
    title: str
    keywords: list[str]
    is_other: bool
    edited: bool  # named, merged or split by an analyst
    evidence: Evidence
    by_category: list[Share]
    quotes: list[Quote] = field(default_factory=list)
    summary: Summary | None = None

    @property
    def single_source(self) -> bool:
        return self.evidence.count == 1


@dataclass
class RecommendationGroup:
    addressee: str
    label: str
    evidence: Evidence
    measures: list[Share]
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class QuestionDigest:
    id: str
    number: int
    label: str
    text: str
    evidence: Evidence
    by_category: list[Share]
    themes: list[ThemeDigest] = field(default_factory=list)
    recommendations: list[RecommendationGroup] = field(default_factory=list)
    tags: dict[str, list[TagFigure]] = field(default_factory=dict)  # kind label -> most mentioned first
    examples: list[Quote] = field(default_factory=list)
    silent_categories: list[Share] = field(default_factory=list)  # categories with submissions, none on this

    def top_tags(self, n: int = TOP_TAGS) -> dict[str, list[TagFigure]]:
        return {kind: figures[:n] for kind, figures in self.tags.items()}

    @property
    def single_source_themes(self) -> list[ThemeDigest]:
        return [t for t in self.themes if t.single_source and not t.is_other]


@dataclass
class Overview:
    submissions: int  # included: reviewed (and unreviewed when asked), confidential counted
    confidential: int
    unreviewed: int
    on_time: int
    late: int
    deadline: datetime
    by_category: list[Share]  # every category of the call, in its order, zeros included
    by_country: list[Share]
    by_region: list[Share]
    by_language: list[Share]
    coverage: list[list[int]]  # by_category rows x questions: distinct submissions
    excluded: list[Share]  # why other submissions are left out: counts only
    not_quotable: list[tuple[str, str]]  # (reference, why): citable but not checked for personal data


@dataclass
class Digest:
    call_id: str
    title: str
    mandate: str
    generated_at: datetime
    include_unreviewed: bool
    analysed_at: datetime | None  # the latest analysis run; None: never analysed
    overview: Overview
    questions: list[QuestionDigest]
    sources: dict[str, Source]  # reference -> citable source
    notes: list[str] = field(default_factory=list)  # what a reader must know (left out, not analysed, ...)

    def annex(self) -> list[tuple[str, list[Source]]]:
        """Citable submitters by stakeholder category, in the call's order."""
        order = {s.key: i for i, s in enumerate(self.overview.by_category)}
        groups: dict[str, list[Source]] = {}
        for src in sorted(self.sources.values(), key=lambda s: (order.get(s.category or "", 99), s.label.casefold())):
            groups.setdefault(src.category_label, []).append(src)
        return list(groups.items())

    def citations(self):
        """Every citation the digest makes (quotes, figures, summaries): what tests and reviewers check."""
        for q in self.questions:
            yield from q.evidence.cited
            for t in q.themes:
                yield from t.evidence.cited
                yield from (x.citation for x in t.quotes)
                if t.summary:
                    yield from (c for s in t.summary.sentences for c in s.citations)
            for g in q.recommendations:
                yield from g.evidence.cited
                yield from (x.citation for x in g.quotes)
            for figures in q.tags.values():
                for f in figures:
                    yield from f.evidence.cited
            yield from (x.citation for x in q.examples)
