"""What an e-mail's headers say before it is read as a submission: when it was sent, and which message it is."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import default as email_policy
from email.utils import parsedate_to_datetime


def _header_block(data: bytes, limit: int = 1 << 20) -> bytes:
    """The message's headers, up to the blank line that ends them (a relayed message can carry hundreds of
    Received: lines before its Date), read from the first MiB at most."""
    head = data[:limit]
    ends = [i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0]
    return head[: min(ends) + 2] if ends else head


def _header(data: bytes, name: str):
    """One header of the message, or None when it is missing or the headers cannot be read."""
    try:
        return BytesHeaderParser(policy=email_policy).parsebytes(_header_block(data)).get(name)
    except (TypeError, ValueError, IndexError):
        return None


def message_key(data: bytes) -> str | None:
    """The source key of an e-mail with a Message-ID: the same message saved as an .eml and found again in a
    mailbox export (other line endings, an envelope line) is one submission, not two."""
    value = _header(data, "message-id")
    message_id = "".join(str(value or "").split()).strip("<>").lower()
    if len(message_id) < 8 or "@" not in message_id:
        return None  # missing, or too short to tell messages apart
    return hashlib.sha256(f"message-id:{message_id}".encode()).hexdigest()


def message_date(data: bytes) -> datetime | None:
    value = _header(data, "date")
    try:
        when = parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
