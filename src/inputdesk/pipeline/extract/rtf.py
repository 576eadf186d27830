"""Rich Text Format (.rtf): one block per paragraph mark."""

from __future__ import annotations

import re

from inputdesk.domain.extraction import ExtractedDocument, ExtractionLimits, ExtractionOutcome, FileKind, TextBlock

from .common import corrupt

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def extract_rtf(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    from striprtf.striprtf import rtf_to_text

    # RTF itself is ASCII; \'xx escapes are bytes in the code page the header names.
    match = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(match.group(1))}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError, RecursionError):
        return corrupt(filename, "RTF document")
    blocks: list[TextBlock] = []
    for line in text.splitlines():
        cleaned = " ".join(line.split())
        if cleaned:
            blocks.append(TextBlock(cleaned, len(blocks)))
    return ExtractedDocument(kind=FileKind.RTF, blocks=blocks)
