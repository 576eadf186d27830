"""One submission in the console: the page, and each review action (POST, CSRF-checked, then back to the page)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import APIRouter, Request

from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.review import LinkKind, ReviewRefused
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.services.quarantine import ContentWithheld
from inputdesk.services.redaction import NotPublishable
from inputdesk.services.review import EDITABLE
from inputdesk.web.staff.context import DONE, submission_context
from inputdesk.web.staff.deps import FormDep, StaffDep, UserDep, back_to, page

router = APIRouter()


def submission_page(request: Request, staff, user, reference: str, problem: str | None = None, status: int = 200):
    context = submission_context(staff, user, reference)
    done = DONE.get(request.query_params.get("done", "")) if problem is None else None
    # A picture is loaded (and its viewing audited) only once the reviewer asks to see it: ?show=<document id>.
    shown = request.query_params.get("show", "")
    context["shown_picture"] = int(shown) if shown.isdigit() else None
    return page(request, "submission.html", {**context, "problem": problem, "done": done}, user, status)


def _act(request: Request, staff, user, reference: str, done: str, action: Callable[[], object]):
    try:
        action()
    except (ReviewRefused, ContentWithheld, NotPublishable, ValueError) as problem:
        return submission_page(request, staff, user, reference, str(problem), 422)
    return back_to(f"/staff/submissions/{quote(reference)}", done)


@router.get("/staff/submissions/{reference}")
def show(request: Request, reference: str, staff: StaffDep, user: UserDep):
    return submission_page(request, staff, user, reference)


@router.post("/staff/submissions/{reference}/status")
def set_status(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    def action():
        try:
            status = SubmissionStatus(form.get("status"))
        except ValueError:
            raise ReviewRefused("choose the new status") from None
        staff.review.set_status(user, reference, status, form.get("reason"),
                                confirm_public=form.get("confirm_public") == "yes")
    return _act(request, staff, user, reference, "status", action)


@router.post("/staff/submissions/{reference}/confidentiality")
def confidentiality(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    def action():
        if form.get("choice") not in ("confidential", "public"):
            raise ReviewRefused("choose whether the submission stays confidential or may be published")
        staff.review.confirm_confidentiality(user, reference, form.get("choice") == "confidential", form.get("reason"))
    return _act(request, staff, user, reference, "confidentiality", action)


@router.post("/staff/submissions/{reference}/metadata")
def metadata(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    changes = {name: form.get(name) for name in EDITABLE if name in form.fields}
    return _act(request, staff, user, reference, "metadata", lambda: staff.review.correct_metadata(
        user, reference, changes, checked=form.get("checked") == "yes"))


@router.post("/staff/submissions/{reference}/link")
def link(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    def action():
        try:
            kind = LinkKind(form.get("kind"))
        except ValueError:
            raise ReviewRefused("choose joint submission or duplicate") from None
        staff.review.link(user, reference, form.get("target"), kind)
    return _act(request, staff, user, reference, "linked", action)


@router.post("/staff/submissions/{reference}/unlink")
def unlink(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    def action():
        try:
            kind = LinkKind(form.get("kind"))
        except ValueError:
            raise ReviewRefused("choose the link to remove") from None
        staff.review.unlink(user, reference, kind)
    return _act(request, staff, user, reference, "unlinked", action)


@router.post("/staff/submissions/{reference}/redactions")
def redactions(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    def action():
        decision = {"accept": RedactionStatus.ACCEPTED, "reject": RedactionStatus.REJECTED}.get(
            form.get("decision").split("-")[0])
        if decision is None:
            raise ReviewRefused("choose accept or reject")
        everything = form.get("decision").endswith("-all")
        ids = [int(i) for i in form.getlist("proposal") if i.isdigit()]
        if not everything and not ids:
            raise ReviewRefused("select at least one proposal, or decide all undecided ones")
        staff.review.decide_redactions(user, reference, [] if everything else ids, decision)
    return _act(request, staff, user, reference, "redactions", action)


@router.post("/staff/submissions/{reference}/documents/{document_id}/pictures-reviewed")
def pictures_reviewed(request: Request, reference: str, document_id: int, staff: StaffDep, user: UserDep,
                      form: FormDep):
    return _act(request, staff, user, reference, "pictures",
                lambda: staff.review.mark_pictures_reviewed(user, reference, document_id))


@router.post("/staff/submissions/{reference}/release")
def release(request: Request, reference: str, staff: StaffDep, user: UserDep, form: FormDep):
    return _act(request, staff, user, reference, "released",
                lambda: staff.review.release_quarantine(user, reference, form.get("reason")))
