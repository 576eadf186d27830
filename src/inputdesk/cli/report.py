"""`inputdesk report CALL --format docx|html|md|xlsx|qdpx --out FILE`: the evidence digest of a call, as a file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from inputdesk.cli.common import DatabaseOption, DataDirOption, console, fail, open_app
from inputdesk.domain.errors import CallNotFound
from inputdesk.services.reporting.service import FORMATS
from inputdesk.services.reporting.text import confidential_phrase, plural

SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx", ".qdpx": "qdpx"}


def report_command(
    call_id: str = typer.Argument(..., help="The call, e.g. sr-sale-children-digital-2024."),
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    fmt: str = typer.Option(None, "--format", "-f", help=f"One of {', '.join(FORMATS)}; default: from --out's "
                            "suffix."),
    include_unreviewed: bool = typer.Option(False, "--include-unreviewed", help="Also draft from submissions not "
                                            "yet reviewed; they are marked wherever they are cited."),
    summaries: bool = typer.Option(True, "--summaries/--no-summaries", help="Machine-drafted theme summaries, when "
                                   "a summary endpoint is configured (report_summary_url)."),
    console_url: str = typer.Option(None, "--console-url", help="Staff console address that HTML and Markdown "
                                    "citations link to; default: the report_console_url setting."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Draft the evidence digest of a call: DOCX, HTML, Markdown, XLSX or REFI-QDA (.qdpx)."""
    fmt = (fmt or SUFFIXES.get(out.suffix.lower(), "")).lower()
    if fmt not in FORMATS:
        fail(f"say which format with --format ({', '.join(FORMATS)}), or give --out a known suffix "
             f"({', '.join(SUFFIXES)})")
    if not out.parent.exists():
        fail(f"the folder {out.parent} does not exist")
    from inputdesk.bootstrap_reporting import build_reporting

    with open_app(data_dir, database_url) as app:
        try:
            app.calls.get_call(call_id)
        except CallNotFound as exc:
            fail(str(exc))
        service = build_reporting(app)
        data, report = service.export(call_id, fmt, include_unreviewed=include_unreviewed, summaries=summaries,
                                      console_url=console_url)
    out.write_bytes(data)
    o = report.digest.overview
    console.print(f"wrote {out} ({fmt}, {len(data):,} bytes)")
    console.print(f"{plural(o.submissions)} included ({confidential_phrase(o.confidential)}, counted and never "
                  f"named; {o.unreviewed} not yet reviewed, marked); {len(report.digest.sources)} citable; "
                  f"{len(report.digest.questions)} questions", highlight=False)
    for note in report.digest.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
