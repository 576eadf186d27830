"""Receiving files: originals first, specific failures, idempotent re-import, resumable after interruption."""

from __future__ import annotations

import io
from email.message import EmailMessage

import pytest
from docx import Document as DocxDocument
from typed_pdfs import typed_pdf

from inputdesk.domain.extraction import ExtractionFailure, FailureReason
from inputdesk.domain.submission import (
    Channel,
    DocumentRole,
    ExtractionStatus,
    SubmissionStatus,
    SubmitterDetails,
)
from inputdesk.pipeline.sandbox import InProcessExtractor
from inputdesk.services.calls import ensure_seed_call
from inputdesk.services.intake import DUPLICATE, FAILED, IMPORTED, RESUMED, IncomingFile, IntakeService
from inputdesk.domain.extraction import ExtractionLimits
from inputdesk.storage.blobs import MemoryBlobStore
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

CALL = "sr-sale-children-digital-2024"


def docx_bytes(heading: str, body: str) -> bytes:
    doc = DocxDocument()
    doc.add_heading(heading, level=1)
    doc.add_paragraph(body)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


class CountingExtractor:
    """Wraps the real extractor; can simulate a crash (like kill -9) after N files."""

    def __init__(self, crash_after: int | None = None):
        self.inner = InProcessExtractor()
        self.calls = 0
        self.crash_after = crash_after

    def extract(self, data, filename, limits):
        if self.crash_after is not None and self.calls >= self.crash_after:
            raise KeyboardInterrupt
        self.calls += 1
        return self.inner.extract(data, filename, limits)


@pytest.fixture
def world(engine):
    calls, subs, audit = SqlCallStore(engine), SqlSubmissionStore(engine), SqlAuditLog(engine)
    ensure_seed_call(calls, audit)
    blobs = MemoryBlobStore()

    def intake(extractor=None):
        return IntakeService(calls, subs, blobs, audit, extractor or InProcessExtractor(), ExtractionLimits(max_bytes=2_000_000))

    return intake, subs, blobs, audit


ENGLISH = ("Generative AI tools are being used to create sexualised images of children.\n"
           "Platforms should deploy hash matching and safety by design across their services.")


def test_pdf_is_stored_then_extracted_with_pages(world):
    intake, subs, blobs, audit = world
    data = typed_pdf(ENGLISH, "Page two explains how grooming happens in online games and chat.")
    [result] = intake().receive(CALL, IncomingFile("answer.pdf", data),
                                details=SubmitterDetails(organisation="Fictional Org", stakeholder_category="academics",
                                                         country="KE"))
    assert result.outcome == IMPORTED and result.reference == "SR24-0001"
    s = subs.get_by_reference("SR24-0001")
    assert s.status == SubmissionStatus.NEEDS_REVIEW
    assert blobs.get(s.documents[0].blob_sha256) == data
    passages = subs.passages_for_submission(s.id)
    assert {p.page for p in passages} == {1, 2}
    assert s.language == "en"
    assert [e.action for e in audit.events_for("submission", str(s.id))] == ["submission.received", "submission.extracted"]


def test_same_file_again_is_a_duplicate_and_adds_nothing(world):
    intake, subs, _, _ = world
    data = docx_bytes("Question 1", ENGLISH)
    first = intake().receive(CALL, IncomingFile("a.docx", data))
    again = intake().receive(CALL, IncomingFile("renamed.docx", data))
    assert [r.outcome for r in first + again] == [IMPORTED, DUPLICATE]
    assert len(subs.list_submissions()) == 1


def test_encrypted_or_corrupt_main_file_is_kept_and_explained(world):
    intake, subs, blobs, _ = world
    broken = typed_pdf(ENGLISH)[:300]
    [result] = intake().receive(CALL, IncomingFile("truncated.pdf", broken))
    assert result.outcome == FAILED
    assert result.reasons and "truncated.pdf" in result.reasons[0]
    [failed] = subs.list_submissions(status=SubmissionStatus.FAILED)
    assert failed.documents[0].failure_reason in {FailureReason.CORRUPT, FailureReason.UNSUPPORTED_TYPE}
    assert blobs.get(failed.documents[0].blob_sha256) == broken


