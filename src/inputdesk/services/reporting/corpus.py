"""Which submissions a report rests on, and how each may be cited: the one place that applies the report's rules.

Included: approved and confidential submissions (and those awaiting review when the user asks, then marked), except
a copy a reviewer marked as sent twice: the submission it copies stands for both.
Quarantined, rejected, withdrawn, failed and unfinished ones are left out, and so is any submission the content
guard withholds. Confidential submissions are counted and never cited. A citable submission is quoted only with its
redacted text (accepted and still-undecided personal-data redactions removed), and only once it was checked for
personal data."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from inputdesk.domain.call import Call
from inputdesk.domain.redaction import REDACTION_MASK, StaleRedaction
from inputdesk.domain.review import FLAG_DUPLICATE
from inputdesk.domain.submission import Submission, SubmissionStatus
from inputdesk.pipeline.analysis.text import is_boilerplate
from inputdesk.services.access import document_labels
from inputdesk.services.analysis_ports import PassageContext
from inputdesk.services.redaction import NotPublishable
from inputdesk.services.reporting.model import Citation, Evidence, Quote, Source
from inputdesk.services.reporting.regions import country_name

REVIEWED = frozenset({SubmissionStatus.APPROVED, SubmissionStatus.CONFIDENTIAL})
EXCLUDED_WHY = {
    SubmissionStatus.NEEDS_REVIEW: "not yet reviewed (to include them, tick 'Include submissions not reviewed yet' "
                                   "or use --include-unreviewed)",
    SubmissionStatus.QUARANTINED: "quarantined",
    SubmissionStatus.REJECTED: "rejected",
    SubmissionStatus.WITHDRAWN: "withdrawn",
    SubmissionStatus.FAILED: "could not be read",
    SubmissionStatus.RECEIVED: "still being processed",
    SubmissionStatus.SCREENING: "still being processed",
}
COPY = "sent twice (a reviewer linked each copy to the one that is counted)"
# what the analysis leaves before a detected sentence: a heading underlined with dashes, a list bullet
_SENTENCE_LEAD = re.compile(r"^(?:[^.!?]{0,120}?\s-{3,}\s+)?[-–—•*·\s]*")
QUOTE_WORDS = 120  # longer passages are quoted up to a sentence end, marked " […]"
# An entry of a reference list: a year, then the marks of a citation.
_REFERENCE_ENTRY = re.compile(r"\b(?:19|20)\d{2}\b.*(?:\bet al\.|\bpp?\.\s*\d|\bdoi\b|\bvol\.\s*\d|\bretrieved from\b)",
                              re.IGNORECASE)


_REFERENCE_HEADING = re.compile(r"^\W*(?:selected )?(?:references|bibliography|sources|works cited|r[ée]f[ée]rences|"
                                r"bibliograph(?:ie|ía)|referencias|fuentes)\b", re.IGNORECASE)
_CITED_YEAR = re.compile(r"\((?:19|20)\d{2}[a-z]?\)")


def worth_quoting(text: str) -> bool:
    """Whether a passage says something a reader of the report can use: not a contact line or sign-off, not mostly
    removed personal data, not an entry of a reference list."""
    words = text.split()
    if not words or is_boilerplate(text.replace(REDACTION_MASK, "")):
        return False
    if sum(REDACTION_MASK in w for w in words) * 4 >= len(words):
        return False
    if _REFERENCE_HEADING.match(text) or len(_CITED_YEAR.findall(text)) >= 3:
        return False  # a reference list, or a run of citations
    return not (len(words) < 40 and _REFERENCE_ENTRY.search(text))


def included_statuses(include_unreviewed: bool) -> frozenset[SubmissionStatus]:
    return REVIEWED | {SubmissionStatus.NEEDS_REVIEW} if include_unreviewed else REVIEWED


def is_confidential(submission: Submission) -> bool:
    return submission.details.confidential or submission.status == SubmissionStatus.CONFIDENTIAL


def source_label(submission: Submission) -> str:
    """A State by its name; otherwise its organisation(s); a person's own name is never used."""
    d = submission.details
    if d.stakeholder_category == "states" and d.country:
        return country_name(d.country)
    names = list(dict.fromkeys(" ".join(n.split()) for n in [d.organisation, *d.joint_authors] if n and n.strip()))
    return ", ".join(names) if names else "Individual submission"


def shorten(text: str, words: int = QUOTE_WORDS) -> str:
    """The text as written, or its beginning up to a sentence end when it is long (then marked ' […]')."""
    tokens = text.split()
    if len(tokens) <= words:
        return text.strip()
    head = text[:len(" ".join(tokens[:words])) + (len(text) - len(text.lstrip()))].strip()
    ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", head)]
    if ends and ends[-1] > len(head) // 3:
        head = head[:ends[-1]]
    return head.rstrip() + " […]"


