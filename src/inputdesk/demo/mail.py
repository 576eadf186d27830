"""E-mail writers for the demo corpus: one .eml with attachments and an mbox of plain messages.

Dates, Message-IDs and MIME boundaries are fixed so the bytes never change between runs.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.message import EmailMessage
from email.utils import format_datetime

MANDATE_ADDRESS = "Special Rapporteur call for input <sr-children-digital@ohchr-demo.example.org>"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str  # "application/pdf"


@dataclass(frozen=True)
class DemoEmail:
    sender: str  # "Name <address>"
    subject: str
    sent_at: datetime  # timezone-aware
    message_id: str  # "<...@...example.org>"
    body: str
    attachments: tuple[Attachment, ...] = ()
    to: str = MANDATE_ADDRESS

    def to_message(self, *, boundary: str) -> EmailMessage:
        message = EmailMessage(policy=policy.default)
        message["From"] = self.sender
        message["To"] = self.to
        message["Subject"] = self.subject
        message["Date"] = format_datetime(self.sent_at)
        message["Message-ID"] = self.message_id
        message.set_content(self.body)
        for attachment in self.attachments:
            maintype, subtype = attachment.mime_type.split("/", 1)
            message.add_attachment(
                attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
            )
        if message.is_multipart():
            # The generator would otherwise draw a random boundary on every run.
            message.set_boundary(boundary)
        return message


def reflow(body: str, width: int = 72) -> str:
    """Wrap prose paragraphs as a mail client would; short-line blocks (greetings, signatures) stay as typed."""
    paragraphs = []
    for paragraph in body.strip("\n").split("\n\n"):
        lines = paragraph.split("\n")
        if len(lines) > 1 and all(len(line) < 60 for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(textwrap.fill(" ".join(line.strip() for line in lines), width=width))
    return "\n\n".join(paragraphs) + "\n"


def render_eml(mail: DemoEmail, *, boundary: str) -> bytes:
    return mail.to_message(boundary=boundary).as_bytes(policy=policy.default)


def render_mbox(mails: list[DemoEmail]) -> bytes:
    """An mboxrd-style mailbox written by hand so the "From " separator lines carry fixed dates."""
    out = io.BytesIO()
    for index, mail in enumerate(mails):
        address = mail.sender.rsplit("<", 1)[-1].rstrip(">").strip()
        stamp = mail.sent_at.strftime("%a %b %d %H:%M:%S %Y")
        out.write(f"From {address} {stamp}\n".encode("ascii"))
        body = io.BytesIO()
        BytesGenerator(body, mangle_from_=True, policy=policy.default).flatten(
            mail.to_message(boundary=f"=_inputdesk_demo_mbox_{index}")
        )
        out.write(body.getvalue().rstrip(b"\n") + b"\n\n")
    return out.getvalue()
