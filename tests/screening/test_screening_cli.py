"""An operator's session: import submissions, import a hash list, see what was quarantined, export the matches."""

from __future__ import annotations

import csv
import re

import pytest
from screening_samples import csv_line, docx_with_picture, encode, pdf_with_picture, recompressed, scene
from typer.testing import CliRunner

from inputdesk.cli.main import app
from inputdesk.pipeline.screening.hashing import pdq_hashes

runner = CliRunner()
LISTED = scene(123)
LISTED_PDQ = pdq_hashes(LISTED)[0].value


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setenv("INPUTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INPUTDESK_SCREENING_WORKERS", "1")
    monkeypatch.setenv("INPUTDESK_PERSONAL_DATA_SCREEN", "false")  # another screen; spaCy takes seconds to load
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "with-figure.pdf").write_bytes(pdf_with_picture(encode(recompressed(LISTED, 45))))
    (inbox / "clean.docx").write_bytes(docx_with_picture(encode(scene(5))))
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["import", str(inbox)])
    assert result.exit_code == 0, result.output
    return tmp_path


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_importing_a_list_rescans_quarantines_and_exports_without_showing_the_list(instance):
    listed = instance / "hotline.csv"
    listed.write_text("type,hash,list,category\n" + csv_line("pdq", LISTED_PDQ, "hotline-x", "A1")
                      + csv_line("md5", "0" * 32, "hotline-x", "B"))

    output = invoke("hashlist", "import", str(listed), "--name", "hotline")
    assert "stored encrypted (version 1): 1 md5, 1 pdq" in output
    assert re.search(r"quarantined 1: SR24-\d{4}\n", output)
    assert LISTED_PDQ not in output

    listing = invoke("hashlist", "list")
    assert "hotline" in listing and LISTED_PDQ not in listing and "0" * 32 not in listing

    assert "no new match" in invoke("screening", "rescan")

    export_file = instance / "matches.csv"
    assert "wrote 1 match(es)" in invoke("screening", "export", "--out", str(export_file))
    [row] = list(csv.DictReader(export_file.open()))
    assert row["hash_type"] == "pdq" and row["hash_list"] == "hotline" and row["source_list"] == "hotline-x"
    assert int(row["distance"]) <= 31 and row["filename"] == "with-figure.pdf" and row["reference"]
    assert len(row["hash"]) == 64 and len(row["file_sha256"]) == 64

    shown = invoke("submissions", "list")
    assert "quarantined" in shown


def test_a_malformed_list_is_refused_by_line_without_echoing_hashes(instance):
    broken = instance / "broken.csv"
    broken.write_text(csv_line("pdq", LISTED_PDQ[:-2]))
    result = runner.invoke(app, ["hashlist", "import", str(broken), "--name", "broken"])
    assert result.exit_code == 1
    assert "line 1: the pdq hash must be 64 hexadecimal digits" in result.output
    assert LISTED_PDQ[:-2] not in result.output
    assert "no hash list imported yet" in invoke("hashlist", "list")


def test_a_list_can_be_removed(instance):
    listed = instance / "l.csv"
    listed.write_text(csv_line("md5", "1" * 32))
    invoke("hashlist", "import", str(listed), "--name", "old", "--no-rescan")
    assert "removed" in invoke("hashlist", "remove", "old")
    assert runner.invoke(app, ["hashlist", "remove", "old"]).exit_code == 1
