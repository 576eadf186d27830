"""Read-only views of a call's analysis, for the CLI, the console and report drafting: per question its themes
with passages and counts by distinct submission and stakeholder category; recommendations by addressee; tags."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from inputdesk.services.analysis_ports import AnalysisStore, PassageContext
from inputdesk.services.analysis_review import effective_mappings


@dataclass
class ThemeSummary:
    id: int
    title: str
    keywords: list[str]
    is_other: bool
    passage_ids: list[int]
    submissions: int  # distinct submissions
    by_category: dict[str, int]  # stakeholder category -> distinct submissions
    representatives: list[tuple[int, str, str]]  # (passage id, reference, text)
    edited: bool  # named, merged or split by an analyst
    name: str | None = None  # an analyst's name for it; else `title` is made of its keywords


@dataclass
class QuestionSummary:
    question_id: str
    label: str
    passages: int
    submissions: int
    by_category: dict[str, int]
    themes: list[ThemeSummary] = field(default_factory=list)


@dataclass(frozen=True)
class RecommendationView:
    id: int
    passage_id: int
    reference: str
    category: str | None
    text: str
    addressees: tuple[str, ...]
    measures: tuple[str, ...]
    confidence: float


class AnalysisReports:
    def __init__(self, calls, store: AnalysisStore, themes):
        self.calls = calls
        self.store = store
        self.themes = themes

    def _inputs(self, call_id: str, public_only: bool, statuses=None) -> dict[int, PassageContext]:
        """`statuses`: what the reader may see (services.access.visible_statuses); None: every analysed one."""
        return {c.passage.id: c for c in self.store.analysis_inputs(call_id)
                if (c.public or not public_only) and (statuses is None or c.status in statuses)}

    def questions(self, call_id: str, *, public_only: bool = False, representatives: int = 3,
                  statuses=None) -> list[QuestionSummary]:
        call = self.calls.get_call(call_id)
        inputs = self._inputs(call_id, public_only, statuses)
        effective = effective_mappings(self.store.mappings(call_id))
        by_question: dict[str, list[int]] = defaultdict(list)
        for pid in inputs:
            for qid in effective.get(pid, {}):
                by_question[qid].append(pid)
        themes = defaultdict(list)
        for t in self.themes.themes(call_id):
            themes[t.question_id].append(t)
        out = []
        for q in call.questions:
            pids = by_question.get(q.id, [])
            answering = set(pids)  # a theme lists the passages that answer its question now: corrections count at once
            summary = QuestionSummary(q.id, q.label, len(pids), *_counts(pids, inputs))
            for t in sorted(themes.get(q.id, []), key=lambda t: (t.is_other, -len(t.members), t.id)):
                members = [p for p in t.members if p in answering]
                if not members:
                    continue
                reps = [p for p in t.representatives if p in answering] or members[:representatives]
                summary.themes.append(ThemeSummary(
                    t.id, t.title, t.keywords, t.is_other, sorted(members), *_counts(members, inputs),
                    [(p, inputs[p].reference, inputs[p].passage.text) for p in reps[:representatives]],
                    bool(t.name) or t.created_by == "person" or any(by == "person" for _, by in t.members.values()),
                    t.name))
            out.append(summary)
        return out

    def recommendations(self, call_id: str, *, addressee: str | None = None, public_only: bool = False,
                        statuses=None) -> list[RecommendationView]:
        inputs = self._inputs(call_id, public_only, statuses)
        out = []
        for row in self.store.recommendations(call_id):
            c = inputs.get(row.hit.passage_id)
            if c is None or (addressee and addressee not in row.hit.addressees):
                continue
            out.append(RecommendationView(row.id, row.hit.passage_id, c.reference, c.category, row.hit.text,
                                          row.hit.addressees, row.hit.measures, row.hit.confidence))
        return out

    def recommendations_by_addressee(self, call_id: str, *, public_only: bool = False, statuses=None
                                     ) -> dict[str, list[RecommendationView]]:
        grouped: dict[str, list[RecommendationView]] = defaultdict(list)
        for r in self.recommendations(call_id, public_only=public_only, statuses=statuses):
            for a in r.addressees or ("unspecified",):
                grouped[a].append(r)
        return dict(sorted(grouped.items(), key=lambda kv: -len(kv[1])))

    def tag_counts(self, call_id: str, *, kind: str | None = None, public_only: bool = False, statuses=None
                   ) -> list[tuple[str, str, str, int, int]]:
        """(kind, key, label, passages, distinct submissions), most frequent first."""
        inputs = self._inputs(call_id, public_only, statuses)
        passages, submissions, labels = Counter(), defaultdict(set), {}
        for pid, hits in self.store.tags(call_id).items():
            if pid not in inputs:
                continue
            for h in hits:
                if kind and h.kind != kind:
                    continue
                passages[(h.kind, h.key)] += 1
                submissions[(h.kind, h.key)].add(inputs[pid].passage.submission_id)
                labels[(h.kind, h.key)] = h.label
        return sorted(((k[0], k[1], labels[k], n, len(submissions[k])) for k, n in passages.items()),
                      key=lambda r: (-r[4], -r[3], r[0], r[1]))

    def relations(self, call_id: str) -> list[tuple[str, str, str, str | None, float, str | None]]:
        """(kind, level, reference a, reference b, similarity, detail) for analysable submissions only."""
        refs = {c.passage.submission_id: c.reference for c in self.store.analysis_inputs(call_id)}
        out = []
        for r in self.store.relations(call_id):
            if r.a_submission_id not in refs or (r.b_submission_id and r.b_submission_id not in refs):
                continue
            out.append((r.kind, r.level, refs[r.a_submission_id], refs.get(r.b_submission_id), r.similarity, r.detail))
        return out

    def passage_mappings(self, call_id: str, *, question_id: str | None = None, reference: str | None = None):
        """(passage context, [(question, confidence, method, assigned_by, analyst)]) for each passage."""
        inputs = self._inputs(call_id, False)
        rows = defaultdict(list)
        for m in self.store.mappings(call_id):
            rows[m.passage_id].append(m)
        effective = effective_mappings(self.store.mappings(call_id))
        out = []
        for pid, c in inputs.items():
            if reference and c.reference != reference:
                continue
            chosen = effective.get(pid, {})
            if question_id and question_id not in chosen:
                continue
            out.append((c, [(q, m.confidence, m.method, m.assigned_by, m.analyst)
                            for q, m in sorted(chosen.items(), key=lambda kv: -kv[1].confidence)]))
        return out


def _counts(passage_ids, inputs) -> tuple[int, dict[str, int]]:
    subs = {inputs[p].passage.submission_id: inputs[p].category or "unknown" for p in passage_ids}
    return len(subs), dict(Counter(subs.values()).most_common())
