"""Both Extractor implementations keep the same contract; the sandboxed one also survives
files that hang, exhaust memory or crash the reader."""

import time

import pytest
from pipeline_misbehaving_extractors import crash, exhaust_memory, hang
from pipeline_samples import encrypt_pdf, make_docx, make_email, make_pdf

from inputdesk.domain.extraction import ExtractedDocument, ExtractionLimits, FailureReason, FileKind
from inputdesk.pipeline.sandbox import InProcessExtractor, SandboxedExtractor

LIMITS = ExtractionLimits(timeout_s=20)


@pytest.fixture(scope="module", params=["in_process", "sandboxed"])
def extractor(request):
    with InProcessExtractor() if request.param == "in_process" else SandboxedExtractor() as chosen:
        yield chosen


def test_reads_a_pdf_with_pages(extractor):
    doc = extractor.extract(make_pdf([["First page."], ["Second page."]]), "a.pdf", LIMITS)
    assert isinstance(doc, ExtractedDocument)
    assert [(b.page, b.text) for b in doc.blocks] == [(1, "First page."), (2, "Second page.")]


def test_reads_a_word_document(extractor):
    doc = extractor.extract(make_docx([("h1", "Answers"), ("p", "Yes.")]), "a.docx", LIMITS)
    assert [(b.text, b.heading) for b in doc.blocks] == [("Answers", None), ("Yes.", "Answers")]


def test_the_worker_hands_back_the_whole_document_as_read_in_process(extractor):
    pdf = make_pdf([["A first paragraph.", "A second one."], ["Page two."]], title="Our submission")
    email = make_email(attachments=[("annex.pdf", pdf, "application/pdf")])
    for data, name in ((pdf, "a.pdf"), (email, "a.eml")):
        assert extractor.extract(data, name, LIMITS) == InProcessExtractor().extract(data, name, LIMITS)


def test_reports_a_password_protected_pdf(extractor):
    outcome = extractor.extract(encrypt_pdf(make_pdf([["x"]])), "locked.pdf", LIMITS)
    assert outcome.reason is FailureReason.ENCRYPTED


def test_reports_an_empty_file(extractor):
    assert extractor.extract(b"", "nothing.txt", LIMITS).reason is FailureReason.EMPTY


def test_reuses_its_worker_across_files(extractor):
    started = time.perf_counter()
    for n in range(5):
        assert extractor.extract(f"Note number {n}.".encode(), "n.txt", LIMITS).text == f"Note number {n}."
    assert time.perf_counter() - started < 2  # no process start per file


@pytest.fixture(scope="module")
def sandbox_with_misbehaving_readers():
    readers = {FileKind.TEXT: hang, FileKind.RTF: exhaust_memory, FileKind.HTML: crash}
    with SandboxedExtractor(extractors=readers) as sandbox:
        yield sandbox


def test_a_hanging_extraction_is_cut_off_and_the_worker_replaced(sandbox_with_misbehaving_readers):
    started = time.perf_counter()
    outcome = sandbox_with_misbehaving_readers.extract(b"plain text", "slow.txt", ExtractionLimits(timeout_s=1))
    assert outcome.reason is FailureReason.TIMEOUT
    assert outcome.message.startswith("slow.txt took longer than 1 s to read and was stopped.")
    assert time.perf_counter() - started < 10
    after = sandbox_with_misbehaving_readers.extract(make_pdf([["Still working."]]), "next.pdf", LIMITS)
    assert after.blocks[0].text == "Still working."


def test_running_out_of_memory_is_reported_as_such(sandbox_with_misbehaving_readers):
    outcome = sandbox_with_misbehaving_readers.extract(b"{\\rtf1 x}", "heavy.rtf", ExtractionLimits(memory_mb=256))
    assert outcome.reason is FailureReason.MEMORY_LIMIT
    assert "256 MB" in outcome.message


def test_a_crashing_reader_is_reported_and_the_worker_replaced(sandbox_with_misbehaving_readers):
    outcome = sandbox_with_misbehaving_readers.extract(b"<html><p>x</p></html>", "evil.html", LIMITS)
    assert outcome.reason is FailureReason.CRASHED
    assert outcome.message.startswith("Reading evil.html crashed the extraction worker.")
    assert sandbox_with_misbehaving_readers.extract(make_docx([("p", "Fine.")]), "ok.docx", LIMITS).text == "Fine."


def test_ctrl_c_is_left_to_the_import_not_the_worker():
    """Ctrl-C reaches every process of the terminal's group; the worker ignores it (the import stops it), so the
    person sees one message, not a traceback per worker, and a worker that got it still answers."""
    import os
    import signal

    with SandboxedExtractor() as sandbox:
        assert isinstance(sandbox.extract(b"First file.", "a.txt", LIMITS), ExtractedDocument)
        os.kill(sandbox._worker._process.pid, signal.SIGINT)
        time.sleep(0.2)
        outcome = sandbox.extract(b"Second file, after the interrupt.", "b.txt", LIMITS)
        assert isinstance(outcome, ExtractedDocument) and "Second file" in outcome.blocks[0].text
