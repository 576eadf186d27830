"""The console over HTTP: signing in with a code, the filtered queue, text beside the original, blurred pictures
served through the content guard, quarantined submissions, exports, the audit log, user management."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from inputdesk.domain.accounts import Role
from inputdesk.domain.submission import SubmissionStatus as S

from staff_world import PASSWORD, SEED, csrf_token, make_pdf, post, sign_in


def picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.radial_gradient("L").resize((120, 90)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def reviewer(world):
    client = world.client()
    assert sign_in(client, world, "rita").headers["location"] == "/staff/"
    return client


def test_sign_in_needs_the_code_and_says_nothing_about_which_part_was_wrong(world):
    client = world.client()
    page = client.get("/staff/login")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    wrong_code = sign_in(client, world, "rita", code="000000")
    wrong_user = sign_in(client, world, "nobody", code="000000")
    assert wrong_code.status_code == wrong_user.status_code == 401
    assert "wrong, or the account is locked" in wrong_code.text
    assert wrong_code.text.replace("rita", "") == wrong_user.text.replace("nobody", "")
    assert "inputdesk_staff=" not in wrong_code.headers.get("set-cookie", "")

    ok = sign_in(client, world, "rita")
    cookie = ok.headers["set-cookie"]
    assert ok.status_code == 303 and "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
    assert client.get("/staff/").status_code == 200
    post(client, "/staff/logout")
    assert client.get("/staff/").headers["location"] == "/staff/login"


def test_after_signing_in_the_page_asked_for_opens(world):
    client = world.client()
    assert client.get(f"/staff/calls/{SEED}?status=needs_review").headers["location"] == "/staff/login"
    assert sign_in(client, world, "rita").headers["location"] == f"/staff/calls/{SEED}?status=needs_review"


def test_sign_in_attempts_are_rate_limited_per_address(tmp_path):
    from staff_world import World

    world = World(tmp_path, staff_login_burst=3, staff_login_rate_per_minute=0.01)
    world.user("rita", Role.REVIEWER)
    client = world.client()
    token = csrf_token(client.get("/staff/login").text)
    codes = [client.post("/staff/login", data={"csrf_token": token, "username": "rita", "password": "x"}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    world.close()


def test_the_queue_filters_by_status_category_country_language_and_flags(world, reviewer):
    a = world.receive(make_pdf("From Kenya."), organisation="Kenya Org", country="KE", language="en")
    b = world.receive(make_pdf("Depuis la France."), organisation="Org France", country="FR", language="fr",
                      stakeholder_category="academics")
    c = world.receive(make_pdf("A child writes."), country="KE", from_child=True)
    world.staff.review.set_status(world.reviewer, b.reference, S.REJECTED, "out of scope")

    def shown(query: str) -> set[str]:
        html = reviewer.get(f"/staff/calls/{SEED}?{query}").text
        return {s.reference for s in (a, b, c) if f">{s.reference}<" in html}

    assert shown("") == {a.reference, b.reference, c.reference}
    assert shown("status=rejected") == {b.reference}
    assert shown("category=academics") == {b.reference}
    assert shown("country=ke") == {a.reference, c.reference}
    assert shown("language=fr") == {b.reference}
    assert shown("flag=from_child") == {c.reference}
    assert shown("flag=pii_found&country=KE") == set()
    assert shown("status=nonsense") == {a.reference, b.reference, c.reference}


def test_the_text_is_shown_beside_the_original_and_pictures_come_only_when_asked_for_through_the_guard(world,
                                                                                                      reviewer):
    s = world.receive(make_pdf("Our findings on online grooming."), organisation="Findings Org",
                      annexes=[("photo.png", picture())])
    page = reviewer.get(f"/staff/submissions/{s.reference}").text
    assert "Our findings on online grooming." in page and 'class="columns"' in page
    main, photo = s.documents
    assert f'href="/staff/documents/{main.id}/original"' in page
    assert "preview.png" not in page and f"?show={photo.id}#document-{photo.id}" in page  # not loaded unasked
    shown = reviewer.get(f"/staff/submissions/{s.reference}?show={photo.id}").text
    assert f'src="/staff/documents/{photo.id}/preview.png"' in shown and "Hide the picture of" in shown
    preview = reviewer.get(f"/staff/documents/{photo.id}/preview.png")
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")
    original = reviewer.get(f"/staff/documents/{main.id}/original")
    assert original.content.startswith(b"%PDF") and original.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in original.headers["content-security-policy"]
    reads = [e for e in world.app.audit.all_events() if e.action == "content.read" and e.actor == "user:rita"]
    assert sorted(e.after["purpose"] for e in reads) == ["download", "preview"]
    assert reviewer.get(f"/staff/documents/{main.id}/preview.png").status_code == 404  # not a picture


def test_a_quarantined_submission_shows_only_hashes_and_match_details(world, reviewer):
    import hashlib

    listed = make_pdf("Listed file.")
    world.staff.screening.lists.import_csv([f"sha256,{hashlib.sha256(listed).hexdigest()},hotline-x,A1\n"],
                                           "hotline", "user:operator")
    s = world.receive(make_pdf("Cover letter text."), organisation="Q Org", annexes=[("annex.pdf", listed)])
    assert s.status == S.QUARANTINED
    page = reviewer.get(f"/staff/submissions/{s.reference}").text
    assert "Quarantined" in page and hashlib.sha256(listed).hexdigest() in page and "hotline" in page
    assert "Cover letter text." not in page and "/original" not in page and "preview.png" not in page
    for doc in s.documents:
        refused = reviewer.get(f"/staff/documents/{doc.id}/original")
        assert refused.status_code == 403 and b"%PDF" not in refused.content
    assert "/release" not in page  # reviewers cannot release
    admin = world.client()
    sign_in(admin, world, "ada")
    assert f'action="/staff/submissions/{s.reference}/release"' in admin.get(f"/staff/submissions/{s.reference}").text


def test_a_reviewer_decides_through_the_forms_and_a_refusal_says_why(world, reviewer):
    s = world.receive(make_pdf("Contact me at lucia@example.org please."), organisation="Forms Org")
    page = f"/staff/submissions/{s.reference}"
    refused = post(reviewer, f"{page}/status", {"status": "approved"}, page)
    assert refused.status_code == 422 and "Confirm that you checked" in refused.text
    assert post(reviewer, f"{page}/redactions", {"decision": "accept"}, page).status_code == 422  # none selected
    item = world.staff.redactions.review_items(s.reference)[0]
    done = post(reviewer, f"{page}/redactions", {"decision": "accept", "proposal": str(item.proposal.id)}, page)
    assert done.status_code == 303 and done.headers["location"] == f"{page}?done=redactions"
    assert "The redaction decisions were recorded." in reviewer.get(done.headers["location"]).text
    post(reviewer, f"{page}/redactions", {"decision": "reject-all"}, page)
    assert post(reviewer, f"{page}/metadata", {"country": "es", "organisation": "Forms Org"}, page).status_code == 303
    unchecked = post(reviewer, f"{page}/status", {"status": "approved", "confirm_public": "yes"}, page)
    assert unchecked.status_code == 422 and "received at" in unchecked.text  # the import date is not the real one
    assert post(reviewer, f"{page}/metadata", {"checked": "yes"}, page).status_code == 303
    assert post(reviewer, f"{page}/status", {"status": "approved", "confirm_public": "yes"}, page).status_code == 303
    assert world.app.submissions.get_submission(s.id).status == S.APPROVED
    public = world.client().get(f"/calls/{SEED}/submissions").text
    assert "Forms Org" in public and "Spain" in public


def test_the_audit_log_of_a_submission_is_viewable_and_exportable(world, reviewer):
    s = world.receive(make_pdf("Audit me."), organisation="Audit Org")
    world.staff.review.set_status(world.reviewer, s.reference, S.REJECTED, "spam")
    reviewer.get(f"/staff/submissions/{s.reference}")
    page = reviewer.get(f"/staff/submissions/{s.reference}/audit").text
    assert "submission.received" in page and "review.status" in page and "spam" in page
    events = json.loads(reviewer.get(f"/staff/submissions/{s.reference}/audit.json").content)
    status = next(e for e in events if e["action"] == "review.status")
    assert status["before"]["status"] == "needs_review" and status["after"]["reason"] == "spam"
    assert any(e["action"] == "submission.viewed" for e in events)
    csv_text = reviewer.get(f"/staff/submissions/{s.reference}/audit.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "id,at,actor,action,entity_type,entity_id,before,after"


def test_staff_exports_in_xlsx_and_csv_with_formulas_neutralised(world, reviewer):
    world.receive(make_pdf("Export me."), organisation="=HYPERLINK(\"http://evil\")", submitter_name="Eve",
                  contact_email="eve@example.org", confidential=True)
    book = load_workbook(io.BytesIO(reviewer.get(f"/staff/calls/{SEED}/export.xlsx").content))
    rows = list(book.active.values)
    assert rows[0][:3] == ("reference", "status", "received_at") and "contact_email" in rows[0]
    assert rows[1][rows[0].index("organisation")] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1][rows[0].index("contact_email")] == "eve@example.org"
    text = reviewer.get(f"/staff/calls/{SEED}/export.csv").content.decode("utf-8-sig")
    assert "eve@example.org" in text and "reference,status" in text.splitlines()[0]
    assert [e.after["format"] for e in world.app.audit.all_events() if e.action == "export.submissions"] == [
        "xlsx", "csv"]


def test_an_admin_adds_a_user_and_sees_the_password_once(world):
    admin = world.client()
    sign_in(admin, world, "ada")
    page = post(admin, "/staff/users", {"username": "newrev", "role": "reviewer", "display_name": "New Reviewer",
                                        "totp": "yes"}, "/staff/users")
    assert page.status_code == 200 and "otpauth://totp/InputDesk:newrev" in page.text
    assert "newrev" in admin.get("/staff/users").text and "otpauth://" not in admin.get("/staff/users").text
    assert post(admin, "/staff/users", {"username": "newrev", "role": "reviewer"}, "/staff/users").status_code == 422
    assert post(admin, "/staff/users/newrev/active", {"active": "no"}, "/staff/users").status_code == 303
    assert not world.staff.accounts.store.get_user("newrev").active
    assert PASSWORD not in admin.get("/staff/users").text
