"""`inputdesk report` as a drafting officer runs it on an analysed instance."""

from __future__ import annotations

import io

import docx
import pytest
from typer.testing import CliRunner

from inputdesk.cli.main import app

from .world import CALL


def run(*args, code: int = 0):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def data_dir(report_world, monkeypatch):
    monkeypatch.setenv("INPUTDESK_PERSONAL_DATA_SCREEN", "false")
    return report_world.data_dir


def test_report_writes_the_format_its_suffix_names(data_dir, tmp_path):
    out = run("report", CALL, "--out", tmp_path / "digest.docx", "--data-dir", data_dir)
    assert "8 submissions included (2 confidential submissions" in out and "T-03" in out
    document = docx.Document(io.BytesIO((tmp_path / "digest.docx").read_bytes()))
    assert any(p.text.startswith("Question 9:") for p in document.paragraphs)


def test_report_with_unreviewed_submissions_says_so(data_dir, tmp_path):
    out = run("report", CALL, "-o", tmp_path / "digest.txt", "--format", "md", "--include-unreviewed",
              "--console-url", "https://console.example", "--data-dir", data_dir)
    assert "not yet reviewed" in out
    text = (tmp_path / "digest.txt").read_text(encoding="utf-8")
    assert "*(not yet reviewed)*" in text and "https://console.example/staff/submissions/T-04#passage-" in text


def test_report_explains_what_is_wrong(data_dir, tmp_path):
    assert "say which format" in run("report", CALL, "--out", tmp_path / "digest.pdf", "--data-dir", data_dir,
                                     code=1)
    assert "no-such-call" in run("report", "no-such-call", "--out", tmp_path / "x.md", "--data-dir", data_dir,
                                 code=1)
    assert "does not exist" in run("report", CALL, "--out", tmp_path / "nowhere" / "x.md", "--data-dir", data_dir,
                                   code=1)