def test_failed_annex_does_not_fail_the_submission(world):
    intake, subs, _, _ = world
    [result] = intake().receive(CALL, IncomingFile("main.docx", docx_bytes("Answers", ENGLISH)),
                                [IncomingFile("annex.pdf", b"%PDF-1.4 garbage")])
    s = subs.get_by_reference(result.reference)
    assert s.status == SubmissionStatus.NEEDS_REVIEW
    assert "annex_failed" in s.flags
    assert result.reasons and result.reasons[0].startswith("annex.pdf")


def test_email_becomes_one_submission_with_attachments_as_annexes(world):
    intake, subs, _, _ = world
    msg = EmailMessage()
    msg["From"] = "Dana Example <dana@coalition.example.org>"
    msg["To"] = "sr-children@example.net"
    msg["Subject"] = "Submission to the call for input"
    msg.set_content("Please find attached our submission.\n\nWe recommend that States criminalise AI-generated abuse material.")
    msg.add_attachment(typed_pdf(ENGLISH), maintype="application", subtype="pdf", filename="answers.pdf")
    msg.add_attachment(docx_bytes("Annex", "Background study on sextortion."), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="annex.docx")
    [result] = intake().receive(CALL, IncomingFile("mail.eml", msg.as_bytes()), channel=Channel.EMAIL)
    s = subs.get_by_reference(result.reference)
    annexes = [d for d in s.documents if d.role == DocumentRole.ANNEX]
    assert sorted(d.filename for d in annexes) == ["annex.docx", "answers.pdf"]
    assert all(d.status == ExtractionStatus.EXTRACTED for d in annexes)
    assert s.details.contact_email == "dana@coalition.example.org"
    assert s.details.submitter_name == "Dana Example"
    assert "contact_email" in s.details.needs_review and "needs_review" in s.flags


def test_mailbox_gives_one_submission_per_message(world):
    intake, subs, _, _ = world
    parts = []
    for i, org in enumerate(["alpha.example.org", "beta.example.org"]):
        m = EmailMessage()
        m["From"] = f"Person {i} <p{i}@{org}>"
        m["Subject"] = f"Input {i}"
        m["Date"] = "Mon, 01 Apr 2024 10:00:00 +0000"
        m.set_content(f"Our organisation {org} recommends age assurance and safety by design for every platform.")
        parts.append(b"From p@example.org Mon Apr  1 10:00:00 2024\n" + m.as_bytes() + b"\n")
    results = intake().receive(CALL, IncomingFile("inbox.mbox", b"".join(parts)))
    assert [r.outcome for r in results] == [IMPORTED, IMPORTED]
    assert {s.details.organisation for s in subs.list_submissions()} == {"alpha.example.org", "beta.example.org"}


def test_the_same_message_saved_as_eml_and_found_again_in_a_mailbox_is_one_submission(world):
    intake, subs, _, _ = world
    m = EmailMessage()
    m["From"], m["Subject"], m["Message-ID"] = "Person <p@example.org>", "Input", "<input-42@mail.example.org>"
    m["Date"] = "Mon, 01 Apr 2024 10:00:00 +0000"
    m.set_content("Our organisation recommends safety by design for every platform.")
    saved = m.as_bytes().replace(b"\n", b"\r\n")  # as a mail program saves it
    [first] = intake().receive(CALL, IncomingFile("input.eml", saved))
    mailbox = b"From p@example.org Mon Apr  1 10:00:00 2024\n" + m.as_bytes() + b"\n"
    [again] = intake().receive(CALL, IncomingFile("export.mbox", mailbox))
    assert first.outcome == IMPORTED and again.outcome == DUPLICATE and again.reference == first.reference
    assert len(subs.list_submissions()) == 1


def test_the_date_of_a_message_relayed_many_times_is_found_after_its_received_lines(world):
    intake, subs, _, _ = world
    m = EmailMessage()
    for hop in range(1500):  # some 90 KB of relay headers before the Date
        m["Received"] = f"from relay{hop}.example.org by relay{hop + 1}.example.org; Mon, 1 Apr 2024 09:00:00 +0000"
    m["From"], m["Subject"] = "Person <p@example.org>", "Input"
    m["Date"] = "Fri, 17 May 2024 10:00:00 +0000"
    m.set_content("Our organisation recommends safety by design.")
    [result] = intake().receive(CALL, IncomingFile("relayed.eml", m.as_bytes()))
    received = subs.get_submission(result.submission_id).received_at
    assert (received.year, received.month, received.day) == (2024, 5, 17)


