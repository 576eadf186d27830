"""Docs stay honest: every CLI command and every setting is documented (datasette-style meta-tests)."""

from pathlib import Path

import pytest
from typer.main import get_command

from inputdesk.cli.main import app
from inputdesk.config import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(cmd, prefix: str = ""):
    # Typer vendors its own click, so look for sub-commands rather than checking a class
    if getattr(cmd, "commands", None):
        for name, sub in cmd.commands.items():
            yield from _commands(sub, f"{prefix}{name} ")
    else:
        yield prefix.strip()


COMMANDS = sorted(_commands(get_command(app)))


def test_there_are_commands_to_document():
    assert {"import", "fsck", "call validate", "submissions list"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_cli_command_is_documented(command):
    assert f"## `inputdesk {command}" in (DOCS / "cli.md").read_text(encoding="utf-8"), (
        f"add a section for 'inputdesk {command}' to docs/cli.md")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name):
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert f"`{name}`" in text and f"`INPUTDESK_{name.upper()}`" in text


def test_manifest_columns_are_documented():
    from inputdesk.services.manifest import COLUMNS

    text = (DOCS / "import-formats.md").read_text(encoding="utf-8")
    missing = [c for c in COLUMNS if f"| `{c}` |" not in text]
    assert not missing, f"document manifest columns {missing} in docs/import-formats.md"


def test_every_failure_reason_is_documented():
    from inputdesk.domain.extraction import FailureReason

    text = (DOCS / "import-formats.md").read_text(encoding="utf-8")
    assert all(f"`{r.value}`" in text for r in FailureReason)
