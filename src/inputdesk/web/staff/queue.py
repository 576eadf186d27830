"""The console's start page, the review queue of a call with its filters, and the staff exports."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inputdesk.domain.accounts import Permission
from inputdesk.domain.hash_screening import FLAG_SCREENING_MATCH
from inputdesk.domain.redaction import FLAG_PII_FOUND, FLAG_PII_UNDECIDED
from inputdesk.domain.submission import FLAG_CHECK_FILES, FLAG_FROM_CHILD, FLAG_NEEDS_REVIEW, SubmissionStatus
from inputdesk.services.access import require, visible_statuses
from inputdesk.services.review import QueueRequest
from inputdesk.services.staff_exports import export_event, rows_for, to_csv, to_xlsx
from inputdesk.web.staff.deps import StaffDep, UserDep, page

router = APIRouter()
FLAGS = {FLAG_NEEDS_REVIEW: "Needs review", FLAG_SCREENING_MATCH: "Screening match", FLAG_PII_FOUND: "PII found",
         FLAG_PII_UNDECIDED: "Redactions undecided", FLAG_FROM_CHILD: "From a child",
         FLAG_CHECK_FILES: "Files to check"}


@router.get("/staff/")
def home(request: Request, staff: StaffDep, user: UserDep):
    require(user, Permission.VIEW_QUEUE)
    scope = visible_statuses(user)
    calls = []
    for call in staff.review.calls.list_calls():
        counts = staff.review.reviews.status_counts(call.id)
        calls.append((call, {s: n for s, n in counts.items() if scope is None or s in scope}))
    return page(request, "home.html", {"calls": calls}, user)


def _request(status, category, country, language, flag) -> QueueRequest:
    try:
        wanted = SubmissionStatus(status) if status else None
    except ValueError:
        wanted = None
    return QueueRequest(status=wanted, category=category or None, country=(country or "").strip().upper() or None,
                        language=language or None, flags=tuple(f for f in flag if f in FLAGS))


@router.get("/staff/calls/{call_id}")
def queue(request: Request, call_id: str, staff: StaffDep, user: UserDep, status: str = "", category: str = "",
          country: str = "", language: str = ""):
    flags = request.query_params.getlist("flag")
    chosen = _request(status, category, country, language, flags)
    rows = staff.review.queue(user, call_id, chosen)
    call = staff.review.calls.get_call(call_id)
    scope = visible_statuses(user)
    statuses = [s for s in SubmissionStatus if scope is None or s in scope]
    return page(request, "queue.html", {"call": call, "rows": rows, "chosen": chosen, "flags": FLAGS,
                                        "statuses": statuses, "query": request.url.query}, user)


@router.get("/staff/calls/{call_id}/export.{fmt}")
def export(request: Request, call_id: str, fmt: str, staff: StaffDep, user: UserDep):
    if fmt not in ("csv", "xlsx"):
        return Response(status_code=404)
    views = staff.review.queue(user, call_id)
    columns, rows = rows_for(user, views)
    staff.review.audit.append(export_event(user, call_id, fmt, len(rows), staff.review.clock.now()))
    if fmt == "csv":
        data, media = to_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        data, media = to_xlsx(columns, rows, call_id), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, media_type=media, headers={
        "content-disposition": f'attachment; filename="{call_id}-submissions.{fmt}"', "cache-control": "no-store"})
