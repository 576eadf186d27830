"""`inputdesk analyse`, `search`, `jobs`, `tags`, `recommendations`, `duplicates`, `mapping …` and `themes …`."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, fail, open_app
from inputdesk.domain.errors import CallNotFound
from inputdesk.services.analysis_ports import SearchFilters

mapping_app = typer.Typer(help="Question mappings of passages: list, correct, measure agreement.", no_args_is_help=True)
themes_app = typer.Typer(help="Themes per question: list, show, rename, merge, split, move passages.",
                         no_args_is_help=True)
CallOption = typer.Option(None, "--call", help="Call id; needed when the instance holds several.")
ByOption = typer.Option(..., "--by", help="Your name: every correction is stored with who made it.")


@contextmanager
def analysis_session(data_dir, database_url, call_id: str | None = None):
    """The wired app, its analysis services and the call id (the only call when none is given)."""
    from inputdesk.bootstrap_analysis import build_analysis

    with open_app(data_dir, database_url) as app:
        calls = app.calls.list_calls()
        if call_id is None:
            if len(calls) != 1:
                fail("say which call with --call (see 'inputdesk call list')" if calls else
                     "no call is registered yet; run 'inputdesk init'")
            call_id = calls[0].id
        try:
            app.calls.get_call(call_id)
        except CallNotFound as exc:
            fail(str(exc))
        yield app, build_analysis(app), call_id


def analyse_command(
    call_id: str = typer.Argument(..., help="The call to analyse, e.g. sr-sale-children-digital-2024."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Only re-run the jobs that failed last time."),
    question: list[str] = typer.Option(None, "--question", "-q", help="Rebuild themes for these questions only."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Map passages to questions, tag, find recommendations, duplicates and themes (incremental, retryable)."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        columns = (TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            tasks: dict[str, int] = {}

            def report(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=max(total, 1))
                progress.update(tasks[stage], completed=done if total else 1)

            if retry_failed:
                summary = services.analysis.retry_failed(call_id, progress=report)
                if summary is None:
                    console.print("nothing to retry: no job failed in the latest run")
                    return
            else:
                summary = services.analysis.run(call_id, progress=report, questions=question or None)
    table = DataTable("passages", "new or changed", "mapped", "tagged", "recommendations", "relations", "themes",
                  title=f"Analysis of {call_id}")
    table.add_row(str(summary.passages), str(summary.new_or_changed), str(summary.mapped), str(summary.tagged),
                  str(summary.recommendations), ", ".join(f"{k} {v}" for k, v in sorted(summary.relations.items()))
                  or "-", ", ".join(f"{q}: {n}" for q, n in summary.themes.items()) or "-")
    console.print(table)
    if summary.failed_jobs:
        for line in summary.failed_jobs:
            console.print(f"[red]failed[/] {escape(line)}")
        console.print("run 'inputdesk analyse CALL --retry-failed' once the cause is fixed")
        raise typer.Exit(1)


def jobs_command(call_id: str = CallOption, all_runs: bool = typer.Option(False, "--all", help="Every run."),
                 data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """The job rows of the latest analysis run (per stage, and per question for themes)."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        jobs = services.store.jobs(call_id)
    if not jobs:
        console.print("no analysis has run yet: 'inputdesk analyse CALL'")
        return
    if not all_runs:
        jobs = [j for j in jobs if j.run_id == jobs[-1].run_id]
    table = DataTable("run", "stage", "question", "status", "processed", "failed", "started", "message")
    for j in jobs:
        table.add_row(j.run_id[:8], j.stage, j.question_id or "-", j.status, f"{j.processed}/{j.total}",
                      str(j.failed), j.started_at.strftime("%Y-%m-%d %H:%M:%S") if j.started_at else "-",
                      j.message or "")
    console.print(table)


def search_command(
    query: str = typer.Argument(..., help="Words to find; with --semantic, any sentence in any language."),
    call_id: str = CallOption,
    semantic: bool = typer.Option(False, "--semantic", help="Rank by meaning (multilingual) instead of words."),
    question: str = typer.Option(None, "--question"), category: str = typer.Option(None, "--category"),
    country: str = typer.Option(None, "--country"), language: str = typer.Option(None, "--language"),
    tag: str = typer.Option(None, "--tag", help="A taxonomy key, e.g. sextortion or harm:sextortion."),
    theme: int = typer.Option(None, "--theme", help="A theme id (see 'inputdesk themes list')."),
    public: bool = typer.Option(False, "--public", help="Only approved, non-confidential submissions."),
    limit: int = typer.Option(20, "--limit"),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Search passages of analysable submissions (never quarantined, rejected, withdrawn or failed ones)."""
    filters = SearchFilters(question, category, country, language, tag, theme, public)
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        try:
            hits = services.search.search(call_id, query, filters, semantic=semantic, limit=limit)
        except LookupError as exc:
            fail(str(exc))
    table = DataTable("passage", "submission", "score", "questions", "lang", "text")
    for h in hits:
        table.add_row(str(h.passage_id), h.reference, f"{h.score:.3f}", ",".join(h.questions) or "-",
                      h.language or "-", h.snippet)
    console.print(table if hits else "no passage matches")


def tags_command(call_id: str = CallOption, kind: str = typer.Option(None, "--kind", help="e.g. harm, country."),
                 public: bool = typer.Option(False, "--public"), data_dir: Path = DataDirOption,
                 database_url: str = DatabaseOption) -> None:
    """Taxonomy tags found in the passages, counted by passages and by distinct submissions."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        rows = services.reports.tag_counts(call_id, kind=kind, public_only=public)
    table = DataTable("kind", "key", "label", "passages", "submissions")
    for r in rows:
        table.add_row(r[0], r[1], r[2], str(r[3]), str(r[4]))
    console.print(table)


def recommendations_command(call_id: str = CallOption, addressee: str = typer.Option(
        None, "--addressee", help="states, tech_industry, service_providers, law_enforcement, international, "
        "civil_society, families_educators_children"), public: bool = typer.Option(False, "--public"),
        data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Sentences that recommend action, with whom they address and the measures they concern."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        rows = services.reports.recommendations(call_id, addressee=addressee, public_only=public)
    table = DataTable("passage", "submission", "addressees", "measures", "conf.", "recommendation")
    for r in rows:
        table.add_row(str(r.passage_id), r.reference, ", ".join(r.addressees) or "-", ", ".join(r.measures) or "-",
                      f"{r.confidence:.2f}", r.text)
    console.print(table)


def duplicates_command(call_id: str = CallOption, passages: bool = typer.Option(
        False, "--passages", help="Also list each repeated passage."), data_dir: Path = DataDirOption,
        database_url: str = DatabaseOption) -> None:
    """Duplicate, campaign and joint submissions, shared annexes (and repeated passages with --passages)."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        rows = services.reports.relations(call_id)
    table = DataTable("kind", "level", "submission", "other", "similarity", "detail")
    for kind, level, a, b, similarity, detail in rows:
        if level == "passage" and not passages:
            continue
        table.add_row(kind, level, a, b or "-", f"{similarity:.2f}", detail or "")
    console.print(table)
