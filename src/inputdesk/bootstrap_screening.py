"""Composition root for hash-list screening (a part of bootstrap.py kept apart): settings in, wired services out.

The web app and the CLI get the content guard from here: `build_screening(settings, engine, blobs).guard`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine

from inputdesk.config import Settings
from inputdesk.domain.hash_screening import ScanLimits
from inputdesk.ports import BlobStore
from inputdesk.services.hashlists import HashListService, MatcherCache, MatchPolicy
from inputdesk.services.intake import SystemClock
from inputdesk.services.publication import PublishedFilesWithdrawal
from inputdesk.services.quarantine import ContentGuard
from inputdesk.services.screening import HashListScreen, ScreeningService
from inputdesk.storage.published_files import PublishedFileStore
from inputdesk.storage.sql_calls import SqlAuditLog
from inputdesk.storage.sql_review import SqlReviewStore
from inputdesk.storage.sql_hashlists import SqlHashListStore, load_key
from inputdesk.storage.sql_screening import SqlScreeningStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore


@dataclass
class Screening:
    service: ScreeningService  # screen one submission, rescan everything
    lists: HashListService  # import, list and remove hash lists
    guard: ContentGuard  # the only way to stored bytes
    store: SqlScreeningStore  # stored hashes and matches (for the operator export)
    blobs: BlobStore

    @property
    def screen(self) -> HashListScreen:
        return HashListScreen(self.service)

    def close(self) -> None:
        close = getattr(self.service.hasher, "close", None)
        if close:
            close()


def scan_limits(settings: Settings) -> ScanLimits:
    # Decoding untrusted pictures gets the same time and memory allowance as extracting text from a file.
    return ScanLimits(max_image_pixels=settings.screening_max_image_pixels, pdq_max_side=settings.screening_pdq_max_side,
                      timeout_s=settings.extraction_timeout_s, memory_mb=settings.extraction_memory_mb)


def data_key(settings: Settings) -> bytes:
    """The key that encrypts hash lists and staff TOTP secrets at rest (configured, or generated once)."""
    secret = settings.screening_key.get_secret_value() if settings.screening_key else None
    return load_key(secret, settings.data_dir)


def build_screening(settings: Settings, engine: Engine, blobs: BlobStore, *, hasher=None) -> Screening:
    from inputdesk.pipeline.screening.worker import InProcessContentHasher, SandboxedContentHasher

    clock = SystemClock()
    audit = SqlAuditLog(engine)
    store = SqlScreeningStore(engine)
    lists = SqlHashListStore(engine, data_key(settings))
    if hasher is None:
        limits = scan_limits(settings)
        workers = settings.screening_workers or min(4, os.cpu_count() or 1)
        # Worker processes start on the first file, so commands that hash nothing never spawn one.
        hasher = SandboxedContentHasher(limits, workers=workers) if settings.sandbox else InProcessContentHasher(limits)
    policy = MatchPolicy(settings.screening_pdq_max_distance, settings.screening_pdq_min_quality)
    published = PublishedFilesWithdrawal(SqlReviewStore(engine), PublishedFileStore(settings.data_dir / "published"),
                                         clock)
    service = ScreeningService(store, store, MatcherCache(lists), hasher, SqlSubmissionStore(engine), audit, clock,
                               policy, published)
    return Screening(service, HashListService(lists, audit, clock), ContentGuard(blobs, store, audit, clock), store,
                     blobs)
