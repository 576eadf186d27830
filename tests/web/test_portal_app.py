"""Wiring: the app factory, the serve command, draft expiry, the rate limiter's arithmetic."""

from __future__ import annotations

import os
import time

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from inputdesk.cli.main import app as cli
from inputdesk.web.app import create_app
from inputdesk.web.drafts import DraftStore, StagedFile, new_token
from inputdesk.web.security import RateLimiter

from portal_helpers import SEED, make_inputdesk, valid_adult_fields


def test_the_factory_builds_the_app_at_startup_and_closes_it_at_shutdown(tmp_path):
    built = []

    def factory():
        built.append(make_inputdesk(tmp_path))
        return built[-1]

    web = create_app(factory)
    assert built == []  # nothing opened before the server starts
    with TestClient(web) as http:
        assert http.get(f"/calls/{SEED}").status_code == 200
    assert len(built) == 1


def test_serve_is_a_documented_command():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--data-dir", "--database-url", "--host", "--port"):
        assert option in result.output


def test_expired_drafts_and_stray_uploads_are_swept(tmp_path):
    store = DraftStore(tmp_path / "staging", ttl_s=60)
    draft = store.start(new_token(), SEED, "adult", owner="o")
    upload = tmp_path / "upload"
    upload.write_bytes(b"annex")
    store.adopt(draft, upload, StagedFile("f1", "annex", "a.txt", 5, "0" * 64, "text"))
    store.save(draft)
    store.incoming.mkdir(parents=True)
    stray = store.incoming / "in-deadbeef"
    stray.write_bytes(b"half an upload")
    assert store.load(draft.token, "o") is not None
    assert store.load(draft.token, "someone else") is None

    old = time.time() - 7200
    os.utime(stray, (old, old))
    os.utime(tmp_path / "staging" / "drafts" / draft.token, (old, old))
    assert store.sweep(force=True) == 2
    assert not stray.exists() and store.load(draft.token, "o") is None


def test_staging_is_emptied_once_the_submission_is_stored(inputdesk, client, portal):
    portal.submit(valid_adult_fields(), [("annexes", ("survey.txt", b"numbers", "text/plain"))])
    staging = inputdesk.settings.data_dir / "staging"
    assert [p for p in staging.rglob("*") if p.is_file()] == []


def test_the_rate_limiter_refills_over_time():
    now = [0.0]
    limiter = RateLimiter(per_minute=6, burst=2, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    assert limiter.hit("a") == 10.0  # one token every ten seconds
    assert limiter.hit("b") == 0  # addresses do not share a bucket
    now[0] = 10.0
    assert limiter.hit("a") == 0
