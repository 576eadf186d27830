"""`inputdesk call …`: add, validate, show and list calls for input."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Column

from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, fail, open_app
from inputdesk.services.call_definitions import CallDefinitionError, load_call_file
from inputdesk.services.calls import add_call
from inputdesk.domain.errors import CallNotFound

call_app = typer.Typer(help="Manage calls for input (their questions, categories and rules).", no_args_is_help=True)


@call_app.command("validate")
def validate(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Call definition (YAML).")) -> None:
    """Check a call definition file and list every problem with where it is."""
    try:
        call, _ = load_call_file(file)
    except CallDefinitionError as exc:
        fail(str(exc))
    console.print(f"[green]valid[/]: {call.id} — {len(call.questions)} questions, "
                  f"{len(call.stakeholder_categories)} stakeholder categories, deadline {call.deadline:%Y-%m-%d}")


@call_app.command("add")
def add(file: Path = typer.Argument(..., exists=True, dir_okay=False), data_dir: Path = DataDirOption,
        database_url: str = DatabaseOption) -> None:
    """Validate a call definition and store it (re-adding updates it)."""
    with open_app(data_dir, database_url) as app:
        try:
            call, created = add_call(app.calls, app.audit, file.read_text(encoding="utf-8"), str(file))
        except CallDefinitionError as exc:
            fail(str(exc))
    console.print(f"{'added' if created else 'updated'} call {call.id}")


@call_app.command("list")
def list_calls(data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """List the calls this instance holds."""
    with open_app(data_dir, database_url) as app:
        calls = app.calls.list_calls()
        counts = {c.id: len(app.submissions.list_submissions(call_id=c.id)) for c in calls}
    table = DataTable("title", "deadline", "questions", "submissions")
    table.columns.insert(0, Column("id", no_wrap=True))
    for c in calls:
        table.add_row(c.id, c.title[:70], f"{c.deadline:%Y-%m-%d}", str(len(c.questions)), str(counts[c.id]))
    console.print(table)


@call_app.command("show")
def show(call_id: str, data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Show a call's questions, stakeholder categories and rules."""
    with open_app(data_dir, database_url) as app:
        try:
            c = app.calls.get_call(call_id)
        except CallNotFound as exc:
            fail(str(exc))
    console.print(f"[bold]{escape(c.title)}[/]\n{escape(c.mandate)}\nDeadline: {c.deadline:%Y-%m-%d %H:%M %Z}"
                  f" (late submissions {'accepted' if c.accept_late else 'refused'}); word limit {c.word_limit}; "
                  f"languages {', '.join(c.languages)}\nConfidentiality: {c.confidentiality.notice}\n")
    for q in c.questions:
        console.print(f"[bold]{q.id}[/] ({escape(q.label)}): {escape(q.text)}")
    console.print("\nStakeholder categories: " + "; ".join(escape(f"{s.label} [{s.id}]") for s in c.stakeholder_categories))
    r = c.annex_rules
    console.print(f"Annexes: up to {r.max_files} files of {r.max_file_mb} MB ({', '.join(r.allowed_types)})")
