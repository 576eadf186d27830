"""Search over a call's passages: full text or semantic, with filters, never showing set-aside submissions
(quarantined, rejected, withdrawn, failed) and, for public surfaces, only approved non-confidential ones."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inputdesk.services.analysis_ports import AnalysisStore, FullTextIndex, PassageContext, SearchFilters
from inputdesk.services.analysis_review import effective_mappings


@dataclass(frozen=True)
class SearchHit:
    passage_id: int
    reference: str
    score: float
    snippet: str
    heading: str | None
    page: int | None
    language: str | None
    questions: tuple[str, ...]


class SearchService:
    def __init__(self, store: AnalysisStore, themes, full_text: FullTextIndex, embedder_for):
        self.store = store
        self.themes = themes
        self.full_text = full_text
        self.embedder_for = embedder_for  # call id -> embedder (the one the analysis used)

    def allowed(self, call_id: str, filters: SearchFilters) -> dict[int, PassageContext]:
        """The passages a search may return: analysable submissions only (the store never yields others),
        narrowed by the filters."""
        contexts = {c.passage.id: c for c in self.store.analysis_inputs(call_id)}
        if filters.public_only:
            contexts = {k: c for k, c in contexts.items() if c.public}
        if filters.statuses is not None:
            contexts = {k: c for k, c in contexts.items() if c.status in filters.statuses}
        if filters.category:
            contexts = {k: c for k, c in contexts.items() if c.category == filters.category}
        if filters.country:
            contexts = {k: c for k, c in contexts.items() if (c.country or "").upper() == filters.country.upper()}
        if filters.language:
            contexts = {k: c for k, c in contexts.items() if c.passage.language == filters.language}
        if filters.question:
            effective = effective_mappings(self.store.mappings(call_id))
            contexts = {k: c for k, c in contexts.items() if filters.question in effective.get(k, {})}
        if filters.tag:
            kind, _, key = filters.tag.rpartition(":")
            tagged = {pid for pid, hits in self.store.tags(call_id).items()
                      if any(h.key == key and (not kind or h.kind == kind) for h in hits)}
            contexts = {k: c for k, c in contexts.items() if k in tagged}
        if filters.theme is not None:
            members = set(self.themes.theme(filters.theme).members)
            contexts = {k: c for k, c in contexts.items() if k in members}
        return contexts

    def search(self, call_id: str, query: str, filters: SearchFilters = SearchFilters(), *, semantic: bool = False,
               limit: int = 20) -> list[SearchHit]:
        allowed = self.allowed(call_id, filters)
        if not allowed or not query.strip():
            return []
        if semantic:
            ranked = self._semantic(call_id, query, allowed, limit)
        else:
            ranked = [(pid, score, snippet) for pid, score, snippet in
                      self.full_text.search(call_id, query, limit=max(limit * 20, 200)) if pid in allowed][:limit]
        effective = effective_mappings(self.store.mappings(call_id))
        return [SearchHit(pid, allowed[pid].reference, round(score, 4), snippet, allowed[pid].passage.heading,
                          allowed[pid].passage.page, allowed[pid].passage.language,
                          tuple(sorted(effective.get(pid, {})))) for pid, score, snippet in ranked]

    def _semantic(self, call_id: str, query: str, allowed: dict[int, PassageContext], limit: int):
        embedder = self.embedder_for(call_id)
        vectors = self.store.vectors(call_id, embedder.name)
        ids = [pid for pid in allowed if pid in vectors]
        if not ids:
            raise LookupError("no passage has a vector yet: run 'inputdesk analyse CALL' before a semantic search")
        matrix = np.vstack([vectors[pid] for pid in ids])
        scores = matrix @ embedder.embed([query])[0]
        order = np.argsort(-scores, kind="stable")[:limit]
        return [(ids[i], float(scores[i]), _excerpt(allowed[ids[i]].passage.text)) for i in order]


def _excerpt(text: str, size: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size].rsplit(" ", 1)[0] + " …"
