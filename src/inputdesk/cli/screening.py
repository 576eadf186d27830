"""`inputdesk hashlist …` and `inputdesk screening …`: operators' hash lists, rescans and the match export."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from inputdesk.bootstrap_screening import build_screening
from inputdesk.cli.common import DataDirOption, DataTable, DatabaseOption, console, fail, open_app
from inputdesk.pipeline.screening.hashlists import HashListFormatError
from inputdesk.services.hashlists import HashListNameError
from inputdesk.services.screening_export import export_matches
from inputdesk.services.intake import screenable
from inputdesk.storage.sql_hashlists import HashListKeyError

hashlist_app = typer.Typer(help="Import and list hash lists (names and counts only).", no_args_is_help=True)
screening_app = typer.Typer(help="Rescan stored files and export hash-list matches.", no_args_is_help=True)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


@hashlist_app.command("import")
def import_list(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV `type,hash,list,category`."),
    name: str = typer.Option(..., "--name", help="Name the list is stored (and replaced) under."),
    rescan: bool = typer.Option(True, "--rescan/--no-rescan", help="Screen every stored file against it now."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Import (or replace) a hash list, stored encrypted; then rescan everything stored."""
    with open_app(data_dir, database_url) as app:
        screening = build_screening(app.settings, app.engine, app.blobs)
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                summary = screening.lists.import_csv(lines, name, _actor(), source=file.name)
        except (HashListFormatError, HashListNameError, HashListKeyError, UnicodeDecodeError) as exc:
            fail(str(exc))
        counts = ", ".join(f"{n} {t}" for t, n in sorted(summary.counts.items()))
        console.print(f"hash list {summary.name!r} stored encrypted (version {summary.version}): {counts}")
        if rescan:
            _rescan(screening, app, rehash=False)
        else:
            console.print("not rescanned: run 'inputdesk screening rescan' before anyone reviews stored files")
        screening.close()


@hashlist_app.command("list")
def list_lists(data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """The imported lists: names and counts, never hashes."""
    with open_app(data_dir, database_url) as app:
        summaries = build_screening(app.settings, app.engine, app.blobs).lists.summaries()
    if not summaries:
        console.print("no hash list imported yet ('inputdesk hashlist import FILE --name NAME')")
        return
    table = DataTable("name", "md5", "sha1", "sha256", "pdq", "total", "version", "updated")
    for s in summaries:
        table.add_row(s.name, *(str(s.counts.get(t, 0)) for t in ("md5", "sha1", "sha256", "pdq")), str(s.total),
                      str(s.version), s.updated_at.strftime("%Y-%m-%d %H:%M"))
    console.print(table)


@hashlist_app.command("remove")
def remove_list(name: str = typer.Argument(..., help="The list's name, as 'inputdesk hashlist list' shows it."),
                data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Delete a hash list. Quarantines it caused stay in place (matches are evidence)."""
    with open_app(data_dir, database_url) as app:
        if not build_screening(app.settings, app.engine, app.blobs).lists.remove(name, _actor()):
            fail(f"no hash list named {name!r}; see 'inputdesk hashlist list'")
    console.print(f"hash list {name!r} removed")


@screening_app.command("rescan")
def rescan(rehash: bool = typer.Option(False, "--rehash", help="Decode and hash every file again, not only "
                                       "files never hashed or hashed by an older version."),
           data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Screen every stored file against the current hash lists; quarantine what matches."""
    with open_app(data_dir, database_url) as app:
        screening = build_screening(app.settings, app.engine, app.blobs)
        _rescan(screening, app, rehash=rehash)
        screening.close()


@screening_app.command("export")
def export(out: Path = typer.Option(..., "--out", "-o", help="File to write: .csv, or .jsonl for JSON Lines."),
           data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Export every hash-list match (hashes, list, distance, submission reference; never content)."""
    with open_app(data_dir, database_url) as app:
        screening = build_screening(app.settings, app.engine, app.blobs)
        text, count = export_matches(screening.store, app.submissions, app.audit, screening.service.clock, _actor(),
                                     "jsonl" if out.suffix.lower() in (".jsonl", ".json") else "csv")
    out.write_text(text, encoding="utf-8")
    console.print(f"wrote {count} match(es) to {out}")


def _rescan(screening, app, *, rehash: bool) -> None:
    try:
        read = screenable(app.blobs, app.settings.extraction_limits().max_bytes)
        report = screening.service.rescan(read, actor=_actor(), rehash=rehash)
    except HashListKeyError as exc:
        fail(str(exc))
    console.print(f"rescanned {report.files} file(s) in {report.submissions} submission(s); "
                  f"{report.hashed} hashed now, the rest from stored hashes")
    if report.quarantined:
        console.print(f"[bold red]quarantined[/] {len(report.quarantined)}: {', '.join(report.quarantined)}")
    else:
        console.print("no new match")
    if report.unpublished:
        console.print(f"[bold red]removed from the public site[/] (they were published; their public files are "
                      f"deleted): {', '.join(report.unpublished)}. Any static site or open data exported before now "
                      "still holds them: delete those copies and run 'inputdesk publish' and 'inputdesk opendata' again")
    if report.incomplete:
        console.print(f"[yellow]not fully screened[/] (see their flags): {', '.join(report.incomplete)}")
