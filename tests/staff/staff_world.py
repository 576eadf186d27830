"""A desk for console and publication tests: a real InputDesk (SQLite copy of a migrated template, in-process
extraction, the real screens), staff services, fictional PDFs with document metadata, and a signed-in client."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

import pyotp
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from typed_pdfs import typed_pdf

from inputdesk.bootstrap import build_app
from inputdesk.bootstrap_staff import build_staff
from inputdesk.config import Settings
from inputdesk.domain.accounts import Role
from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.submission import SubmissionStatus, SubmitterDetails
from inputdesk.services.calls import ensure_seed_call
from inputdesk.services.intake import IncomingFile
from inputdesk.web.app import create_app

SEED = "sr-sale-children-digital-2024"
# Cheap argon2 for accounts made by tests; the first sign-in rehashes to the production parameters.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery staple"


def make_pdf(*lines: str, author: str = "", title: str = "") -> bytes:
    """A real PDF with a text layer and, optionally, document metadata (as a word processor writes it)."""
    return typed_pdf("\n".join(lines or ("Submission from a test organisation.",)), title=title, author=author)


_TEMPLATE: list[Path] = []


def _template() -> Path:
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="inputdesk-staff-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        with build_app(Settings(data_dir=folder, sandbox=False)) as application:
            ensure_seed_call(application.calls, application.audit)
        _TEMPLATE.append(folder / "inputdesk.db")
    return _TEMPLATE[0]


class World:
    """One InputDesk with its staff services; `client()` gives a web client on the same data."""

    def __init__(self, tmp_path: Path, **settings):
        data_dir = tmp_path / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_template(), data_dir / "inputdesk.db")
        settings.setdefault("web_background_processing", False)
        self.app = build_app(Settings(data_dir=data_dir, sandbox=False, **settings), migrate=False)
        self.staff = build_staff(self.app, password_hasher=FAST)
        self.secrets: dict[str, str | None] = {}

    def close(self) -> None:
        self.staff.close()
        self.app.close()

    # --- people -----------------------------------------------------------------------------
    def user(self, name: str, role: Role, totp: bool | None = True):
        created = self.staff.accounts.add_user(name, role, by="system:test", password=PASSWORD, totp=totp)
        self.secrets[name] = created.totp_secret
        return created.user

    def code(self, name: str) -> str:
        return pyotp.TOTP(self.secrets[name]).now()

    # --- submissions ------------------------------------------------------------------------
    def receive(self, main: bytes, *, filename: str = "submission.pdf", annexes=(), **details):
        details.setdefault("stakeholder_category", "civil_society_hotlines")
        details.setdefault("language", "en")
        [result] = self.app.intake.receive(SEED, IncomingFile(filename, main), [IncomingFile(n, d) for n, d in annexes],
                                           details=SubmitterDetails(**details))
        return self.app.submissions.get_submission(result.submission_id)

    def approve(self, reference: str, reviewer) -> None:
        """What a reviewer does to publish: decide every proposal (accept), confirm the details marked for review
        and the publication choice, approve."""
        self.staff.review.decide_redactions(reviewer, reference, [], RedactionStatus.ACCEPTED)
        self.staff.review.correct_metadata(reviewer, reference, {}, checked=True)
        self.staff.review.set_status(reviewer, reference, SubmissionStatus.APPROVED, confirm_public=True)

    def client(self) -> TestClient:
        return TestClient(create_app(self.app), base_url="http://127.0.0.1", follow_redirects=False)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client: TestClient, world: World, name: str, code: str | None = None):
    form = client.get("/staff/login")
    return client.post("/staff/login", data={"csrf_token": csrf_token(form.text), "username": name,
                                             "password": PASSWORD, "code": code if code is not None
                                             else (world.code(name) if world.secrets.get(name) else "")})


def post(client: TestClient, url: str, data: dict | None = None, page: str = "/staff/"):
    """A console form post with the browser's CSRF token (read from any console page)."""
    token = csrf_token(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **(data or {})})
