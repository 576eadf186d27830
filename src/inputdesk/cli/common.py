"""Shared CLI plumbing: settings from options, the wired app, consistent error output."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from inputdesk.bootstrap import App, build_app
from inputdesk.config import Settings

console = Console()
err = Console(stderr=True)

DataDirOption = typer.Option(None, "--data-dir", envvar="INPUTDESK_DATA_DIR",
                             help="Data directory (database and stored files). Default: ./inputdesk-data")
DatabaseOption = typer.Option(None, "--database-url", envvar="INPUTDESK_DATABASE_URL",
                              help="SQLAlchemy database URL; default is SQLite inside the data directory.")


class DataTable(Table):
    """A table of what people wrote and named (passages, file and organisation names, reasons): each text cell is
    shown as written, so that "[redacted]", "[1]" or a search hit marked "[word]" is not taken for Rich markup
    and silently dropped."""

    def add_row(self, *renderables, **kwargs) -> None:
        super().add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in renderables), **kwargs)


def settings_from(data_dir: Path | None, database_url: str | None) -> Settings:
    overrides = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    return Settings(**overrides)


@contextmanager
def open_app(data_dir: Path | None, database_url: str | None, **kwargs):
    app: App = build_app(settings_from(data_dir, database_url), **kwargs)
    try:
        yield app
    finally:
        app.close()


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]Error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)
