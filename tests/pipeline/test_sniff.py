"""A file is what its bytes say, whatever it is called."""

import pytest
from pipeline_samples import make_docm, make_docx, make_email, make_odt, make_pdf, make_png, rewrite_zip

from inputdesk.domain.extraction import FileKind
from inputdesk.pipeline.sniff import describe_mismatch, sniff

OUTLOOK_LIKE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "__substg1.0_0037001F".encode("utf-16-le")
LEGACY_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (make_pdf([["Hello"]]), FileKind.PDF),
        (b"\r\n\r\n%PDF-1.7\n...", FileKind.PDF),
        (make_docx([("p", "Hello")]), FileKind.DOCX),
        (make_docm([("p", "Hello")]), FileKind.DOCM),
        (make_odt([("p", "Hello")]), FileKind.ODT),
        (rewrite_zip(make_docx([("p", "x")]), add={}), FileKind.DOCX),
        (b"{\\rtf1\\ansi Hello}", FileKind.RTF),
        (OUTLOOK_LIKE, FileKind.MSG),
        (LEGACY_WORD, FileKind.UNKNOWN),
        (make_png(), FileKind.IMAGE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", FileKind.IMAGE),
        (b"GIF89a\x01\x00", FileKind.IMAGE),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", FileKind.IMAGE),
        (b"From someone@example.org Mon Jun  2 10:15:00 2025\n" + make_email(), FileKind.MBOX),
        (make_email(), FileKind.EML),
        (b"From: a@example.org\nDate: Tue, 9 Apr 2024 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n"
         b"Content-Transfer-Encoding: 8bit\n\nOur answers reach the children.\x00\x00 " + b"We recommend safety. " * 12,
         FileKind.EML),  # stray NULs in an 8-bit body
        (b"Received: from mx.example.org\nSubject: hi\n\nbody", FileKind.EML),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html><body>x</body></html>", FileKind.HTML),
        (b"\n<HTML lang='fr'><p>Bonjour</p></HTML>", FileKind.HTML),
        (b"# Our submission\n\nWe support the draft.", FileKind.TEXT),
        ("Наше предложение по проекту".encode("cp1251"), FileKind.TEXT),
        ("我们支持该草案。".encode("gb18030"), FileKind.TEXT),
        ("Hello".encode("utf-16"), FileKind.TEXT),
        (b"Subject: my notes on the draft\nI think it is good.", FileKind.TEXT),
        (b"To: The Special Rapporteur\nSubject: Our views on AI\n\nDear Rapporteur, we think...", FileKind.TEXT),
        ("Our views".encode("utf-16-le") * 20, FileKind.TEXT),  # UTF-16 saved without a byte-order mark
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", FileKind.UNKNOWN),
        (bytes(range(256)) * 4, FileKind.UNKNOWN),
        (b"PK\x03\x04" + b"\x00" * 40, FileKind.ZIP),
    ],
)
def test_kind_comes_from_content(data, expected):
    assert sniff(data, "whatever.bin") is expected


def test_zip_without_word_parts_is_an_archive():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/a.jpg", b"\xff\xd8\xff")
    assert sniff(buffer.getvalue(), "documents.zip") is FileKind.ZIP


def test_damaged_word_file_is_still_recognised_as_word():
    truncated = make_docx([("p", "Hello")])[:2000]
    assert sniff(truncated, "report.docx") is FileKind.DOCX


def test_an_executable_named_like_a_pdf_is_called_out():
    exe = b"MZ\x90\x00" + b"\x00" * 60
    assert describe_mismatch(FileKind.UNKNOWN, "report.pdf", exe) == (
        "The file is named report.pdf but its content is a Windows executable."
    )


def test_a_word_file_named_pdf_is_a_mismatch_but_a_matching_name_is_not():
    assert "a Word document" in describe_mismatch(FileKind.DOCX, "uploads/report.pdf")
    assert describe_mismatch(FileKind.DOCX, "report.docx") is None
    assert describe_mismatch(FileKind.PDF, "REPORT.PDF") is None
    assert describe_mismatch(FileKind.TEXT, "notes.md") is None


def test_unknown_content_with_unknown_name_says_nothing():
    assert describe_mismatch(FileKind.UNKNOWN, "data.xyz", b"\x00\x01\x02") is None
