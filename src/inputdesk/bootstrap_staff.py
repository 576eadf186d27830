"""Composition root for the staff console and publication (a part of bootstrap.py kept apart): the App in, the
account, review and publication services out. The web app and the CLI both get them from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from inputdesk.bootstrap import App, redaction_service
from inputdesk.bootstrap_screening import Screening, build_screening, data_key
from inputdesk.services.accounts import AccountPolicy, AccountService, totp_required_roles
from inputdesk.services.intake import SystemClock
from inputdesk.services.publication import PublicationService
from inputdesk.services.redaction import RedactionService
from inputdesk.services.review import ReviewService
from inputdesk.storage.published_files import PublishedFileStore
from inputdesk.storage.sealing import SecretSealer
from inputdesk.storage.sql_accounts import SqlAccountStore
from inputdesk.storage.sql_review import SqlReviewStore


@dataclass
class Staff:
    accounts: AccountService
    review: ReviewService
    publication: PublicationService
    redactions: RedactionService
    screening: Screening  # .guard: the only way to a received file's bytes; .store: hashes and matches

    def close(self) -> None:
        self.screening.close()


def account_policy(settings) -> AccountPolicy:
    return AccountPolicy(max_failures=settings.staff_login_max_failures,
                         lockout=timedelta(minutes=settings.staff_lockout_minutes),
                         idle_timeout=timedelta(minutes=settings.staff_session_idle_minutes),
                         max_session=timedelta(hours=settings.staff_session_max_hours),
                         totp_required_roles=totp_required_roles(settings.staff_totp_required_roles))


def accounts_service(app: App, hasher=None) -> AccountService:
    store = SqlAccountStore(app.engine, SecretSealer(data_key(app.settings)))
    store.seal_plain_secrets()  # accounts made before TOTP secrets were sealed
    return AccountService(store, app.audit, SystemClock(), account_policy(app.settings), hasher)


def build_staff(app: App, *, password_hasher=None) -> Staff:
    clock = SystemClock()
    screening = build_screening(app.settings, app.engine, app.blobs)
    reviews = SqlReviewStore(app.engine)
    redactions = redaction_service(app)
    publication = PublicationService(app.calls, app.submissions, reviews, reviews,
                                     PublishedFileStore(app.settings.data_dir / "published"), redactions,
                                     screening.guard, screening.store, app.audit, clock)
    review = ReviewService(app.calls, app.submissions, reviews, redactions, publication, screening.guard, app.audit,
                           clock)
    return Staff(accounts_service(app, password_hasher), review, publication, redactions, screening)
