"""Helpers for the portal tests: real PDFs, form tokens, the error summary, a form-filling client."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from typed_pdfs import typed_pdf

from inputdesk.bootstrap import build_app
from inputdesk.config import Settings
from inputdesk.services.calls import ensure_seed_call

SEED = "sr-sale-children-digital-2024"


def make_pdf(*lines: str) -> bytes:
    """A small real PDF with a text layer, as a submitter's word processor would export it."""
    return typed_pdf("\n".join(lines or ("Submission from a test organisation.",)))


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name!r} in the page"
    return match.group(1)


def summary_links(html: str) -> list[tuple[str, str]]:
    """(anchor, message) of each entry in the error summary."""
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    if not block:
        return []
    return [(a, re.sub(r"\s+", " ", m).strip())
            for a, m in re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', block.group(0), re.S)]


def valid_adult_fields(**overrides) -> dict:
    fields = {"name": "Amina Diallo", "organisation": "Child Rights Network", "category": "civil_society_hotlines",
              "country": "SN", "email": "amina@example.org", "language": "en", "confidentiality": "confidential",
              "consent": "yes", "website": "",
              "answer_q1": "Offenders use encrypted messaging and AI image generators.",
              "answer_q2": "Safety by design, and age-appropriate defaults."}
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


@dataclass
class FormPage:
    csrf: str
    draft: str
    html: str


class PortalClient:
    """Drives the portal as a browser would: read the form's tokens, post fields and files, follow the steps."""

    def __init__(self, client: TestClient, call_id: str = SEED):
        self.http = client
        self.call_id = call_id

    def open_form(self, path: str = "submit") -> FormPage:
        page = self.http.get(f"/calls/{self.call_id}/{path}")
        assert page.status_code == 200, page.text
        return FormPage(hidden(page.text, "csrf_token"), hidden(page.text, "draft"), page.text)

    def post_form(self, fields: dict, files: list | None = None, path: str = "submit", form: FormPage | None = None):
        form = form or self.open_form(path)
        data = {"csrf_token": form.csrf, "draft": form.draft, **fields}
        # An empty file part is what a browser sends for a file input left empty; it also forces multipart.
        parts = files if files else [("main_document", ("", b"", "application/octet-stream"))]
        return self.http.post(f"/calls/{self.call_id}/{path}", data=data, files=parts, follow_redirects=False)

    def confirm(self, review_url: str, path: str = "submit"):
        review = self.http.get(review_url)
        assert review.status_code == 200, review.text
        return self.http.post(f"/calls/{self.call_id}/{path}/confirm", follow_redirects=False, data={
            "csrf_token": hidden(review.text, "csrf_token"), "draft": hidden(review.text, "draft")})

    def submit(self, fields: dict, files: list | None = None, path: str = "submit") -> str:
        """The whole flow; returns the receipt URL."""
        staged = self.post_form(fields, files, path)
        assert staged.status_code == 303, summary_links(staged.text) or staged.text[:500]
        sent = self.confirm(staged.headers["location"], path)
        assert sent.status_code == 303, sent.text[:500]
        return sent.headers["location"]


_TEMPLATE: list[Path] = []


def _migrated_template() -> Path:
    """One migrated database with the seed call, made once per test session and copied for each test.

    Migrating a fresh database per test cost more than most tests themselves; a copy is a fresh database too.
    """
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="inputdesk-web-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        with build_app(Settings(data_dir=folder, sandbox=False)) as application:
            ensure_seed_call(application.calls, application.audit)
        _TEMPLATE.append(folder / "inputdesk.db")
    return _TEMPLATE[0]


def make_inputdesk(tmp_path, **settings):
    data_dir = tmp_path / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_template(), data_dir / "inputdesk.db")
    return build_app(Settings(data_dir=data_dir, sandbox=False, **settings), migrate=False)
