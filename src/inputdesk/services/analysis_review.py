"""Analysts and the machine's question mappings: effective mappings (a person's decision always wins),
corrections that no re-run overwrites, and live agreement between machine and analysts."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from inputdesk.domain.submission import AuditEvent
from inputdesk.pipeline.analysis.agreement import Agreement, agreement
from inputdesk.pipeline.analysis.contracts import MACHINE, PERSON
from inputdesk.pipeline.analysis.structure import QUESTION_TEXT
from inputdesk.services.analysis_ports import AnalysisStore, MappingRow


def effective_mappings(rows: list[MappingRow]) -> dict[int, dict[str, MappingRow]]:
    """passage id -> question id -> the decision that counts: a person's, else the machine's 'yes'.
    Passages that only repeat the question text are headings, not answers, and are left out."""
    by_key: dict[tuple[int, str], dict[str, MappingRow]] = defaultdict(dict)
    for row in rows:
        by_key[(row.passage_id, row.question_id)][row.assigned_by] = row
    out: dict[int, dict[str, MappingRow]] = defaultdict(dict)
    for (pid, qid), decisions in by_key.items():
        row = decisions.get(PERSON) or decisions.get(MACHINE)
        if row.decision == "yes" and row.method != QUESTION_TEXT:
            out[pid][qid] = row
    return dict(out)


class MappingReview:
    def __init__(self, calls, store: AnalysisStore, audit, clock=None):
        self.calls = calls
        self.store = store
        self.audit = audit
        self.clock = clock or (lambda: datetime.now(UTC))

    def set_questions(self, call_id: str, passage_id: int, question_ids: list[str], analyst: str) -> None:
        """An analyst says the passage answers exactly these questions (none: it answers no question)."""
        call = self.calls.get_call(call_id)
        self._check(call, question_ids, analyst)
        self._check_passage(call_id, passage_id)
        before = self._current(call_id, passage_id)
        self.store.clear_person_decisions(passage_id)
        for q in call.questions:
            self.store.set_person_decision(passage_id, q.id, "yes" if q.id in question_ids else "no", analyst)
        self._audit(analyst, "mapping.set", passage_id, before, sorted(question_ids))

    def decide(self, call_id: str, passage_id: int, question_id: str, answers: bool, analyst: str) -> None:
        """An analyst adds (answers=True) or removes one question for a passage; the others stay as they are."""
        call = self.calls.get_call(call_id)
        self._check(call, [question_id], analyst)
        self._check_passage(call_id, passage_id)
        before = self._current(call_id, passage_id)
        self.store.set_person_decision(passage_id, question_id, "yes" if answers else "no", analyst)
        self._audit(analyst, "mapping.add" if answers else "mapping.remove", passage_id, before,
                    self._current(call_id, passage_id))

    def agreement(self, call_id: str, question_id: str | None = None) -> Agreement:
        """Machine vs analysts over every (passage, question) an analyst decided."""
        pairs = []
        machine = {(r.passage_id, r.question_id) for r in self.store.mappings(call_id)
                   if r.assigned_by == MACHINE and r.decision == "yes" and r.method != QUESTION_TEXT}
        for row in self.store.mappings(call_id):
            if row.assigned_by != PERSON or (question_id and row.question_id != question_id):
                continue
            pairs.append(((row.passage_id, row.question_id) in machine, row.decision == "yes"))
        return agreement(pairs)

    def _current(self, call_id: str, passage_id: int) -> list[str]:
        rows = [r for r in self.store.mappings(call_id) if r.passage_id == passage_id]
        return sorted(effective_mappings(rows).get(passage_id, {}))

    @staticmethod
    def _check(call, question_ids, analyst: str) -> None:
        if not analyst or not analyst.strip():
            raise ValueError("say who decides (--by NAME): corrections are stored with the analyst's name")
        known = {q.id for q in call.questions}
        unknown = [q for q in question_ids if q not in known]
        if unknown:
            raise ValueError(f"call {call.id!r} has no question {', '.join(unknown)}; "
                             f"its questions are {', '.join(sorted(known))}")

    def _check_passage(self, call_id: str, passage_id: int) -> None:
        if passage_id not in self.store.passage_states(call_id):
            raise ValueError(f"call {call_id!r} has no analysed passage {passage_id}; "
                             "see 'inputdesk mapping list' (passages are analysed by 'inputdesk analyse')")

    def _audit(self, analyst, action, passage_id, before, after) -> None:
        self.audit.append(AuditEvent(actor=f"user:{analyst}", action=action, entity_type="passage",
                                     entity_id=str(passage_id), at=self.clock(), before={"questions": before},
                                     after={"questions": after}))
