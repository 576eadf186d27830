"""What the submission page shows, assembled per role: an analyst's context holds only the analyst schema."""

from __future__ import annotations

from inputdesk.domain.accounts import Permission, StaffUser
from inputdesk.domain.review import DOCUMENT_IMAGES_REVIEWED, TRANSITIONS
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.services.quarantine import ContentWithheld

DONE = {
    "status": "The status was changed.",
    "confidentiality": "The publication choice was recorded.",
    "metadata": "The details were saved.",
    "linked": "The link was saved.",
    "unlinked": "The link was removed.",
    "redactions": "The redaction decisions were recorded.",
    "pictures": "The pictures were marked as reviewed.",
    "released": "The quarantine was released.",
}


def submission_context(staff, user: StaffUser, reference: str) -> dict:
    submission = staff.review.submission(user, reference)
    view = staff.review.open(user, reference)
    call = staff.review.calls.get_call(submission.call_id)
    labels = {d.id: d.label for d in view.documents}
    can = {p.value: user.can(p) for p in Permission}
    context = {"view": view, "call": call, "can": can, "labels": labels, "quarantined": False, "passages": [],
               "withheld": None, "matches": [], "items": [], "notices": [], "pictures": {}, "links": [],
               "published": [], "transitions": []}
    guard = staff.screening.guard
    if guard.is_quarantined(submission.id):
        context["quarantined"] = True
        if can["view_identities"]:
            context["matches"] = staff.screening.store.matches(submission.id)
        return context
    try:
        passages = staff.review.passages(user, reference)
    except ContentWithheld as withheld:
        passages, context["withheld"] = [], str(withheld)
    groups: dict[int, list] = {}
    for p in passages:
        groups.setdefault(p.document_id, []).append(p)
    context["passages"] = [(labels.get(doc_id, "Document"), items) for doc_id, items in groups.items()]
    if not can["review"]:
        return context
    scans = staff.screening.store.get_scans(d.blob_sha256 for d in submission.documents)
    context["pictures"] = {d.id: {"count": scans[d.blob_sha256].pictures_to_review() if d.blob_sha256 in scans else 0,
                                  "image": d.kind == "image", "reviewed": DOCUMENT_IMAGES_REVIEWED in d.flags}
                           for d in submission.documents}
    context["items"] = staff.redactions.review_items(reference)
    context["notices"] = staff.redactions.notices(reference)
    context["links"] = staff.review.links(user, reference)
    context["transitions"] = sorted(TRANSITIONS[submission.status], key=list(SubmissionStatus).index)
    if submission.status == SubmissionStatus.APPROVED and not submission.details.confidential:
        context["published"] = staff.publication.files_of(submission)
    return context
