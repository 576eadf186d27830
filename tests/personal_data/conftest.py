"""Fixtures for personal-data tests: one detector per session (spaCy models take seconds to load), and a world of
real SQL stores, the real intake service and extractor, with the personal-data screen wired as in production."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inputdesk.domain.extraction import ExtractionLimits
from inputdesk.pipeline.personal_data import shared_detector
from inputdesk.pipeline.personal_data.detector import DEFAULT_LANGUAGES
from inputdesk.pipeline.sandbox import InProcessExtractor
from inputdesk.services.calls import ensure_seed_call
from inputdesk.services.intake import IntakeService
from inputdesk.services.personal_data_screen import PersonalDataScreen
from inputdesk.services.redaction import RedactionService
from inputdesk.storage.blobs import MemoryBlobStore
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_redaction import SqlRedactionStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

CALL = "sr-sale-children-digital-2024"


@pytest.fixture(scope="session")
def detector():
    """The production detector: names and places wherever a model package is installed (same cache as the app)."""
    return shared_detector(DEFAULT_LANGUAGES, True)


@pytest.fixture(scope="session")
def regex_detector():
    """The detector as it runs with no model (or with personal_data_ner off): patterns only."""
    return shared_detector(DEFAULT_LANGUAGES, False)


@pytest.fixture
def needs_ner(detector):
    missing = [lang for lang in ("en", "fr", "es") if detector.capability(lang).patterns_only]
    if missing:
        pytest.skip(f"no spaCy model installed for {missing}: pip install --no-deps --require-hashes "
                    "-r requirements/ner-models.txt")


class FixedClock:
    def __init__(self):
        self.at = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


class World:
    def __init__(self, engine, detector):
        self.calls, self.submissions, self.audit = SqlCallStore(engine), SqlSubmissionStore(engine), SqlAuditLog(engine)
        self.store = SqlRedactionStore(engine)
        self.clock = FixedClock()
        ensure_seed_call(self.calls, self.audit)
        self.screen = PersonalDataScreen(self.submissions, self.store, lambda: detector, self.clock)
        self.intake = IntakeService(self.calls, self.submissions, MemoryBlobStore(), self.audit, InProcessExtractor(),
                                    ExtractionLimits(max_bytes=2_000_000), self.clock, screens=[self.screen])
        self.redactions = RedactionService(self.submissions, self.store, self.audit, self.screen, self.clock)

    def receive(self, filename: str, data: bytes, **details):
        from inputdesk.domain.submission import SubmitterDetails
        from inputdesk.services.intake import IncomingFile

        result = self.intake.receive(CALL, IncomingFile(filename, data), details=SubmitterDetails(**details))[0]
        return self.submissions.get_by_reference(result.reference)

    def found(self, reference: str) -> dict[str, str]:
        """found text -> entity type, for assertions."""
        return {i.found_text: i.proposal.entity_type for i in self.redactions.review_items(reference)}


@pytest.fixture
def world(engine, detector):
    return World(engine, detector)
