"""Composition root: settings in, wired services out. Nothing else constructs adapters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from inputdesk.config import Settings
from inputdesk.ports import Extractor
from inputdesk.services.intake import IntakeService, SystemClock
from inputdesk.storage.blobs import FileBlobStore
from inputdesk.storage.database import make_engine, upgrade
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore


@dataclass
class App:
    settings: Settings
    engine: Engine
    calls: SqlCallStore
    submissions: SqlSubmissionStore
    audit: SqlAuditLog
    blobs: FileBlobStore
    extractor: Extractor
    intake: IntakeService

    def close(self) -> None:
        close = getattr(self.extractor, "close", None)
        if close:
            close()
        self.engine.dispose()

    def __enter__(self) -> "App":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LazyExtractor:
    """Starts the (sandboxed) extractor on first use, so read-only commands never spawn a worker."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._inner: Extractor | None = None

    def extract(self, data, filename, limits):
        if self._inner is None:
            from inputdesk.pipeline.sandbox import InProcessExtractor, SandboxedExtractor

            self._inner = SandboxedExtractor() if self.settings.sandbox else InProcessExtractor()
        return self._inner.extract(data, filename, limits)

    def close(self) -> None:
        if self._inner is not None and hasattr(self._inner, "close"):
            self._inner.close()
        self._inner = None


def build_app(settings: Settings | None = None, *, migrate: bool = True, extractor: Extractor | None = None) -> App:
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url())
    if migrate:
        upgrade(engine)
    calls = SqlCallStore(engine)
    submissions = SqlSubmissionStore(engine)
    audit = SqlAuditLog(engine)
    blobs = FileBlobStore(settings.blob_dir)
    extractor = extractor or LazyExtractor(settings)
    intake = IntakeService(calls, submissions, blobs, audit, extractor, settings.extraction_limits(), SystemClock())
    return App(settings, engine, calls, submissions, audit, blobs, extractor, intake)
