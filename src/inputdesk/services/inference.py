"""Filling in who sent a submission when nobody told us, and saying what a person must check."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parseaddr

from inputdesk.domain.call import Call
from inputdesk.domain.submission import FLAG_LATE, Document, Passage, Submission

# What programs write in a document's author field when nobody set one: not a person's name.
_PLACEHOLDER_AUTHORS = {"anonymous", "unknown", "user", "admin", "administrator", "author", "owner", "python-docx",
                        "reportlab", "microsoft office user", "windows user", "utilisateur", "usuario", "default"}
# Subject prefixes mail programs add when forwarding, in the languages of the mandate's correspondents.
_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|aw|sv)\s*:\s*)*(?:fwd?|fw|tr|rv|wg|enc|doorst|vs|pd|fwd)\s*:", re.IGNORECASE)
_GENERIC_MAIL_DOMAINS = {"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "proton.me", "protonmail.com"}


def infer_details(call: Call, submission: Submission, main: Document, passages: list[Passage]) -> None:
    """Infer missing fields from e-mail headers and document metadata; mark each inference for review."""
    d = submission.details
    meta = main.metadata
    original = forwarded_original(submission, main)
    if original is not None:
        # Someone (often the mandate's own registry) forwarded the submission: its author, and the date it was
        # sent, are the forwarded message's.
        meta = original.metadata
        _take_forwarded_date(call, submission, main, original)
    sender_name, sender_address = parseaddr(meta.get("from", ""))
    sender_name = meta.get("from_name") or sender_name
    sender_address = meta.get("from_address") or sender_address
    if not d.contact_email and sender_address:
        d.contact_email = sender_address
        d.needs_review["contact_email"] = "taken from the e-mail sender"
    if not d.submitter_name:
        author = (meta.get("author") or "").strip()
        guess = sender_name or (author if author.casefold() not in _PLACEHOLDER_AUTHORS else None)
        if guess:
            d.submitter_name = guess
            d.needs_review["submitter_name"] = (
                "taken from the e-mail sender" if sender_name else "taken from the document's author field")
    if not d.organisation and sender_address and "@" in sender_address:
        domain = sender_address.rsplit("@", 1)[1].lower()
        if domain not in _GENERIC_MAIL_DOMAINS:
            d.organisation = domain
            d.needs_review["organisation"] = f"guessed from the sender's e-mail domain {domain}"
    if d.stakeholder_category and not call.has_category(d.stakeholder_category):
        d.needs_review["stakeholder_category"] = f"{d.stakeholder_category!r} is not a category of this call"
    elif not d.stakeholder_category:
        d.needs_review.setdefault("stakeholder_category", "unknown: choose one of the call's categories")
    if not d.organisation and not d.submitter_name:
        d.needs_review.setdefault("organisation", "unknown: nobody named in the file or manifest")
    if not d.country:
        d.needs_review.setdefault("country", "unknown")
    detected = _main_language(passages)
    if detected:
        submission.language = detected
        if d.language and d.language != detected:
            d.needs_review["language"] = f"declared {d.language!r} but the text reads as {detected!r}"
        elif not d.language:
            d.language = detected
    elif d.language:
        submission.language = d.language


def forwarded_original(submission: Submission, main: Document) -> Document | None:
    """The message a forwarding e-mail carries as an attachment ("Fwd: ...", "TR: ...", "RV: ..."), if that is
    what the main e-mail is; None otherwise (or when it carries several, which is a bundle, not a forward)."""
    if main.kind != "eml" or not _FORWARD_SUBJECT.match(main.metadata.get("subject", "")):
        return None
    inner = [doc for doc in submission.documents if doc.parent_id == main.id and doc.kind == "eml"
             and (doc.metadata.get("from_address") or doc.metadata.get("from"))]
    return inner[0] if len(inner) == 1 else None


def _take_forwarded_date(call: Call, submission: Submission, main: Document, original: Document) -> None:
    try:
        sent = datetime.fromisoformat(original.metadata.get("date", ""))
    except ValueError:
        return
    sent = sent.replace(tzinfo=UTC) if sent.tzinfo is None else sent.astimezone(UTC)
    if sent >= submission.received_at:
        return  # a forward cannot predate its original; keep the date we can stand by
    forwarded = submission.received_at
    submission.received_at = sent
    submission.details.needs_review["received_at"] = (
        f"the date the forwarded message was sent ({sent:%Y-%m-%d}); it was forwarded on {forwarded:%Y-%m-%d}")
    if not call.is_late(sent):
        submission.flags.discard(FLAG_LATE)


def _main_language(passages: list[Passage]) -> str | None:
    weight: dict[str, int] = {}
    for p in passages:
        if p.language:
            weight[p.language] = weight.get(p.language, 0) + len(p.text)
    return max(weight, key=weight.get) if weight else None
