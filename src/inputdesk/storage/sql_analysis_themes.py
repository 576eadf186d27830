"""Themes and their members in SQL; analysts' names, merges, splits and pinned members live here across runs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select, update

from inputdesk.services.analysis_ports import ThemeRow
from inputdesk.storage.tables_analysis import theme_members, themes


def _values(t: ThemeRow) -> dict:
    return {"call_id": t.call_id, "question_id": t.question_id, "keywords": list(t.keywords), "name": t.name,
            "named_by": t.named_by, "is_other": t.is_other, "status": t.status, "merged_into": t.merged_into,
            "parent_id": t.parent_id, "created_by": t.created_by, "representatives": list(t.representatives),
            "updated_at": datetime.now(UTC)}


def _row(r) -> ThemeRow:
    return ThemeRow(id=r.id, call_id=r.call_id, question_id=r.question_id, keywords=list(r.keywords or []),
                    name=r.name, named_by=r.named_by, is_other=r.is_other, status=r.status,
                    merged_into=r.merged_into, parent_id=r.parent_id, created_by=r.created_by,
                    representatives=list(r.representatives or []))


class SqlThemeStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def themes(self, call_id: str, question_id: str | None = None, *, active_only: bool = True) -> list[ThemeRow]:
        query = select(themes).where(themes.c.call_id == call_id).order_by(themes.c.question_id, themes.c.id)
        if question_id:
            query = query.where(themes.c.question_id == question_id)
        if active_only:
            query = query.where(themes.c.status == "active")
        with self.engine.connect() as conn:
            rows = {r.id: _row(r) for r in conn.execute(query)}
            if rows:
                members = select(theme_members).where(theme_members.c.theme_id.in_(list(rows)))
                for m in conn.execute(members):
                    rows[m.theme_id].members[m.passage_id] = (m.similarity, m.assigned_by)
        return list(rows.values())

    def theme(self, theme_id: int) -> ThemeRow:
        with self.engine.connect() as conn:
            r = conn.execute(select(themes).where(themes.c.id == theme_id)).first()
            if r is None:
                raise KeyError(f"no theme {theme_id}; see 'inputdesk themes list'")
            row = _row(r)
            for m in conn.execute(select(theme_members).where(theme_members.c.theme_id == theme_id)):
                row.members[m.passage_id] = (m.similarity, m.assigned_by)
        return row

    def save_question_themes(self, call_id: str, question_id: str, rows: Sequence[ThemeRow]) -> list[ThemeRow]:
        """Store one question's themes after a run: new rows get ids; every member row of the question is
        replaced by the members given (pinned members included, as the caller keeps them)."""
        with self.engine.begin() as conn:
            existing = [r[0] for r in conn.execute(select(themes.c.id).where(
                themes.c.call_id == call_id, themes.c.question_id == question_id))]
            if existing:
                conn.execute(delete(theme_members).where(theme_members.c.theme_id.in_(existing)))
            for row in rows:
                if row.id is None:
                    row.id = conn.execute(insert(themes).values(**_values(row)).returning(themes.c.id)).scalar_one()
                else:
                    conn.execute(update(themes).where(themes.c.id == row.id).values(**_values(row)))
            members = [{"question_id": question_id, "passage_id": pid, "theme_id": row.id, "similarity": float(sim),
                        "assigned_by": by, "analyst": None} for row in rows for pid, (sim, by) in row.members.items()]
            if members:
                conn.execute(insert(theme_members), members)
        return list(rows)

    def update_theme(self, theme: ThemeRow) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(themes).where(themes.c.id == theme.id).values(**_values(theme)))

    def set_member(self, question_id: str, passage_id: int, theme_id: int, similarity: float, assigned_by: str,
                   analyst: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(theme_members).where(theme_members.c.question_id == question_id,
                                                     theme_members.c.passage_id == passage_id))
            conn.execute(insert(theme_members).values(question_id=question_id, passage_id=passage_id,
                                                      theme_id=theme_id, similarity=similarity,
                                                      assigned_by=assigned_by, analyst=analyst))
