"""Word documents (.docx, .docm): paragraphs and tables in order, with the heading each falls under."""

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
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile):
        # SyntaxError covers lxml's XMLSyntaxError: a part that is not well-formed XML.
        return corrupt(filename, "Word document")
    blocks = _blocks(document)
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
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[TextBlock] = []
    heading: str | None = None
    body = document.element.body
    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            if not text:
                continue
            if _is_heading(paragraph):
                blocks.append(TextBlock(text, len(blocks), heading=heading, is_heading=True))
                heading = text
            else:
                blocks.append(TextBlock(text, len(blocks), heading=heading))
        elif tag == "tbl":
            for row_text in _table_rows(Table(element, document)):
                blocks.append(TextBlock(row_text, len(blocks), heading=heading))
    return blocks


def _is_heading(paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        # Custom styles ("My Heading") usually inherit from a built-in heading style.
        if _HEADING_STYLE.match(style.name or ""):
            return True
        style = style.base_style
    return False


def _table_rows(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is reported once per grid column it spans; say it once.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _metadata(document) -> dict[str, str]:
    properties = document.core_properties
    found = {"title": properties.title, "author": properties.author, "subject": properties.subject}
    return {key: value.strip() for key, value in found.items() if value and value.strip()}
