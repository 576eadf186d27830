"""Composition root: settings in, wired services out. Nothing else constructs adapters."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import Engine

from inputdesk.bootstrap_screening import build_screening
from inputdesk.config import Settings
from inputdesk.pipeline.personal_data import child_profile, shared_detector, standard_profile
from inputdesk.ports import Extractor
from inputdesk.services.intake import IntakeService, SystemClock
from inputdesk.services.personal_data_screen import PersonalDataScreen
from inputdesk.services.redaction import RedactionService
from inputdesk.storage.blobs import FileBlobStore
from inputdesk.storage.database import make_engine, upgrade
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_redaction import SqlRedactionStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore
from inputdesk.storage.work_locks import FileWorkLocks


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

    def warm_up(self) -> None:
        """Start the extraction worker and load screening models now rather than on the first submission."""
        for part in (self.extractor, *self.intake.screens):
            warm = getattr(part, "warm_up", None)
            if warm:
                warm()

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
        self._lock = threading.Lock()  # two first submissions at once must not start two workers

    def _extractor(self) -> Extractor:
        with self._lock:
            if self._inner is None:
                from inputdesk.pipeline.sandbox import InProcessExtractor, SandboxedExtractor

                self._inner = SandboxedExtractor() if self.settings.sandbox else InProcessExtractor()
            return self._inner

    def extract(self, data, filename, limits):
        return self._extractor().extract(data, filename, limits)

    def warm_up(self) -> None:
        self._extractor()

    def close(self) -> None:
        if self._inner is not None and hasattr(self._inner, "close"):
            self._inner.close()
        self._inner = None


def make_screens(settings: Settings, engine: Engine, blobs: FileBlobStore) -> list:
    """The screens every received submission passes, in order (hash lists first: a match stops the rest)."""
    screens: list = [build_screening(settings, engine, blobs).screen]
    if settings.personal_data_screen:  # after any hash-list screen: a quarantined submission is never analysed
        screens.append(personal_data_screen(settings, engine))
    return screens


def personal_data_screen(settings: Settings, engine: Engine) -> PersonalDataScreen:
    """Proposes redactions. The detector (spaCy models, seconds to load) is built on first use, once per process."""
    languages = tuple(code.strip() for code in settings.personal_data_languages.split(",") if code.strip())
    return PersonalDataScreen(SqlSubmissionStore(engine), SqlRedactionStore(engine),
                              lambda: shared_detector(languages, settings.personal_data_ner), SystemClock(),
                              standard_profile(settings.personal_data_threshold),
                              child_profile(settings.personal_data_child_threshold),
                              max_chars=settings.personal_data_max_chars)


def redaction_service(app: App) -> RedactionService:
    return RedactionService(app.submissions, SqlRedactionStore(app.engine), app.audit,
                            personal_data_screen(app.settings, app.engine), SystemClock())


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
    intake = IntakeService(calls, submissions, blobs, audit, extractor, settings.extraction_limits(), SystemClock(),
                           screens=make_screens(settings, engine, blobs),
                           locks=FileWorkLocks(settings.data_dir / "locks"))
    return App(settings, engine, calls, submissions, audit, blobs, extractor, intake)
