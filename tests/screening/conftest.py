"""A desk with real stores (SQLite, and PostgreSQL when configured), the real extractor and the hash-list screen."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet

from inputdesk.domain.extraction import ExtractionLimits
from inputdesk.pipeline.sandbox import InProcessExtractor
from inputdesk.pipeline.screening.worker import InProcessContentHasher
from inputdesk.services.calls import ensure_seed_call
from inputdesk.services.hashlists import HashListService, MatcherCache
from inputdesk.services.intake import IncomingFile, IntakeService, SystemClock
from inputdesk.services.quarantine import ContentGuard
from inputdesk.services.screening import HashListScreen, ScreeningService
from inputdesk.storage.blobs import MemoryBlobStore
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_hashlists import SqlHashListStore
from inputdesk.storage.sql_screening import SqlScreeningStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

CALL = "sr-sale-children-digital-2024"


class CountingHasher(InProcessContentHasher):
    """The real hasher, counting the files it had to decode."""

    def __init__(self):
        super().__init__()
        self.files = 0

    def scan(self, data, filename=""):
        self.files += 1
        return super().scan(data, filename)


@pytest.fixture
def desk(engine):
    calls, submissions, audit = SqlCallStore(engine), SqlSubmissionStore(engine), SqlAuditLog(engine)
    ensure_seed_call(calls, audit)
    clock = SystemClock()
    blobs = MemoryBlobStore()
    store = SqlScreeningStore(engine)
    lists = SqlHashListStore(engine, Fernet.generate_key())
    hasher = CountingHasher()
    service = ScreeningService(store, store, MatcherCache(lists), hasher, submissions, audit, clock)

    def intake(screens=True) -> IntakeService:
        return IntakeService(calls, submissions, blobs, audit, InProcessExtractor(), ExtractionLimits(max_bytes=5_000_000),
                             clock, screens=[HashListScreen(service)] if screens else [])

    def receive(filename: str, data: bytes, *, screens: bool = True):
        [result] = intake(screens).receive(CALL, IncomingFile(filename, data))
        return submissions.get_submission(result.submission_id)

    return SimpleNamespace(engine=engine, submissions=submissions, audit=audit, blobs=blobs, store=store, lists=lists,
                           hasher=hasher, service=service, hashlists=HashListService(lists, audit, clock),
                           guard=ContentGuard(blobs, store, audit, clock), receive=receive)
