"""Tables of the analysis engine, in portable types: jobs, passage vectors, question mappings (machine and person),
tags, recommendations, relations between submissions, and themes with their members."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from inputdesk.storage.tables import metadata

# One row per stage of a run: per call (embed, map, tag, ...) and per question (themes). Retried rows are reused.
analysis_jobs = Table(
    "analysis_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), nullable=False, index=True),
    Column("call_id", String(80), ForeignKey("calls.id"), nullable=False),
    Column("question_id", String(40)),
    Column("stage", String(40), nullable=False),
    Column("status", String(20), nullable=False),  # pending | running | done | failed
    Column("total", Integer, nullable=False),
    Column("processed", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("message", Text),
    Column("errors", JSON, nullable=False),  # [[item id, reason], ...] for the items that failed
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Index("ix_analysis_jobs_call_stage", "call_id", "stage"),
)

# What the last run saw of each passage: a changed text or embedder means it is analysed again.
analysis_passages = Table(
    "analysis_passages",
    metadata,
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
    Column("call_id", String(80), nullable=False, index=True),
    Column("text_key", String(32), nullable=False),
    Column("embedder", String(60), nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, L2-normalised
    Column("analysed_at", DateTime(timezone=True), nullable=False),
)

# assigned_by machine rows are replaced by each run; person rows (analysts' corrections) never are.
question_mappings = Table(
    "question_mappings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(40), nullable=False, index=True),
    Column("assigned_by", String(10), nullable=False),  # machine | person
    Column("decision", String(5), nullable=False),  # yes | no (a person may say a passage does NOT answer it)
    Column("confidence", Float, nullable=False),
    Column("method", String(20), nullable=False),  # structure | meaning | question_text | person
    Column("analyst", String(120)),  # who decided, when a person did
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("passage_id", "question_id", "assigned_by", name="uq_question_mappings_decision"),
)

passage_tags = Table(
    "passage_tags",
    metadata,
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("key", String(60), primary_key=True),
    Column("label", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("matched", JSON, nullable=False),
    Index("ix_passage_tags_kind_key", "kind", "key"),
)

recommendations = Table(
    "recommendations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence_index", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("addressees", JSON, nullable=False),
    Column("measures", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
)

# duplicate | campaign | shared_annex | shared_passage | joint; item ids are passages or documents per `level`.
submission_relations = Table(
    "submission_relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", String(80), ForeignKey("calls.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("level", String(20), nullable=False),  # submission | document | passage
    Column("a_submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    Column("b_submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE")),
    Column("a_item", Integer),
    Column("b_item", Integer),
    Column("similarity", Float, nullable=False),
    Column("detail", Text),
)

themes = Table(
    "themes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", String(80), ForeignKey("calls.id"), nullable=False),
    Column("question_id", String(40), nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("name", Text),  # an analyst's name for it; survives re-runs
    Column("named_by", String(120)),
    Column("is_other", Boolean, nullable=False),
    Column("status", String(12), nullable=False),  # active | merged | split | retired
    Column("merged_into", Integer, ForeignKey("themes.id")),
    Column("parent_id", Integer, ForeignKey("themes.id")),
    Column("created_by", String(10), nullable=False),  # machine | person
    Column("representatives", JSON, nullable=False),  # passage ids, most typical first
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_themes_call_question", "call_id", "question_id"),
)

theme_members = Table(
    "theme_members",
    metadata,
    Column("question_id", String(40), primary_key=True),
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", Integer, ForeignKey("themes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("similarity", Float, nullable=False),
    Column("assigned_by", String(10), nullable=False),  # machine | person (pinned by an analyst's split or move)
    Column("analyst", String(120)),  # who decided, when a person did
)
