"""Stored file hashes, hash-list matches and the quarantine look-ups the content guard relies on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, union

from inputdesk.domain.hash_screening import ContentHash, ContentScan, HashMatch, HashType, ListHit
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.storage.database import utc
from inputdesk.storage.tables import documents, submissions
from inputdesk.storage.tables_screening import content_hashes, content_scans, hash_matches

_IN_CHUNK = 500  # keeps IN (...) lists well inside both databases' parameter limits


class SqlScreeningStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    # --- hashes of stored files ------------------------------------------------------
    def get_scans(self, blob_sha256s: Iterable[str]) -> dict[str, ContentScan]:
        wanted = sorted(set(blob_sha256s))
        found: dict[str, ContentScan] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), _IN_CHUNK):
                batch = wanted[start:start + _IN_CHUNK]
                rows = conn.execute(select(content_scans).where(content_scans.c.blob_sha256.in_(batch))).all()
                hashes: dict[str, list[ContentHash]] = {r.blob_sha256: [] for r in rows}
                for h in conn.execute(select(content_hashes).where(content_hashes.c.blob_sha256.in_(list(hashes)))
                                      .order_by(content_hashes.c.id)):
                    hashes[h.blob_sha256].append(ContentHash(h.part, HashType(h.hash_type), h.value, h.quality,
                                                             h.variant))
                for r in rows:
                    found[r.blob_sha256] = ContentScan(tuple(hashes[r.blob_sha256]), r.images, tuple(r.problems or []),
                                                       r.hasher_version)
        return found

    def save_scan(self, blob_sha256: str, scan: ContentScan, at: datetime) -> None:
        """Store (or replace) what a file hashes to, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(delete(content_hashes).where(content_hashes.c.blob_sha256 == blob_sha256))
            conn.execute(delete(content_scans).where(content_scans.c.blob_sha256 == blob_sha256))
            conn.execute(insert(content_scans).values(blob_sha256=blob_sha256, hasher_version=scan.version,
                                                      scanned_at=at, images=scan.images, problems=list(scan.problems)))
            if scan.hashes:
                conn.execute(insert(content_hashes), [
                    {"blob_sha256": blob_sha256, "part": h.part, "hash_type": h.hash_type.value, "value": h.value,
                     "quality": h.quality, "variant": h.variant} for h in scan.hashes])

    def is_scanned(self, blob_sha256: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(content_scans.c.blob_sha256)
                                .where(content_scans.c.blob_sha256 == blob_sha256)).first() is not None

    # --- matches -------------------------------------------------------------------
    def add_matches(self, matches: list[HashMatch]) -> list[HashMatch]:
        """Record matches not recorded before; returns those that are new."""
        keyed = {_match_key(m): m for m in matches}
        with self.engine.begin() as conn:
            known = set()
            keys = list(keyed)
            for start in range(0, len(keys), _IN_CHUNK):
                known |= set(conn.execute(select(hash_matches.c.match_key)
                                          .where(hash_matches.c.match_key.in_(keys[start:start + _IN_CHUNK]))).scalars())
            new = [m for key, m in keyed.items() if key not in known]
            for m in new:
                m.id = conn.execute(insert(hash_matches).values(**_match_values(m)).returning(hash_matches.c.id)
                                    ).scalar_one()
        return new

    def matches(self, submission_id: int | None = None) -> list[HashMatch]:
        query = select(hash_matches).order_by(hash_matches.c.id)
        if submission_id is not None:
            query = query.where(hash_matches.c.submission_id == submission_id)
        with self.engine.connect() as conn:
            return [_match(r) for r in conn.execute(query)]

    # --- what the content guard asks ------------------------------------------------
    def document_location(self, document_id: int) -> tuple[int, str] | None:
        """(submission id, blob SHA-256) of a document, or None when there is no such document."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.submission_id, documents.c.blob_sha256)
                               .where(documents.c.id == document_id)).first()
        return None if row is None else (row.submission_id, row.blob_sha256)

    def is_quarantined(self, submission_id: int) -> bool:
        """Whether the submission is quarantined, has a match, or holds a file matched anywhere."""
        own_blobs = select(documents.c.blob_sha256).where(documents.c.submission_id == submission_id)
        with self.engine.connect() as conn:
            status = conn.execute(select(submissions.c.status).where(submissions.c.id == submission_id)).scalar()
            if status == SubmissionStatus.QUARANTINED.value:
                return True
            query = select(hash_matches.c.id).where(
                (hash_matches.c.submission_id == submission_id) | hash_matches.c.blob_sha256.in_(own_blobs))
            return conn.execute(query.limit(1)).first() is not None

    def quarantined_submission_ids(self) -> set[int]:
        """Every submission whose content must be withheld: quarantined status, a match, or a matched file."""
        matched_blobs = select(hash_matches.c.blob_sha256)
        query = union(
            select(submissions.c.id).where(submissions.c.status == SubmissionStatus.QUARANTINED.value),
            select(hash_matches.c.submission_id),
            select(documents.c.submission_id).where(documents.c.blob_sha256.in_(matched_blobs)),
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())


def _match_key(m: HashMatch) -> str:
    hit = m.hit
    text = "\x1f".join(str(v) for v in (m.document_id, hit.hash.part, hit.hash.hash_type.value, hit.hash_list,
                                         hit.source, hit.category))
    return hashlib.sha256(text.encode()).hexdigest()


def _match_values(m: HashMatch) -> dict:
    h = m.hit.hash
    return {"submission_id": m.submission_id, "document_id": m.document_id, "blob_sha256": m.blob_sha256,
            "part": h.part, "hash_type": h.hash_type.value, "variant": h.variant, "value": h.value,
            "quality": h.quality, "hash_list": m.hit.hash_list, "source": m.hit.source, "category": m.hit.category,
            "distance": m.hit.distance, "matched_at": m.matched_at, "match_key": _match_key(m)}


def _match(r) -> HashMatch:
    content = ContentHash(r.part, HashType(r.hash_type), r.value, r.quality, r.variant)
    return HashMatch(r.submission_id, r.document_id, r.blob_sha256,
                     ListHit(content, r.hash_list, r.source, r.category, r.distance), utc(r.matched_at), r.id)
