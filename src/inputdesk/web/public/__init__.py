"""The public "Submissions" section of each call and the public API (JSON and CSV).

Everything here is rendered from `PublicationService.public_call`, which holds only publicly visible submissions
in schemas without confidential fields.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from inputdesk.domain.errors import SubmissionNotFound
from inputdesk.services import opendata
from inputdesk.services.publication import NotPublic
from inputdesk.web import i18n
from inputdesk.web.deps import CallDep, EnvDep, UiDep
from inputdesk.web.rendering import render

router = APIRouter()
FILES_HEADERS = {
    # Published files are sanitised, but a browser must still never run anything in them on our origin.
    "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    "cache-control": "no-cache",
}


def register(env) -> None:
    """Template helpers the public pages need beyond the portal's."""
    env.globals["format_public_date"] = lambda day, lang: i18n.format_day(datetime.combine(day, time(12), UTC), lang)


def files_url(call_id: str) -> str:
    return f"/calls/{call_id}/submissions/"


def _public_call(request: Request, call_id: str, query: str | None = None):
    return request.app.state.staff.publication.public_call(call_id, query)


@router.get("/calls/{call_id}/submissions")
def submissions_page(request: Request, call: CallDep, ui: UiDep, env: EnvDep, q: str = ""):
    query = q.strip()[:200]
    public = _public_call(request, call.id, query or None)
    # The query comes back only in the search box (escaped), so the reader sees what they searched for; nowhere
    # else in the page does anything a URL carries appear (see the canary test)
    response = render(env, request, ui, "submissions.html", {
        "call": call, "public": public, "searched": bool(query), "query": query, "files_url": files_url(call.id),
        "data_url": f"/api/calls/{call.id}/"})
    response.headers["cache-control"] = "no-cache"  # withdrawals must show at once; nothing personal here
    return response


@router.api_route("/calls/{call_id}/submissions/{reference}/{name}", methods=["GET", "HEAD"])
def published_file(request: Request, call: CallDep, reference: str, name: str):
    """A published file; HEAD for link checkers, one byte range for resumed downloads and PDF viewers."""
    try:
        item, data = request.app.state.staff.publication.public_file(call.id, reference, name)
    except NotPublic:
        raise SubmissionNotFound(reference) from None
    disposition = "inline" if item.media_type == "application/pdf" else "attachment"
    headers = {**FILES_HEADERS, "content-disposition": f'{disposition}; filename="{item.name}"',
               "etag": f'"{item.sha256}"', "accept-ranges": "bytes"}
    status, body = 200, data
    wanted = byte_range(request.headers.get("range"), len(data))
    if wanted == "unsatisfiable":
        return Response(status_code=416, headers={**headers, "content-range": f"bytes */{len(data)}"})
    if wanted is not None:
        start, end = wanted
        status, body = 206, data[start:end + 1]
        headers["content-range"] = f"bytes {start}-{end}/{len(data)}"
    if request.method == "HEAD":
        return Response(status_code=status, media_type=item.media_type,
                        headers={**headers, "content-length": str(len(body))})
    return Response(body, status_code=status, media_type=item.media_type, headers=headers)


def byte_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """The one range of a `Range: bytes=…` header as (first, last) byte, "unsatisfiable", or None to send the
    whole file (no header, several ranges, or one we do not understand: RFC 9110 lets a server ignore it)."""
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    first, _, last = header[6:].strip().partition("-")
    if not (first.isdigit() or last.isdigit()) or (first and not first.isdigit()) or (last and not last.isdigit()):
        return None
    if not first:  # the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length and size else "unsatisfiable"
    start = int(first)
    if start >= size:
        return "unsatisfiable"
    return start, min(int(last), size - 1) if last else size - 1


@router.get("/api/calls")
def api_calls(request: Request):
    calls = request.app.state.inputdesk.calls.list_calls()
    return JSONResponse([{"id": c.id, "title": c.title, "mandate": c.mandate, "deadline": c.deadline.isoformat(),
                          "submissions": f"/api/calls/{c.id}/submissions.json"} for c in calls],
                        headers={"cache-control": "no-cache"})


@router.get("/api/calls/{call_id}/submissions.json")
def api_submissions(request: Request, call: CallDep):
    body = opendata.as_json(_public_call(request, call.id), files_url(call.id))
    return Response(body, media_type="application/json", headers={"cache-control": "no-cache"})


@router.get("/api/calls/{call_id}/submissions.csv")
def api_submissions_csv(request: Request, call: CallDep):
    return Response(opendata.as_csv(_public_call(request, call.id)), media_type="text/csv; charset=utf-8",
                    headers={"cache-control": "no-cache",
                             "content-disposition": f'attachment; filename="{call.id}-submissions.csv"'})


@router.get("/api/calls/{call_id}/datapackage.json")
def api_datapackage(request: Request, call: CallDep):
    return Response(opendata.datapackage(_public_call(request, call.id)), media_type="application/json",
                    headers={"cache-control": "no-cache"})
