"""The analysis commands, end to end through the CLI on a small stored call (hashing embedder: no model)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from inputdesk.cli.main import app
from inputdesk.storage.database import make_engine, upgrade

from .world import CALL, build_world


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INPUTDESK_ANALYSIS_EMBEDDER", "hashing")
    monkeypatch.setenv("INPUTDESK_PERSONAL_DATA_SCREEN", "false")
    engine = make_engine(f"sqlite:///{tmp_path / 'inputdesk.db'}")
    upgrade(engine)
    build_world(engine)
    engine.dispose()
    return str(tmp_path)


def run(*args):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_analyse_then_list_search_and_correct(data_dir):
    out = run("analyse", CALL, "--data-dir", data_dir)
    assert "Analysis of" in out and "campaign" in out and "joint 1" in out
    assert "themes" in run("jobs", "--data-dir", data_dir)
    assert "T-04" in run("duplicates", "--data-dir", data_dir)
    assert "sextortion" in run("tags", "--kind", "harm", "--data-dir", data_dir)
    assert "states" in run("recommendations", "--addressee", "states", "--data-dir", data_dir)
    assert "T-06" in run("search", "sextortion", "--category", "law_enforcement", "--data-dir", data_dir)
    assert "T-07" not in run("search", "sextortion", "--data-dir", data_dir)  # quarantined
    listing = run("mapping", "list", "--submission", "T-02", "--data-dir", data_dir)
    passage = listing.split("\n")[3].split()[1]
    assert "(by amina)" in run("mapping", "set", passage, "q5", "--by", "amina", "--data-dir", data_dir)
    assert "person:amina" in run("mapping", "list", "--question", "q5", "--data-dir", data_dir)
    assert "decisions" in run("mapping", "agreement", "--data-dir", data_dir)
    themes = run("themes", "list", "--question", "q1", "--data-dir", data_dir)
    assert "q1 How technologies facilitate exploitation" in themes


def test_a_correction_needs_a_name_and_a_known_question(data_dir):
    run("analyse", CALL, "--data-dir", data_dir)
    result = CliRunner().invoke(app, ["mapping", "add", "1", "q99", "--by", "amina", "--data-dir", data_dir])
    assert result.exit_code == 1 and "has no question q99" in result.output
    result = CliRunner().invoke(app, ["mapping", "add", "1", "q1", "--data-dir", data_dir])
    assert result.exit_code != 0 and "--by" in result.output


def test_search_shows_the_words_it_found_and_bad_ids_get_a_message(data_dir):
    run("analyse", CALL, "--data-dir", data_dir)
    found = run("search", "teenagers", "--data-dir", data_dir)
    assert "[teenagers]" in found  # the hit as the index marks it, not swallowed as console markup
    for args, message in ((["mapping", "set", "999999", "q1"], "no analysed passage 999999"),
                          (["themes", "rename", "999999", "Grooming"], "no theme 999999"),
                          (["themes", "move", "1", "999999"], "no theme 999999")):
        result = CliRunner().invoke(app, [*args, "--by", "amina", "--data-dir", data_dir])
        assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output, args
