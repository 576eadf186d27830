"""`inputdesk mapping …` and `inputdesk themes …`: what analysts see and correct."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from inputdesk.cli.analysis import ByOption, CallOption, analysis_session, mapping_app, themes_app
from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, fail


@mapping_app.command("list")
def mapping_list(call_id: str = CallOption, question: str = typer.Option(None, "--question"),
                 submission: str = typer.Option(None, "--submission", help="A reference, e.g. SR24-0007."),
                 data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Each passage with the questions it answers, the confidence, how it was decided and by whom."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        rows = services.reports.passage_mappings(call_id, question_id=question, reference=submission)
    table = DataTable("passage", "submission", "questions", "by", "text")
    for context, mappings in rows:
        questions = ", ".join(f"{q} {c:.2f} ({m})" for q, c, m, _, _ in mappings) or "-"
        who = ", ".join(sorted({f"{by}:{a}" if a else by for _, _, _, by, a in mappings})) or "-"
        table.add_row(str(context.passage.id), context.reference, questions, who, context.passage.text[:90])
    console.print(table)


@mapping_app.command("set")
def mapping_set(passage_id: int = typer.Argument(...), questions: list[str] = typer.Argument(
        None, help="Question ids the passage answers; none: it answers no question."),
        by: str = ByOption, call_id: str = CallOption, data_dir: Path = DataDirOption,
        database_url: str = DatabaseOption) -> None:
    """Say exactly which questions a passage answers; re-runs never overwrite it."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        try:
            services.review.set_questions(call_id, passage_id, list(questions or []), by)
        except ValueError as exc:
            fail(str(exc))
    console.print(f"passage {passage_id}: {', '.join(questions or []) or 'no question'} (by {by})")


@mapping_app.command("add")
def mapping_add(passage_id: int, question: str, by: str = ByOption, call_id: str = CallOption,
                data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Add one question to a passage's mapping."""
    _decide(passage_id, question, True, by, call_id, data_dir, database_url)


@mapping_app.command("remove")
def mapping_remove(passage_id: int, question: str, by: str = ByOption, call_id: str = CallOption,
                   data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Say a passage does not answer a question."""
    _decide(passage_id, question, False, by, call_id, data_dir, database_url)


def _decide(passage_id, question, answers, by, call_id, data_dir, database_url) -> None:
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        try:
            services.review.decide(call_id, passage_id, question, answers, by)
        except ValueError as exc:
            fail(str(exc))
    console.print(f"passage {passage_id}: {'answers' if answers else 'does not answer'} {question} (by {by})")


@mapping_app.command("agreement")
def mapping_agreement(call_id: str = CallOption, question: str = typer.Option(None, "--question"),
                      data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Machine vs analysts over every decision analysts made: precision, recall, F1, Cohen's kappa."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        a = services.review.agreement(call_id, question)
    fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
    table = DataTable("decisions", "precision", "recall", "F1", "kappa", "TP", "FP", "FN", "TN")
    table.add_row(str(a.decisions), fmt(a.precision), fmt(a.recall), fmt(a.f1), fmt(a.kappa), str(a.true_positive),
                  str(a.false_positive), str(a.false_negative), str(a.true_negative))
    console.print(table)


@themes_app.command("list")
def themes_list(call_id: str = CallOption, question: str = typer.Option(None, "--question"),
                public: bool = typer.Option(False, "--public"), data_dir: Path = DataDirOption,
                database_url: str = DatabaseOption) -> None:
    """Themes per question with passages, distinct submissions and stakeholder categories."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        summaries = services.reports.questions(call_id, public_only=public)
    for q in summaries:
        if question and q.question_id != question:
            continue
        table = DataTable("theme", "name / keywords", "passages", "submissions", "categories", "edited",
                      title=f"{q.question_id} {q.label}: {q.passages} passages from {q.submissions} submissions")
        for t in q.themes:
            table.add_row(str(t.id), t.title, str(len(t.passage_ids)), str(t.submissions),
                          ", ".join(f"{k} {v}" for k, v in t.by_category.items()), "yes" if t.edited else "")
        console.print(table)


@themes_app.command("show")
def themes_show(theme_id: int, call_id: str = CallOption, data_dir: Path = DataDirOption,
                database_url: str = DatabaseOption) -> None:
    """One theme: keywords, representative passages first, then every member."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, call_id):
        try:
            theme = services.theme_store.theme(theme_id)
        except KeyError as exc:
            fail(str(exc.args[0]))
        texts = {c.passage.id: c for c in services.store.analysis_inputs(call_id)}
    console.print(f"[bold]{escape(theme.title)}[/] ({theme.question_id}, {theme.status}); "
                  f"keywords: {escape(', '.join(theme.keywords))}")
    table = DataTable("passage", "submission", "similarity", "pinned", "text")
    order = theme.representatives + sorted(p for p in theme.members if p not in theme.representatives)
    for pid in order:
        if pid in theme.members and pid in texts:
            sim, by = theme.members[pid]
            table.add_row(str(pid), texts[pid].reference, f"{sim:.2f}", "yes" if by == "person" else "",
                          texts[pid].passage.text[:120])
    console.print(table)


@themes_app.command("rename")
def themes_rename(theme_id: int, name: str, by: str = ByOption, call_id: str = CallOption,
                  data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Name a theme; the name survives re-runs."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, _call):
        try:
            theme = services.themes.rename(theme_id, name, by)
        except KeyError as exc:
            fail(str(exc.args[0]))
    console.print(f"theme {theme_id} is now '{name}'" if theme.name else
                  f"theme {theme_id} has no name now; it is titled by its keywords: {theme.title}", markup=False)


@themes_app.command("merge")
def themes_merge(target: int, sources: list[int], by: str = ByOption, call_id: str = CallOption,
                 data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Merge themes of one question into TARGET; later runs keep them merged."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, _call):
        try:
            theme = services.themes.merge(target, sources, by)
        except (KeyError, ValueError) as exc:
            fail(str(exc))
    console.print(f"theme {target} now holds {len(theme.members)} passages")


@themes_app.command("split")
def themes_split(theme_id: int, by: str = ByOption, passages: list[int] = typer.Option(
        None, "--passage", "-p", help="Passages for the new theme; default: the machine's best 2-way split."),
        name: str = typer.Option(None, "--name", help="Name of the new theme."), call_id: str = CallOption,
        data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Split a theme in two; both halves are pinned so later runs keep the split."""
    with analysis_session(data_dir, database_url, call_id) as (app, services, call_id):
        embedder = services.search.embedder_for(call_id)
        vectors = services.store.vectors(call_id, embedder.name)
        texts = {c.passage.id: c.passage.text for c in services.store.analysis_inputs(call_id)}
        try:
            rows = services.themes.split(theme_id, by, passages or None, vectors, texts, name)
        except (KeyError, ValueError) as exc:
            fail(str(exc))
    for t in rows:
        console.print(f"theme {t.id}: {t.title} ({len(t.members)} passages)", markup=False)


@themes_app.command("move")
def themes_move(passage_id: int, theme_id: int, by: str = ByOption, call_id: str = CallOption,
                data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Move a passage into a theme of its question and pin it there."""
    with analysis_session(data_dir, database_url, call_id) as (_, services, _call):
        try:
            services.themes.move(passage_id, theme_id, by)
        except KeyError as exc:
            fail(str(exc.args[0]))
        except ValueError as exc:
            fail(str(exc))
    console.print(f"passage {passage_id} pinned to theme {theme_id}")