def test_interrupted_import_resumes_without_duplicates(world):
    intake, subs, _, _ = world
    data = docx_bytes("Answers", ENGLISH)
    with pytest.raises(KeyboardInterrupt):
        intake(CountingExtractor(crash_after=0)).receive(CALL, IncomingFile("a.docx", data))
    [pending] = subs.list_submissions()
    assert pending.documents[0].status == ExtractionStatus.PENDING  # registered, not yet extracted
    [result] = intake().receive(CALL, IncomingFile("a.docx", data))
    assert result.outcome == RESUMED
    [done] = subs.list_submissions()
    assert done.status == SubmissionStatus.NEEDS_REVIEW and subs.passages_for_submission(done.id)


def test_extractor_failure_is_recorded_with_its_reason(world):
    intake, subs, _, _ = world

    class Refusing:
        def extract(self, data, filename, limits):
            return ExtractionFailure(FailureReason.TIMEOUT, f"{filename} took longer than 60 s to read")

    [result] = intake(Refusing()).receive(CALL, IncomingFile("slow.pdf", typed_pdf(ENGLISH)))
    assert result.outcome == FAILED and "took longer" in result.reasons[0]


class QuarantineEverything:
    name = "test-quarantine"

    def __init__(self):
        self.seen = []

    def screen(self, submission, read_blob):
        self.seen.append([read_blob(d.blob_sha256) for d in submission.documents])
        submission.status = SubmissionStatus.QUARANTINED


def test_screens_run_before_review_and_can_quarantine(world, engine):
    intake, subs, blobs, audit = world
    screen = QuarantineEverything()
    service = intake()
    service.screens = [screen, QuarantineEverything()]
    data = docx_bytes("Answers", ENGLISH)
    [result] = service.receive(CALL, IncomingFile("a.docx", data))
    s = subs.get_by_reference(result.reference)
    assert s.status == SubmissionStatus.QUARANTINED
    assert screen.seen == [[data]]
    assert service.screens[1].seen == []  # later screens skip a quarantined submission


def test_crash_during_screening_is_resumed_on_the_next_import(world):
    intake, subs, _, _ = world

    class Crashing:
        name = "crash"

        def screen(self, submission, read_blob):
            raise KeyboardInterrupt

    service = intake()
    service.screens = [Crashing()]
    data = docx_bytes("Answers", ENGLISH)
    with pytest.raises(KeyboardInterrupt):
        service.receive(CALL, IncomingFile("a.docx", data))
    [result] = intake().receive(CALL, IncomingFile("a.docx", data))
    assert result.outcome == RESUMED
    assert subs.get_by_reference(result.reference).status == SubmissionStatus.NEEDS_REVIEW


def test_registered_submission_is_committed_before_processing_and_resumed_by_the_worker(world):
    from inputdesk.services.intake_worker import BackgroundIntake

    intake, subs, _, _ = world
    service = intake()
    [registered] = service.register(CALL, IncomingFile("a.docx", docx_bytes("Answers", ENGLISH)))
    assert subs.get_by_reference(registered.reference).status == SubmissionStatus.RECEIVED  # stored, not yet read
    assert service.unfinished() == [registered.submission_id]
    worker = BackgroundIntake(service)
    worker.start()  # picks up what a previous run left unfinished
    try:
        assert worker.wait_idle(timeout=60)
    finally:
        worker.stop()
    assert subs.get_by_reference(registered.reference).status == SubmissionStatus.NEEDS_REVIEW
    assert service.unfinished() == []


class SlowExtractor(CountingExtractor):
    """The real extractor, slowed down, so that two processes are sure to overlap on one submission."""

    def extract(self, data, filename, limits):
        import time

        time.sleep(0.2)
        return super().extract(data, filename, limits)


