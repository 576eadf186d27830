"""Portal fixtures: a fresh InputDesk (SQLite, in-process extraction) behind the web app, and a form-filling client."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from inputdesk.web.app import create_app

from portal_helpers import PortalClient, make_inputdesk


@pytest.fixture
def inputdesk(tmp_path):
    application = make_inputdesk(tmp_path)
    yield application
    application.close()


@pytest.fixture
def client(inputdesk):
    with TestClient(create_app(inputdesk), base_url="http://127.0.0.1") as http:
        yield http


@pytest.fixture
def portal(client):
    return PortalClient(client)
