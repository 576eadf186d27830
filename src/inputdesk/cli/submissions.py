"""`inputdesk import` and `inputdesk submissions …`."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column

from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, err, fail, open_app
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.services.batch_import import ImportSummary, plan_import, run_import
from inputdesk.services.manifest import ManifestError
from inputdesk.domain.errors import CallNotFound
from inputdesk.domain.errors import SubmissionNotFound

submissions_app = typer.Typer(help="List and inspect received submissions.", no_args_is_help=True)


def import_command(
    paths: list[Path] = typer.Argument(..., help="Files and folders to import (folders are read recursively)."),
    call_id: str = typer.Option(None, "--call", help="Call to import into; needed when the instance holds several."),
    manifest: Path = typer.Option(None, "--manifest", exists=True, dir_okay=False,
                                  help="CSV or JSON manifest describing the files (see docs/import-formats.md)."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Import files, folders and mailboxes; every original is stored before anything else happens."""
    with open_app(data_dir, database_url) as app:
        calls = app.calls.list_calls()
        if not calls:
            fail("no call is registered yet; run 'inputdesk init' (adds the seed call) or 'inputdesk call add FILE'")
        if call_id is None:
            if len(calls) > 1:
                fail("this instance holds several calls; say which with --call (see 'inputdesk call list')")
            call_id = calls[0].id
        try:
            call = app.calls.get_call(call_id)
            items = plan_import(paths, call, manifest)
        except (CallNotFound, ManifestError, FileNotFoundError) as exc:
            fail(str(exc))
        try:
            summary = _import_with_progress(app, call.id, items)
        except KeyboardInterrupt:
            err.print("[yellow]Interrupted.[/] Everything stored so far is kept; run the same command again to "
                      "finish (nothing will be duplicated).")
            raise typer.Exit(130)
    _print_summary(summary, items.skipped)


def _import_with_progress(app, call_id: str, items) -> ImportSummary:
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("importing", total=len(items))
        done = [0, time.monotonic()]

        def advance(item, _results):
            progress.update(task, advance=1, description=f"importing {item.main.name[:40]}")
            done[0] += 1
            # Piped into a log (a cron job, CI), there is no bar: a line every 30 s or 100 files says how far it got.
            if not console.is_terminal and (done[0] % 100 == 0 or time.monotonic() - done[1] >= 30):
                done[1] = time.monotonic()
                console.print(f"imported {done[0]} of {len(items)} item(s)", highlight=False)

        return run_import(app.intake, call_id, items, on_result=advance)


_LISTED = 20  # rows of "already received" files shown; a re-run of a big import would list them all


def _print_summary(summary: ImportSummary, skipped: list[tuple[str, str]]) -> None:
    counts = summary.counts
    table = DataTable("imported", "resumed", "duplicates", "failed", "left out", title="Import summary")
    table.add_row(*(str(counts.get(k, 0)) for k in ("imported", "resumed", "duplicate", "failed")), str(len(skipped)))
    console.print(table)
    if skipped:
        left_out = DataTable("path", "why it was left out", title="Not imported")
        for path, why in skipped:
            left_out.add_row(path, why)
        console.print(left_out)
    duplicates = [r for r in summary.results if r.outcome == "duplicate"]
    if duplicates:
        same = DataTable("file", "already received as", title="Already received (same content; nothing added)")
        for r in duplicates[:_LISTED]:
            same.add_row(r.filename, r.reference or "-")
        if len(duplicates) > _LISTED:
            same.add_row(f"… and {len(duplicates) - _LISTED} more", "")
        console.print(same)
    if summary.failures:
        problems = DataTable("reference", "file", "reason", title="Files that need a person")
        for r in summary.failures:
            for reason in r.reasons or ["could not be read"]:
                problems.add_row(r.reference or "-", r.filename, reason)
        console.print(problems)


