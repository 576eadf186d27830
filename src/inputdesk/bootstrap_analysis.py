"""Composition of the analysis engine: settings and an App in, wired analysis services out.

Kept beside bootstrap.py (not in it) while the features are built in parallel; it may be folded into it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from inputdesk.config import Settings
from inputdesk.domain.call import Call
from inputdesk.pipeline.analysis.duplicates import MinHashLSH
from inputdesk.pipeline.analysis.embedders import make_embedder
from inputdesk.pipeline.analysis.meaning import MeaningQuestionMapper, heading_matcher
from inputdesk.pipeline.analysis.recommendations import RuleRecommendationDetector
from inputdesk.pipeline.analysis.structure import StructureQuestionMapper
from inputdesk.pipeline.analysis.taxonomy import SkipTagger, Taxonomy, load_taxonomy
from inputdesk.pipeline.analysis.text import fold
from inputdesk.pipeline.analysis.themes import KMeansThemeFinder
from inputdesk.services.analysis import AnalysisService, AnalysisStages, question_texts
from inputdesk.services.analysis_reports import AnalysisReports
from inputdesk.services.analysis_review import MappingReview
from inputdesk.services.analysis_search import SearchService
from inputdesk.services.analysis_themes import ThemeService
from inputdesk.storage.sql_analysis import SqlAnalysisStore
from inputdesk.storage.sql_analysis_search import make_full_text_index
from inputdesk.storage.sql_analysis_themes import SqlThemeStore


@dataclass
class AnalysisServices:
    analysis: AnalysisService
    review: MappingReview
    themes: ThemeService
    search: SearchService
    reports: AnalysisReports
    store: SqlAnalysisStore
    theme_store: SqlThemeStore


def taxonomy_for(call_id: str, folder: Path | None) -> Taxonomy | None:
    """The call's taxonomy: '<call id>.taxonomy.yaml' in the configured folder, else the one shipped, else None."""
    name = f"{call_id}.taxonomy.yaml"
    path = Path(folder) / name if folder is not None else None
    if path is None or not path.is_file():
        path = Path(str(resources.files("inputdesk") / "calls" / name))
    return _load(str(path), path.stat().st_mtime_ns) if path.is_file() else None


@functools.lru_cache(maxsize=8)
def _load(path: str, _mtime: int) -> Taxonomy:  # reloaded when the file changes
    return load_taxonomy(path)


def make_stages(settings: Settings, embedder, call: Call) -> AnalysisStages:
    taxonomy = taxonomy_for(call.id, settings.analysis_taxonomy_dir)
    questions = question_texts(call, taxonomy.question_cues if taxonomy else None)
    cue_words = {q.id: [fold(c) for c in q.cues] for q in questions}

    def cue_count(text: str, question_id: str) -> int:
        folded = fold(text)
        return sum(folded.count(c) for c in cue_words.get(question_id, ()))

    return AnalysisStages(
        embedder=embedder,
        structure=StructureQuestionMapper(questions, heading_match=heading_matcher(questions, embedder.embed)),
        meaning=MeaningQuestionMapper(questions, embedder.embed, cue_counter=cue_count),
        tagger=taxonomy or SkipTagger(),
        recommender=RuleRecommendationDetector(taxonomy or load_taxonomy(countries=False)),
        duplicates=MinHashLSH(threshold=settings.analysis_duplicate_threshold),
        themes=KMeansThemeFinder(seed=settings.analysis_seed),
    )


def build_analysis(app, embedder=None) -> AnalysisServices:
    """Wire the analysis services on an App (see bootstrap.build_app). `embedder` overrides the setting (tests)."""
    settings = app.settings
    get_embedder = functools.lru_cache(maxsize=1)(
        lambda: embedder or make_embedder(settings.analysis_embedder, settings.analysis_threads))
    store = SqlAnalysisStore(app.engine)
    theme_store = SqlThemeStore(app.engine)
    themes = ThemeService(theme_store, store, app.audit)
    analysis = AnalysisService(app.calls, store, themes, lambda call: make_stages(settings, get_embedder(), call))
    search = SearchService(store, theme_store, make_full_text_index(app.engine), lambda call_id: get_embedder())
    return AnalysisServices(analysis, MappingReview(app.calls, store, app.audit), themes, search,
                            AnalysisReports(app.calls, store, theme_store), store, theme_store)
