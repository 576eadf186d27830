"""Staff exports of a call's submissions (XLSX and CSV), with the columns the person's role may see."""

from __future__ import annotations

import csv
import io

from inputdesk.domain.accounts import Permission, StaffUser
from inputdesk.domain.submission import AuditEvent
from inputdesk.services.access import SubmissionAnalyst, SubmissionAnalystNamed, SubmissionStaff, require

STAFF_COLUMNS = ("reference", "status", "received_at", "channel", "category", "country", "language", "organisation",
                 "submitter_name", "contact_email", "joint_authors", "confidential", "from_child", "flags",
                 "needs_review", "documents")
ANALYST_COLUMNS = ("reference", "status", "received_at", "category", "country", "language", "organisation",
                   "joint_authors", "confidential", "from_child", "documents")


def _cell(value) -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in value.items())
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif value is None:
        value = ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    # A cell starting with = + - @ runs as a formula in spreadsheets: a submitted name must never do that.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows_for(user: StaffUser, views: list[SubmissionAnalyst]) -> tuple[tuple[str, ...], list[list[str]]]:
    require(user, Permission.EXPORT)
    columns = STAFF_COLUMNS if user.can(Permission.VIEW_IDENTITIES) else ANALYST_COLUMNS
    rows = []
    for view in views:
        values = view.model_dump()
        values["documents"] = len(view.documents)
        if not isinstance(view, (SubmissionStaff, SubmissionAnalystNamed)):
            values.update(organisation=None, joint_authors=[])  # confidential: never exported to analysts
        rows.append([_cell(values.get(c)) for c in columns])
    return columns, rows


def to_csv(columns, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes spreadsheet programs read UTF-8


def to_xlsx(columns, rows, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31] or "submissions"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        sheet.column_dimensions[cell.column_letter].width = 18
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_event(user: StaffUser, call_id: str, fmt: str, count: int, at) -> AuditEvent:
    return AuditEvent(actor=user.actor, action="export.submissions", entity_type="call", entity_id=call_id, at=at,
                      after={"format": fmt, "rows": count, "role": user.role.value})
