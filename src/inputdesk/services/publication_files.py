"""The files published for a submission, and the fingerprint of the decisions they depend on.

Always: the text of the submission as a new PDF with the accepted redactions removed (RedactionService). Also, for
each received file with no accepted redaction, whose text was checked, whose pictures (if any) a person reviewed and
that can be sanitised: a sanitised copy (active content and metadata removed). A file with an accepted redaction
is published only as part of the redacted PDF: its original would still hold the removed text. So is a Word,
OpenDocument or web file whose copy still carries a word extraction did not read (pipeline/screening/copy_text.py):
nobody checked that word for personal data.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass

from inputdesk.domain.redaction import RedactionProposal, RedactionStatus
from inputdesk.domain.review import DOCUMENT_IMAGES_REVIEWED
from inputdesk.domain.submission import Document, ExtractionStatus, Submission
from inputdesk.pipeline.screening.copy_text import visible_words, words_of_text
from inputdesk.pipeline.screening.sanitise import CannotSanitise, SanitisedFile, sanitise
from inputdesk.services.access import document_labels
from inputdesk.services.quarantine import ContentWithheld
from inputdesk.services.review_ports import ScanLookup

_TYPES = {  # sanitised kind -> (extension, media type)
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "html": ("html", "text/html; charset=utf-8"),
    "text": ("txt", "text/plain; charset=utf-8"),
}


@dataclass(frozen=True)
class BuiltFile:
    name: str
    label: str
    media_type: str
    data: bytes


def has_pictures(doc: Document, scans: dict) -> bool:
    scan = scans.get(doc.blob_sha256)
    return doc.kind == "image" or bool(scan and scan.pictures_to_review())


def needs_picture_review(submission: Submission, scans: ScanLookup) -> list[Document]:
    """Documents whose pictures nobody has reviewed yet (they are not published as files until someone does)."""
    found = scans.get_scans(d.blob_sha256 for d in submission.documents)
    return [d for d in submission.documents if has_pictures(d, found) and DOCUMENT_IMAGES_REVIEWED not in d.flags]


def basis(submission: Submission, proposals: list[RedactionProposal]) -> str:
    """Changes whenever a decision that shapes the published files changes (a redaction, a picture review,
    a re-extraction): files built on another basis are rebuilt before anyone gets them."""
    state = {"proposals": sorted((p.id, p.status.value) for p in proposals),
             "documents": sorted((d.id, d.blob_sha256, d.status.value, DOCUMENT_IMAGES_REVIEWED in d.flags)
                                 for d in submission.documents)}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def unchecked_words(clean: SanitisedFile, checked: str) -> set[str]:
    """Words the copy carries that extraction did not read (so nobody checked them for personal data)."""
    try:
        visible = visible_words(clean.kind, clean.data)
    except (ValueError, SyntaxError, KeyError, OSError, zipfile.BadZipFile):  # lxml's errors are ValueError/SyntaxError
        return {"(the copy could not be read back)"}
    return visible - words_of_text(checked)


def _picture_type(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xff\xd8"):
        return "jpg", "image/jpeg"
    return "png", "image/png"


def build_files(submission: Submission, redactions, guard, scans: ScanLookup, actor: str,
                checked_text: dict[int, str]) -> list[BuiltFile]:
    """Raises NotPublishable (undecided proposals, failed detection, ...) or RedactionLeak; never half-builds.
    `checked_text`: per document, the text extraction read (and the personal-data check saw); a copy holding a
    word outside it is not published as a file."""
    ref = submission.reference
    proposals = redactions.store.proposals_for_submission(submission.id)
    redacted_docs = {p.document_id for p in proposals if p.status == RedactionStatus.ACCEPTED}
    text_label = "Text of the submission" + (" (personal data removed)" if redacted_docs else "")
    files = [BuiltFile(f"{ref}.pdf", text_label, "application/pdf", redactions.published_pdf(ref))]
    labels = document_labels(submission)
    found = scans.get_scans(d.blob_sha256 for d in submission.documents)
    for number, doc in enumerate(submission.documents, start=1):
        pictures_ok = DOCUMENT_IMAGES_REVIEWED in doc.flags or not has_pictures(doc, found)
        text_checked = doc.status == ExtractionStatus.EXTRACTED or (
            doc.status == ExtractionStatus.NO_TEXT and DOCUMENT_IMAGES_REVIEWED in doc.flags)
        if doc.id in redacted_docs or not pictures_ok or not text_checked:
            continue
        try:
            clean = sanitise(guard.read_document(doc.id, actor, "publish"), doc.filename)
        except (ContentWithheld, CannotSanitise):
            continue  # its text is in the PDF above
        kind = clean.kind.value
        ext, media = _picture_type(clean.data) if kind == "image" else _TYPES.get(kind, ("bin", ""))
        if not media or unchecked_words(clean, checked_text.get(doc.id, "")):
            continue  # its text is in the PDF above
        files.append(BuiltFile(f"{ref}-{number}.{ext}", f"{labels[doc.id]} (cleaned copy)", media, clean.data))
    return files