class Corpus:
    def __init__(self, call: Call, submissions: Iterable[Submission], passages: Iterable[tuple[PassageContext, list]],
                 *, withheld: frozenset[int], include_unreviewed: bool, redacted: Callable[[str], dict[int, str]]):
        """`passages`: (context, [(question, ...)]) as AnalysisReports.passage_mappings gives them;
        `redacted(reference)`: the submission's passage id -> redacted text (raises NotPublishable if it may not
        be quoted)."""
        self.call = call
        statuses = included_statuses(include_unreviewed)
        self.included: dict[int, Submission] = {}
        self.excluded: Counter[str] = Counter()
        self.copies: list[Submission] = []  # sent twice: the other copy is counted, quoted and cited
        for s in submissions:
            if s.id in withheld and s.status != SubmissionStatus.QUARANTINED:
                self.excluded["withheld after a hash-list match"] += 1
            elif s.status in statuses and FLAG_DUPLICATE in s.flags:
                self.excluded[COPY] += 1
                self.copies.append(s)
            elif s.status in statuses:
                self.included[s.id] = s
            else:
                self.excluded[EXCLUDED_WHY.get(s.status, s.status.value)] += 1
        self.confidential = {sid for sid, s in self.included.items() if is_confidential(s)}
        self.contexts: dict[int, PassageContext] = {}
        self.questions_of: dict[int, set[str]] = {}
        self.order: dict[int, int] = {}
        for ctx, mapped in passages:
            if ctx.passage.submission_id in self.included:
                pid = ctx.passage.id
                self.contexts[pid] = ctx
                self.questions_of[pid] = {m[0] for m in mapped}
                self.order[pid] = len(self.order)
        self.sources: dict[str, Source] = {}
        self.texts: dict[int, str] = {}  # passage id -> redacted text, for quotable sources only
        self._labels: dict[int, dict[int, str]] = {}
        for sid, s in self.included.items():
            if sid not in self.confidential:
                self.sources[s.reference] = self._source(s, redacted)
                self._labels[sid] = document_labels(s)

    def _source(self, s: Submission, redacted) -> Source:
        reason = None
        try:
            self.texts.update(redacted(s.reference))
        except (NotPublishable, StaleRedaction) as problem:
            reason = str(problem)
        category = s.details.stakeholder_category
        return Source(reference=s.reference, label=source_label(s), category=category,
                      category_label=self.category_label(category), country=s.details.country,
                      country_name=country_name(s.details.country) if s.details.country else None,
                      language=s.language or s.details.language, joint_authors=tuple(s.details.joint_authors),
                      unreviewed=s.status == SubmissionStatus.NEEDS_REVIEW, quotable=reason is None,
                      not_quotable_reason=reason)

    def category_label(self, category: str | None) -> str:
        if category and self.call.has_category(category):
            return self.call.category(category).label
        return category or "Category not given"

    # --- citing -----------------------------------------------------------------------------------
    def submission_of(self, pid: int) -> Submission:
        return self.included[self.contexts[pid].passage.submission_id]

    def citation(self, pid: int) -> Citation | None:
        """None for a confidential submission's passage: it is never cited."""
        s = self.submission_of(pid)
        if s.id in self.confidential:
            return None
        p = self.contexts[pid].passage
        src = self.sources[s.reference]
        return Citation(pid, s.reference, src.label, self._labels[s.id].get(p.document_id, "Document"), p.page,
                        src.unreviewed)

    def sort(self, pids: Iterable[int]) -> list[int]:
        return sorted({p for p in pids if p in self.contexts}, key=self.order.__getitem__)

    def evidence(self, pids: Iterable[int]) -> Evidence:
        pids = self.sort(pids)
        first: dict[int, int] = {}
        for pid in pids:
            first.setdefault(self.contexts[pid].passage.submission_id, pid)
        confidential = sum(sid in self.confidential for sid in first)
        cited = tuple(c for c in (self.citation(p) for p in first.values()) if c is not None)
        citable = tuple(p for p in pids if self.contexts[p].passage.submission_id not in self.confidential)
        return Evidence(len(first), cited, confidential, citable)

    def by_category(self, pids: Iterable[int]):
        subs = {self.contexts[p].passage.submission_id for p in pids if p in self.contexts}
        counts = Counter(self.included[sid].details.stakeholder_category for sid in subs)
        return counts

    def quote(self, pid: int, text: str | None = None) -> Quote | None:
        """A quote of the passage (or of `text`, a sentence of it) if its submission may be quoted."""
        if pid not in self.texts or self.contexts[pid].passage.submission_id in self.confidential:
            return None
        redacted = self.texts[pid]
        if text is not None:
            text = " ".join(text.split())
            if text not in " ".join(redacted.split()):
                return None  # the sentence held redacted text: quoting it would need the original
            text = _SENTENCE_LEAD.sub("", text)
            if text[:1].islower():
                return None  # the end of a sentence the analysis split (a list's continuation): no quote
        if not worth_quoting(text if text is not None else redacted):
            return None
        citation = self.citation(pid)
        return Quote(shorten(text if text is not None else redacted), citation) if citation else None

    def quotes(self, candidates: Iterable[int | tuple[int, str]], limit: int) -> list[Quote]:
        """Up to `limit` quotes, one per submission first, then more from the same ones, in candidate order."""
        found, seen_text = [], set()
        for item in candidates:
            pid, text = item if isinstance(item, tuple) else (item, None)
            if pid in self.contexts and (q := self.quote(pid, text)) and q.text not in seen_text:
                found.append(q)
                seen_text.add(q.text)
        first, rest, refs = [], [], set()
        for q in found:
            (rest if q.citation.reference in refs else first).append(q)
            refs.add(q.citation.reference)
        return (first + rest)[:limit]
