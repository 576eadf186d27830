"""Themes per question, and analysts' edits to them. A re-run clusters again, then matches the new clusters to
the known themes by their members, so names, merges, splits and pinned passages survive it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import numpy as np

from inputdesk.domain.submission import AuditEvent
from inputdesk.pipeline.analysis.contracts import MACHINE, PERSON
from inputdesk.pipeline.analysis.themes import kmeans, label_keywords
from inputdesk.services.analysis_ports import ThemeRow, ThemeStore
from inputdesk.services.analysis_review import effective_mappings

ACTIVE, MERGED, SPLIT, RETIRED = "active", "merged", "split", "retired"
_MIN_SHARE = 0.3  # a cluster inherits a known theme when this share of its members were in it


class ThemeService:
    def __init__(self, store: ThemeStore, analysis_store, audit):
        self.store = store
        self.analysis_store = analysis_store
        self.audit = audit

    def mapped_passages(self, call_id: str, inputs) -> dict[str, list]:
        """question id -> the passages that answer it (effective mappings), in a stable order."""
        effective = effective_mappings(self.analysis_store.mappings(call_id))
        out: dict[str, list] = {}
        for c in inputs:
            for qid in effective.get(c.passage.id, {}):
                out.setdefault(qid, []).append(c.passage)
        return out

    # --- runs ----------------------------------------------------------------------
    def rebuild(self, call_id: str, question_id: str, passages, vectors: dict, finder,
                background=None) -> list[ThemeRow]:
        """Cluster one question's passages again and reconcile the clusters with the known themes.
        `background`: keyword document frequencies over the whole call, for more telling theme keywords."""
        passages = [p for p in passages if p.id in vectors]
        ids = {p.id for p in passages}
        known = self.store.themes(call_id, question_id, active_only=False)
        active = [t for t in known if t.status == ACTIVE]
        current = {pid: t.id for t in active for pid in t.members}
        pinned = {pid: (t.id, sim) for t in active for pid, (sim, by) in t.members.items()
                  if by == PERSON and pid in ids}
        merge_targets = {t.merged_into for t in known if t.status == MERGED and t.merged_into}
        drafts = finder.themes(passages, np.vstack([vectors[p.id] for p in passages])) if passages else []
        if background is not None:
            real = [d for d in drafts if not d.is_other]
            label_keywords(real, {p.id: p.text for p in passages}, 6, background)
        by_id = {t.id: t for t in known}
        for t in known:
            t.members = {}
        claimed: set[int] = set()
        fresh: list[ThemeRow] = []
        other = next((t for t in active if t.is_other), None)
        for draft in sorted(drafts, key=lambda d: (d.is_other, -len(d.members))):
            members = {pid: (sim, MACHINE) for pid, sim in zip(draft.members, draft.similarities)
                       if pid not in pinned}
            if draft.is_other:
                if other is None:
                    other = self._new(call_id, question_id, ["other"], is_other=True)
                    fresh.append(other)
                other.members.update(members)
                continue
            target = self._match(draft.members, current, by_id, claimed, merge_targets)
            if target is None:
                target = self._new(call_id, question_id, draft.keywords)
                fresh.append(target)
            else:
                claimed.add(target.id)
                if not target.members:  # the largest cluster that lands on a theme describes it
                    target.keywords = draft.keywords
            target.representatives = target.representatives if target.members else draft.representatives
            target.members.update(members)
        for pid, (theme_id, sim) in pinned.items():
            by_id[theme_id].members[pid] = (sim, PERSON)
        for t in active:
            if not t.members and not t.name and t.created_by == MACHINE and not t.is_other and t.id not in merge_targets:
                t.status = RETIRED
        rows = known + fresh
        return self.store.save_question_themes(call_id, question_id, rows)

    @staticmethod
    def _match(members, current, by_id, claimed, merge_targets):
        votes = Counter(current[pid] for pid in members if pid in current)
        for theme_id, count in votes.most_common():
            theme = by_id[theme_id]
            if count < _MIN_SHARE * len(members) or theme.is_other:
                continue
            if theme_id in claimed and theme_id not in merge_targets:
                continue  # another, larger cluster took it; an analyst's merge target may take several
            return theme
        return None

    @staticmethod
    def _new(call_id, question_id, keywords, *, is_other=False, created_by=MACHINE, parent_id=None) -> ThemeRow:
        return ThemeRow(id=None, call_id=call_id, question_id=question_id, keywords=list(keywords), name=None,
                        named_by=None, is_other=is_other, status=ACTIVE, merged_into=None, parent_id=parent_id,
                        created_by=created_by, representatives=[])

    # --- analysts' edits ------------------------------------------------------------------
    def rename(self, theme_id: int, name: str, analyst: str) -> ThemeRow:
        theme = self.store.theme(theme_id)
        before = theme.title
        theme.name, theme.named_by = name.strip() or None, analyst
        self.store.update_theme(theme)
        self._audit(analyst, "theme.rename", theme_id, {"name": before}, {"name": theme.name})
        return theme

    def merge(self, target_id: int, source_ids: list[int], analyst: str) -> ThemeRow:
        target = self.store.theme(target_id)
        for source_id in source_ids:
            source = self.store.theme(source_id)
            if source.question_id != target.question_id or source.call_id != target.call_id:
                raise ValueError(f"theme {source_id} belongs to another question; only themes of one question merge")
            for pid, (sim, by) in source.members.items():
                self.store.set_member(target.question_id, pid, target.id, sim, by, analyst if by == PERSON else None)
            source.status, source.merged_into = MERGED, target.id
            self.store.update_theme(source)
        self._audit(analyst, "theme.merge", target_id, {"sources": source_ids}, {"into": target_id})
        return self.store.theme(target_id)

    def split(self, theme_id: int, analyst: str, passage_ids: list[int] | None = None,
              vectors: dict | None = None, texts: dict | None = None, name: str | None = None) -> list[ThemeRow]:
        """Split a theme in two: the passages given (or, without them, the machine's best 2-way split of the
        theme) become a new theme; every member of both is pinned, so the next run keeps the split."""
        theme = self.store.theme(theme_id)
        members = sorted(theme.members)
        if passage_ids is None:
            if vectors is None or len(members) < 2:
                raise ValueError("say which passages form the new theme (--passages), or run the analysis first")
            x = np.vstack([vectors[p] for p in members])
            labels, _ = kmeans(x, 2, seed=0)
            passage_ids = [p for p, label in zip(members, labels) if label == 1]
        moving = [p for p in members if p in set(passage_ids)]
        if not moving or len(moving) == len(members):
            raise ValueError("a split needs some, but not all, of the theme's passages in the new theme")
        child = self._new(theme.call_id, theme.question_id, [], created_by=PERSON, parent_id=theme.id)
        child.name, child.named_by = name, analyst if name else None
        rows = self.store.themes(theme.call_id, theme.question_id, active_only=False)
        child.members = {p: (theme.members[p][0], PERSON) for p in moving}
        for t in rows:
            if t.id == theme.id:
                t.members = {p: (v[0], PERSON) for p, v in theme.members.items() if p not in child.members}
        if texts:
            label_keywords_rows([child] + [t for t in rows if t.id == theme.id], texts)
        saved = self.store.save_question_themes(theme.call_id, theme.question_id, rows + [child])
        self._audit(analyst, "theme.split", theme_id, {"members": len(members)},
                    {"new_theme": child.id, "moved": moving})
        return [t for t in saved if t.id in (theme.id, child.id)]

    def move(self, passage_id: int, theme_id: int, analyst: str) -> None:
        """Pin a passage to a theme of its question; re-runs keep it there."""
        theme = self.store.theme(theme_id)
        if theme.status != ACTIVE:
            raise ValueError(f"theme {theme_id} was {theme.status}; move the passage into an active theme")
        answers = effective_mappings(self.analysis_store.mappings(theme.call_id)).get(passage_id, {})
        if theme.question_id not in answers:
            raise ValueError(
                f"passage {passage_id} does not answer {theme.question_id}, the question of theme {theme_id}; "
                f"say it does first ('inputdesk mapping add {passage_id} {theme.question_id}')")
        self.store.set_member(theme.question_id, passage_id, theme.id, 1.0, PERSON, analyst)
        self._audit(analyst, "theme.move", theme_id, None, {"passage": passage_id})

    def _audit(self, analyst, action, theme_id, before, after) -> None:
        self.audit.append(AuditEvent(actor=f"user:{analyst}", action=action, entity_type="theme",
                                     entity_id=str(theme_id), at=datetime.now(UTC), before=before, after=after))


def readable_keywords(themes: list[list[int]], texts: dict[int, str], n: int = 6, *,
                      background: bool = True) -> list[list[str]]:
    """Each theme's distinctive words (`themes`: its member passage ids), drawn only from `texts`: the text a
    reader may see (redacted, and only the passages they may read). Stored keywords come from every passage as it
    was received, names and confidential submissions included, so whoever may not read all of it gets these."""
    from inputdesk.domain.redaction import REDACTION_MASK
    from inputdesk.pipeline.analysis.contracts import ThemeDraft
    from inputdesk.pipeline.analysis.themes import document_frequencies

    visible = {pid: text.replace(REDACTION_MASK, " ") for pid, text in texts.items()}
    drafts = [ThemeDraft(members=[p for p in members if p in visible], similarities=[]) for members in themes]
    label_keywords(drafts, visible, n, document_frequencies(visible.values()) if background else None)
    return [draft.keywords for draft in drafts]


def label_keywords_rows(rows: list[ThemeRow], texts: dict[int, str]) -> None:
    """New keywords for `rows` from `texts`, which may hold only the members the person asking can read."""
    for row, words in zip(rows, readable_keywords([sorted(r.members) for r in rows], texts, background=False)):
        row.keywords = words
