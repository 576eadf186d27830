"""The SQL stores behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from inputdesk.domain.submission import (
    AuditEvent,
    Channel,
    Document,
    DocumentRole,
    ExtractionStatus,
    Passage,
    Submission,
    SubmissionStatus,
    SubmitterDetails,
)
from inputdesk.services.call_definitions import parse_call, seed_call_text
from inputdesk.domain.errors import CallNotFound, DuplicateSource, SubmissionNotFound
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

WHEN = datetime(2024, 4, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def stores(engine):
    calls = SqlCallStore(engine)
    seed = seed_call_text()
    calls.save_call(parse_call(seed), seed)
    return calls, SqlSubmissionStore(engine), SqlAuditLog(engine)


def _submission(source: str, confidential=False, reference="SR24-0001") -> Submission:
    return Submission(
        call_id="sr-sale-children-digital-2024", reference=reference, channel=Channel.IMPORT,
        source_sha256=source * 64 if len(source) == 1 else source, received_at=WHEN,
        details=SubmitterDetails(organisation="Fictional Alliance for Children", stakeholder_category="civil_society_hotlines",
                                 country="FR", confidential=confidential, joint_authors=["Org A", "Org B"],
                                 needs_review={"country": "guessed"}),
        flags={"late"},
        documents=[Document(role=DocumentRole.MAIN, filename="réponse.pdf", blob_sha256="a" * 64, size=10, kind="pdf")],
    )


def test_call_round_trips_with_all_questions(stores):
    calls, _, _ = stores
    call = calls.get_call("sr-sale-children-digital-2024")
    assert [q.id for q in call.questions] == [f"q{i}" for i in range(1, 10)]
    assert call.has_category("communities_children")
    assert [c.id for c in calls.list_calls()] == [call.id]


def test_unknown_call_says_how_to_find_one(stores):
    calls, _, _ = stores
    with pytest.raises(CallNotFound, match="inputdesk call list"):
        calls.get_call("nope")


def test_submission_round_trip_keeps_every_field(stores):
    _, subs, _ = stores
    saved = subs.add_submission(_submission("b", confidential=True))
    loaded = subs.get_by_reference("SR24-0001")
    assert loaded.id == saved.id
    assert loaded.details.confidential is True
    assert loaded.details.joint_authors == ["Org A", "Org B"]
    assert loaded.details.needs_review == {"country": "guessed"}
    assert loaded.received_at == WHEN
    assert loaded.flags == {"late"}
    assert [d.filename for d in loaded.documents] == ["réponse.pdf"]
    assert loaded.documents[0].status == ExtractionStatus.PENDING


def test_same_source_cannot_be_stored_twice_for_a_call(stores):
    _, subs, _ = stores
    subs.add_submission(_submission("c"))
    with pytest.raises(DuplicateSource):
        subs.add_submission(_submission("c", reference="SR24-0002"))
    assert subs.find_by_source("sr-sale-children-digital-2024", "c" * 64).reference == "SR24-0001"


def test_reference_numbers_are_unique_under_concurrency(stores):
    _, subs, _ = stores
    got: list[int] = []
    lock = threading.Lock()

    def take():
        for _ in range(10):
            n = subs.next_reference_number("sr-sale-children-digital-2024")
            with lock:
                got.append(n)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 41))


def test_extraction_replaces_passages_and_keeps_provenance(stores):
    _, subs, _ = stores
    s = subs.add_submission(_submission("d"))
    doc = s.documents[0]
    doc.status = ExtractionStatus.EXTRACTED
    subs.save_extraction(doc, [Passage(text="first", seq=0, page=1), Passage(text="second", seq=1, page=2, heading="Q2")])
    subs.save_extraction(doc, [Passage(text="only", seq=0, page=3, heading="Annex", language="fr")])
    passages = subs.passages_for_submission(s.id)
    assert [(p.text, p.page, p.heading, p.language) for p in passages] == [("only", 3, "Annex", "fr")]
    assert subs.get_submission(s.id).documents[0].status == ExtractionStatus.EXTRACTED


def test_list_filters_by_status_and_update_writes_audit_in_same_step(stores):
    _, subs, audit = stores
    s = subs.add_submission(_submission("e"))
    s.status = SubmissionStatus.FAILED
    subs.update_submission(s, AuditEvent(actor="user:test", action="status", entity_type="submission",
                                         entity_id="", at=WHEN, before={"status": "received"}, after={"status": "failed"}))
    assert [x.reference for x in subs.list_submissions(status=SubmissionStatus.FAILED)] == ["SR24-0001"]
    assert subs.list_submissions(status=SubmissionStatus.APPROVED) == []
    events = audit.events_for("submission", str(s.id))
    assert [(e.actor, e.before, e.after) for e in events] == [("user:test", {"status": "received"}, {"status": "failed"})]


def test_missing_submission_error_is_helpful(stores):
    _, subs, _ = stores
    with pytest.raises(SubmissionNotFound, match="submissions list"):
        subs.get_by_reference("SR24-9999")


def test_audit_log_is_append_only_and_ordered(stores):
    _, _, audit = stores
    for i in range(3):
        audit.append(AuditEvent(actor="system", action=f"a{i}", entity_type="call", entity_id="x", at=WHEN))
    assert [e.action for e in audit.all_events()] == ["a0", "a1", "a2"]
    assert not hasattr(audit, "delete") and not hasattr(audit, "update")


def test_blob_references_name_the_submission_and_file(stores):
    _, subs, _ = stores
    subs.add_submission(_submission("f"))
    assert list(subs.blob_references()) == [("a" * 64, "SR24-0001 / réponse.pdf")]


def test_nul_characters_from_broken_mail_or_pdfs_are_dropped_not_fatal(stores):
    # PostgreSQL refuses NUL in text and JSON; one stray NUL used to leave a submission stuck for good.
    _, subs, audit = stores
    s = _submission("f")
    s.details.submitter_name = "Nul\x00Name"
    s.details.joint_authors = ["Org\x00 A"]
    s = subs.add_submission(s)
    doc = s.documents[0]
    doc.status = ExtractionStatus.EXTRACTED
    subs.save_extraction(doc, [Passage(text="children.\x00\x00 We recommend", seq=0, page=1, heading="Q\x001")])
    subs.update_submission(s, AuditEvent(actor="user:test", action="status", entity_type="submission",
                                         entity_id=str(s.id), at=WHEN, after={"name": "Nul\x00Name"}))
    loaded = subs.get_submission(s.id)
    assert (loaded.details.submitter_name, loaded.details.joint_authors) == ("NulName", ["Org A"])
    [passage] = subs.passages_for_submission(s.id)
    assert (passage.text, passage.heading) == ("children. We recommend", "Q1")
    assert audit.events_for("submission", str(s.id))[-1].after == {"name": "NulName"}
