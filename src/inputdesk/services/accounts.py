"""Local staff accounts: argon2id passwords, TOTP second factor, lock-out after failed sign-ins, server sessions.

Sign-in failures all read the same ("user name, password or code is wrong, or the account is locked"), so the
form tells an attacker nothing about which part was right. Unknown user names cost as much time as known ones.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from inputdesk.domain.accounts import Role, StaffSession, StaffUser
from inputdesk.domain.submission import AuditEvent
from inputdesk.ports import AuditLog, Clock

ISSUER = "InputDesk"
MIN_PASSWORD = 12


class AccountStore(Protocol):
    def add_user(self, user: StaffUser, event: AuditEvent | None = None) -> StaffUser: ...
    def update_user(self, user: StaffUser, event: AuditEvent | None = None) -> None: ...
    def get_user(self, username: str) -> StaffUser | None: ...
    def get_user_by_id(self, user_id: int) -> StaffUser | None: ...
    def list_users(self) -> list[StaffUser]: ...
    def claim_totp_step(self, user_id: int, step: int) -> bool: ...
    def add_session(self, session: StaffSession) -> None: ...
    def get_session(self, token_hash: str) -> StaffSession | None: ...
    def touch_session(self, token_hash: str, at: datetime) -> None: ...
    def delete_session(self, token_hash: str) -> None: ...
    def delete_sessions_of(self, user_id: int) -> None: ...
    def delete_expired_sessions(self, now: datetime) -> None: ...


class SignInFailed(Exception):
    def __str__(self) -> str:
        return "the user name, password or code is wrong, or the account is locked after too many failed attempts"


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why."""


@dataclass(frozen=True)
class AccountPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    idle_timeout: timedelta = timedelta(minutes=60)
    max_session: timedelta = timedelta(hours=12)
    totp_required_roles: frozenset[Role] = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class NewCredentials:
    """Shown once, when an account is created or reset: nothing stores the password in the clear."""

    user: StaffUser
    password: str
    totp_secret: str | None
    provisioning_uri: str | None


