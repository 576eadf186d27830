"""The `inputdesk` command."""

from __future__ import annotations

from pathlib import Path

import typer

from inputdesk.cli.calls import call_app
from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, open_app, settings_from
from inputdesk.cli.redaction import redactions_app
from inputdesk.cli.screening import hashlist_app, screening_app
from inputdesk.cli.submissions import import_command, submissions_app
from inputdesk.services.calls import ensure_seed_call
from inputdesk.services.exports import export_jsonl
from inputdesk.services.integrity import check_blobs

app = typer.Typer(help="InputDesk: run a UN-style call for input end to end.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
app.add_typer(call_app, name="call")
app.add_typer(submissions_app, name="submissions")
app.add_typer(redactions_app, name="redactions")
app.add_typer(hashlist_app, name="hashlist")
app.add_typer(screening_app, name="screening")
app.command("import")(import_command)
# analysis engine (docs/analysis.md)
from inputdesk.cli import analysis as _analysis, analysis_review as _analysis_review  # noqa: E402,F401

app.command("analyse")(_analysis.analyse_command)
app.command("search")(_analysis.search_command)
app.command("jobs")(_analysis.jobs_command)
app.command("tags")(_analysis.tags_command)
app.command("recommendations")(_analysis.recommendations_command)
app.command("duplicates")(_analysis.duplicates_command)
app.add_typer(_analysis.mapping_app, name="mapping")
app.add_typer(_analysis.themes_app, name="themes")
# staff console and publication (docs/console.md, docs/publication.md)
from inputdesk.cli import publish as _publish  # noqa: E402
from inputdesk.cli.users import user_app  # noqa: E402

app.add_typer(user_app, name="user")
_publish.register(app, submissions_app)
# report drafting (docs/reporting.md)
from inputdesk.cli.report import report_command  # noqa: E402

app.command("report")(report_command)


@app.command()
def init(data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
         seed: bool = typer.Option(True, "--seed/--no-seed", help="Also register the seed call.")) -> None:
    """Create the data directory and database (or upgrade it) and register the seed call."""
    with open_app(data_dir, database_url) as application:
        if seed:
            call = ensure_seed_call(application.calls, application.audit)
            console.print(f"seed call ready: {call.id}")
        console.print(f"data directory: {application.settings.data_dir.resolve()}")
        console.print(f"database: {application.engine.url.render_as_string(hide_password=True)}")


@app.command()
def fsck(data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Re-hash every stored original and report missing or altered files (exit 1 if any)."""
    with open_app(data_dir, database_url) as application:
        report = check_blobs(application.blobs, application.submissions)
    console.print(f"checked {report.checked} stored file(s); {report.unreferenced} not referenced by a document")
    if report.ok:
        console.print("[green]all originals intact[/]")
        return
    table = DataTable("problem", "sha256", "used by")
    for sha, where in report.missing:
        table.add_row("missing", sha, where)
    for sha, where in report.altered:
        table.add_row("altered", sha, where)
    console.print(table)
    raise typer.Exit(1)


@app.command()
def export(
    out: Path = typer.Option(None, "--out", "-o", help="File to write; default: standard output."),
    call_id: str = typer.Option(None, "--call"),
    passages: bool = typer.Option(True, "--passages/--no-passages", help="Include extracted passages."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Staff export: JSON Lines of submissions (all metadata, confidential included) and their passages."""
    with open_app(data_dir, database_url) as application:
        lines = export_jsonl(application.submissions, call_id, include_passages=passages)
        if out is None:
            for line in lines:
                typer.echo(line)
            return
        count = 0
        with out.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
                count += 1
    console.print(f"wrote {count} line(s) to {out}")


@app.command()
def demo(
    data_dir: Path = typer.Option(Path("demo-data"), "--data-dir", help="Where the demo instance lives."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the demo on localhost when done."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
) -> None:
    """Set up a demo: seed call, a generated fictional corpus, imported; then serve it locally."""
    from inputdesk.cli.demo import run_demo

    run_demo(data_dir, console=console)
    if serve:
        _serve(data_dir, host, port)


@app.command()
def serve(data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", help="Port to listen on.")) -> None:
    """Serve the public submission portal (Ctrl-C to stop)."""
    from inputdesk.web.server import serve_forever

    serve_forever(data_dir or settings_from(None, None).data_dir, host, port, database_url=database_url)


def _serve(data_dir: Path, host: str, port: int) -> None:
    try:
        from inputdesk.web.server import serve_forever
    except ImportError:
        console.print("(the web portal is not part of this build yet; the demo data is ready in "
                      f"{data_dir.resolve()})")
        return
    serve_forever(data_dir, host, port)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
