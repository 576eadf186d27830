"""PDF submissions: paragraphs with their page, and every way a PDF can fail to be read."""

import io
import re

import pikepdf
import pytest
from pipeline_samples import (
    DEJAVU,
    encrypt_pdf,
    make_blank_pdf,
    make_pdf,
    make_pdf_with_picture,
    with_pikepdf,
)

from inputdesk.domain.extraction import (
    ACTIVE_CONTENT,
    BIDI_REORDERED,
    HAS_IMAGES,
    NEEDS_OCR,
    ExtractedDocument,
    ExtractionFailure,
    ExtractionLimits,
    FailureReason,
)
from inputdesk.pipeline.extract import extract_document
from inputdesk.pipeline.extract.rtl import visual_to_logical

LIMITS = ExtractionLimits()
LONG = (
    "The State should ensure that every child has affordable access to the internet at school, "
    "and that teachers are trained to use digital tools safely and with respect for privacy. "
) * 3


def read(data: bytes, filename: str = "submission.pdf", limits: ExtractionLimits = LIMITS):
    return extract_document(data, filename, limits)


def test_paragraphs_keep_their_page_and_wrapped_lines_are_joined():
    data = make_pdf(
        [[LONG, "A second paragraph on page one."], ["Page two says something else."]],
        title="Digital access",
        author="Example Network",
    )

    doc = read(data)

    assert isinstance(doc, ExtractedDocument)
    assert doc.page_count == 2
    assert [(b.page, b.text) for b in doc.blocks] == [
        (1, LONG.strip()),
        (1, "A second paragraph on page one."),
        (2, "Page two says something else."),
    ]
    assert [b.index for b in doc.blocks] == [0, 1, 2]
    assert doc.metadata["title"] == "Digital access"
    assert doc.metadata["author"] == "Example Network"
    assert not doc.flags


def test_numbered_recommendations_are_separate_blocks():
    doc = read(make_pdf([["1. Adopt a national plan.<br/>2. Fund it properly.<br/>3. Report every year."]]))
    assert [b.text for b in doc.blocks] == [
        "1. Adopt a national plan.",
        "2. Fund it properly.",
        "3. Report every year.",
    ]


def test_lettered_and_roman_items_are_separate_blocks_but_formulas_are_not_items():
    lines = "The State should:<br/>a) adopt a plan;<br/>(b) fund it;<br/>iv) report on it.<br/>f(x) = 1 holds"
    doc = read(make_pdf([[lines]]))
    assert [b.text for b in doc.blocks] == [
        "The State should:",
        "a) adopt a plan;",
        "(b) fund it;",
        "iv) report on it. f(x) = 1 holds",  # no gap above the formula, and it is not an item
    ]


def test_a_heading_and_german_paragraphs_keep_their_blocks():
    # German capitalises nouns, so wrapped lines often start with a capital letter.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = (
        "Der Staat sollte sicherstellen, dass jedes Kind in der Schule einen bezahlbaren Zugang zum Internet hat "
        "und dass Lehrkräfte im sicheren Umgang mit Digitalen Werkzeugen und Daten Geschult werden. "
    ) * 3
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    story = [
        Paragraph("Zugang zur Bildung", styles["Heading2"]),
        Paragraph(body, styles["BodyText"]),
        Paragraph("Ein zweiter Absatz folgt hier.", styles["BodyText"]),
    ]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)

    doc = read(buffer.getvalue())

    assert [b.text for b in doc.blocks] == ["Zugang zur Bildung", body.strip(), "Ein zweiter Absatz folgt hier."]


def test_password_protected_pdf_asks_for_an_unprotected_copy():
    outcome = read(encrypt_pdf(make_pdf([["Confidential."]])), "report.pdf")
    assert outcome == ExtractionFailure(
        FailureReason.ENCRYPTED,
        "report.pdf is protected by a password, so its text cannot be read. "
        "Ask the submitter for a copy without a password.",
    )


def test_truncated_pdf_is_reported_as_damaged():
    outcome = read(make_pdf([["Hello"]])[:300], "broken.pdf")
    assert outcome.reason is FailureReason.CORRUPT
    assert outcome.message.startswith("broken.pdf could not be read")


def test_too_many_pages_is_refused_before_reading():
    outcome = read(make_blank_pdf(5), limits=ExtractionLimits(max_pages=3))
    assert outcome.reason is FailureReason.BOMB
    assert "claims 5 pages" in outcome.message


def test_scanned_pdf_needs_ocr():
    doc = read(make_blank_pdf(2))
    assert doc.blocks == []
    assert NEEDS_OCR in doc.flags
    assert "no text layer" in doc.warnings[0]


def test_pictures_are_flagged():
    doc = read(make_pdf_with_picture())
    assert HAS_IMAGES in doc.flags
    assert doc.blocks[0].text == "A caption above a picture."


