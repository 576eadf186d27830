"""Labelled passages for the benchmark, from ../shared/data, and a fast way to store them as one call's passages."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from inputdesk.storage.tables import documents, passages, submissions

_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")


def labelled_passages(data: Path) -> list[tuple[str, str]]:
    """(text, label): label = the source (and campaign for form letters). About 45,000 passages."""
    out: list[tuple[str, str]] = []
    csv.field_size_limit(10 ** 9)
    for path in sorted((data / "upr" / "recommendations").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            out.extend((_NUMBER.sub("", r["text"]).strip(), "upr_recommendation") for r in csv.DictReader(fh))
    for path in sorted((data / "upr" / "wg_reports").glob("*.txt")):
        flat = " ".join(path.read_bytes().decode("mac_roman").split())
        for paragraph in re.split(r"\s(?=\d{1,3}\.\s[A-Z])", flat):
            words = paragraph.split()
            if 15 <= len(words) <= 250:
                out.append((paragraph, "upr_report"))
    for line in (data / "cdcp" / "comments.jsonl").read_text(encoding="utf-8").splitlines():
        out.extend((p["text"], "cdcp") for p in json.loads(line)["propositions"] if len(p["text"].split()) >= 6)
    for path in sorted((data / "formletters").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            out.extend((r["text"], f"formletter_{r['clust']}") for r in csv.DictReader(fh) if r["text"])
    return [(t, l) for t, l in out if t]


def store_passages(engine, call_id: str, texts: list[str], per_submission: int = 10) -> list[int]:
    """Store texts as passages of submissions of `per_submission` passages each; returns passage ids in order."""
    now = datetime.now(UTC)
    ids: list[int] = []
    with engine.begin() as conn:
        for start in range(0, len(texts), per_submission):
            n = start // per_submission
            sid = conn.execute(insert(submissions).values(
                call_id=call_id, reference=f"B-{n:06d}", channel="import", source_sha256=f"{n:064d}",
                status="needs_review", flags=[], confidential=False, from_child=False, joint_authors=[],
                needs_review={}, received_at=now).returning(submissions.c.id)).scalar_one()
            did = conn.execute(insert(documents).values(
                submission_id=sid, role="main", filename=f"b{n}.txt", blob_sha256=f"{n:064d}", size=1, kind="text",
                status="extracted", doc_metadata={}, flags=[]).returning(documents.c.id)).scalar_one()
            for seq, text in enumerate(texts[start:start + per_submission]):
                ids.append(conn.execute(insert(passages).values(
                    submission_id=sid, document_id=did, seq=seq, text=text).returning(passages.c.id)).scalar_one())
    return ids