def test_two_workers_on_one_submission_take_turns_and_add_nothing_twice(world, tmp_path):
    """A CLI import and the web server's worker (or a second import) resuming the same e-mail at once: the second
    waits for the first, then finds the work done, so its attachments are registered and read once."""
    import threading

    from inputdesk.storage.work_locks import FileWorkLocks

    _, subs, blobs, audit = world
    calls = SqlCallStore(subs.engine)
    first, second = (IntakeService(calls, subs, blobs, audit, SlowExtractor(), ExtractionLimits(max_bytes=2_000_000),
                                   locks=FileWorkLocks(tmp_path / "locks")) for _ in range(2))
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "ngo@example.org", "sr@example.org", "Our input"
    msg["Date"] = "Mon, 4 Mar 2024 09:00:00 +0000"
    msg.set_content("Please find our answers attached.")
    msg.add_attachment(typed_pdf(ENGLISH), maintype="application", subtype="pdf", filename="answers.pdf")
    msg.add_attachment(typed_pdf("A second annex."), maintype="application", subtype="pdf", filename="annex.pdf")
    [registered] = first.register(CALL, IncomingFile("mail.eml", msg.as_bytes()), channel=Channel.EMAIL)
    threads = [threading.Thread(target=worker.process, args=(registered.submission_id,)) for worker in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    documents = subs.get_submission(registered.submission_id).documents
    assert sorted(d.filename for d in documents) == ["annex.pdf", "answers.pdf", "mail.eml"]
    assert first.extractor.calls + second.extractor.calls == 3  # each file read once, by whichever came first
    assert list((tmp_path / "locks").iterdir()) == []  # no lock file left behind per submission


def test_a_file_over_the_limit_is_stored_in_chunks_and_refused_unread(world, tmp_path):
    """A file larger than the memory must not stop an import: it is stored without being read whole, refused with
    the size, and left unscreened (so withheld) rather than read for the screens."""
    from inputdesk.domain.errors import BlobTooLarge
    from inputdesk.services.batch_import import PlannedItem, run_import

    _, subs, blobs, audit = world
    calls = SqlCallStore(subs.engine)

    class Recording:
        def __init__(self, inner):
            self.inner, self.read = inner, []

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def get(self, sha256):
            self.read.append(sha256)
            return self.inner.get(sha256)

    class ScreenThatReads:
        refused = []

        def screen(self, submission, read_blob):
            for doc in submission.documents:
                try:
                    read_blob(doc.blob_sha256)
                except BlobTooLarge as big:
                    self.refused.append(big.size)

    recording, extractor, screen = Recording(blobs), CountingExtractor(), ScreenThatReads()
    intake = IntakeService(calls, subs, recording, audit, extractor, ExtractionLimits(max_bytes=10_000),
                           screens=[screen])
    big = tmp_path / "video.mp4"
    big.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(50_000))
    [result] = run_import(intake, CALL, [PlannedItem(big)]).results
    assert result.outcome == FAILED and "over the limit of 9.8 KB per file" in result.reasons[0]
    stored = subs.get_by_reference(result.reference).documents[0]
    assert blobs.get(stored.blob_sha256) == big.read_bytes() and stored.size == 50_012
    assert recording.read == [] and extractor.calls == 0 and screen.refused == [50_012]


def test_a_mailbox_over_the_per_file_limit_is_split_and_each_message_imported(world, tmp_path):
    from inputdesk.services.batch_import import PlannedItem, run_import

    _, subs, blobs, audit = world
    intake = IntakeService(SqlCallStore(subs.engine), subs, blobs, audit, InProcessExtractor(),
                           ExtractionLimits(max_bytes=30_000))
    parts = []
    for i, org in enumerate(["alpha", "beta", "gamma"]):
        m = EmailMessage()
        m["From"], m["Subject"] = f"Person {i} <p{i}@{org}.example.org>", f"Input {i}"
        m["Date"] = "Mon, 01 Apr 2024 10:00:00 +0000"
        m.set_content(f"The {org} network recommends safety by design. " + "Details follow. " * 900)
        parts.append(b"From p@example.org Mon Apr  1 10:00:00 2024\n" + m.as_bytes() + b"\n")
    mailbox = tmp_path / "export.mbox"
    mailbox.write_bytes(b"".join(parts))  # about 45 KB: over the limit, each message under it
    results = run_import(intake, CALL, [PlannedItem(mailbox)]).results
    assert [r.outcome for r in results] == [IMPORTED, IMPORTED, IMPORTED]
    assert {s.details.organisation for s in subs.list_submissions()} == {f"{o}.example.org" for o in
                                                                           ("alpha", "beta", "gamma")}


