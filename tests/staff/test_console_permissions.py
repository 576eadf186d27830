"""Every staff route × every role: anonymous people get nothing, analysts read reviewed material without
confidential identities and change nothing, reviewers review, only admins manage users and release quarantines."""

from __future__ import annotations

import io
import re

import pytest

from inputdesk.bootstrap_analysis import build_analysis
from inputdesk.domain.accounts import Role
from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.pipeline.analysis.embedders import CachingEmbedder, HashingEmbedder
from inputdesk.services.analysis_ports import ThemeRow

from staff_world import SEED, World, csrf_token, make_pdf, sign_in

ANY, REVIEW, ADMIN = "any", "review", "admin"  # who may use a route (besides anonymous people: nobody)
ROUTES = {
    ("GET", "/staff/"): ANY,
    ("GET", "/staff/calls/{call_id}"): ANY,
    ("GET", "/staff/calls/{call_id}/export.{fmt}"): ANY,
    ("GET", "/staff/submissions/{reference}"): ANY,
    ("GET", "/staff/submissions/{reference}/audit"): REVIEW,
    ("GET", "/staff/submissions/{reference}/audit.{fmt}"): REVIEW,
    ("GET", "/staff/documents/{document_id}/original"): REVIEW,
    ("GET", "/staff/documents/{document_id}/preview.png"): REVIEW,
    ("POST", "/staff/submissions/{reference}/status"): REVIEW,
    ("POST", "/staff/submissions/{reference}/confidentiality"): REVIEW,
    ("POST", "/staff/submissions/{reference}/metadata"): REVIEW,
    ("POST", "/staff/submissions/{reference}/link"): REVIEW,
    ("POST", "/staff/submissions/{reference}/unlink"): REVIEW,
    ("POST", "/staff/submissions/{reference}/redactions"): REVIEW,
    ("POST", "/staff/submissions/{reference}/documents/{document_id}/pictures-reviewed"): REVIEW,
    ("POST", "/staff/submissions/{reference}/release"): ADMIN,
    ("GET", "/staff/users"): ADMIN,
    ("POST", "/staff/users"): ADMIN,
    ("POST", "/staff/users/{username}/active"): ADMIN,
    ("GET", "/staff/calls/{call_id}/analysis"): ANY,
    ("GET", "/staff/calls/{call_id}/analysis/questions/{question_id}"): ANY,
    ("GET", "/staff/calls/{call_id}/tags"): ANY,
    ("GET", "/staff/calls/{call_id}/recommendations"): ANY,
    ("GET", "/staff/calls/{call_id}/duplicates"): ANY,
    ("GET", "/staff/calls/{call_id}/report"): ANY,
    ("GET", "/staff/calls/{call_id}/report.{fmt}"): ANY,
    ("GET", "/staff/report.css"): ANY,
    # analysts correct the machine's work: themes and question mappings (never the submissions themselves)
    ("POST", "/staff/calls/{call_id}/analysis/themes/{theme_id}/rename"): ANY,
    ("POST", "/staff/calls/{call_id}/analysis/themes/{theme_id}/merge"): ANY,
    ("POST", "/staff/calls/{call_id}/analysis/themes/{theme_id}/split"): ANY,
    ("POST", "/staff/calls/{call_id}/analysis/passages/{passage_id}/questions"): ANY,
}
# signing in and out, and a redirect to the start page
OPEN = {("GET", "/staff/login"), ("POST", "/staff/login"), ("POST", "/staff/logout"), ("GET", "/staff")}
FORMS = {"status": {"status": "needs_review", "reason": "check again"}, "metadata": {"country": "KE"},
         "confidentiality": {"choice": "confidential"}, "link": {"kind": "duplicate", "target": "SR24-0002"},
         "unlink": {"kind": "duplicate"}, "redactions": {"decision": "reject-all"}, "release": {"reason": "x"},
         "users": {"username": "newbie", "role": "analyst"}, "active": {"active": "no"}}
SECRET = "Northbridge Confidential Unit"  # the confidential submitter's organisation


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("permissions"))
    reviewer = world.user("rita", Role.REVIEWER)
    world.user("anil", Role.ANALYST, totp=False)
    confidential = world.receive(make_pdf("Evidence from a police unit."), filename="okoro-unit-notes.pdf",
                                 annexes=[("okoro-photo.png", picture())], organisation=SECRET,
                                 submitter_name="Daniel Okoro", contact_email="d.okoro@police.example.org",
                                 confidential=True)
    world.staff.review.decide_redactions(reviewer, confidential.reference, [], RedactionStatus.ACCEPTED)
    world.staff.review.set_status(reviewer, confidential.reference, SubmissionStatus.CONFIDENTIAL)
    world.unreviewed = world.receive(make_pdf("Not reviewed yet."), organisation="Pending Org")
    # the actions of the matrix change this one, so the others keep their state for the other tests
    world.target = world.receive(make_pdf("A target for actions."), organisation=SECRET, confidential=True)
    world.confidential = world.app.submissions.get_submission(confidential.id)
    world.analysis = build_analysis(world.app, embedder=CachingEmbedder(HashingEmbedder()))
    world.analysis.analysis.run(SEED)
    # three short PDFs make no clusters: one theme on the confidential submission's passage, for the theme forms
    passage = world.app.submissions.passages_for_submission(world.confidential.id)[0]
    [world.theme] = world.analysis.theme_store.save_question_themes(SEED, "q1", [ThemeRow(
        id=None, call_id=SEED, question_id="q1", keywords=["police"], name=None, named_by=None, is_other=False,
        status="active", merged_into=None, parent_id=None, created_by="machine", representatives=[passage.id],
        members={passage.id: (1.0, "machine")})])
    yield world
    world.close()


def picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.linear_gradient("L").resize((64, 48)).save(out, "PNG")
    return out.getvalue()


def fill(path: str, method: str, desk) -> str:
    s = desk.confidential if method == "GET" else desk.target
    document = s.documents[1] if path.endswith("preview.png") else s.documents[0]
    return (path.replace("{call_id}", SEED).replace("{reference}", s.reference)
            .replace("{document_id}", str(document.id)).replace("{username}", "anil")
            .replace("export.{fmt}", "export.csv").replace("audit.{fmt}", "audit.json")
            .replace("report.{fmt}", "report.md").replace("{question_id}", "q1")
            .replace("{theme_id}", str(desk.theme.id))
            .replace("{passage_id}", str(desk.app.submissions.passages_for_submission(desk.confidential.id)[0].id)))


def staff_routes() -> set[tuple[str, str]]:
    from inputdesk.web import staff

    routes = [r for module in staff.ROUTERS for r in module.router.routes]
    return {(method, route.path) for route in routes for method in route.methods if method != "HEAD"}


def allowed(rule: str, role: str | None) -> bool:
    return role is not None and (rule == ANY or (rule == REVIEW and role != "analyst") or role == "admin")


def client_for(desk, role: str | None):
    """A browser, signed in as a new account of `role` (a TOTP code signs in once: each sign-in needs its own)."""
    client = desk.client()
    client.app.state.analysis = desk.analysis
    client.token = csrf_token(client.get("/staff/login").text)
    if role:
        name = f"{role}{len(desk.secrets)}"
        desk.user(name, Role(role))
        assert sign_in(client, desk, name).status_code == 303
    return client


def test_every_staff_route_is_in_the_permission_table(desk):
    assert staff_routes() == set(ROUTES) | OPEN - {("GET", "/staff")}
    assert desk.client().get("/staff").headers["location"] == "/staff/"


def test_analysts_see_reviewed_material_without_confidential_identities(desk):
    client = client_for(desk, "analyst")
    queue = client.get(f"/staff/calls/{SEED}").text
    page = client.get(f"/staff/submissions/{desk.confidential.reference}").text
    export = client.get(f"/staff/calls/{SEED}/export.csv").text
    for shown in (queue, page, export):
        for secret in (SECRET, "Daniel Okoro", "d.okoro@police.example.org", "okoro-unit-notes"):
            assert secret not in shown
    assert desk.confidential.reference in queue and "Evidence from a police unit." in page
    # not yet reviewed: not in their queue, and not found when asked for directly
    assert desk.unreviewed.reference not in queue and "Pending Org" not in queue
    assert client.get(f"/staff/submissions/{desk.unreviewed.reference}").status_code == 404
    assert client.get(f"/staff/calls/{SEED}?status=needs_review").text.count("<tr>") == 2  # header + "none"
    assert "<form" not in re.sub(r'<form method="post" action="/staff/logout">.*?</form>', "", page, flags=re.S)


def test_reviewers_see_identities_and_the_forms(desk):
    client = client_for(desk, "reviewer")
    page = client.get(f"/staff/submissions/{desk.confidential.reference}").text
    assert SECRET in page and "d.okoro@police.example.org" in page and "okoro-unit-notes.pdf" in page
    assert 'action="/staff/submissions/' in page and "/release" not in page


def test_a_forged_form_without_the_csrf_token_is_refused(desk):
    client = client_for(desk, "reviewer")
    response = client.post(f"/staff/submissions/{desk.unreviewed.reference}/status",
                           data={"status": "rejected", "reason": "spam"})
    assert response.status_code == 403
    assert desk.app.submissions.get_submission(desk.unreviewed.id).status == SubmissionStatus.NEEDS_REVIEW


@pytest.mark.parametrize("role", [None, "analyst", "reviewer", "admin"])
def test_each_role_gets_exactly_what_it_may(desk, role):
    client = client_for(desk, role)
    token = client.token
    before = len(list(desk.app.audit.all_events()))
    problems = []
    for (method, path), rule in ROUTES.items():
        url = fill(path, method, desk)
        if method == "GET":
            response = client.get(url)
        else:
            action = path.rstrip("}").rsplit("/", 1)[-1]
            response = client.post(url, data={"csrf_token": token, **FORMS.get(action, {})})
        body = response.text
        if role is None:
            ok = (response.status_code == 303 and response.headers["location"] == "/staff/login" and body == ""
                  ) if method == "GET" else (response.status_code == 401 and SECRET not in body)
        elif allowed(rule, role):
            ok = response.status_code not in (401, 403, 404, 500)
        else:
            ok = response.status_code == 403 and SECRET not in body
        if not ok:
            problems.append(f"{role} {method} {url}: {response.status_code} {response.headers.get('location', '')}")
    assert not problems, "\n".join(problems)
    events = list(desk.app.audit.all_events())[before:]
    if role in (None, "analyst"):  # nothing they did changed anything
        actions = {e.action for e in events}
        assert not {a for a in actions if a.startswith(("review.", "redaction.", "user.", "publication."))}, actions
    refused = {e.after["route"]: (e.entity_type, e.entity_id) for e in events if e.action == "access.refused"}
    if role == "analyst":  # every attempt beyond their role is on the record, with who, where, and about what
        original = fill("/staff/documents/{document_id}/original", "GET", desk)
        assert refused[f"GET {original}"] == ("document", str(desk.confidential.documents[0].id))
        assert all(e.actor.startswith("user:analyst") for e in events if e.action == "access.refused")
        trail = [e.action for e in desk.app.audit.events_for("document", str(desk.confidential.documents[0].id))]
        assert "access.refused" in trail  # so the submission's own audit page lists it
    elif role is None:
        assert not refused  # no person behind it: nothing to put on their record
