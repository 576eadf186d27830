"""A reviewer's day at the command line: list what was found, decide, write the published PDF."""

from __future__ import annotations

import pytest
from typed_pdfs import typed_pdf
from typer.testing import CliRunner

from inputdesk.bootstrap import make_screens
from inputdesk.cli.main import app
from inputdesk.config import Settings
from inputdesk.services.redaction_pdf import pdf_text

runner = CliRunner()


@pytest.fixture
def imported(tmp_path, monkeypatch, detector):  # detector: loaded once per session, shared with the app
    monkeypatch.setenv("INPUTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INPUTDESK_SANDBOX", "false")
    assert runner.invoke(app, ["init"]).exit_code == 0
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(typed_pdf("Write to jo.baker@example.org or +44 20 7946 0321.\n"
                                 "My son, a 9-year-old, plays online."))
    result = runner.invoke(app, ["import", str(letter)])
    assert result.exit_code == 0, result.output
    return tmp_path


def _ids(output: str) -> dict[str, int]:
    """proposal id by what was found, from the list table."""
    ids = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 4 and cells[1].isdigit() and cells[2] == "proposed":
            ids[cells[3]] = int(cells[1])
    return ids


def test_list_accept_reject_and_publish(imported):
    listed = runner.invoke(app, ["redactions", "list", "SR24-0001"])
    assert listed.exit_code == 0, listed.output
    assert "jo.baker@example.org" in listed.output and "3 proposal(s), 3 undecided" in listed.output
    assert "⟦jo.baker@example.org⟧" in listed.output.replace("\n", "").replace(" ", "").replace("│", "") or \
        "⟦" in listed.output  # the found text is marked even where colours are lost (a pipe, a log)
    ids = _ids(listed.output)
    assert set(ids) == {"e-mail address", "phone number", "a child's age"}

    refused = runner.invoke(app, ["redactions", "pdf", "SR24-0001", "--out", str(imported / "out.pdf")])
    assert refused.exit_code == 1 and "undecided" in refused.output

    assert runner.invoke(app, ["redactions", "accept", str(ids["e-mail address"]), str(ids["a child's age"]),
                               "--by", "alice"]).exit_code == 0
    rejected = runner.invoke(app, ["redactions", "reject", "--submission", "SR24-0001", "--by", "bob"])
    assert "rejected: 1 proposal(s), by bob" in rejected.output

    result = runner.invoke(app, ["redactions", "pdf", "SR24-0001", "--out", str(imported / "out.pdf")])
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text((imported / "out.pdf").read_bytes()).split())
    assert "jo.baker@example.org" not in text and "9-year-old" not in text
    assert "+44 20 7946 0321" in text  # rejected: stays


def test_add_scan_and_capabilities(imported):
    added = runner.invoke(app, ["redactions", "add", "SR24-0001", "plays online", "--by", "alice"])
    assert "added 1 redaction(s)" in added.output
    scanned = runner.invoke(app, ["redactions", "scan", "SR24-0001"])
    assert scanned.exit_code == 0 and "0 new proposal(s)" in scanned.output
    capabilities = runner.invoke(app, ["redactions", "capabilities"])
    assert capabilities.exit_code == 0 and "zh" in capabilities.output and "not detected" in capabilities.output


def test_unknown_ids_and_missing_reviewer_are_refused(imported):
    assert "no redaction proposal 999" in runner.invoke(app, ["redactions", "accept", "999", "--by", "a"]).output
    assert runner.invoke(app, ["redactions", "accept", "1"]).exit_code != 0  # --by is required


def test_the_personal_data_screen_runs_after_every_other_screen(tmp_path):
    screens = make_screens(Settings(data_dir=tmp_path), None, None)
    assert screens[-1].name == "personal_data"
    without = make_screens(Settings(data_dir=tmp_path, personal_data_screen=False), None, None)
    assert [s.name for s in without] == [s.name for s in screens[:-1]]
