"""Composition of report drafting: an App in, a wired ReportingService out (for the CLI and the console).

Kept beside bootstrap.py, like bootstrap_analysis.py, while the features are built in parallel."""

from __future__ import annotations

from inputdesk.bootstrap import redaction_service
from inputdesk.bootstrap_analysis import build_analysis, taxonomy_for
from inputdesk.services.reporting.service import ReportingService, ReportLabels
from inputdesk.services.reporting.summaries import OpenAICompatibleSummarizer
from inputdesk.storage.sql_screening import SqlScreeningStore


def report_labels(settings, call_id: str) -> ReportLabels:
    taxonomy = taxonomy_for(call_id, settings.analysis_taxonomy_dir)
    if taxonomy is None:
        return ReportLabels()
    return ReportLabels(dict(taxonomy.addressee_labels), dict(taxonomy.labels), dict(taxonomy.kinds))


def summarizer_from(settings) -> OpenAICompatibleSummarizer | None:
    if not settings.report_summary_url:
        return None
    key = settings.report_summary_api_key.get_secret_value() if settings.report_summary_api_key else None
    return OpenAICompatibleSummarizer(settings.report_summary_url, settings.report_summary_model, key,
                                      settings.report_summary_timeout_s)


def build_reporting(app, *, analysis=None, redactions=None) -> ReportingService:
    """`analysis` and `redactions` may be passed in when the caller already built them (tests, the console)."""
    settings = app.settings
    analysis = analysis or build_analysis(app)
    redactions = redactions or redaction_service(app)
    screening = SqlScreeningStore(app.engine)
    return ReportingService(app.calls, app.submissions, analysis.reports, analysis.store, redactions,
                            lambda: frozenset(screening.quarantined_submission_ids()),
                            lambda call_id: report_labels(settings, call_id),
                            quotes_per_theme=settings.report_quotes_per_theme, summarizer=summarizer_from(settings),
                            console_url=settings.report_console_url)
