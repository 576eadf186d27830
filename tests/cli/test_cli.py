"""The CLI as an operator uses it: init, import a mixed folder, list failures, check integrity, export."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from typed_pdfs import typed_pdf
from typer.testing import CliRunner

from inputdesk.cli.main import app
from inputdesk.services.call_definitions import seed_call_text

runner = CliRunner()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + "A" * 300_000_000 + "</w:document>")
    return buf.getvalue()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INPUTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INPUTDESK_SANDBOX", "false")
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(typed_pdf("States should regulate generative AI tools that produce abuse material."))
    (folder / "notes.txt").write_text("Nuestra organización recomienda educación digital para niñas y niños.",
                                      encoding="cp1252")
    (folder / "empty.docx").write_bytes(b"")
    (folder / "fake.pdf").write_bytes(b"MZ\x90\x00 this is a windows program")
    (folder / "bomb.docx").write_bytes(_zip_bomb())
    (folder / "cut.pdf").write_bytes(typed_pdf("truncated")[:200])
    return folder


def test_import_of_a_mixed_folder_reports_every_failure_and_reimport_adds_nothing(data_dir, mixed_folder):
    first = runner.invoke(app, ["import", str(mixed_folder)])
    assert first.exit_code == 0, first.output
    assert "Import summary" in first.output
    failed = runner.invoke(app, ["submissions", "list", "--status", "failed"])
    assert failed.exit_code == 0
    for name in ("empty.docx", "fake.pdf", "bomb.docx", "cut.pdf"):
        assert name in failed.output, f"{name} should be listed as failed with a reason"
    assert "good.pdf" not in failed.output
    again = runner.invoke(app, ["import", str(mixed_folder)])
    assert again.exit_code == 0
    assert json.loads("[" + ",".join(runner.invoke(app, ["export", "--no-passages"]).output.split("\n")[:-1]) + "]")
    total = len(runner.invoke(app, ["export", "--no-passages"]).output.strip().splitlines())
    assert total == 6
    blobs = list((data_dir / "blobs").rglob("*"))
    assert sum(1 for b in blobs if b.is_file()) == 6  # every original kept, once


def test_show_prints_files_with_sha256_and_passages(data_dir, mixed_folder):
    runner.invoke(app, ["import", str(mixed_folder / "good.pdf")])
    out = runner.invoke(app, ["submissions", "show", "SR24-0001", "--passages"]).output
    assert "good.pdf" in out and "p.1" in out and "generative AI" in out
    assert out.index("passage(s)") < out.rindex("good.pdf") < out.index("#0 p.1")  # each file's passages under its name
    assert "check stakeholder_category" in out
    assert runner.invoke(app, ["submissions", "show", "SR24-0999"]).exit_code == 1


def test_fsck_finds_an_altered_original(data_dir, mixed_folder):
    runner.invoke(app, ["import", str(mixed_folder / "good.pdf")])
    assert runner.invoke(app, ["fsck"]).exit_code == 0
    blob = next(p for p in (data_dir / "blobs").rglob("*") if p.is_file())
    blob.chmod(0o644)
    blob.write_bytes(b"tampered")
    result = runner.invoke(app, ["fsck"])
    assert result.exit_code == 1 and "altered" in result.output and "good.pdf" in result.output


def test_fsck_checks_a_split_mailbox_too(data_dir, tmp_path):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = "p@example.org", "Input"
    message.set_content("Our organisation recommends safety by design.")
    mailbox = tmp_path / "export.mbox"
    mailbox.write_bytes(b"From p@example.org Mon Apr  1 10:00:00 2024\n" + message.as_bytes() + b"\n")
    runner.invoke(app, ["import", str(mailbox)])
    checked = runner.invoke(app, ["fsck"])
    assert checked.exit_code == 0 and "0 not referenced" in checked.output  # the mailbox counts as kept
    digest = hashlib.sha256(mailbox.read_bytes()).hexdigest()
    stored = next(p for p in (data_dir / "blobs").rglob(digest) if p.is_file())
    stored.chmod(0o644)
    stored.unlink()
    missing = runner.invoke(app, ["fsck"])
    assert missing.exit_code == 1 and "missing" in missing.output and "mailbox export.mbox" in missing.output


def test_call_validate_lists_problems_and_add_updates(tmp_path, data_dir):
    raw = yaml.safe_load(seed_call_text())
    raw["questions"][0]["id"] = "Bad Id"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = runner.invoke(app, ["call", "validate", str(bad)])
    assert result.exit_code == 1 and "questions[0].id" in result.output
    raw["questions"][0]["id"] = "q1"
    raw["id"] = "second-call"
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert runner.invoke(app, ["call", "validate", str(good)]).exit_code == 0
    assert runner.invoke(app, ["call", "add", str(good)]).exit_code == 0
    listing = runner.invoke(app, ["call", "list"]).output
    assert "second-call" in listing and "sr-sale-children-digital-2024" in listing
    shown = runner.invoke(app, ["call", "show", "second-call"]).output
    assert "q9" in shown and "[states]" in shown  # category ids, which manifests need, are printed as written


def test_import_needs_call_choice_when_several(tmp_path, data_dir, mixed_folder):
    raw = yaml.safe_load(seed_call_text())
    raw["id"] = "other-call"
    f = tmp_path / "other.yaml"
    f.write_text(yaml.safe_dump(raw), encoding="utf-8")
    runner.invoke(app, ["call", "add", str(f)])
    result = runner.invoke(app, ["import", str(mixed_folder / "good.pdf")])
    assert result.exit_code == 1 and "--call" in result.output
    assert runner.invoke(app, ["import", "--call", "other-call", str(mixed_folder / "good.pdf")]).exit_code == 0


def test_bad_manifest_is_refused_before_anything_is_imported(tmp_path, data_dir, mixed_folder):
    (mixed_folder / "manifest.csv").write_text("file,stakeholder_category\ngood.pdf,martians\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(mixed_folder)])
    assert result.exit_code == 1 and "martians" in result.output and "row 2" in result.output
    assert runner.invoke(app, ["export"]).output.strip() == ""


def test_odd_names_links_and_manifests_in_a_folder_are_handled_and_reported(data_dir, tmp_path):
    import os

    folder = tmp_path / "odd"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"r\xe9sum\xe9.txt"), "wb") as fh:  # a Latin-1 name, not UTF-8
        fh.write(b"Our report on online grooming in rural schools.")
    (folder / "z.txt").write_text("Another submission about sextortion and reporting tools.", encoding="utf-8")
    outside = tmp_path / "private.txt"
    outside.write_text("Not part of the inbox.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "sub").mkdir()
    (folder / "sub" / "sub.txt").write_text("A third submission in a subfolder.", encoding="utf-8")
    (folder / "sub" / "manifest.csv").write_text("file,organisation\nsub.txt,Fictional Subfolder Org\n",
                                                 encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["submissions", "list"]).output
    assert "résumé.txt" in listing or "SR24-0001" in listing
    assert "Fictional Subfolder Org" in listing  # the subfolder's manifest described its file
    assert "manifest.csv" not in listing and "Not part of the inbox" not in runner.invoke(
        app, ["export", "--out", str(tmp_path / "x.jsonl")]).output
    exported = (tmp_path / "x.jsonl").read_text(encoding="utf-8")
    assert "résumé.txt" in exported and "z.txt" in exported and "private.txt" not in exported
    assert "a link; import the file" in result.output and "Not imported" in result.output
    again = runner.invoke(app, ["import", str(folder)])
    assert "Already received" in again.output and "résumé.txt" in again.output


def test_a_sender_name_that_looks_like_console_markup_is_shown_as_written(data_dir, tmp_path):
    folder = tmp_path / "markup"
    folder.mkdir()
    (folder / "a.eml").write_bytes(b'From: "[/] Org" <m@example.org>\r\nTo: x@example.org\r\nSubject: s\r\n'
                                   b"Date: Mon, 4 Mar 2024 09:00:00 +0000\r\n\r\nBody of the message.\r\n")
    (folder / "[bold]important[not really].txt").write_text("A note.", encoding="utf-8")
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    listing = runner.invoke(app, ["submissions", "list"])
    assert listing.exit_code == 0, listing.output
    shown = runner.invoke(app, ["submissions", "show", "SR24-0002"])  # the e-mail ("[" sorts before "a")
    assert shown.exit_code == 0 and "Submitter: [/] Org" in shown.output
    files = runner.invoke(app, ["submissions", "show", "SR24-0001"]).output
    assert "[bold]important[not really].txt" in files.replace("\n", "")


def test_what_extraction_noticed_reaches_the_reviewer_and_broken_attachments_count_as_failed(data_dir, tmp_path):
    from email.message import EmailMessage

    folder = tmp_path / "notes"
    folder.mkdir()
    # one page of text and two blank pages: a scan whose pages nobody would read otherwise
    (folder / "partly-scanned.pdf").write_bytes(typed_pdf("Our findings on livestreamed abuse.", "", ""))
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Our submission"
    message["Date"] = "Mon, 4 Mar 2024 09:00:00 +0000"
    message.set_content("Please find our answers attached.")
    message.add_attachment(typed_pdf("truncated")[:200], maintype="application", subtype="pdf", filename="cut.pdf")
    (folder / "mail.eml").write_bytes(bytes(message))
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    failed = runner.invoke(app, ["submissions", "list", "--status", "failed"]).output
    assert "cut.pdf" in failed and "partly-scanned" not in failed
    shown = runner.invoke(app, ["submissions", "show", "SR24-0002"]).output  # the PDF ("m" sorts before "p")
    assert "check_files" in shown and "pages 2, 3 have no text" in shown.replace("\n", " ")


def test_an_unknown_or_impossible_receipt_date_is_marked_for_review_not_taken_as_late(data_dir, tmp_path):
    folder = tmp_path / "dates"
    folder.mkdir()
    (folder / "a-note.txt").write_text("Our answer on livestreaming.", encoding="utf-8")
    (folder / "b-future.eml").write_bytes(b"From: a@example.org\r\nTo: b@example.org\r\nSubject: s\r\n"
                                          b"Date: Fri, 1 Jan 2099 09:00:00 +0000\r\n\r\nOur answer.\r\n")
    assert runner.invoke(app, ["import", str(folder)]).exit_code == 0
    note = runner.invoke(app, ["submissions", "show", "SR24-0001"]).output
    assert "check received_at: not known; the date of the import is used" in note
    assert "late" not in note.split("Flags:")[1].split("\n")[0]  # the seed call's deadline passed, but when?
    future = runner.invoke(app, ["submissions", "show", "SR24-0002"]).output
    assert "in the future" in future and "2099" not in future.split("\n")[0]


def test_a_manifest_row_for_a_file_already_received_is_not_silently_dropped(data_dir, tmp_path):
    folder = tmp_path / "same"
    folder.mkdir()
    for name in ("org-a.txt", "org-b.txt"):  # two senders forwarded the very same file
        (folder / name).write_text("Joint statement on livestreamed abuse and what platforms should do.",
                                   encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,organisation,stakeholder_category,country,confidential\n"
        "org-a.txt,Fictional Org A,civil_society_hotlines,KE,no\n"
        "org-b.txt,Fictional Org B,states,FR,yes\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.replace("│", " ").split())  # the reason as one line, whatever the table's width
    assert "org-b.txt was already received as SR24-0001" in flat
    assert "organisation, stakeholder_category, country, confidential" in flat
    assert "It asks for confidentiality: check it at once." in flat


def test_an_import_logged_to_a_file_says_how_far_it_got(data_dir, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(100):
        (folder / f"note-{n:03}.txt").write_text(f"Submission number {n} about online grooming.", encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder)])  # CliRunner's output is not a terminal: no bar
    assert result.exit_code == 0, result.output
    assert "imported 100 of 100 item(s)" in result.output
