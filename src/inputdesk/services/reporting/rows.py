"""Row-level working data for the staff files (XLSX, REFI-QDA): every citable passage with its questions, themes and
tags, and every recommendation. Confidential submissions contribute no row; they are in the digest's counts only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from inputdesk.services.reporting.corpus import Corpus
from inputdesk.services.reporting.model import Digest


@dataclass(frozen=True)
class PassageRow:
    passage_id: int
    reference: str
    source: str
    document_id: int
    document: str
    page: int | None
    heading: str | None
    language: str | None
    text: str | None  # redacted; None when the submission may not be quoted yet
    questions: tuple[str, ...]
    themes: tuple[tuple[int, str, str], ...]  # (theme id, question id, title)
    tags: tuple[tuple[str, str, str], ...]  # (kind, key, label)
    unreviewed: bool


@dataclass(frozen=True)
class RecommendationRow:
    passage_id: int
    reference: str
    source: str
    addressees: tuple[str, ...]  # labels
    measures: tuple[str, ...]  # labels
    questions: tuple[str, ...]
    text: str | None  # the sentence, when it holds no redacted text and its submission may be quoted
    confidence: float
    unreviewed: bool


@dataclass
class Report:
    """What every exporter renders: the digest, plus the rows the working files list."""

    digest: Digest
    passages: list[PassageRow] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)


def report_rows(digest: Digest, corpus: Corpus, themes, recommendations, tags, addressee_labels: dict[str, str],
                tag_labels: dict[tuple[str, str], str]) -> Report:
    theme_of: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for q in themes:
        for t in q.themes:
            for pid in t.passage_ids:
                theme_of[pid].append((t.id, q.question_id, t.title))
    order = {q.id: i for i, q in enumerate(corpus.call.questions)}
    report = Report(digest)
    for pid in corpus.sort(corpus.contexts):
        citation = corpus.citation(pid)
        if citation is None:
            continue
        ctx = corpus.contexts[pid]
        report.passages.append(PassageRow(
            pid, citation.reference, citation.source, ctx.passage.document_id, citation.document, citation.page,
            ctx.passage.heading, ctx.passage.language, corpus.texts.get(pid),
            tuple(sorted(corpus.questions_of[pid], key=lambda q: order.get(q, 99))), tuple(theme_of.get(pid, ())),
            tuple((h.kind, h.key, h.label) for h in tags.get(pid, ())), citation.unreviewed))
    for r in recommendations:
        citation = corpus.citation(r.passage_id) if r.passage_id in corpus.contexts else None
        if citation is None:
            continue
        quote = corpus.quote(r.passage_id, r.text)
        report.recommendations.append(RecommendationRow(
            r.passage_id, citation.reference, citation.source,
            tuple(addressee_labels.get(a, a) for a in r.addressees) or ("Addressee not named",),
            tuple(tag_labels.get(("measure", m), m) for m in r.measures),
            tuple(sorted(corpus.questions_of[r.passage_id], key=lambda q: order.get(q, 99))),
            r.text.strip() if quote else None, r.confidence, citation.unreviewed))
    return report
