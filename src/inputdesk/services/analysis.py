"""Running the analysis of a call: every stage recorded as a job row (per call, and per question for themes),
incremental (only new or changed passages are embedded; the rest is recomputed from stored vectors), retryable."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from inputdesk.domain.call import Call
from inputdesk.pipeline.analysis.contracts import MACHINE, STRUCTURE, QuestionAssignment, QuestionText
from inputdesk.pipeline.analysis.embedders import text_key
from inputdesk.pipeline.analysis.recommendations import detect_all
from inputdesk.pipeline.analysis.structure import QUESTION_TEXT
from inputdesk.pipeline.analysis.text import is_boilerplate
from inputdesk.pipeline.analysis.themes import document_frequencies
from inputdesk.services.analysis_duplicates import find_relations
from inputdesk.services.analysis_ports import AnalysisStore, PassageContext
from inputdesk.services.analysis_themes import ThemeService

Progress = Callable[[str, int, int], None]  # (stage, done, total)
EMBED, MAP, TAG, RECOMMEND, DUPLICATES, THEMES = "embed", "map", "tag", "recommendations", "duplicates", "themes"
CALL_STAGES = (EMBED, MAP, TAG, RECOMMEND, DUPLICATES)
_EMBED_BATCH = 128


@dataclass
class AnalysisStages:
    """The stage objects one run uses (see pipeline/analysis/contracts.py); tests pass cheap ones."""

    embedder: object
    structure: object
    meaning: object
    tagger: object
    recommender: object
    duplicates: object
    themes: object


@dataclass
class RunSummary:
    run_id: str
    passages: int = 0
    new_or_changed: int = 0
    mapped: int = 0
    tagged: int = 0
    recommendations: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)  # question id -> themes (without "other")
    failed_jobs: list[str] = field(default_factory=list)


def question_texts(call: Call, cues: dict[str, tuple[str, ...]] | None = None) -> list[QuestionText]:
    out = []
    for q in call.questions:
        texts = [q.text] + ([q.child_text] if q.child_text else [])
        texts += [t["text"] for t in q.translations.values() if t.get("text")]
        out.append(QuestionText(q.id, q.number, q.label, tuple(texts), tuple((cues or {}).get(q.id, ()))))
    return out


class AnalysisService:
    def __init__(self, calls, store: AnalysisStore, themes: ThemeService,
                 stages_for: Callable[[Call], AnalysisStages]):
        self.calls = calls
        self.store = store
        self.theme_service = themes
        self.stages_for = stages_for

    def run(self, call_id: str, *, progress: Progress | None = None, only: Sequence[str] | None = None,
            questions: Sequence[str] | None = None) -> RunSummary:
        """Analyse a call. `only` limits the stages (e.g. after a failure), `questions` the theme jobs."""
        call = self.calls.get_call(call_id)
        stages = self.stages_for(call)
        report = progress or (lambda *_: None)
        summary = RunSummary(run_id=uuid.uuid4().hex)
        inputs = self.store.analysis_inputs(call.id)
        self.store.forget_other_passages(call.id, {c.passage.id for c in inputs})
        summary.passages = len(inputs)
        wanted = set(only or (*CALL_STAGES, THEMES))
        changed = self._changed(call.id, inputs, stages.embedder.name)
        summary.new_or_changed = len(changed)
        # Embedding comes first whatever `only` says: every later stage reads the vectors.
        self._job(summary, call.id, EMBED, None, len(changed), lambda: self._embed(call.id, changed, stages, report),
                  report)
        vectors = self.store.vectors(call.id, stages.embedder.name)
        if MAP in wanted:
            self._job(summary, call.id, MAP, None, len(inputs),
                      lambda: self._map(call, inputs, vectors, stages, summary), report)
        # Tagging and recommendations cost ~0.5 ms a passage: redone for all, so an interrupted run or a changed
        # taxonomy never leaves passages behind. Only embedding (the expensive stage) is incremental.
        if TAG in wanted:
            self._job(summary, call.id, TAG, None, len(inputs), lambda: self._tag(inputs, stages, summary), report)
        if RECOMMEND in wanted:
            self._job(summary, call.id, RECOMMEND, None, len(inputs),
                      lambda: self._recommend(inputs, stages, summary), report)
        if DUPLICATES in wanted:
            self._job(summary, call.id, DUPLICATES, None, len(inputs),
                      lambda: self._duplicates(call.id, inputs, stages, summary), report)
        if THEMES in wanted:
            mapped = self.theme_service.mapped_passages(call.id, inputs)
            background = document_frequencies(c.passage.text for c in inputs)
            for q in call.questions:
                if questions and q.id not in questions:
                    continue
                members = mapped.get(q.id, [])
                self._job(summary, call.id, THEMES, q.id, len(members), lambda q=q, m=members: self._themes(
                    call.id, q.id, m, vectors, stages, summary, background), report)
        keep = {c.passage.id for c in inputs}  # totals, not just this run's share, for the summary
        summary.tagged = sum(1 for pid, hits in self.store.tags(call.id).items() if hits and pid in keep)
        summary.recommendations = sum(1 for r in self.store.recommendations(call.id) if r.hit.passage_id in keep)
        return summary

    def retry_failed(self, call_id: str, *, progress: Progress | None = None) -> RunSummary | None:
        """Run again the stages (and questions) whose job failed in the latest run; None when nothing failed."""
        jobs = self.store.jobs(call_id)
        if not jobs:
            return None
        latest = [j for j in jobs if j.run_id == jobs[-1].run_id and j.status == "failed"]
        if not latest:
            return None
        stages = sorted({j.stage for j in latest})
        questions = sorted({j.question_id for j in latest if j.question_id})
        return self.run(call_id, progress=progress, only=stages, questions=questions or None)

    # --- jobs -----------------------------------------------------------------------------
    def _job(self, summary: RunSummary, call_id: str, stage: str, question: str | None, total: int, work,
             report: Progress) -> None:
        label = f"{stage} {question}" if question else stage
        job = self.store.start_job(summary.run_id, call_id, stage, question, total)
        report(label, 0, total)
        try:
            processed, failed = work()
        except Exception as exc:  # a failed stage is recorded and retried later; the other stages still run
            self.store.finish_job(job, "failed", 0, [], f"{type(exc).__name__}: {exc}")
            summary.failed_jobs.append(f"{label}: {exc}")
            return
        self.store.finish_job(job, "done", processed, failed, None)
        report(label, total, total)

    def _changed(self, call_id: str, inputs: list[PassageContext], embedder: str) -> list[PassageContext]:
        states = self.store.passage_states(call_id)
        return [c for c in inputs if states.get(c.passage.id) != (text_key(c.passage.text), embedder)]

    def _embed(self, call_id: str, changed: list[PassageContext], stages: AnalysisStages, report: Progress):
        failed = []
        report(EMBED, 0, len(changed))
        for start in range(0, len(changed), _EMBED_BATCH):
            batch = changed[start:start + _EMBED_BATCH]
            texts = [_embedding_text(c) for c in batch]
            vectors = stages.embedder.embed(texts)
            self.store.save_vectors(call_id, stages.embedder.name, [
                (c.passage.id, text_key(c.passage.text), v) for c, v in zip(batch, vectors)])
            report(EMBED, start + len(batch), len(changed))
        return len(changed), failed

    def _map(self, call: Call, inputs, vectors, stages: AnalysisStages, summary: RunSummary):
        by_document: dict[int, list] = {}
        for c in inputs:
            by_document.setdefault(c.passage.document_id, []).append(c.passage)
        assignments: list[QuestionAssignment] = []
        failed = []
        for document_id, passages in by_document.items():
            try:
                assignments.extend(stages.structure.map_document(passages))
            except Exception as exc:  # one odd document must not stop the mapping of the others
                failed.append((document_id, f"structure: {exc}"))
        notes = {c.passage.id for c in inputs if is_boilerplate(c.passage.text)}
        assignments = [a for a in assignments if a.passage_id not in notes or a.method == QUESTION_TEXT]
        structured = {a.passage_id for a in assignments} | notes
        examples = self._examples(call.id, assignments, vectors)
        rest = [c.passage for c in inputs if c.passage.id not in structured and c.passage.id in vectors]
        if rest:
            matrix = np.vstack([vectors[p.id] for p in rest])
            assignments.extend(stages.meaning.map(rest, matrix, examples))
        self.store.replace_machine_mappings([c.passage.id for c in inputs], assignments)
        summary.mapped = len({a.passage_id for a in assignments if a.method != QUESTION_TEXT})
        return len(inputs), failed

    def _examples(self, call_id: str, assignments, vectors) -> list[tuple[np.ndarray, str]]:
        """Labelled passages that teach the meaning mapper: analysts' decisions first, then confident structure."""
        examples = []
        person = {(m.passage_id, m.question_id): m.decision for m in self.store.mappings(call_id)
                  if m.assigned_by != MACHINE}
        for (pid, qid), decision in sorted(person.items()):
            if decision == "yes" and pid in vectors:
                examples.append((vectors[pid], qid))
        for a in assignments:
            if a.method == STRUCTURE and a.confidence >= 0.9 and a.passage_id in vectors \
                    and person.get((a.passage_id, a.question_id)) != "no":
                examples.append((vectors[a.passage_id], a.question_id))
        return examples

    def _tag(self, todo, stages: AnalysisStages, summary: RunSummary):
        tags, failed = {}, []
        for c in todo:
            try:
                tags[c.passage.id] = stages.tagger.tag(c.passage.text)
            except Exception as exc:
                failed.append((c.passage.id, f"tag: {exc}"))
        self.store.replace_tags([c.passage.id for c in todo], tags)
        return len(todo) - len(failed), failed

    def _recommend(self, todo, stages: AnalysisStages, summary: RunSummary):
        hits, failed = detect_all(stages.recommender, [c.passage for c in todo])
        self.store.replace_recommendations([c.passage.id for c in todo], hits)
        return len(todo) - len(failed), failed

    def _duplicates(self, call_id: str, inputs, stages: AnalysisStages, summary: RunSummary):
        rows = find_relations(inputs, stages.duplicates)
        self.store.replace_relations(call_id, rows)
        for row in rows:
            summary.relations[row[0]] = summary.relations.get(row[0], 0) + 1
        return len(inputs), []

    def _themes(self, call_id: str, question_id: str, members, vectors, stages: AnalysisStages, summary, background):
        saved = self.theme_service.rebuild(call_id, question_id, members, vectors, stages.themes, background)
        summary.themes[question_id] = sum(1 for t in saved if not t.is_other and t.status == "active")
        return len(members), []


def _embedding_text(c: PassageContext) -> str:
    # The heading says what a short answer is about ("Question 4", "Les lacunes qui persistent").
    heading = c.passage.heading or ""
    return f"{heading}\n{c.passage.text}" if heading and len(heading) < 200 else c.passage.text
