"""The operator's export of hash-list matches, for onward reporting to a hotline or law enforcement.

Hashes, list, distance and where the match is (submission reference, file name and SHA-256); never content.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from inputdesk.domain.submission import AuditEvent
from inputdesk.ports import AuditLog, Clock
from inputdesk.services.screening_ports import MatchStore

COLUMNS = ("reference", "call_id", "received_at", "document_id", "filename", "file_sha256", "part", "hash_type",
           "hash", "variant", "quality", "hash_list", "source_list", "category", "distance", "matched_at")


def match_records(matches: MatchStore, submissions) -> Iterator[dict]:
    by_id: dict = {}
    for m in matches.matches():
        if m.submission_id not in by_id:
            by_id[m.submission_id] = submissions.get_submission(m.submission_id)
        submission = by_id[m.submission_id]
        filename = next((d.filename for d in submission.documents if d.id == m.document_id), "")
        h = m.hit.hash
        yield {"reference": submission.reference, "call_id": submission.call_id,
               "received_at": submission.received_at.isoformat(), "document_id": m.document_id,
               "filename": filename, "file_sha256": m.blob_sha256, "part": h.part, "hash_type": h.hash_type.value,
               "hash": h.value, "variant": h.variant, "quality": h.quality, "hash_list": m.hit.hash_list,
               "source_list": m.hit.source, "category": m.hit.category, "distance": m.hit.distance,
               "matched_at": m.matched_at.isoformat()}


def export_matches(matches: MatchStore, submissions, audit: AuditLog, clock: Clock, actor: str,
                   fmt: str = "csv") -> tuple[str, int]:
    """The export as text (CSV with a header, or JSON Lines) and its number of matches; audited."""
    records = list(match_records(matches, submissions))
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        text = buffer.getvalue()
    audit.append(AuditEvent(actor=actor, action="screening.exported", entity_type="screening", entity_id="matches",
                            at=clock.now(), after={"matches": len(records), "format": fmt,
                                                   "submissions": sorted({r["reference"] for r in records})}))
    return text, len(records)
