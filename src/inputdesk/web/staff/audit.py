"""A submission's audit log: every action on it, its files and its redaction proposals; viewable and exportable."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inputdesk.web.staff.deps import StaffDep, UserDep, page

router = APIRouter()


def _rows(events) -> list[dict]:
    return [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "entity_type": e.entity_type,
             "entity_id": e.entity_id, "before": e.before, "after": e.after} for e in events]


@router.get("/staff/submissions/{reference}/audit")
def audit_page(request: Request, reference: str, staff: StaffDep, user: UserDep):
    events = staff.review.audit_trail(user, reference)
    return page(request, "audit.html", {"reference": reference, "events": _rows(events), "json": json.dumps}, user)


@router.get("/staff/submissions/{reference}/audit.{fmt}")
def audit_export(reference: str, fmt: str, staff: StaffDep, user: UserDep):
    if fmt not in ("csv", "json"):
        return Response(status_code=404)
    rows = _rows(staff.review.audit_trail(user, reference))
    if fmt == "json":
        body, media = json.dumps(rows, ensure_ascii=False, indent=2).encode(), "application/json"
    else:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["id", "at", "actor", "action", "entity_type", "entity_id", "before", "after"])
        for r in rows:
            writer.writerow([r["id"], r["at"], r["actor"], r["action"], r["entity_type"], r["entity_id"],
                             json.dumps(r["before"], ensure_ascii=False) if r["before"] is not None else "",
                             json.dumps(r["after"], ensure_ascii=False) if r["after"] is not None else ""])
        body, media = ("\ufeff" + out.getvalue()).encode(), "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="audit-{quote(reference)}.{fmt}"', "cache-control": "no-store"})
