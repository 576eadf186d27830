"""The account and review stores behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from inputdesk.domain.accounts import Role, StaffSession, StaffUser
from inputdesk.domain.review import LinkKind, PublishedFile, QueueFilter, SubmissionLink
from inputdesk.domain.submission import AuditEvent, Channel, Submission, SubmissionStatus, SubmitterDetails
from inputdesk.services.calls import ensure_seed_call
from inputdesk.storage.sql_accounts import SqlAccountStore
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_review import SqlReviewStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def event(action: str, entity_id: str = "1") -> AuditEvent:  # submission 1 is the first one added below
    return AuditEvent(actor="user:t", action=action, entity_type="submission", entity_id=entity_id, at=NOW)


def test_accounts_sessions_and_single_use_totp_steps(engine):
    store = SqlAccountStore(engine)
    user = store.add_user(StaffUser("ada", Role.ADMIN, "Ada", "$argon2id$x", "JBSWY3DPEHPK3PXP", created_at=NOW))
    with pytest.raises(ValueError, match="exists already"):
        store.add_user(StaffUser("ada", Role.REVIEWER, password_hash="h", created_at=NOW))
    assert store.claim_totp_step(user.id, 100) and not store.claim_totp_step(user.id, 100)
    assert not store.claim_totp_step(user.id, 99) and store.claim_totp_step(user.id, 101)
    user.failed_logins, user.locked_until = 3, NOW + timedelta(minutes=5)
    store.update_user(user, event("user.test", "ada"))
    again = store.get_user("ada")
    assert again.locked_until == NOW + timedelta(minutes=5) and again.role == Role.ADMIN and again.failed_logins == 3
    store.add_session(StaffSession("a" * 64, user.id, NOW, NOW, NOW + timedelta(hours=1)))
    store.add_session(StaffSession("b" * 64, user.id, NOW, NOW, NOW - timedelta(hours=1)))
    store.touch_session("a" * 64, NOW + timedelta(minutes=3))
    assert store.get_session("a" * 64).last_seen_at == NOW + timedelta(minutes=3)
    store.delete_expired_sessions(NOW)
    assert store.get_session("b" * 64) is None and store.get_session("a" * 64) is not None
    store.delete_sessions_of(user.id)
    assert store.get_session("a" * 64) is None and [u.username for u in store.list_users()] == ["ada"]


def test_totp_secrets_are_sealed_at_rest_and_old_plain_ones_get_sealed(engine):
    from cryptography.fernet import Fernet
    from sqlalchemy import select

    from inputdesk.storage.sealing import SealedValueError, SecretSealer
    from inputdesk.storage.tables_accounts import users

    def stored(name: str) -> str:
        with engine.connect() as conn:
            return conn.execute(select(users.c.totp_secret).where(users.c.username == name)).scalar_one()

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    SqlAccountStore(engine).add_user(StaffUser("old", Role.ADMIN, password_hash="h", totp_secret=secret,
                                               created_at=NOW))  # written before sealing existed
    key = Fernet.generate_key()
    store = SqlAccountStore(engine, SecretSealer(key))
    store.add_user(StaffUser("new", Role.ADMIN, password_hash="h", totp_secret=secret, created_at=NOW))
    assert secret not in stored("new") and stored("old") == secret
    assert store.get_user("old").totp_secret == secret == store.get_user("new").totp_secret  # both readable
    assert store.seal_plain_secrets() == 1 and secret not in stored("old") and store.seal_plain_secrets() == 0
    assert [u.totp_secret for u in store.list_users()] == [secret, secret]
    with pytest.raises(SealedValueError, match="screening key"):
        SqlAccountStore(engine, SecretSealer(Fernet.generate_key())).get_user("new")


def _submission(submissions, n: int, **kw) -> Submission:
    flags = kw.pop("flags", set())
    status = kw.pop("status", SubmissionStatus.NEEDS_REVIEW)
    s = Submission(call_id="sr-sale-children-digital-2024", reference=f"T-{n:04d}", channel=Channel.IMPORT,
                   source_sha256=f"{n:064x}", received_at=NOW + timedelta(minutes=n), details=SubmitterDetails(**kw),
                   status=status, flags=flags)
    return submissions.add_submission(s)


def test_the_queue_filters_in_sql_and_links_and_published_files_round_trip(engine):
    ensure_seed_call(SqlCallStore(engine), SqlAuditLog(engine))
    submissions, reviews = SqlSubmissionStore(engine), SqlReviewStore(engine)
    a = _submission(submissions, 1, country="KE", language="en", flags={"pii_found", "from_child"})
    b = _submission(submissions, 2, country="FR", language="fr", stakeholder_category="academics",
                    flags={"pii_found_not"}, status=SubmissionStatus.APPROVED)
    c = _submission(submissions, 3, country="KE", language="en", status=SubmissionStatus.CONFIDENTIAL)
    call = a.call_id
    refs = lambda where: [s.reference for s in reviews.queue(call, where)]  # noqa: E731
    assert refs(QueueFilter()) == ["T-0001", "T-0002", "T-0003"]
    assert refs(QueueFilter(flags=("pii_found",))) == ["T-0001"]  # not the flag whose name merely starts alike
    assert refs(QueueFilter(flags=("pii_found", "from_child"), country="ke")) == ["T-0001"]
    assert refs(QueueFilter(statuses=frozenset({SubmissionStatus.APPROVED, SubmissionStatus.CONFIDENTIAL}),
                            exclude_ids=frozenset({c.id}))) == ["T-0002"]
    assert refs(QueueFilter(statuses=frozenset())) == []
    assert refs(QueueFilter(category="academics", language="fr")) == ["T-0002"]
    assert reviews.status_counts(call) == {"needs_review": 1, "approved": 1, "confidential": 1}

    reviews.add_link(SubmissionLink(a.id, b.id, LinkKind.JOINT, "user:t"), NOW, event("review.linked_joint"))
    reviews.add_link(SubmissionLink(a.id, c.id, LinkKind.JOINT, "user:t"), NOW, event("review.linked_joint"))
    assert [(l.submission_id, l.target_id) for l in reviews.links(call)] == [(a.id, c.id)]  # one per kind
    assert reviews.links_of(c.id)[0].kind == LinkKind.JOINT
    assert reviews.remove_link(a.id, LinkKind.JOINT, event("review.unlinked_joint"))
    assert not reviews.remove_link(a.id, LinkKind.JOINT, event("review.unlinked_joint"))

    row = PublishedFile(b.id, 0, "T-0002.pdf", "Text", "application/pdf", 3, "f" * 64, "basis", NOW)
    assert reviews.replace_published(b.id, [row]) == []
    assert reviews.published([b.id])[b.id][0].published_at == NOW
    assert reviews.replace_published(b.id, []) == ["f" * 64]
    assert reviews.published([b.id]) == {}
    audit = reviews.audit_for_submission(a.id, [], [])
    assert [e.action for e in audit] == ["review.linked_joint"] * 2 + ["review.unlinked_joint"]
