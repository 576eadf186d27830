"""E-mail messages (.eml): the body as text, who sent it, and every attachment kept as a file."""

from __future__ import annotations

import base64
import mimetypes
import quopri
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from inputdesk.domain.extraction import (
    Attachment,
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
    TextBlock,
)

from .common import display_name, fail, plain_text_blocks, renumber
from .encoding import decode_text
from .webpage import html_to_blocks

_ADDRESSING = ("from", "to", "subject", "date", "message-id", "received", "sender")
# Characters no file name needs and some file systems or shells trip on (separators, controls, wildcards, quotes
# that delimit, redirections); brackets, commas, apostrophes, "&" and "+" stay: "[draft] notes [v2].txt" is its name.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def extract_email(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    message = BytesParser(policy=policy.default).parsebytes(data)
    keys = {key.lower() for key in message.keys()}  # noqa: SIM118 - a Message is not a dict
    if not keys & set(_ADDRESSING):
        return fail(
            FailureReason.MALFORMED_EMAIL,
            f"{display_name(filename)} does not look like an e-mail: it has no sender, recipient, "
            "subject or date. Export the message again from the mail program (as .eml), "
            "or send its text as a document.",
        )
    body = message.get_body(preferencelist=("plain", "html"))
    blocks = _part_blocks(body) if body is not None else []
    attachments: list[Attachment] = []
    skipped = 0
    for part, in_alternative in _leaves(message):
        if part is body:
            continue
        if _is_unnamed_text(part):
            if not in_alternative:  # another inline text part: its words belong to the body
                blocks.extend(_part_blocks(part))
            continue
        if len(attachments) >= limits.max_attachments:
            skipped += 1
            continue
        attachments.append(_attachment(part, len(attachments) + 1))
    document = ExtractedDocument(
        kind=FileKind.EML, blocks=renumber(blocks), metadata=_metadata(message), attachments=attachments
    )
    if skipped:
        document.warnings.append(
            f"{display_name(filename)} has {skipped} more attachments than the {limits.max_attachments} "
            "kept; open the original to see them."
        )
    if not blocks and not attachments:
        document.warnings.append(f"{display_name(filename)} has no message text and no attachments.")
    broken = _structure_defects(message)
    if broken:
        document.warnings.append(
            f"{display_name(filename)} is malformed ({', '.join(broken)}): its text and attachments may be "
            "incomplete or mixed up. Check the original, or ask the sender to send it again.")
    return document


# What the standard library notices about an e-mail's structure, in words (other defects, such as a header
# without a space after its colon, do not change what is read).
_DEFECTS = {"StartBoundaryNotFoundDefect": "a part boundary it announces is missing",
            "CloseBoundaryNotFoundDefect": "its last part is not closed",
            "MultipartInvariantViolationDefect": "it says it has parts but has none",
            "MissingHeaderBodySeparatorDefect": "a header runs into the text",
            "InvalidMultipartContentTransferEncodingDefect": "a part is encoded in a way parts cannot be",
            "NoBoundaryInMultipartDefect": "it has parts but no boundary between them"}


def _structure_defects(message: EmailMessage) -> list[str]:
    found = {_DEFECTS[type(d).__name__] for part in message.walk() for d in part.defects
             if type(d).__name__ in _DEFECTS}
    return sorted(found)


def _leaves(part: EmailMessage, in_alternative: bool = False):
    """Every non-container part, with whether it is one rendering among alternatives."""
    if part.get_content_type() == "message/rfc822":
        yield part, in_alternative  # a forwarded message stays one .eml attachment
    elif part.is_multipart():
        alternative = part.get_content_type() == "multipart/alternative"
        for child in part.iter_parts():
            yield from _leaves(child, in_alternative or alternative)
    else:
        yield part, in_alternative


def _is_unnamed_text(part: EmailMessage) -> bool:
    return (
        part.get_content_type() in ("text/plain", "text/html")
        and not part.get_filename()
        and part.get_content_disposition() != "attachment"
    )


def _part_text(part: EmailMessage) -> str:
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    try:
        # Strictly: get_content() would put U+FFFD in place of every byte the label does not cover (8-bit French
        # sent as "us-ascii"), and the report would quote "g\ufffd\ufffdn\ufffdrative".
        return raw.decode(part.get_content_charset() or "us-ascii")
    except (LookupError, UnicodeError):
        # An unknown or lying charset: read the bytes as any other text file.
        return decode_text(raw) or ""


def _part_blocks(part: EmailMessage) -> list[TextBlock]:
    text = _part_text(part)
    if part.get_content_type() == "text/html":
        return html_to_blocks(text)[0]
    return plain_text_blocks(text, markdown=False)


def _attachment(part: EmailMessage, number: int) -> Attachment:
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload(0)
        data = inner.as_bytes(policy=policy.default)
        encoding = str(part.get("content-transfer-encoding", "")).lower()
        if encoding in ("base64", "quoted-printable"):
            # Not allowed for messages, but some mail programs do it: the parser then sees
            # the encoded text as a message without headers, so decode and parse it again.
            data = base64.b64decode(inner.get_payload()) if encoding == "base64" else quopri.decodestring(data)
            inner = BytesParser(policy=policy.default).parsebytes(data)
        subject = str(inner.get("subject", "") or "") or "forwarded message"
        return Attachment(_safe_name(f"{subject}.eml", number, ".eml"), data, content_type)
    data = part.get_payload(decode=True) or b""
    extension = mimetypes.guess_extension(content_type) or ".bin"
    return Attachment(_safe_name(part.get_filename() or "", number, extension), data, content_type)


def _safe_name(name: str, number: int, extension: str) -> str:
    # Attachment names come from the sender: no folders, no control characters.
    cleaned = _UNSAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" ._")
    return cleaned[:150] if cleaned else f"attachment-{number}{extension}"


def _metadata(message: EmailMessage) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, header in (("from", "from"), ("to", "to"), ("subject", "subject"), ("message_id", "message-id")):
        value = _header(message, header)
        if value:
            found[key] = value
    try:
        sender = message["from"].addresses[0] if message["from"] is not None else None
    except (AttributeError, IndexError, TypeError, ValueError):
        sender = None
    if sender is not None:
        if sender.display_name:
            found["from_name"] = sender.display_name
        if sender.addr_spec and sender.addr_spec != "<>":
            found["from_address"] = sender.addr_spec
    try:
        date = message["date"].datetime if message["date"] is not None else None
    except (AttributeError, TypeError, ValueError):
        date = None
    if date is not None:
        found["date"] = date.isoformat()
    elif _header(message, "date"):
        found["date"] = _header(message, "date")
    return found


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message[name]
    except (TypeError, ValueError, IndexError):  # a header too broken for the parser's policy
        return ""
    return " ".join(str(value).split()) if value is not None else ""
