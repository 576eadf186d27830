"""Whatever arrives, `extract_document` answers with text or a specific, actionable failure."""

import pytest
from pipeline_samples import make_docx, make_email, make_odt, make_pdf, make_png

from inputdesk.domain.extraction import ExtractedDocument, ExtractionFailure, ExtractionLimits, FailureReason, FileKind
from inputdesk.pipeline.extract import EXTRACTORS, extract_document

LIMITS = ExtractionLimits()


def test_file_over_the_size_limit_is_refused_with_both_sizes():
    outcome = extract_document(b"x" * 3000, "big.pdf", ExtractionLimits(max_bytes=2048))
    assert outcome.reason is FailureReason.TOO_LARGE
    assert outcome.message.startswith("big.pdf is 2.9 KB, over the limit of 2.0 KB per file.")


def test_empty_file():
    outcome = extract_document(b"", "uploads/empty.docx", LIMITS)
    assert outcome == ExtractionFailure(
        FailureReason.EMPTY, "empty.docx is empty (0 bytes). Ask the submitter to send the file again."
    )


def test_executable_disguised_as_pdf_is_unsupported_and_named():
    outcome = extract_document(b"MZ\x90\x00" + b"\x00" * 200, "report.pdf", LIMITS)
    assert outcome.reason is FailureReason.UNSUPPORTED_TYPE
    assert outcome.message.startswith("The file is named report.pdf but its content is a Windows executable.")


def test_archive_is_kept_for_review():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.pdf", b"%PDF-1.4")
        archive.writestr("b.pdf", b"%PDF-1.4")
    outcome = extract_document(buffer.getvalue(), "annexes.zip", LIMITS)
    assert outcome.reason is FailureReason.UNSUPPORTED_TYPE
    assert "annexes.zip is a ZIP archive (2 files inside)" in outcome.message
    assert "send the documents themselves" in outcome.message


def test_word_file_with_a_pdf_name_is_read_with_a_warning():
    doc = extract_document(make_docx([("p", "Hello")]), "report.pdf", LIMITS)
    assert doc.kind is FileKind.DOCX
    assert doc.warnings == [
        "The file is named report.pdf but its content is a Word document (.docx). It was read as such."
    ]


def test_every_kind_has_a_built_in_extractor_except_unknown():
    assert set(EXTRACTORS) == set(FileKind) - {FileKind.UNKNOWN}


def test_a_caller_can_plug_in_an_extractor_for_a_kind():
    def shout(data, filename, limits):
        return ExtractedDocument(kind=FileKind.TEXT, blocks=[])

    doc = extract_document(b"plain words", "a.txt", LIMITS, extractors={FileKind.TEXT: shout})
    assert doc.blocks == []


SAMPLES = {
    "pdf": make_pdf([["Hello world, a paragraph of text."]]),
    "docx": make_docx([("h1", "Title"), ("p", "Body")]),
    "odt": make_odt([("h1", "Title"), ("p", "Body")]),
    "eml": make_email(attachments=[("a.png", make_png(), "image/png")]),
    "png": make_png(),
    "rtf": rb"{\rtf1\ansi Hello\par World}",
    "html": b"<html><body><p>Hello</p></body></html>",
}


@pytest.mark.parametrize("name", SAMPLES)
def test_damaged_files_never_raise(name):
    """Cut every sample at many points and flip bytes: each answer is a document or a failure."""
    data = SAMPLES[name]
    cuts = sorted({max(1, len(data) * k // 23) for k in range(1, 23)})
    variants = [data[:cut] for cut in cuts]
    variants += [
        data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :] for i in range(7, len(data), max(1, len(data) // 15))
    ]
    for variant in variants:
        outcome = extract_document(variant, f"sample.{name}", LIMITS)
        assert isinstance(outcome, (ExtractedDocument, ExtractionFailure))
        if isinstance(outcome, ExtractionFailure):
            assert "sample." in outcome.message or "The file" in outcome.message
