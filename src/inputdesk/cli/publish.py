"""`inputdesk publish`, `inputdesk opendata` and the staff exports `inputdesk submissions export-xlsx|export-csv`."""

from __future__ import annotations

from pathlib import Path

import typer

from inputdesk.cli.common import DatabaseOption, DataDirOption, console, fail, open_app
from inputdesk.domain.errors import CallNotFound

CallArgument = typer.Argument(..., help="The call's id (see 'inputdesk call list').")


def _staff(application):
    from inputdesk.bootstrap_staff import build_staff

    return build_staff(application)


def publish_command(call_id: str = CallArgument,
                    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the site into (new, empty, "
                                             "or an earlier export, which is replaced as a whole)."),
                    data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Write the call's public Submissions section as a static site, with its files and open data."""
    from inputdesk.web.i18n import parse_languages
    from inputdesk.web.public.static_site import ExportRefused, export_site

    with open_app(data_dir, database_url) as application:
        staff = _staff(application)
        try:
            call = application.calls.get_call(call_id)
            summary = export_site(staff.publication, call, out, parse_languages(application.settings.web_languages))
        except (CallNotFound, ExportRefused) as problem:
            fail(str(problem))
        finally:
            staff.close()
    console.print(f"published {summary.submissions} submission(s), {summary.files} file(s), languages "
                  f"{', '.join(summary.languages)} into {summary.out.resolve()}")
    console.print(f"open {summary.out.resolve() / 'index.html'}, or copy the folder to any web server")


def opendata_command(call_id: str = CallArgument,
                     out: Path = typer.Option(..., "--out", "-o", help="Folder for submissions.json, "
                                              "submissions.csv and datapackage.json."),
                     files_url: str = typer.Option("../files/", "--files-url", help="Where the published files "
                                                   "are, as a URL prefix (the static export's layout by default)."),
                     data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Write the call's published submissions as open data (JSON, CSV and a Data Package descriptor)."""
    from inputdesk.web.public.static_site import write_open_data

    with open_app(data_dir, database_url) as application:
        staff = _staff(application)
        try:
            public = staff.publication.public_call(call_id)
        except CallNotFound as problem:
            fail(str(problem))
        finally:
            staff.close()
    for path in write_open_data(public, out, files_url):
        console.print(f"wrote {path}")
    console.print(f"{len(public.submissions)} published submission(s)")


def _export(fmt: str, call_id: str | None, out: Path, as_user: str, data_dir, database_url) -> None:
    from inputdesk.services.staff_exports import export_event, rows_for, to_csv, to_xlsx

    with open_app(data_dir, database_url) as application:
        staff = _staff(application)
        try:
            user = staff.accounts.store.get_user(as_user)
            if user is None:
                fail(f"no user {as_user!r}: exports are made with a staff account's rights (see 'inputdesk user list')")
            calls = application.calls.list_calls()
            call_id = call_id or (calls[0].id if len(calls) == 1 else None)
            if call_id is None:
                fail("say which call with --call (see 'inputdesk call list')")
            columns, rows = rows_for(user, staff.review.queue(user, call_id))
            data = to_csv(columns, rows) if fmt == "csv" else to_xlsx(columns, rows, call_id)
            application.audit.append(export_event(user, call_id, fmt, len(rows), staff.review.clock.now()))
        except CallNotFound as problem:
            fail(str(problem))
        finally:
            staff.close()
    out.write_bytes(data)
    console.print(f"wrote {len(rows)} submission(s) to {out}")


def export_xlsx_command(out: Path = typer.Option(..., "--out", "-o", help="The .xlsx file to write."),
                        call_id: str = typer.Option(None, "--call"),
                        as_user: str = typer.Option(..., "--as", help="Staff user whose role decides the columns."),
                        data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Staff export: the call's submissions with metadata and status, as a spreadsheet."""
    _export("xlsx", call_id, out, as_user, data_dir, database_url)


def export_csv_command(out: Path = typer.Option(..., "--out", "-o", help="The .csv file to write."),
                       call_id: str = typer.Option(None, "--call"),
                       as_user: str = typer.Option(..., "--as", help="Staff user whose role decides the columns."),
                       data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Staff export: the call's submissions with metadata and status, as CSV (UTF-8 with BOM)."""
    _export("csv", call_id, out, as_user, data_dir, database_url)


def register(app: typer.Typer, submissions_app: typer.Typer) -> None:
    app.command("publish")(publish_command)
    app.command("opendata")(opendata_command)
    submissions_app.command("export-xlsx")(export_xlsx_command)
    submissions_app.command("export-csv")(export_csv_command)
