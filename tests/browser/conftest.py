"""Browser fixtures: the portal served by uvicorn on loopback, driven by Debian's chromium through Playwright.

Never downloads a browser: `executable_path` points at the `chromium` that scripts/setup-browser.sh installs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from inputdesk.bootstrap import build_app
from inputdesk.config import Settings
from inputdesk.services.calls import ensure_seed_call

from browser_helpers import LiveServer

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(what: str):
    # In CI the setup script installed both; a missing one there is a broken build, not a reason to skip.
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI must run the browser tests; see scripts/setup-browser.sh)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]' (playwright)")
    executable = shutil.which("chromium")
    if not executable:
        _missing("Debian's chromium is not installed: run scripts/setup-browser.sh (apt-get install chromium)")
    if not AXE.exists():
        _missing("axe-core is not installed: run scripts/setup-browser.sh (npm ci in tests/browser)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def inputdesk(tmp_path):
    application = build_app(Settings(data_dir=tmp_path / "data", sandbox=False))
    ensure_seed_call(application.calls, application.audit)
    yield application
    application.close()


@pytest.fixture
def live(inputdesk):
    with LiveServer(inputdesk) as server:
        yield server


@pytest.fixture
def context(chromium):
    # axe is added through the DevTools protocol, which the page's CSP does not govern: the policy stays on.
    ctx = chromium.new_context(viewport={"width": 1024, "height": 800})
    ctx.add_init_script(path=str(AXE))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.csp_violations = []
    pg.on("console", lambda msg: pg.csp_violations.append(msg.text)
          if "Content Security Policy" in msg.text else None)
    yield pg
    assert pg.csp_violations == [], "our own pages broke their own Content-Security-Policy"
