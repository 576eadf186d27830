"""Received files in the console, only through the content guard: downloads of originals, and picture previews
(scaled copies, shown blurred until a person clicks to see them). Quarantined files are never served."""

from __future__ import annotations

import io
import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inputdesk.domain.accounts import Permission
from inputdesk.domain.errors import SubmissionNotFound
from inputdesk.services.access import require
from inputdesk.services.quarantine import ContentWithheld
from inputdesk.web.staff.deps import StaffDep, UserDep, page

router = APIRouter()
PREVIEW_SIDE = 900
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _document(staff, user, document_id: int):
    """The document and its submission, if this person may open the submission at all."""
    require(user, Permission.VIEW_ORIGINALS)
    location = staff.screening.store.document_location(document_id)
    if location is None:
        raise SubmissionNotFound(f"document {document_id}")
    submission = staff.review.submission(user, staff.review.submissions.get_submission(location[0]).reference)
    return submission, next(d for d in submission.documents if d.id == document_id)


def _withheld(request: Request, user, problem: ContentWithheld):
    return page(request, "withheld.html", {"message": str(problem)}, user, 403)


@router.get("/staff/documents/{document_id}/original")
def original(request: Request, document_id: int, staff: StaffDep, user: UserDep):
    submission, doc = _document(staff, user, document_id)
    try:
        data = staff.screening.guard.read_document(document_id, user.actor, "download")
    except ContentWithheld as problem:
        return _withheld(request, user, problem)
    name = _UNSAFE.sub("_", doc.filename)[-100:] or "file"
    return Response(data, media_type="application/octet-stream", headers={
        "content-disposition": f'attachment; filename="{submission.reference}-{name}"',
        "content-security-policy": "sandbox; default-src 'none'", "cache-control": "no-store"})


@router.get("/staff/documents/{document_id}/preview.png")
def preview(request: Request, document_id: int, staff: StaffDep, user: UserDep):
    """A picture re-encoded as a scaled PNG: never the received bytes themselves inline in the console."""
    from PIL import Image, UnidentifiedImageError

    _submission, doc = _document(staff, user, document_id)
    if doc.kind != "image":
        return Response(status_code=404)
    try:
        data = staff.screening.guard.read_document(document_id, user.actor, "preview")
    except ContentWithheld as problem:
        return _withheld(request, user, problem)
    try:
        with Image.open(io.BytesIO(data)) as picture:  # Pillow's pixel cap refuses decompression bombs
            picture.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
            out = io.BytesIO()
            picture.convert("RGB").save(out, "PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return Response(status_code=415)
    return Response(out.getvalue(), media_type="image/png", headers={"cache-control": "no-store"})