def _add_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _add_attachment(pdf):
    pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"hidden payload", mime_type="text/plain")


def _add_launch_link(pdf):
    action = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=action)
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([link]))


def _add_page_open_script(pdf):
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=script)


def _add_form_field_script(pdf):
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("name"),
            Rect=[0, 0, 100, 20],
            A=script,
        )
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_add_javascript, "JavaScript"),
        (_add_attachment, "embedded files"),
        (_add_launch_link, "a launch action"),
        (_add_page_open_script, "actions that run automatically"),
        (_add_form_field_script, "JavaScript"),
    ],
)
def test_active_content_is_flagged_with_a_warning(change, words):
    doc = read(with_pikepdf(make_pdf([["Hello"]]), change))
    assert ACTIVE_CONTENT in doc.flags
    assert words in doc.warnings[-1]


def test_active_content_hidden_in_object_streams_is_still_found():
    def compress(pdf):
        _add_javascript(pdf)

    data = with_pikepdf(make_pdf([["Hello"]]), compress)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"/JavaScript" not in out.getvalue()  # the marker is compressed away
    assert ACTIVE_CONTENT in read(out.getvalue()).flags


def test_font_names_and_page_destinations_are_not_mistaken_for_actions():
    def subset_font_and_open_at_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
        pdf.Root.Names = pikepdf.Dictionary(AAAAAA=pikepdf.Name("/AAAAAA+Arial"))  # a subset font's name

    doc = read(with_pikepdf(make_pdf([["Hello"]]), subset_font_and_open_at_page))
    assert ACTIVE_CONTENT not in doc.flags


def test_plain_open_at_first_page_action_is_not_active_content():
    def go_to_first_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    assert ACTIVE_CONTENT not in read(with_pikepdf(make_pdf([["Hello"]]), go_to_first_page)).flags


def test_open_action_stored_as_its_own_object_is_judged_by_what_it_does():
    def go_to_page(pdf):
        action = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit]))
        pdf.Root.OpenAction = pdf.make_indirect(action)

    def run_script(pdf):
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)

    assert ACTIVE_CONTENT not in read(with_pikepdf(make_pdf([["Hello"]]), go_to_page)).flags
    doc = read(with_pikepdf(make_pdf([["Hello"]]), run_script))
    assert ACTIVE_CONTENT in doc.flags
    assert "JavaScript" in doc.warnings[-1]


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        ("םולש", "שלום"),
        ("habibi يبيبَح", "habibi حَبيبي"),
        ("ملاع hello ابحرم", "مرحبا hello عالم"),
        ("2024 ملاع", "عالم 2024"),
    ],
)
def test_visual_order_lines_are_put_in_reading_order(visual, logical):
    assert visual_to_logical(visual) == logical


needs_font = pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font for Arabic and Hebrew glyphs")


def _arabic_pdf(whole_word_glyph: bool) -> bytes:
    """'Report سلام' drawn with ReportLab. With `whole_word_glyph`, the seen glyph's text is
    widened to the whole word, as shaping PDF producers do for ligatures; PDFium then
    reports the word in visual order, which is the case the reordering exists for."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("DejaVuSans", 14)
    pdf.drawString(72, 700, "Report \u0633" if whole_word_glyph else "Report " + "سلام"[::-1])
    pdf.save()
    if not whole_word_glyph:
        return buffer.getvalue()

    def widen(document):
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                cmap = obj.ToUnicode.read_bytes()
                obj.ToUnicode.write(re.sub(rb"<0633>", b"<0633064406270645>", cmap))

    return with_pikepdf(buffer.getvalue(), widen)


@needs_font
def test_arabic_reported_in_visual_order_is_reordered_and_flagged():
    doc = read(_arabic_pdf(whole_word_glyph=True))
    assert doc.blocks[0].text == "Report سلام"
    assert BIDI_REORDERED in doc.flags


@needs_font
def test_arabic_already_in_reading_order_is_left_alone():
    doc = read(_arabic_pdf(whole_word_glyph=False))
    assert "سلام" in doc.blocks[0].text
    assert BIDI_REORDERED not in doc.flags


@needs_font
def test_a_latin_name_inside_an_arabic_line_keeps_its_word_order():
    """PDFium puts an Arabic line in reading order but can leave a Latin run inside it backwards ("Corp Example")."""
    from bidi.algorithm import get_display
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    logical = "يجب على شركات مثل Example Corp Limited تطبيق الحماية على الأقل"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("DejaVuSans", 14)
    pdf.drawRightString(540, 700, get_display(logical))  # drawn as a right-to-left line is seen on the page
    pdf.save()
    assert read(buffer.getvalue()).blocks[0].text == logical
