"""Staff exports of submissions and passages as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator

from inputdesk.domain.submission import Submission


def submission_record(s: Submission) -> dict:
    d = s.details
    return {
        "type": "submission",
        "reference": s.reference,
        "call_id": s.call_id,
        "status": s.status.value,
        "channel": s.channel.value,
        "received_at": s.received_at.isoformat(),
        "submitter_name": d.submitter_name,
        "organisation": d.organisation,
        "joint_authors": d.joint_authors,
        "stakeholder_category": d.stakeholder_category,
        "country": d.country,
        "language": s.language,
        "contact_email": d.contact_email,
        "confidential": d.confidential,
        "from_child": d.from_child,
        "flags": sorted(s.flags),
        "needs_review": d.needs_review,
        "documents": [
            {"id": doc.id, "parent": doc.parent_id, "filename": doc.filename, "role": doc.role.value, "kind": doc.kind, "sha256": doc.blob_sha256,
             "size": doc.size, "status": doc.status.value, "failure_reason": doc.failure_reason,
             "failure_message": doc.failure_message, "pages": doc.page_count, "language": doc.language,
             "flags": sorted(doc.flags)}
            for doc in s.documents
        ],
    }


def export_jsonl(submissions, call_id: str | None, include_passages: bool = True) -> Iterator[str]:
    """One JSON object per line: each submission, then its passages (with page and heading)."""
    for s in submissions.list_submissions(call_id=call_id):
        yield json.dumps(submission_record(s), ensure_ascii=False)
        if include_passages:
            # A passage names its file by id and SHA-256 too: two attachments may share a name ("reply.pdf").
            files = {doc.id: doc for doc in s.documents}
            for p in submissions.passages_for_submission(s.id):
                doc = files.get(p.document_id)
                yield json.dumps({
                    "type": "passage", "reference": s.reference, "id": p.id, "document": p.document_id,
                    "file": doc.filename if doc else None, "file_sha256": doc.blob_sha256 if doc else None,
                    "seq": p.seq, "page": p.page, "heading": p.heading, "language": p.language, "text": p.text,
                }, ensure_ascii=False)
