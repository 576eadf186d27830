"""Outlook messages (.msg), read with the optional extract-msg package (GPL-3.0, hence opt-in)."""

from __future__ import annotations

from email.utils import parseaddr

from inputdesk.domain.extraction import (
    Attachment,
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
)

from .common import corrupt, display_name, fail, plain_text_blocks, renumber
from .webpage import html_to_blocks

MISSING_EXTRA_MESSAGE = "Outlook .msg support is an optional extra: pip install 'inputdesk[msg]'"


def extract_outlook(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    try:
        import extract_msg
    except ImportError:
        return fail(
            FailureReason.MISSING_EXTRA,
            f"{display_name(filename)} is an Outlook message and cannot be read here. "
            f"{MISSING_EXTRA_MESSAGE}, or ask the sender to forward it as .eml or to send the attachments.",
        )
    try:
        message = extract_msg.openMsg(data, delayAttachments=False)
    except Exception:  # noqa: BLE001 - extract-msg raises its own and olefile's errors for damaged files
        return corrupt(filename, "Outlook message")
    try:
        return _document(message, filename, limits)
    finally:
        message.close()


def _document(message, filename: str, limits: ExtractionLimits) -> ExtractedDocument:
    body = getattr(message, "body", None) or ""
    if body.strip():
        blocks = plain_text_blocks(body, markdown=False)
    else:
        html = getattr(message, "htmlBody", None) or b""
        blocks = html_to_blocks(html.decode("utf-8", "replace") if isinstance(html, bytes) else html)[0]
    metadata = {
        key: " ".join(str(value).split())
        for key, value in (
            ("from", getattr(message, "sender", None)),
            ("to", getattr(message, "to", None)),
            ("subject", getattr(message, "subject", None)),
            ("message_id", getattr(message, "messageId", None)),
        )
        if value
    }
    name, address = parseaddr(metadata.get("from", ""))
    if name:
        metadata["from_name"] = name
    if address:
        metadata["from_address"] = address
    date = getattr(message, "date", None)
    if date is not None:
        metadata["date"] = date.isoformat() if hasattr(date, "isoformat") else str(date)
    attachments: list[Attachment] = []
    for number, item in enumerate(getattr(message, "attachments", []) or [], start=1):
        if len(attachments) >= limits.max_attachments:
            break
        data = item.data
        if isinstance(data, bytes):  # embedded messages come back as objects; kept as the original only
            name = item.longFilename or item.shortFilename or f"attachment-{number}.bin"
            attachments.append(Attachment(name, data, getattr(item, "mimetype", None)))
    return ExtractedDocument(kind=FileKind.MSG, blocks=renumber(blocks), metadata=metadata, attachments=attachments)
