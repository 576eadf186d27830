"""Staff accounts and sign-in sessions in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from inputdesk.domain.accounts import Role, StaffSession, StaffUser
from inputdesk.domain.submission import AuditEvent
from inputdesk.storage.database import utc
from inputdesk.storage.sealing import SecretSealer, is_sealed
from inputdesk.storage.sql_calls import audit_row
from inputdesk.storage.tables import audit_events
from inputdesk.storage.tables_accounts import staff_sessions, users


class UsernameTaken(ValueError):
    def __str__(self) -> str:
        return f"a user called {self.args[0]!r} exists already; see 'inputdesk user list'"


def _values(u: StaffUser, sealer: SecretSealer | None) -> dict:
    secret = sealer.seal(u.totp_secret) if sealer else u.totp_secret
    return {"username": u.username, "display_name": u.display_name or u.username, "role": u.role.value,
            "password_hash": u.password_hash, "totp_secret": secret, "active": u.active,
            "failed_logins": u.failed_logins, "locked_until": u.locked_until, "totp_last_step": u.totp_last_step,
            "created_at": u.created_at, "last_login_at": u.last_login_at}


def _user(r, sealer: SecretSealer | None) -> StaffUser:
    secret = sealer.open(r.totp_secret) if sealer else r.totp_secret
    return StaffUser(id=r.id, username=r.username, display_name=r.display_name, role=Role(r.role),
                     password_hash=r.password_hash, totp_secret=secret, active=r.active,
                     failed_logins=r.failed_logins, locked_until=utc(r.locked_until), totp_last_step=r.totp_last_step,
                     created_at=utc(r.created_at), last_login_at=utc(r.last_login_at))


class SqlAccountStore:
    """`sealer` encrypts TOTP secrets at rest (the application always passes one; without it they
    are stored as given, as in the storage tests)."""

    def __init__(self, engine: Engine, sealer: SecretSealer | None = None):
        self.engine = engine
        self.sealer = sealer

    def seal_plain_secrets(self) -> int:
        """Seal the TOTP secrets stored before sealing existed; how many there were."""
        if self.sealer is None:
            return 0
        sealed = 0
        with self.engine.begin() as conn:
            for row in conn.execute(select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))):
                if not is_sealed(row.totp_secret):
                    conn.execute(update(users).where(users.c.id == row.id)
                                 .values(totp_secret=self.sealer.seal(row.totp_secret)))
                    sealed += 1
        return sealed

    def add_user(self, user: StaffUser, event: AuditEvent | None = None) -> StaffUser:
        try:
            with self.engine.begin() as conn:
                row = insert(users).values(**_values(user, self.sealer)).returning(users.c.id)
                user.id = conn.execute(row).scalar_one()
                if event is not None:
                    conn.execute(insert(audit_events).values(**audit_row(event)))
        except IntegrityError as exc:
            raise UsernameTaken(user.username) from exc
        return user

    def update_user(self, user: StaffUser, event: AuditEvent | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user.id).values(**_values(user, self.sealer)))
            if event is not None:
                conn.execute(insert(audit_events).values(**audit_row(event)))

    def get_user(self, username: str) -> StaffUser | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).first()
        return None if row is None else _user(row, self.sealer)

    def get_user_by_id(self, user_id: int) -> StaffUser | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        return None if row is None else _user(row, self.sealer)

    def list_users(self) -> list[StaffUser]:
        with self.engine.connect() as conn:
            return [_user(r, self.sealer) for r in conn.execute(select(users).order_by(users.c.username))]

    def claim_totp_step(self, user_id: int, step: int) -> bool:
        """Record `step` as used unless it (or a later one) was used already: each code signs in once,
        even when two requests race with the same code."""
        with self.engine.begin() as conn:
            done = conn.execute(update(users).where(
                users.c.id == user_id,
                (users.c.totp_last_step.is_(None)) | (users.c.totp_last_step < step)).values(totp_last_step=step))
            return done.rowcount == 1

    # --- sessions -------------------------------------------------------------------
    def add_session(self, session: StaffSession) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(staff_sessions).values(
                token_hash=session.token_hash, user_id=session.user_id, created_at=session.created_at,
                last_seen_at=session.last_seen_at, expires_at=session.expires_at))

    def get_session(self, token_hash: str) -> StaffSession | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(staff_sessions).where(staff_sessions.c.token_hash == token_hash)).first()
        if r is None:
            return None
        return StaffSession(r.token_hash, r.user_id, utc(r.created_at), utc(r.last_seen_at), utc(r.expires_at))

    def touch_session(self, token_hash: str, at: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(staff_sessions).where(staff_sessions.c.token_hash == token_hash)
                         .values(last_seen_at=at))

    def delete_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(staff_sessions).where(staff_sessions.c.token_hash == token_hash))

    def delete_sessions_of(self, user_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(staff_sessions).where(staff_sessions.c.user_id == user_id))

    def delete_expired_sessions(self, now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(staff_sessions).where(staff_sessions.c.expires_at < now))
