"""PDF text with page numbers, via PDFium (the fastest permissively licensed reader)."""

from __future__ import annotations

from dataclasses import dataclass, field

from inputdesk.domain.extraction import (
    ACTIVE_CONTENT,
    BIDI_REORDERED,
    HAS_IMAGES,
    NEEDS_OCR,
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
    TextBlock,
)

from .common import corrupt, display_name, fail
from .pdf_layout import page_paragraphs, pdfium_buffer
from .pdf_safety import (
    PAGE_NAMES,
    catalog_and_form_threats,
    document_threats,
    has_image_objects,
    page_threats,
    scan_active_names,
)

_METADATA = {"Title": "title", "Author": "author", "Subject": "subject", "Creator": "creator", "Producer": "producer"}


def extract_pdf(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    import pypdfium2 as pdfium

    name = display_name(filename)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            return fail(
                FailureReason.ENCRYPTED,
                f"{name} is protected by a password, so its text cannot be read. "
                "Ask the submitter for a copy without a password.",
            )
        return corrupt(filename, "PDF")
    try:
        page_count = len(pdf)
        if page_count > limits.max_pages:
            return fail(
                FailureReason.BOMB,
                f"{name} claims {page_count} pages, more than the {limits.max_pages} we read in one document. "
                "Ask the submitter to split it, or raise the page limit if it is genuine.",
            )
        if page_count == 0:
            return corrupt(filename, "PDF (it has no pages)")
        names = scan_active_names(data)
        # Pages are searched for actions, attachments and form fields only when the bytes
        # hold a name any of them needs; most documents have none.
        reading = _read_pages(pdf, page_count, check_pages=names.any_of(PAGE_NAMES))
        metadata = _metadata(pdf)
        reading.threats |= document_threats(pdf)
    finally:
        pdf.close()
    reading.threats |= catalog_and_form_threats(data, reading.form_pages, names)

    document = ExtractedDocument(kind=FileKind.PDF, blocks=reading.blocks, page_count=page_count, metadata=metadata)
    if reading.reordered:
        document.flags.add(BIDI_REORDERED)
    if has_image_objects(data):
        document.flags.add(HAS_IMAGES)
    blank = reading.pages_without_text
    if len(blank) == page_count:
        document.flags.add(NEEDS_OCR)
        document.warnings.append(
            f"{name} has no text layer (it is probably a scan or a picture of text); "
            "it needs OCR or a person to read it."
        )
    elif blank:
        listed = ", ".join(str(p) for p in blank[:10]) + (" …" if len(blank) > 10 else "")
        document.warnings.append(f"{name}: pages {listed} have no text (scanned or images only); check them by eye.")
    if reading.threats:
        document.flags.add(ACTIVE_CONTENT)
        document.warnings.append(
            f"{name} contains {', '.join(sorted(reading.threats))}; open the original only with care."
        )
    return document


@dataclass
class _Reading:
    blocks: list[TextBlock] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)  # 1-based
    form_pages: list[int] = field(default_factory=list)  # 0-based, for pikepdf
    threats: set[str] = field(default_factory=set)
    reordered: bool = False


def _read_pages(pdf, page_count: int, *, check_pages: bool = True) -> _Reading:
    # The raw handles cost less than pypdfium2's page objects (each registers a finalizer and
    # a parent link), which matters at a thousand pages a second; try/finally closes them.
    import pypdfium2.raw as pdfium_c

    reading = _Reading()
    blocks = reading.blocks
    document = pdf.raw
    for number in range(1, page_count + 1):
        page = pdfium_c.FPDF_LoadPage(document, number - 1)
        if not page:
            raise ValueError(f"PDFium could not load page {number}")
        try:
            textpage = pdfium_c.FPDFText_LoadPage(page)
            if not textpage:
                raise ValueError(f"PDFium could not read the text of page {number}")
            try:
                paragraphs, reordered = page_paragraphs(textpage)
            finally:
                pdfium_c.FPDFText_ClosePage(textpage)
            threats, form_fields = page_threats(page) if check_pages else (None, False)
        finally:
            pdfium_c.FPDF_ClosePage(page)
        if reordered:
            reading.reordered = True
        if threats:
            reading.threats |= threats
        if form_fields:
            reading.form_pages.append(number - 1)
        if not paragraphs:
            reading.pages_without_text.append(number)
        first = len(blocks)
        blocks.extend([TextBlock(text, index, number) for index, text in enumerate(paragraphs, first)])
    return reading


def _metadata(pdf) -> dict[str, str]:
    import pypdfium2.raw as pdfium_c

    found: dict[str, str] = {}
    for theirs, ours in _METADATA.items():
        key = theirs.encode("ascii") + b"\0"
        size = pdfium_c.FPDF_GetMetaText(pdf.raw, key, None, 0)  # bytes of UTF-16 with a NUL
        if size <= 2:
            continue  # absent or empty, the usual case
        buffer, address = pdfium_buffer(size)
        pdfium_c.FPDF_GetMetaText(pdf.raw, key, address, size)
        value = buffer[: size - 2].decode("utf-16-le", "ignore").strip()
        if value:
            found[ours] = value
    return found
