"""A reviewer in a real browser: signs in with a password and an authenticator code, works through the queue,
asks to see a picture, accepts redactions, approves; the public page then lists the submission under its
category, and a confidential one never appears. axe-core checks every page: no serious or critical violation."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "staff"))

from browser_helpers import LiveServer, check_accessibility  # noqa: E402
from staff_world import PASSWORD, SEED, World, make_pdf  # noqa: E402

from inputdesk.domain.accounts import Role  # noqa: E402

pytestmark = pytest.mark.browser


def picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.radial_gradient("L").resize((160, 120)).convert("RGB").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def desk(tmp_path):
    world = World(tmp_path)
    world.user("rita", Role.REVIEWER)
    world.public = world.receive(
        make_pdf("Submission of the Harbour Network on grooming in online games.",
                 "Our contact person can be reached at lena.harbour@example.org."),
        organisation="Harbour Network", country="KE", annexes=[("chart.png", picture())])
    world.secret = world.receive(make_pdf("Evidence from an investigation unit, in confidence."),
                                 organisation="Quiet Investigation Unit", stakeholder_category="law_enforcement",
                                 confidential=True)
    yield world
    world.close()


def assert_accessible(page):
    assert check_accessibility(page) == [], page.url


def test_a_reviewer_signs_in_with_two_factors_reviews_and_publishes(desk, chromium, page):
    with LiveServer(desk.app) as live:
        page.goto(f"{live.url}/staff/")
        assert page.get_by_role("heading", name="Sign in to the staff console").is_visible()
        assert_accessible(page)
        page.get_by_label("User name").fill("rita")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label(re.compile("Authentication code")).fill(desk.code("rita"))
        page.get_by_role("button", name="Sign in").click()

        assert page.get_by_role("heading", name="Calls for input").is_visible()
        assert_accessible(page)
        page.get_by_role("link", name=re.compile("Call for input: existing and emerging threats")).click()
        assert page.get_by_role("heading", name=re.compile("Review queue")).is_visible()
        assert_accessible(page)
        page.get_by_label("PII found").check()
        page.get_by_role("button", name="Filter").click()
        assert page.get_by_role("link", name=desk.public.reference).is_visible()
        assert page.get_by_role("link", name=desk.secret.reference).count() == 0
        page.get_by_role("link", name=desk.public.reference).click()

        assert page.get_by_role("heading", name=re.compile(desk.public.reference)).is_visible()
        assert "grooming in online games" in page.locator(".passage").first.inner_text()
        assert_accessible(page)
        assert page.locator(".picture img").count() == 0  # no picture is loaded before the reviewer asks
        page.get_by_role("link", name=re.compile("Show the picture of Annex 1")).click()
        assert page.locator(".picture img").evaluate("img => img.complete && img.naturalWidth > 0")
        page.get_by_role("button", name="Pictures of Annex 1 reviewed: may be published").click()
        assert page.get_by_text("The pictures were marked as reviewed.").is_visible()

        page.get_by_role("button", name="Accept all undecided").click()
        assert page.get_by_text("The redaction decisions were recorded.").is_visible()
        assert_accessible(page)
        page.get_by_label("Approve for publication").check()
        page.get_by_label("I checked that the submitter agreed to publication").check()
        page.get_by_role("button", name="Save the decision").click()
        assert page.get_by_text(re.compile("check the details marked 'needs review' first", re.IGNORECASE)).is_visible()
        page.get_by_label("All details checked").check()
        page.get_by_role("button", name="Save the details").click()
        page.get_by_label("Approve for publication").check()
        page.get_by_label("I checked that the submitter agreed to publication").check()
        page.get_by_role("button", name="Save the decision").click()
        assert page.locator("h1 .badge").inner_text() == "approved"
        assert_accessible(page)

        page.goto(f"{live.url}/staff/submissions/{desk.secret.reference}")
        page.get_by_label("Keep confidential (used, never published)").check()
        page.get_by_role("button", name="Save the decision").click()
        assert page.locator("h1 .badge").inner_text() == "confidential"

        page.goto(f"{live.url}/calls/{SEED}")
        page.get_by_role("link", name="Submissions received").click()
        assert_accessible(page)
        section = page.get_by_role("heading", name="Civil society and hotline organizations")
        assert section.is_visible()
        row = page.get_by_role("row", name=re.compile("Harbour Network"))
        assert "Kenya" in row.inner_text()
        assert "Quiet Investigation Unit" not in page.content()
        assert page.get_by_role("heading", name="Law enforcement").count() == 0
        with page.expect_download() as download:
            row.get_by_role("link", name="Annex 1 (cleaned copy)").click()
        assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG")
        href = row.get_by_role("link", name=re.compile("Text of the submission")).get_attribute("href")
        text = page.request.get(live.url + href)
        assert text.ok and text.body().startswith(b"%PDF") and b"lena.harbour" not in text.body()

        page.goto(f"{live.url}/calls/{SEED}/submissions?lang=fr")
        assert page.get_by_role("heading", name="Contributions reçues").is_visible()
        assert_accessible(page)
        page.goto(f"{live.url}/staff/")
        page.get_by_role("button", name="Sign out").click()
        assert page.get_by_role("heading", name="Sign in to the staff console").is_visible()
