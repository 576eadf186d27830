"""Report drafting: what the CLI (`inputdesk report`) and the console call. Digest in, files out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from inputdesk.services.analysis_reports import AnalysisReports
from inputdesk.services.reporting.build import DigestBuilder
from inputdesk.services.reporting.corpus import Corpus, included_statuses
from inputdesk.services.reporting.model import Digest
from inputdesk.services.reporting.rows import Report, report_rows
from inputdesk.services.reporting.summaries import Summarizer, attach_summaries

FORMATS = ("docx", "html", "md", "xlsx", "qdpx")


@dataclass(frozen=True)
class ReportLabels:
    """Names from the call's taxonomy: addressees, tags and tag kinds."""

    addressees: dict[str, str] = field(default_factory=dict)
    tags: dict[tuple[str, str], str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)


class UnknownFormat(ValueError):
    def __str__(self) -> str:
        return f"unknown report format {self.args[0]!r}; choose one of: {', '.join(FORMATS)}"


class ReportingService:
    def __init__(self, calls, submissions, reports: AnalysisReports, store, redactions,
                 withheld: Callable[[], frozenset[int]], labels: Callable[[str], ReportLabels], *,
                 quotes_per_theme: int = 3, summarizer: Summarizer | None = None, console_url: str = ""):
        self.calls = calls
        self.submissions = submissions
        self.reports = reports
        self.store = store
        self.redactions = redactions
        self.withheld = withheld
        self.labels = labels
        self.quotes_per_theme = quotes_per_theme
        self.summarizer = summarizer
        self.console_url = console_url

    def report(self, call_id: str, *, include_unreviewed: bool = False, summaries: bool = True) -> Report:
        """The digest of a call and the rows behind it."""
        call = self.calls.get_call(call_id)
        statuses = included_statuses(include_unreviewed)
        corpus = Corpus(call, self.submissions.list_submissions(call_id), self.reports.passage_mappings(call_id),
                        withheld=frozenset(self.withheld()), include_unreviewed=include_unreviewed,
                        redacted=self._redacted)
        themes = self.reports.questions(call_id, representatives=10, statuses=statuses)
        recommendations = self.reports.recommendations(call_id, statuses=statuses)
        tags = self.store.tags(call_id)
        labels = self.labels(call_id)
        builder = DigestBuilder(corpus, themes, recommendations, tags, addressee_labels=labels.addressees,
                                tag_labels=labels.tags, kind_labels=labels.kinds,
                                quotes_per_theme=self.quotes_per_theme)
        digest = builder.build(include_unreviewed=include_unreviewed, analysed_at=self._analysed_at(call_id))
        if summaries and self.summarizer is not None:
            attach_summaries(digest, corpus, self.summarizer)
        return report_rows(digest, corpus, themes, recommendations, tags, labels.addressees, labels.tags)

    def digest(self, call_id: str, **options) -> Digest:
        return self.report(call_id, **options).digest

    def export(self, call_id: str, fmt: str, *, include_unreviewed: bool = False, summaries: bool = True,
               console_url: str | None = None) -> tuple[bytes, Report]:
        """The report as a file of the given format (docx, html, md, xlsx, qdpx), with the report it renders."""
        if fmt not in FORMATS:
            raise UnknownFormat(fmt)
        report = self.report(call_id, include_unreviewed=include_unreviewed, summaries=summaries)
        return render(report, fmt, self.console_url if console_url is None else console_url), report

    def html_fragment(self, call_id: str, *, include_unreviewed: bool = False, console_url: str = "",
                      charts: bool = True) -> tuple[Digest, str]:
        """For a console page: the digest and an HTML fragment (no <html>, <head> or styles; see
        reporting.html_export.STYLES) whose links point at `console_url` (empty: same site)."""
        from inputdesk.services.reporting.html_export import digest_fragment

        report = self.report(call_id, include_unreviewed=include_unreviewed, summaries=False)
        return report.digest, digest_fragment(report.digest, console_url, charts=charts)

    def _redacted(self, reference: str) -> dict[int, str]:
        return {p.id: p.text for p in self.redactions.published_passages(reference, draft=True)}

    def _analysed_at(self, call_id: str):
        finished = [j.finished_at for j in self.store.jobs(call_id) if j.finished_at is not None]
        return max(finished) if finished else None


def render(report: Report, fmt: str, console_url: str = "") -> bytes:
    if fmt == "docx":
        from inputdesk.services.reporting.docx_export import to_docx

        return to_docx(report.digest)
    if fmt == "html":
        from inputdesk.services.reporting.html_export import to_html

        return to_html(report.digest, console_url).encode("utf-8")
    if fmt == "md":
        from inputdesk.services.reporting.markdown_export import to_markdown

        return to_markdown(report.digest, console_url).encode("utf-8")
    if fmt == "xlsx":
        from inputdesk.services.reporting.xlsx_export import to_xlsx

        return to_xlsx(report, console_url)
    if fmt == "qdpx":
        from inputdesk.services.reporting.qdpx_export import to_qdpx

        return to_qdpx(report)
    raise UnknownFormat(fmt)
