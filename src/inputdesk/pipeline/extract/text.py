"""Plain text and Markdown in whatever encoding the submitter's computer used."""

from __future__ import annotations

from inputdesk.domain.extraction import ExtractedDocument, ExtractionLimits, ExtractionOutcome, FileKind

from .common import corrupt, plain_text_blocks
from .encoding import decode_text


def extract_text(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    text = decode_text(data)
    if text is None:
        return corrupt(filename, "text file (its characters could not be decoded)")
    return ExtractedDocument(kind=FileKind.TEXT, blocks=plain_text_blocks(text))
