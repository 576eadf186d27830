"""Word and OpenDocument submissions: headings label the paragraphs under them; bombs are refused unread."""

import io
import zipfile

import pytest
from pipeline_samples import make_docm, make_docx, make_odt, rewrite_zip

from inputdesk.domain.extraction import ACTIVE_CONTENT, ExtractionLimits, FailureReason, FileKind, TextBlock
from inputdesk.pipeline.extract import extract_document

LIMITS = ExtractionLimits()
PARTS = [
    ("title", "Contribution on digital inclusion"),
    ("h1", "Question 1: barriers"),
    ("p", "Rural schools lack connectivity."),
    ("p", "Devices are too expensive."),
    ("h2", "Question 2: good practice"),
    ("p", "Community centres lend laptops."),
]
TABLE = [["Region", "Schools online"], ["North", "40%"]]


def test_word_headings_and_tables_keep_their_place():
    doc = extract_document(make_docx(PARTS, title="Inclusion", author="Example Network", table=TABLE), "c.docx", LIMITS)

    assert doc.kind is FileKind.DOCX
    assert doc.blocks == [
        TextBlock("Contribution on digital inclusion", 0, heading=None, is_heading=True),
        TextBlock("Question 1: barriers", 1, heading="Contribution on digital inclusion", is_heading=True),
        TextBlock("Rural schools lack connectivity.", 2, heading="Question 1: barriers"),
        TextBlock("Devices are too expensive.", 3, heading="Question 1: barriers"),
        TextBlock("Question 2: good practice", 4, heading="Question 1: barriers", is_heading=True),
        TextBlock("Community centres lend laptops.", 5, heading="Question 2: good practice"),
        TextBlock("Region | Schools online", 6, heading="Question 2: good practice"),
        TextBlock("North | 40%", 7, heading="Question 2: good practice"),
    ]
    assert doc.metadata == {"title": "Inclusion", "author": "Example Network"}


def test_macro_enabled_word_is_read_and_flagged():
    doc = extract_document(make_docm([("p", "Text beside a macro.")]), "form.docm", LIMITS)
    assert doc.kind is FileKind.DOCM
    assert [b.text for b in doc.blocks] == ["Text beside a macro."]
    assert ACTIVE_CONTENT in doc.flags
    assert "macros were not run" in doc.warnings[0]


def test_odt_headings_tables_and_metadata():
    doc = extract_document(
        make_odt(PARTS[1:], title="Inclusion", author="Example Network", table=TABLE), "c.odt", LIMITS
    )

    assert doc.kind is FileKind.ODT
    assert [(b.text, b.heading, b.is_heading) for b in doc.blocks] == [
        ("Question 1: barriers", None, True),
        ("Rural schools lack connectivity.", "Question 1: barriers", False),
        ("Devices are too expensive.", "Question 1: barriers", False),
        ("Question 2: good practice", "Question 1: barriers", True),
        ("Community centres lend laptops.", "Question 2: good practice", False),
        ("Region | Schools online", "Question 2: good practice", False),
        ("North | 40%", "Question 2: good practice", False),
    ]
    assert doc.metadata == {"title": "Inclusion", "author": "Example Network"}


def _padded(builder, filename):
    """The document plus a member that expands to 5 MB of zeros (a few KB compressed)."""
    return rewrite_zip(builder([("p", "Hello")]), add={filename: b"\x00" * (5 * 1024 * 1024)})


@pytest.mark.parametrize(("builder", "name"), [(make_docx, "bomb.docx"), (make_odt, "bomb.odt")])
def test_zip_bomb_is_refused_before_parsing(builder, name):
    outcome = extract_document(
        _padded(builder, "word/media/pad.bin"), name, ExtractionLimits(max_decompressed_bytes=1024 * 1024)
    )
    assert outcome.reason is FailureReason.BOMB
    assert outcome.message.startswith(f"{name} was not opened because it would expand to 5.")


def test_extreme_compression_ratio_is_refused():
    data = rewrite_zip(make_docx([("p", "Hello")]), add={"word/media/pad.bin": b"\x00" * (30 * 1024 * 1024)})
    outcome = extract_document(data, "ratio.docx", LIMITS)
    assert outcome.reason is FailureReason.BOMB
    assert "compressed" in outcome.message


ENTITY_XML = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
)


def test_xml_entity_expansion_is_refused():
    data = rewrite_zip(make_docx([("p", "Hello")]), replace={"word/document.xml": ENTITY_XML})
    outcome = extract_document(data, "laughs.docx", LIMITS)
    assert outcome.reason is FailureReason.BOMB
    assert "XML entity expansion" in outcome.message


def test_odt_with_entity_declaration_is_refused():
    data = rewrite_zip(make_odt([("p", "Hello")]), replace={"content.xml": ENTITY_XML})
    assert extract_document(data, "laughs.odt", LIMITS).reason is FailureReason.BOMB


def test_word_file_with_broken_xml_is_damaged():
    data = rewrite_zip(make_docx([("p", "Hello")]), replace={"word/document.xml": b"<w:document><w:body>"})
    outcome = extract_document(data, "broken.docx", LIMITS)
    assert outcome.reason is FailureReason.CORRUPT
    assert outcome.message.startswith("broken.docx could not be read: the Word document seems damaged")


def test_truncated_word_file_is_damaged():
    outcome = extract_document(make_docx([("p", "Hello")])[:3000], "cut.docx", LIMITS)
    assert outcome.reason is FailureReason.CORRUPT


def test_spreadsheet_is_named_in_the_refusal():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    outcome = extract_document(buffer.getvalue(), "figures.xlsx", LIMITS)
    assert outcome.reason is FailureReason.UNSUPPORTED_TYPE
    assert "figures.xlsx is an Excel workbook" in outcome.message


def _ole_directory_entry(name: str) -> bytes:
    """A 128-byte compound-file directory entry: the UTF-16 name, its length, then zeros (enough for the check)."""
    encoded = (name + "\0").encode("utf-16-le")
    return encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + b"\x02" + b"\0" * 61


def test_a_password_protected_word_file_is_reported_as_protected_not_as_a_legacy_file():
    # What Word saves with "Encrypt with password": an OLE compound file holding the encrypted package
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    data = header + b"".join(_ole_directory_entry(n) for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    outcome = extract_document(data, "password-protected.docx", LIMITS)
    assert outcome.reason == FailureReason.ENCRYPTED
    assert "protected by a password" in outcome.message and "legacy" not in outcome.message


_EXTERNAL_TEMPLATE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                      b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                      b'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
                      b'Target="http://template.example/t.dotm" TargetMode="External"/></Relationships>')


@pytest.mark.parametrize(("make", "added", "expected"), [
    (make_docx, {"word/_rels/settings.xml.rels": _EXTERNAL_TEMPLATE}, "fetched from the internet"),
    (make_docx, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 object"}, "embedded objects"),
    (make_odt, {"Basic/Standard/Module1.xml": b"<script:module/>"}, "macros"),
])
def test_office_parts_that_run_or_fetch_something_are_flagged(make, added, expected):
    data = rewrite_zip(make(PARTS), add=added)
    doc = extract_document(data, "submission", LIMITS)
    assert ACTIVE_CONTENT in doc.flags and any(expected in w for w in doc.warnings), doc.warnings
    assert "Rural schools lack connectivity." in doc.text  # the text is still read


def test_a_plain_document_is_not_flagged():
    assert ACTIVE_CONTENT not in extract_document(make_docx(PARTS), "plain.docx", LIMITS).flags
