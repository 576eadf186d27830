"""The analysis pages of the console: an analysed call (the analysis tests' eight submissions, three of them
approved), read by each role, corrected by an analyst through the forms."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from analysis.world import CALL, build_world
from inputdesk.bootstrap_analysis import build_analysis
from inputdesk.domain.accounts import Role
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.pipeline.analysis.embedders import CachingEmbedder, HashingEmbedder

from staff_world import World, csrf_token, sign_in

PAGES = ("analysis", "analysis/questions/q1", "tags", "recommendations", "duplicates", "report")
UNREVIEWED = "Existe una brecha importante"  # T-02 stays unreviewed
CONFIDENTIAL_ORG = "Org T-08"  # T-08 is confidential


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("analysis-pages"))
    _, _, subs = build_world(world.app.engine)
    for ref in ("T-01", "T-03", "T-06"):
        subs.update_submission(replace(subs.get_by_reference(ref), status=SubmissionStatus.APPROVED))
    world.analysis = build_analysis(world.app, embedder=CachingEmbedder(HashingEmbedder()))
    yield world
    world.close()


@pytest.fixture(scope="module")
def analysed(desk):
    desk.analysis.analysis.run(CALL)
    return desk


def browser(desk, role: str | None):
    """A browser signed in as a new account of `role` (a TOTP code signs in once: each sign-in needs its own);
    `client.name` is who the console records."""
    client = desk.client()
    client.app.state.analysis = desk.analysis
    client.name = None
    if role:
        client.name = f"{role}{len(desk.secrets)}"
        desk.user(client.name, Role(role))
        assert sign_in(client, desk, client.name).status_code == 303
    return client


def question_ids(desk) -> list[str]:
    return [q.id for q in desk.app.calls.get_call(CALL).questions]


def test_before_the_analysis_runs_each_page_says_which_command_to_run(desk):
    if desk.analysis.store.jobs(CALL):
        pytest.skip("the module's analysis already ran")
    client = browser(desk, "reviewer")
    for path in PAGES:
        response = client.get(f"/staff/calls/{CALL}/{path}")
        assert response.status_code == 200, path
        assert f"inputdesk analyse {CALL}" in response.text, path


def test_anonymous_people_are_sent_to_sign_in(analysed):
    client = browser(analysed, None)
    for path in PAGES + ("report.md",):
        response = client.get(f"/staff/calls/{CALL}/{path}")
        assert response.status_code == 303 and response.headers["location"] == "/staff/login", path


@pytest.mark.parametrize("role", ["admin", "reviewer", "analyst"])
def test_every_page_renders_for_every_role(analysed, role):
    client = browser(analysed, role)
    q1 = question_ids(analysed)[0]
    for path in PAGES:
        response = client.get(f"/staff/calls/{CALL}/{path.replace('q1', q1)}")
        assert response.status_code == 200, (role, path)
        assert "<h1>" in response.text and "inputdesk analyse" not in response.text
    overview = client.get(f"/staff/calls/{CALL}/analysis").text
    assert f"/staff/calls/{CALL}/analysis/questions/{q1}" in overview and "Representative passages" in overview
    report = client.get(f"/staff/calls/{CALL}/report").text
    assert 'class="evidence-digest"' in report and 'href="/staff/report.css"' in report
    assert client.get("/staff/report.css").headers["content-type"].startswith("text/css")
    download = client.get(f"/staff/calls/{CALL}/report.md")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]


def test_analysts_see_reviewed_material_only_and_never_confidential_names(analysed):
    analyst, reviewer = browser(analysed, "analyst"), browser(analysed, "reviewer")
    seen = {p: analyst.get(f"/staff/calls/{CALL}/{p.replace('q1', question_ids(analysed)[0])}").text for p in PAGES}
    everything = "".join(seen.values())
    assert CONFIDENTIAL_ORG not in everything
    assert UNREVIEWED not in everything and "T-02" not in everything and "T-04" not in everything
    assert "T-01" in seen["analysis"] or "T-06" in seen["analysis"]
    # the campaign letter (T-04, T-05: unreviewed) is for reviewers only
    duplicates = reviewer.get(f"/staff/calls/{CALL}/duplicates").text
    assert "T-04" in duplicates
    pairs = re.findall(r"<tr><td>shared passage</td>.*?>(T-\d+)</a></td><td><a[^>]*>(T-\d+)<", duplicates)
    assert len(pairs) == len(set(pairs))  # one row per pair of submissions, with how many passages they share
    assert "T-04" not in seen["duplicates"]
    # unreviewed submissions in the digest: reviewers may ask, analysts may not
    assert "unreviewed" in reviewer.get(f"/staff/calls/{CALL}/report").text
    assert 'name="unreviewed"' not in seen["report"]
    with_unreviewed = analyst.get(f"/staff/calls/{CALL}/report?unreviewed=1").text
    assert "T-02" not in with_unreviewed and UNREVIEWED not in with_unreviewed


def _post(client, url: str, data: dict):
    token = csrf_token(client.get("/staff/").text)
    return client.post(url, data={"csrf_token": token, **data})


def test_an_analyst_renames_a_theme_and_corrects_a_mapping(analysed):
    client = browser(analysed, "analyst")
    services = analysed.analysis
    theme = next(t for t in services.theme_store.themes(CALL) if not t.is_other)
    response = _post(client, f"/staff/calls/{CALL}/analysis/themes/{theme.id}/rename",
                     {"name": "Sextortion by pretence"})
    assert response.status_code == 303
    assert services.theme_store.theme(theme.id).name == "Sextortion by pretence"
    assert services.theme_store.theme(theme.id).named_by == client.name
    page = client.get(response.headers["location"]).text
    assert "Sextortion by pretence" in page and "The theme was renamed." in page

    t06 = analysed.app.submissions.get_by_reference("T-06")
    passage = analysed.app.submissions.passages_for_submission(t06.id)[0]
    last = question_ids(analysed)[-1]
    response = _post(client, f"/staff/calls/{CALL}/analysis/passages/{passage.id}/questions",
                     {"question": last, "back": last})
    assert response.status_code == 303
    mine = [m for m in services.store.mappings(CALL) if m.passage_id == passage.id and m.assigned_by == "person"]
    assert {m.question_id for m in mine if m.decision == "yes"} == {last}
    assert {m.analyst for m in mine} == {client.name}
    actors = {(e.actor, e.action) for e in analysed.app.audit.all_events()}
    assert {(f"user:{client.name}", "theme.rename"), (f"user:{client.name}", "mapping.set")} <= actors


def test_an_analyst_cannot_correct_a_passage_they_may_not_read(analysed):
    client = browser(analysed, "analyst")
    t02 = analysed.app.submissions.get_by_reference("T-02")  # unreviewed
    passage = analysed.app.submissions.passages_for_submission(t02.id)[0]
    before = len(analysed.analysis.store.mappings(CALL))
    response = _post(client, f"/staff/calls/{CALL}/analysis/passages/{passage.id}/questions", {"question": "q1"})
    assert response.status_code == 404 and len(analysed.analysis.store.mappings(CALL)) == before


def test_split_then_merge_through_the_forms(analysed):
    client = browser(analysed, "reviewer")
    services = analysed.analysis
    theme = next(t for t in services.theme_store.themes(CALL) if not t.is_other and len(t.members) >= 2)
    moving = sorted(theme.members)[0]
    assert _post(client, f"/staff/calls/{CALL}/analysis/themes/{theme.id}/split",
                 {"passage": str(moving), "name": "Split off"}).status_code == 303
    [child] = [t for t in services.theme_store.themes(CALL, theme.question_id) if t.name == "Split off"]
    assert set(child.members) == {moving} and moving not in services.theme_store.theme(theme.id).members
    assert "Split off" in client.get(f"/staff/calls/{CALL}/analysis/questions/{theme.question_id}").text

    assert _post(client, f"/staff/calls/{CALL}/analysis/themes/{theme.id}/merge",
                 {"source": str(child.id)}).status_code == 303
    assert moving in services.theme_store.theme(theme.id).members
    assert services.theme_store.theme(child.id).merged_into == theme.id


def test_a_merge_without_a_theme_chosen_says_what_to_do(analysed):
    client = browser(analysed, "analyst")
    theme = next(t for t in analysed.analysis.theme_store.themes(CALL) if not t.is_other)
    response = _post(client, f"/staff/calls/{CALL}/analysis/themes/{theme.id}/merge", {})
    assert response.status_code == 422 and "choose at least one theme" in response.text


def test_a_form_without_the_csrf_token_is_refused(analysed):
    client = browser(analysed, "analyst")
    theme = next(t for t in analysed.analysis.theme_store.themes(CALL) if not t.is_other)
    before = analysed.analysis.theme_store.theme(theme.id).name
    response = client.post(f"/staff/calls/{CALL}/analysis/themes/{theme.id}/rename", data={"name": "Forged"})
    assert response.status_code == 403
    assert analysed.analysis.theme_store.theme(theme.id).name == before


def test_an_analyst_splits_a_theme_holding_passages_they_may_not_read(analysed):
    client = browser(analysed, "analyst")
    services = analysed.analysis
    unreviewed = {p.id for p in analysed.app.submissions.passages_for_submission(
        analysed.app.submissions.get_by_reference("T-02").id)}
    themes = services.theme_store.themes(CALL)
    theme = next((t for t in themes if not t.is_other and unreviewed & set(t.members)
                  and len(set(t.members) - unreviewed) >= 1), None)
    if theme is None:  # make one: pin an unreviewed passage into a theme of a question it answers
        theme = next(t for t in themes if not t.is_other and t.members)
        hidden = next(iter(unreviewed))
        services.theme_store.set_member(theme.question_id, hidden, theme.id, 1.0, "person", "test")
    readable = sorted(set(services.theme_store.theme(theme.id).members) - unreviewed)
    response = _post(client, f"/staff/calls/{CALL}/analysis/themes/{theme.id}/split",
                     {"passage": str(readable[0]), "name": "Readable part"})
    assert response.status_code == 303
    [child] = [t for t in services.theme_store.themes(CALL, theme.question_id) if t.name == "Readable part"]
    assert set(child.members) == {readable[0]}


def test_an_analyst_sees_theme_words_drawn_only_from_text_they_may_read(analysed):
    store = analysed.analysis.theme_store
    theme = next(t for t in store.themes(CALL) if not t.is_other and not t.name and t.members)
    stored = list(theme.keywords)
    theme.keywords = ["marrowbone", "quillfeather"]  # as if the run had labelled it from a name and unread text
    store.update_theme(theme)
    try:
        analyst = browser(analysed, "analyst").get(f"/staff/calls/{CALL}/analysis/questions/{theme.question_id}")
        reviewer = browser(analysed, "reviewer").get(f"/staff/calls/{CALL}/analysis/questions/{theme.question_id}")
    finally:
        theme.keywords = stored
        store.update_theme(theme)
    assert analyst.status_code == 200 and "marrowbone" not in analyst.text and "quillfeather" not in analyst.text
    assert "marrowbone" in reviewer.text  # reviewers read everything as received