def totp_required_roles(setting: str) -> frozenset[Role]:
    names = {part.strip() for part in setting.split(",") if part.strip()}
    unknown = names - {r.value for r in Role}
    if unknown:
        raise AccountError(f"unknown role(s) {sorted(unknown)} in staff_totp_required_roles; "
                           "use admin, reviewer, analyst")
    return frozenset(Role(n) for n in names)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountService:
    def __init__(self, store: AccountStore, audit: AuditLog, clock: Clock, policy: AccountPolicy | None = None,
                 hasher: PasswordHasher | None = None):
        self.store = store
        self.audit = audit
        self.clock = clock
        self.policy = policy or AccountPolicy()
        self.hasher = hasher or PasswordHasher()  # argon2id with the library's current recommended parameters
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # --- managing accounts ------------------------------------------------------------
    def add_user(self, username: str, role: Role, *, by: str, display_name: str = "", password: str | None = None,
                 totp: bool | None = None) -> NewCredentials:
        """Create an account. Without a password one is generated; TOTP is on when the role requires it."""
        username = username.strip()
        if not username or len(username) > 80 or any(c.isspace() or c in ":/\\" for c in username):
            raise AccountError("a user name is 1-80 characters, without spaces, ':' or slashes")
        want_totp = totp if totp is not None else role in self.policy.totp_required_roles
        if not want_totp and role in self.policy.totp_required_roles:
            raise AccountError(f"{role.value} accounts must use two-factor sign-in (staff_totp_required_roles)")
        password = self._new_password(password)
        secret = pyotp.random_base32() if want_totp else None
        user = StaffUser(username=username, role=role, display_name=display_name or username,
                         password_hash=self.hasher.hash(password), totp_secret=secret, created_at=self.clock.now())
        self.store.add_user(user, self._event(by, "user.added", user, None, {"role": role.value, "totp": bool(secret)}))
        return NewCredentials(user, password, secret, self.provisioning_uri(user))

    def reset(self, username: str, *, by: str, password: str | None = None, new_totp: bool = True) -> NewCredentials:
        """New password (and TOTP secret), unlocked, every session ended."""
        user = self._existing(username)
        password = self._new_password(password)
        user.password_hash = self.hasher.hash(password)
        if new_totp and (user.totp_secret or user.role in self.policy.totp_required_roles):
            user.totp_secret, user.totp_last_step = pyotp.random_base32(), None
        user.failed_logins, user.locked_until, user.active = 0, None, True
        self.store.update_user(user, self._event(by, "user.reset", user, None, {"totp": user.has_totp}))
        self.store.delete_sessions_of(user.id)
        return NewCredentials(user, password, user.totp_secret, self.provisioning_uri(user))

    def set_active(self, username: str, active: bool, *, by: str) -> StaffUser:
        user = self._existing(username)
        before = {"active": user.active}
        user.active = active
        self.store.update_user(user, self._event(by, "user.enabled" if active else "user.disabled", user, before,
                                                 {"active": active}))
        if not active:
            self.store.delete_sessions_of(user.id)
        return user

    def list_users(self) -> list[StaffUser]:
        return self.store.list_users()

    def provisioning_uri(self, user: StaffUser) -> str | None:
        if not user.totp_secret:
            return None
        return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=ISSUER)

    # --- signing in and out ---------------------------------------------------------------
    def sign_in(self, username: str, password: str, code: str | None) -> tuple[StaffUser, str]:
        """Check password and (when the account has one) TOTP code; returns the user and a new session token."""
        now = self.clock.now()
        user = self.store.get_user(username.strip())
        if user is None:
            self._verify(self._dummy_hash, password)  # the same work as for a real account
            self.audit.append(AuditEvent(actor="anonymous", action="login.failed", entity_type="user",
                                         entity_id="?", at=now, after={"reason": "unknown user"}))
            raise SignInFailed()
        if user.locked_until and user.locked_until > now:
            self._verify(self._dummy_hash, password)
            self.audit.append(self._event("anonymous", "login.refused", user, None, {"reason": "locked"}))
            raise SignInFailed()
        reason = None
        if not user.active:
            reason = "disabled"
        elif not self._verify(user.password_hash, password):
            reason = "password"
        elif user.role in self.policy.totp_required_roles and not user.has_totp:
            reason = "no second factor set up (inputdesk user reset)"
        elif user.has_totp and not self._check_totp(user, code or "", now):
            reason = "code"
        if reason:
            self._record_failure(user, reason, now)
            raise SignInFailed()
        if self.hasher.check_needs_rehash(user.password_hash):
            user.password_hash = self.hasher.hash(password)
        user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
        self.store.update_user(user, self._event(user.actor, "login.succeeded", user, None, {}))
        self.store.delete_expired_sessions(now)
        token = secrets.token_urlsafe(32)
        self.store.add_session(StaffSession(token_hash(token), user.id, now, now, now + self.policy.max_session))
        return user, token

    def user_for_session(self, token: str | None) -> StaffUser | None:
        """The signed-in user, or None when the session is unknown, idle too long, expired or the user disabled."""
        if not token or len(token) > 200:
            return None
        key, now = token_hash(token), self.clock.now()
        session = self.store.get_session(key)
        if session is None:
            return None
        if session.expires_at <= now or session.last_seen_at + self.policy.idle_timeout <= now:
            self.store.delete_session(key)
            return None
        user = self.store.get_user_by_id(session.user_id)
        if user is None or not user.active:
            return None
        if now - session.last_seen_at > timedelta(seconds=30):  # no write on every request
            self.store.touch_session(key, now)
        return user

    def sign_out(self, token: str | None, user: StaffUser | None = None) -> None:
        if token:
            self.store.delete_session(token_hash(token))
        if user is not None:
            self.audit.append(self._event(user.actor, "logout", user, None, {}))

    # --- helpers --------------------------------------------------------------------------
    def _record_failure(self, user: StaffUser, reason: str, now: datetime) -> None:
        user.failed_logins += 1
        after = {"reason": reason, "failures": user.failed_logins}
        if user.failed_logins >= self.policy.max_failures:
            user.locked_until = now + self.policy.lockout
            after["locked_until"] = user.locked_until.isoformat()
        self.store.update_user(user, self._event("anonymous", "login.failed", user, None, after))

    def _check_totp(self, user: StaffUser, code: str, now: datetime) -> bool:
        code = "".join(code.split())
        if not (code.isdigit() and len(code) == 6):
            return False
        totp = pyotp.TOTP(user.totp_secret)
        current = totp.timecode(now)
        for offset in (0, -1, 1):  # one step of clock drift either way
            if secrets.compare_digest(totp.generate_otp(current + offset), code):
                if not self.store.claim_totp_step(user.id, current + offset):
                    return False  # a replayed code (or one older than the last used)
                user.totp_last_step = current + offset  # the account row is saved again after sign-in
                return True
        return False

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    def _new_password(self, password: str | None) -> str:
        if password is None:
            return secrets.token_urlsafe(15)
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
        return password

    def _existing(self, username: str) -> StaffUser:
        user = self.store.get_user(username)
        if user is None:
            raise AccountError(f"no user {username!r}; see 'inputdesk user list'")
        return user

    def _event(self, actor: str, action: str, user: StaffUser, before: dict | None, after: dict) -> AuditEvent:
        return AuditEvent(actor=actor, action=action, entity_type="user", entity_id=user.username,
                          at=self.clock.now(), before=before, after=after)