def test_a_forwarded_submission_is_credited_to_its_author_and_dated_when_they_sent_it(world):
    intake, subs, _, _ = world
    original = EmailMessage()
    original["From"], original["Subject"] = "Kofi Sample <kofi@youth-voices.example.org>", "Our input"
    original["Date"] = "Sat, 4 May 2024 09:00:00 +0000"
    original.set_content("Youth Voices recommends that platforms design for safety from the start.")
    forward = EmailMessage()
    forward["From"], forward["Subject"] = "Registry Clerk <registry@ohchr.example.org>", "Fwd: Our input"
    forward["Date"] = "Tue, 21 May 2024 08:00:00 +0000"
    forward.set_content("Forwarding the submission below, received in the general mailbox.")
    forward.add_attachment(original)
    [result] = intake().receive(CALL, IncomingFile("forward.eml", forward.as_bytes()))
    stored = subs.get_submission(result.submission_id)
    assert (stored.details.submitter_name, stored.details.organisation) == ("Kofi Sample", "youth-voices.example.org")
    assert stored.details.contact_email == "kofi@youth-voices.example.org"
    assert (stored.received_at.month, stored.received_at.day) == (5, 4)
    assert "forwarded on 2024-05-21" in stored.details.needs_review["received_at"]


def test_a_program_s_placeholder_in_the_author_field_is_not_taken_for_the_submitter(world):
    intake, subs, _, _ = world
    [result] = intake().receive(CALL, IncomingFile("answer.pdf", typed_pdf(ENGLISH, author="anonymous")))
    assert subs.get_by_reference(result.reference).details.submitter_name is None
    [named] = intake().receive(CALL, IncomingFile("named.pdf", typed_pdf("Another answer.", author="Ana Example")))
    assert subs.get_by_reference(named.reference).details.submitter_name == "Ana Example"


def test_a_delivery_that_loses_the_race_gives_its_reference_number_back(world, monkeypatch):
    """Two processes receiving the same file at once: the one whose commit fails as a duplicate must not leave a
    gap in the references (SR24-0001, then SR24-0002 for the next new file, not SR24-0003)."""
    intake, subs, _, _ = world
    service = intake()
    [first] = service.receive(CALL, IncomingFile("a.txt", b"Our answer on grooming in online games."))
    # The other process checked for the file just before the first one committed it: it sees nothing yet.
    monkeypatch.setattr(subs, "find_by_source", lambda call_id, source, _real=subs.find_by_source: None)
    [lost] = service.register(CALL, IncomingFile("a-again.txt", b"Our answer on grooming in online games."))
    monkeypatch.undo()
    assert lost.outcome == DUPLICATE
    [second] = service.receive(CALL, IncomingFile("b.txt", b"Another answer, on sextortion of teenagers."))
    assert (first.reference, second.reference) == ("SR24-0001", "SR24-0002")
    received = [e for e in world[3].all_events() if e.action == "submission.received"]
    assert [e.after["reference"] for e in received] == ["SR24-0001", "SR24-0002"]


def test_the_staff_export_tells_apart_two_attachments_with_the_same_name(world):
    import json

    from inputdesk.services.exports import export_jsonl

    intake, subs, _, _ = world
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "ngo@example.org", "Two replies"
    msg.set_content("Our two replies are attached.")
    for text in ("First reply about grooming on games.", "Second reply about sextortion."):
        msg.add_attachment(typed_pdf(text), maintype="application", subtype="pdf", filename="reply.pdf")
    intake().receive(CALL, IncomingFile("two.eml", msg.as_bytes()))
    [record, *passages] = [json.loads(line) for line in export_jsonl(subs, CALL)]
    replies = [d for d in record["documents"] if d["filename"] == "reply.pdf"]
    mail = next(d for d in record["documents"] if d["filename"] == "two.eml")
    assert len(replies) == 2 and all(d["parent"] == mail["id"] for d in replies)
    by_document = {p["document"]: p for p in passages if p["file"] == "reply.pdf"}
    assert set(by_document) == {d["id"] for d in replies}
    assert {p["file_sha256"] for p in by_document.values()} == {d["sha256"] for d in replies}
