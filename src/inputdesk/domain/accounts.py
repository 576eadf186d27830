"""Staff accounts and what each role may do: the rules, free of storage and web concerns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # users, calls, hash lists, settings, quarantine release; everything a reviewer does
    REVIEWER = "reviewer"  # review queue, metadata, confidentiality, redactions, publication
    ANALYST = "analyst"  # reads reviewed, non-quarantined material; analysis and reports; changes nothing


class Permission(StrEnum):
    VIEW_QUEUE = "view_queue"
    VIEW_ALL_STATUSES = "view_all_statuses"  # unreviewed, withdrawn, rejected and quarantined submissions
    VIEW_IDENTITIES = "view_identities"  # names, organisations and e-mails of confidential submitters
    VIEW_ORIGINALS = "view_originals"  # received files (through the content guard)
    VIEW_AUDIT = "view_audit"
    REVIEW = "review"  # status, metadata, confidentiality, redactions, links, picture review
    EXPORT = "export"
    PUBLISH = "publish"  # static site and open-data exports
    MANAGE_USERS = "manage_users"
    RELEASE_QUARANTINE = "release_quarantine"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.REVIEWER: frozenset(Permission) - {Permission.MANAGE_USERS, Permission.RELEASE_QUARANTINE},
    Role.ANALYST: frozenset({Permission.VIEW_QUEUE, Permission.EXPORT}),
}


@dataclass
class StaffUser:
    username: str
    role: Role
    display_name: str = ""
    password_hash: str = ""
    totp_secret: str | None = None  # base32; None: no second factor
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    totp_last_step: int | None = None  # the last TOTP time step accepted: a code works once
    created_at: datetime | None = None
    last_login_at: datetime | None = None
    id: int | None = None

    def can(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]

    @property
    def actor(self) -> str:
        """How the audit log names this person."""
        return f"user:{self.username}"

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret)


@dataclass
class StaffSession:
    token_hash: str  # SHA-256 of the cookie value: a copy of the table is no set of live sessions
    user_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
