"""Word documents (.docx, .docm): paragraphs and tables in order, with the heading each falls under, then
notes and page headers and footers (what a reader sees; see word_parts)."""

from __future__ import annotations

import io
import re
import zipfile

from inputdesk.domain.extraction import (
    ACTIVE_CONTENT,
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FileKind,
    TextBlock,
)

from .active_parts import flag, office_parts
from .common import corrupt, display_name
from .word_parts import (
    NOTES_HEADING,
    PAGE_FURNITURE_HEADING,
    W,
    block_elements,
    headers_and_footers,
    notes,
    paragraph_parts,
    table_rows,
    with_sections,
)
from .zipguard import check_container

_MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_HEADING_STYLE = re.compile(r"^(heading\s*\d*|title)$", re.IGNORECASE)


def extract_word(
    data: bytes, filename: str, limits: ExtractionLimits, kind: FileKind = FileKind.DOCX
) -> ExtractionOutcome:
    refusal = check_container(data, filename, limits)
    if refusal is not None:
        return refusal
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        if kind is FileKind.DOCM:
            data = _as_plain_docx(data)
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile):
        # SyntaxError covers lxml's XMLSyntaxError: a part (the body, notes) that is not well-formed XML.
        return corrupt(filename, "Word document")
    result = ExtractedDocument(kind=kind, blocks=blocks, metadata=_metadata(document))
    if kind is FileKind.DOCM:
        result.flags.add(ACTIVE_CONTENT)
        result.warnings.append(
            f"{display_name(filename)} is a macro-enabled Word document; its text was read "
            "but its macros were not run. Open the original only with macros disabled."
        )
        return result
    return flag(result, filename, office_parts(data))


def extract_macro_word(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    return extract_word(data, filename, limits, kind=FileKind.DOCM)


def _as_plain_docx(data: bytes) -> bytes:
    """The same package with the macro-enabled content type renamed, since python-docx only
    opens plain documents. The macros stay inert bytes; nothing here runs them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(_MACRO_MAIN, _PLAIN_MAIN)
            target.writestr(member.filename, content)
    return out.getvalue()


def _blocks(document) -> list[TextBlock]:
    """The body in order under its headings, then the notes, then the page headers and footers."""
    from docx.text.paragraph import Paragraph

    blocks: list[TextBlock] = []
    heading: str | None = None
    for element in block_elements(document.element.body):
        if element.tag == f"{{{W}}}tbl":
            blocks += [TextBlock(row, len(blocks) + i, heading=heading) for i, row in enumerate(table_rows(element))]
            continue
        text, anchored = paragraph_parts(element)
        if text and _is_heading(Paragraph(element, document)):
            blocks.append(TextBlock(text, len(blocks), heading=heading, is_heading=True))
            heading = text
        elif text:
            blocks.append(TextBlock(text, len(blocks), heading=heading))
        # Text boxes and picture descriptions follow the paragraph they are anchored in.
        blocks += [TextBlock(extra, len(blocks) + i, heading=heading) for i, extra in enumerate(anchored)]
    return with_sections(
        blocks, [(NOTES_HEADING, notes(document)), (PAGE_FURNITURE_HEADING, headers_and_footers(document))]
    )


def _is_heading(paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        # Custom styles ("My Heading") usually inherit from a built-in heading style.
        if _HEADING_STYLE.match(style.name or ""):
            return True
        style = style.base_style
    return False


def _metadata(document) -> dict[str, str]:
    properties = document.core_properties
    found = {"title": properties.title, "author": properties.author, "subject": properties.subject}
    return {key: value.strip() for key, value in found.items() if value and value.strip()}
