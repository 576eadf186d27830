"""The analysis engine's SQL store: inputs (passages of analysable submissions), vectors, mappings, tags,
recommendations, relations between submissions and job rows. Portable SQL only (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Engine, delete, insert, select, update

from inputdesk.pipeline.analysis.contracts import (
    MACHINE, PERSON, PassageText, QuestionAssignment, RecommendationHit, TagHit)
from inputdesk.services.analysis_ports import (
    ANALYSABLE_STATUSES, JobRow, MappingRow, PassageContext, RecommendationRow, RelationRow)
from inputdesk.storage.database import utc
from inputdesk.storage.tables import documents, passages, submissions
from inputdesk.storage.tables_analysis import (
    analysis_jobs, analysis_passages, passage_tags, question_mappings, recommendations, submission_relations)

_CHUNK = 500  # ids per IN (...) clause: well under SQLite's and PostgreSQL's parameter limits


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(ids: Sequence[int]):
    ids = list(ids)
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def call_passage_ids(call_id: str):
    """Subquery: ids of every passage of the call (whatever its submission's status)."""
    return select(passages.c.id).join(submissions, submissions.c.id == passages.c.submission_id).where(
        submissions.c.call_id == call_id)


class SqlAnalysisStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    # --- inputs ----------------------------------------------------------------
    def analysis_inputs(self, call_id: str) -> list[PassageContext]:
        query = (select(passages, submissions.c.reference, submissions.c.status, submissions.c.confidential,
                        submissions.c.stakeholder_category, submissions.c.country, submissions.c.organisation,
                        submissions.c.joint_authors, documents.c.role, documents.c.blob_sha256)
                 .join(submissions, submissions.c.id == passages.c.submission_id)
                 .join(documents, documents.c.id == passages.c.document_id)
                 .where(submissions.c.call_id == call_id,
                        submissions.c.status.in_([s.value for s in ANALYSABLE_STATUSES]))
                 .order_by(passages.c.submission_id, passages.c.document_id, passages.c.seq))
        with self.engine.connect() as conn:
            return [PassageContext(
                passage=PassageText(r.id, r.submission_id, r.document_id, r.seq, r.text, r.heading, r.page,
                                    r.language),
                reference=r.reference, status=r.status, confidential=r.confidential,
                category=r.stakeholder_category, country=r.country, organisation=r.organisation,
                document_role=r.role, document_sha256=r.blob_sha256, joint_authors=tuple(r.joint_authors or ()))
                for r in conn.execute(query)]

    def forget_other_passages(self, call_id: str, keep: set[int]) -> None:
        """Drop machine results for passages no longer analysable (quarantined, withdrawn, re-extracted)."""
        with self.engine.begin() as conn:
            known = {r[0] for r in conn.execute(select(analysis_passages.c.passage_id).where(
                analysis_passages.c.call_id == call_id))}
            gone = sorted(known - keep)
            for chunk in _chunks(gone):
                conn.execute(delete(analysis_passages).where(analysis_passages.c.passage_id.in_(chunk)))
                conn.execute(delete(passage_tags).where(passage_tags.c.passage_id.in_(chunk)))
                conn.execute(delete(recommendations).where(recommendations.c.passage_id.in_(chunk)))
                conn.execute(delete(question_mappings).where(question_mappings.c.passage_id.in_(chunk),
                                                             question_mappings.c.assigned_by == MACHINE))

    # --- vectors -----------------------------------------------------------------
    def passage_states(self, call_id: str) -> dict[int, tuple[str, str]]:
        query = select(analysis_passages.c.passage_id, analysis_passages.c.text_key, analysis_passages.c.embedder
                       ).where(analysis_passages.c.call_id == call_id)
        with self.engine.connect() as conn:
            return {r.passage_id: (r.text_key, r.embedder) for r in conn.execute(query)}

    def save_vectors(self, call_id: str, embedder: str, rows: Sequence[tuple[int, str, np.ndarray]]) -> None:
        now = _now()
        with self.engine.begin() as conn:
            for chunk in _chunks([pid for pid, _, _ in rows]):
                conn.execute(delete(analysis_passages).where(analysis_passages.c.passage_id.in_(chunk)))
            if rows:
                conn.execute(insert(analysis_passages), [
                    {"passage_id": pid, "call_id": call_id, "text_key": key, "embedder": embedder,
                     "vector": np.asarray(vec, dtype=np.float32).tobytes(), "analysed_at": now}
                    for pid, key, vec in rows])

    def vectors(self, call_id: str, embedder: str) -> dict[int, np.ndarray]:
        query = select(analysis_passages.c.passage_id, analysis_passages.c.vector).where(
            analysis_passages.c.call_id == call_id, analysis_passages.c.embedder == embedder)
        with self.engine.connect() as conn:
            return {r.passage_id: np.frombuffer(r.vector, dtype=np.float32) for r in conn.execute(query)}

    # --- question mappings ---------------------------------------------------------
    def replace_machine_mappings(self, passage_ids: Sequence[int], rows: Sequence[QuestionAssignment]) -> None:
        now = _now()
        with self.engine.begin() as conn:
            for chunk in _chunks(passage_ids):
                conn.execute(delete(question_mappings).where(question_mappings.c.passage_id.in_(chunk),
                                                             question_mappings.c.assigned_by == MACHINE))
            if rows:
                conn.execute(insert(question_mappings), [
                    {"passage_id": a.passage_id, "question_id": a.question_id, "assigned_by": MACHINE,
                     "decision": "yes", "confidence": float(a.confidence), "method": a.method, "analyst": None,
                     "at": now} for a in rows])

    def set_person_decision(self, passage_id: int, question_id: str, decision: str, analyst: str) -> None:
        where = (question_mappings.c.passage_id == passage_id, question_mappings.c.question_id == question_id,
                 question_mappings.c.assigned_by == PERSON)
        with self.engine.begin() as conn:
            conn.execute(delete(question_mappings).where(*where))
            conn.execute(insert(question_mappings).values(
                passage_id=passage_id, question_id=question_id, assigned_by=PERSON, decision=decision,
                confidence=1.0, method="person", analyst=analyst, at=_now()))

    def clear_person_decisions(self, passage_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(question_mappings).where(question_mappings.c.passage_id == passage_id,
                                                         question_mappings.c.assigned_by == PERSON))

    def mappings(self, call_id: str) -> list[MappingRow]:
        query = select(question_mappings).where(question_mappings.c.passage_id.in_(call_passage_ids(call_id))
                                                ).order_by(question_mappings.c.passage_id, question_mappings.c.question_id)
        with self.engine.connect() as conn:
            return [MappingRow(r.passage_id, r.question_id, r.assigned_by, r.decision, r.confidence, r.method,
                               r.analyst, utc(r.at)) for r in conn.execute(query)]

    # --- tags and recommendations -----------------------------------------------------
    def replace_tags(self, passage_ids: Sequence[int], tags: dict[int, list[TagHit]]) -> None:
        with self.engine.begin() as conn:
            for chunk in _chunks(passage_ids):
                conn.execute(delete(passage_tags).where(passage_tags.c.passage_id.in_(chunk)))
            rows = [{"passage_id": pid, "kind": h.kind, "key": h.key, "label": h.label, "count": h.count,
                     "matched": list(h.matched)} for pid, hits in tags.items() for h in hits]
            if rows:
                conn.execute(insert(passage_tags), rows)

    def tags(self, call_id: str) -> dict[int, list[TagHit]]:
        query = select(passage_tags).where(passage_tags.c.passage_id.in_(call_passage_ids(call_id)))
        out: dict[int, list[TagHit]] = defaultdict(list)
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                out[r.passage_id].append(TagHit(r.kind, r.key, r.label, r.count, tuple(r.matched or ())))
        return dict(out)

    def replace_recommendations(self, passage_ids: Sequence[int], hits: Sequence[RecommendationHit]) -> None:
        with self.engine.begin() as conn:
            for chunk in _chunks(passage_ids):
                conn.execute(delete(recommendations).where(recommendations.c.passage_id.in_(chunk)))
            if hits:
                conn.execute(insert(recommendations), [
                    {"passage_id": h.passage_id, "sentence_index": h.sentence_index, "text": h.text,
                     "addressees": list(h.addressees), "measures": list(h.measures), "confidence": h.confidence}
                    for h in hits])

    def recommendations(self, call_id: str) -> list[RecommendationRow]:
        query = select(recommendations).where(recommendations.c.passage_id.in_(call_passage_ids(call_id))
                                              ).order_by(recommendations.c.passage_id, recommendations.c.sentence_index)
        with self.engine.connect() as conn:
            return [RecommendationRow(r.id, RecommendationHit(r.passage_id, r.sentence_index, r.text,
                                                              tuple(r.addressees), tuple(r.measures), r.confidence))
                    for r in conn.execute(query)]

    # --- relations ----------------------------------------------------------------------
    def replace_relations(self, call_id: str, rows: Sequence[tuple]) -> None:
        """rows: (kind, level, a_submission_id, b_submission_id, a_item, b_item, similarity, detail)."""
        with self.engine.begin() as conn:
            conn.execute(delete(submission_relations).where(submission_relations.c.call_id == call_id))
            if rows:
                keys = ("kind", "level", "a_submission_id", "b_submission_id", "a_item", "b_item", "similarity",
                        "detail")
                conn.execute(insert(submission_relations), [dict(zip(keys, r), call_id=call_id) for r in rows])

    def relations(self, call_id: str) -> list[RelationRow]:
        query = select(submission_relations).where(submission_relations.c.call_id == call_id).order_by(
            submission_relations.c.id)
        with self.engine.connect() as conn:
            return [RelationRow(r.id, r.kind, r.level, r.a_submission_id, r.b_submission_id, r.a_item, r.b_item,
                                r.similarity, r.detail) for r in conn.execute(query)]

    # --- jobs -------------------------------------------------------------------------
    def start_job(self, run_id: str, call_id: str, stage: str, question_id: str | None, total: int) -> int:
        with self.engine.begin() as conn:
            return conn.execute(insert(analysis_jobs).values(
                run_id=run_id, call_id=call_id, question_id=question_id, stage=stage, status="running", total=total,
                processed=0, failed=0, message=None, errors=[], started_at=_now()).returning(analysis_jobs.c.id)
            ).scalar_one()

    def finish_job(self, job_id: int, status: str, processed: int, failed: list, message: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(analysis_jobs).where(analysis_jobs.c.id == job_id).values(
                status=status, processed=processed, failed=len(failed), errors=[list(f) for f in failed[:200]],
                message=message, finished_at=_now()))

    def jobs(self, call_id: str, run_id: str | None = None) -> list[JobRow]:
        query = select(analysis_jobs).where(analysis_jobs.c.call_id == call_id).order_by(analysis_jobs.c.id)
        if run_id:
            query = query.where(analysis_jobs.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [JobRow(r.id, r.run_id, r.call_id, r.question_id, r.stage, r.status, r.total, r.processed,
                           r.failed, r.message, list(r.errors or []), utc(r.started_at), utc(r.finished_at))
                    for r in conn.execute(query)]