@submissions_app.command("list")
def list_submissions(
    status: SubmissionStatus = typer.Option(None, "--status", help="Only this status, e.g. failed or needs_review."),
    call_id: str = typer.Option(None, "--call"),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """List submissions with their status, sender and any failure reasons. `--status failed` also lists submissions
    that were read but hold a file that could not be (an e-mail's broken attachment)."""
    with open_app(data_dir, database_url) as app:
        if status == SubmissionStatus.FAILED:
            rows = [s for s in app.submissions.list_submissions(call_id=call_id)
                    if s.status == status or any(d.failure_reason for d in s.documents)]
        else:
            rows = app.submissions.list_submissions(call_id=call_id, status=status)
    table = DataTable(Column("reference", no_wrap=True), Column("status", no_wrap=True), "organisation / submitter",
                  "category", "lang", "files", "flags / failure")
    failures: list[str] = []
    for s in rows:
        who = s.details.organisation or s.details.submitter_name or "-"
        if s.details.confidential:
            who += " (confidential)"
        failed = [d for d in s.documents if d.failure_reason]
        failures += [f"{s.reference} {d.filename}: {d.failure_message}" for d in failed]
        marks = [f"{d.failure_reason}: {d.filename}" for d in failed] + sorted(s.flags)
        table.add_row(s.reference, s.status.value, who, s.details.stakeholder_category or "?", s.language or "?",
                      str(len(s.documents)), "\n".join(marks))
    console.print(table)
    if failures:
        console.print("[bold]Why files failed[/] (each original is kept; see 'inputdesk submissions show REF'):")
        for line in failures:
            console.print(f"  {line}", highlight=False, soft_wrap=True, markup=False)
    console.print(f"{len(rows)} submission(s)")


@submissions_app.command("show")
def show(reference: str, data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
         passages: bool = typer.Option(False, "--passages", help="Also print the extracted passages.")) -> None:
    """Show one submission: who sent it, its files (with SHA-256) and what extraction found."""
    with open_app(data_dir, database_url) as app:
        try:
            s = app.submissions.get_by_reference(reference)
        except SubmissionNotFound as exc:
            fail(str(exc))
        texts = app.submissions.passages_for_submission(s.id)
    d = s.details
    console.print(f"[bold]{s.reference}[/] — {s.status.value} — received {s.received_at:%Y-%m-%d %H:%M} via {s.channel.value}")
    for label, value in (("Submitter", d.submitter_name), ("Organisation", d.organisation),
                         ("Joint authors", "; ".join(d.joint_authors)), ("Category", d.stakeholder_category),
                         ("Country", d.country), ("Language", s.language), ("E-mail", d.contact_email),
                         ("Confidential", "yes" if d.confidential else "no"), ("Flags", ", ".join(sorted(s.flags)))):
        if value:
            console.print(f"{label}: {value}", highlight=False, markup=False)
    for field, why in d.needs_review.items():
        console.print(f"[yellow]check {field}[/]: {escape(why)}")
    table = DataTable("file", "role", "type", "status", "pages", "lang", "sha256")
    for doc in s.documents:
        table.add_row(doc.filename, doc.role.value, doc.kind, doc.failure_message or doc.status.value,
                      str(doc.page_count or ""), doc.language or "", doc.blob_sha256)
    console.print(table)
    for doc in s.documents:
        for note in doc.notes:
            console.print(f"[yellow]check[/] {escape(note)}", highlight=False)
    console.print(f"{len(texts)} passage(s)")
    if passages:
        names = {doc.id: doc.filename for doc in s.documents}
        current = None
        for p in texts:
            if p.document_id != current:  # numbering starts again in each file: say which file
                current = p.document_id
                console.print(f"[bold]{escape(names.get(current, '?'))}[/]", highlight=False)
            where = f"p.{p.page}" if p.page else (p.heading or "")
            label = escape(f"#{p.seq} {where} [{p.language or '?'}]")
            console.print(f"[dim]{label}[/] {escape(p.text)}", highlight=False)

