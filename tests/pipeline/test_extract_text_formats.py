"""Plain text, Markdown, RTF, web pages and pictures."""

import struct
import zlib

import pytest
from pipeline_samples import make_png

from inputdesk.domain.extraction import ACTIVE_CONTENT, HAS_IMAGES, ExtractionLimits, FailureReason, FileKind, TextBlock
from inputdesk.pipeline.extract import extract_document

LIMITS = ExtractionLimits()


def test_markdown_headings_paragraphs_and_numbered_lines():
    text = (
        "# Our submission\n\n"
        "We welcome the call and\nwrite on two questions.\n\n"
        "## Recommendations\n"
        "1. Connect every school.\n"
        "2. Train teachers,\n   including in rural areas.\n"
    )
    doc = extract_document(text.encode(), "notes.md", LIMITS)
    assert doc.blocks == [
        TextBlock("Our submission", 0, heading=None, is_heading=True),
        TextBlock("We welcome the call and write on two questions.", 1, heading="Our submission"),
        TextBlock("Recommendations", 2, heading="Our submission", is_heading=True),
        TextBlock("1. Connect every school.", 3, heading="Recommendations"),
        TextBlock("2. Train teachers, including in rural areas.", 4, heading="Recommendations"),
    ]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Наше предложение: обеспечить доступ к интернету во всех школах страны.", "cp1251"),
        ("我们建议：确保全国所有学校都能接入互联网，并培训教师。", "gb18030"),
        ("Nous proposons : garantir l'accès à Internet dans toutes les écoles élémentaires.", "cp1252"),
        ("Proponemos garantizar el acceso a Internet en todas las escuelas.", "utf-16"),
        ("نقترح ضمان الوصول إلى الإنترنت في جميع المدارس.", "utf-8-sig"),
        ("Мы считаем, что необходимо защищать детей в интернете. Это важно для всех.", "koi8_r"),
        ("Proponemos garantizar el acceso a Internet en todas las escuelas.", "utf-16-le"),  # no byte-order mark
    ],
)
def test_text_in_legacy_encodings_is_decoded(text, encoding):
    doc = extract_document(text.encode(encoding), "submission.txt", LIMITS)
    assert doc.kind is FileKind.TEXT
    assert doc.text == text


def test_utf8_with_a_stray_windows_byte_is_read_as_utf8():
    # A curly apostrophe pasted from an older program into an otherwise UTF-8 file
    data = "Nuestra organización trabaja en la educación. ".encode("utf-8") + b"It\x92s important to act."
    doc = extract_document(data, "submission.txt", LIMITS)
    assert doc.kind is FileKind.TEXT
    assert doc.text == "Nuestra organización trabaja en la educación. It’s important to act."


def test_rtf_paragraphs_in_the_declared_code_page():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251{\fonttbl\f0 Arial;}\f0 \'cf\'f0\'e8\'e2\'e5\'f2\par Second paragraph\par\par Third}"
    )
    doc = extract_document(rtf, "letter.rtf", LIMITS)
    assert [b.text for b in doc.blocks] == ["Привет", "Second paragraph", "Third"]


def test_web_page_keeps_visible_text_and_headings_only():
    html = b"""<!DOCTYPE html><html><head><title>Our view</title><style>p {color: red}</style>
    <script>track()</script></head><body>
    <h1>Summary</h1><p>We support <b>open</b>  standards.</p>
    <noscript>Enable JavaScript</noscript>
    <h2>Data</h2><table><tr><th>Year</th><th>Share</th></tr><tr><td>2024</td><td>40%</td></tr></table>
    <ul><li>First point</li><li>Second point</li></ul></body></html>"""
    doc = extract_document(html, "page.html", LIMITS)
    assert doc.metadata == {"title": "Our view"}
    assert [(b.text, b.heading, b.is_heading) for b in doc.blocks] == [
        ("Summary", None, True),
        ("We support open standards.", "Summary", False),
        ("Data", "Summary", True),
        ("Year | Share", "Data", False),
        ("2024 | 40%", "Data", False),
        ("First point", "Data", False),
        ("Second point", "Data", False),
    ]


def test_picture_has_no_text_but_its_size():
    doc = extract_document(make_png(32, 24), "photo.png", LIMITS)
    assert doc.kind is FileKind.IMAGE
    assert doc.blocks == []
    assert HAS_IMAGES in doc.flags
    assert doc.metadata == {"width": "32", "height": "24", "format": "PNG"}


def _png_header_claiming(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.mark.parametrize(
    ("width", "height", "size"), [(60000, 60000, "3,600,000,000 pixels"), (10000, 10000, "10000 × 10000 pixels")]
)
def test_picture_claiming_too_many_pixels_is_refused(width, height, size):
    outcome = extract_document(_png_header_claiming(width, height), "huge.png", LIMITS)
    assert outcome.reason is FailureReason.BOMB
    assert f"huge.png claims to be an enormous picture ({size})" in outcome.message


def test_truncated_picture_is_damaged():
    outcome = extract_document(make_png(200, 200)[:80], "cut.png", LIMITS)
    assert outcome.reason is FailureReason.CORRUPT
    assert outcome.message.startswith("cut.png could not be read: the image seems damaged")


def test_a_web_page_with_scripts_is_flagged_and_its_text_read():
    page = (b"<html><body><p onclick='steal()'>Our answer on grooming.</p><script>steal()</script>"
            b"<a href='javascript:go()'>more</a></body></html>")
    doc = extract_document(page, "answer.html", LIMITS)
    assert ACTIVE_CONTENT in doc.flags and "steal" not in doc.text and "Our answer on grooming." in doc.text
    assert any("scripts, event handlers, script links" in w for w in doc.warnings)
    assert ACTIVE_CONTENT not in extract_document(b"<html><p>Plain answer.</p></html>", "a.html", LIMITS).flags


def test_an_escaped_hash_in_markdown_is_text_not_a_heading_and_loses_its_backslash():
    # The portal writes typed answers as Markdown and escapes a line that starts with "#"
    doc = extract_document(b"## Question 1: Threats\n\n\\#StaySafe is the name of our campaign.\n", "answers.md", LIMITS)
    assert [b.text for b in doc.blocks if not b.is_heading] == ["#StaySafe is the name of our campaign."]
