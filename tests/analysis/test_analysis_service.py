"""Running the analysis on a stored call (SQLite and PostgreSQL): jobs, incremental runs, exclusions,
corrections that survive re-runs, agreement, theme edits that survive re-runs, and search."""

from __future__ import annotations

import pytest

from inputdesk.services.analysis_ports import SearchFilters

from .world import CALL, SEXTORTION_EN, add_submission

pytestmark = pytest.mark.postgres


def refs(world, passage_ids):
    contexts = {c.passage.id: c.reference for c in world.services.store.analysis_inputs(CALL)}
    return {contexts[p] for p in passage_ids if p in contexts}


def passage_id(world, reference, contains):
    return next(c.passage.id for c in world.services.store.analysis_inputs(CALL)
                if c.reference == reference and contains in c.passage.text)


def test_a_run_records_a_job_per_stage_and_per_question_and_maps_by_structure(world):
    summary = world.services.analysis.run(CALL)
    jobs = world.services.store.jobs(CALL, summary.run_id)
    assert {j.stage for j in jobs} == {"embed", "map", "tag", "recommendations", "duplicates", "themes"}
    assert {j.question_id for j in jobs if j.stage == "themes"} == {f"q{n}" for n in range(1, 10)}
    assert all(j.status == "done" for j in jobs) and not summary.failed_jobs
    rows = [r for r in world.services.reports.passage_mappings(CALL, reference="T-02")
            if r[0].document_role == "main"]  # its annex is free text, mapped by meaning
    assert [[m[0] for m in ms] for _, ms in rows] == [["q2"], ["q3"]]
    assert all(ms[0][2] == "structure" for _, ms in rows)


def test_quarantined_submissions_are_never_analysed_or_found(world):
    world.services.analysis.run(CALL)
    assert "T-07" not in {c.reference for c in world.services.store.analysis_inputs(CALL)}
    assert "T-07" not in {h.reference for h in world.services.search.search(CALL, "sextortion", limit=50)}


def test_a_second_run_only_embeds_what_is_new(world):
    world.services.analysis.run(CALL)
    assert world.services.analysis.run(CALL).new_or_changed == 0
    add_submission(world.submissions, "T-09", [(None, "Grooming on gaming platforms rose sharply last year.")])
    assert world.services.analysis.run(CALL).new_or_changed == 1


def test_corrections_win_over_the_machine_survive_re_runs_and_feed_agreement(world):
    world.services.analysis.run(CALL)
    pid = passage_id(world, "T-06", "Sextortion")
    world.services.review.set_questions(CALL, pid, ["q7"], "amina")
    world.services.analysis.run(CALL)
    (context, mappings), = [r for r in world.services.reports.passage_mappings(CALL) if r[0].passage.id == pid]
    assert [(m[0], m[3], m[4]) for m in mappings] == [("q7", "person", "amina")]
    agreement = world.services.review.agreement(CALL)
    assert agreement.decisions == 9 and agreement.true_negative >= 6
    with pytest.raises(ValueError, match="has no question q42"):
        world.services.review.set_questions(CALL, pid, ["q42"], "amina")


def test_duplicates_campaigns_joint_and_shared_annexes_are_found(world):
    world.services.analysis.run(CALL)
    relations = {(kind, a, b) for kind, level, a, b, *_ in world.services.reports.relations(CALL)}
    assert ("campaign", "T-04", "T-05") in relations
    assert ("joint", "T-03", None) in relations
    assert ("shared_annex", "T-01", "T-02") in relations
    assert not any("T-07" in (a, b) for _, a, b in relations)


def test_recommendations_are_listed_by_addressee(world):
    world.services.analysis.run(CALL)
    by_addressee = world.services.reports.recommendations_by_addressee(CALL)
    assert {"T-01", "T-02", "T-03"} <= {r.reference for r in by_addressee["states"]}


def test_theme_names_merges_and_splits_survive_a_re_run(world):
    world.services.analysis.run(CALL)
    themes = world.services.themes
    q2 = [t for t in world.services.theme_store.themes(CALL, "q2") if not t.is_other]
    assert q2, "q2 has themes"
    named = themes.rename(q2[0].id, "Reporting tools for children", "amina")
    if len(q2) > 1:
        themes.merge(q2[0].id, [t.id for t in q2[1:]], "amina")
    members = sorted(world.services.theme_store.theme(named.id).members)
    if len(members) > 1:
        vectors = world.services.store.vectors(CALL, "hashing-256")
        themes.split(named.id, "amina", passage_ids=members[:1], vectors=vectors)
    add_submission(world.submissions, "T-10", [("Question 2", "States should fund hotlines for children.")])
    world.services.analysis.run(CALL)
    after = {t.id: t for t in world.services.theme_store.themes(CALL, "q2")}
    assert after[named.id].name == "Reporting tools for children"
    if len(members) > 1:
        child = next(t for t in after.values() if t.parent_id == named.id)
        assert members[0] in child.members and members[0] not in after[named.id].members


def test_full_text_and_semantic_search_respect_filters_and_the_public_flag(world):
    world.services.analysis.run(CALL)
    search = world.services.search
    found = {h.reference for h in search.search(CALL, "sextortion teenagers")}
    assert {"T-01", "T-06", "T-08"} <= found
    assert {h.reference for h in search.search(CALL, "sextortion teenagers", SearchFilters(public_only=True))} == {
        "T-06"}
    assert {h.reference for h in search.search(CALL, "sextortion", SearchFilters(category="law_enforcement"))} == {
        "T-01", "T-06"}
    assert {h.reference for h in search.search(CALL, "sextorsion", SearchFilters(language=None, country="SN"))} == {
        "T-03"}
    tagged = search.search(CALL, SEXTORTION_EN, SearchFilters(tag="harm:sextortion"), semantic=True, limit=3)
    assert tagged and tagged[0].reference in {"T-01", "T-06", "T-08"} and tagged[0].score > 0.9


def test_a_failing_stage_is_recorded_and_retried_alone(world):
    stages_for = world.services.analysis.stages_for

    class Broken:
        def tag(self, text):
            raise RuntimeError("taxonomy file missing")

    def broken_stages(call):
        stages = stages_for(call)
        stages.tagger = Broken()
        return stages

    world.services.analysis.stages_for = broken_stages
    summary = world.services.analysis.run(CALL)
    tag_job, = [j for j in world.services.store.jobs(CALL, summary.run_id) if j.stage == "tag"]
    assert tag_job.status == "done" and tag_job.failed > 0  # each passage failed, the stage itself finished
    world.services.analysis.stages_for = stages_for
    assert world.services.analysis.retry_failed(CALL) is None  # no job failed as a whole


def test_a_job_that_fails_as_a_whole_is_retried_alone(world):
    stages_for = world.services.analysis.stages_for

    class BrokenThemes:
        def themes(self, passages, vectors):
            raise MemoryError("out of memory while clustering")

    def broken(call):
        stages = stages_for(call)
        stages.themes = BrokenThemes()
        return stages

    world.services.analysis.stages_for = broken
    failed = world.services.analysis.run(CALL)
    assert failed.failed_jobs and all(line.startswith("themes q") for line in failed.failed_jobs)
    world.services.analysis.stages_for = stages_for
    retry = world.services.analysis.retry_failed(CALL)
    jobs = world.services.store.jobs(CALL, retry.run_id)
    assert {j.stage for j in jobs} == {"embed", "themes"} and all(j.status == "done" for j in jobs)
    assert retry.new_or_changed == 0


def test_reports_and_search_narrow_to_the_statuses_a_reader_may_see(world):
    world.services.analysis.run(CALL)
    analyst = frozenset({"approved", "confidential"})  # services.access.ANALYST_STATUSES
    hits = world.services.search.search(CALL, "sextortion", SearchFilters(statuses=analyst))
    assert {h.reference for h in hits} == {"T-06", "T-08"}
    seen = {r.reference for r in world.services.reports.recommendations(CALL, statuses=analyst)}
    assert "T-01" not in seen


def test_corrections_name_a_passage_and_a_theme_of_its_question(world):
    world.services.analysis.run(CALL)
    with pytest.raises(ValueError, match="has no analysed passage 999999"):
        world.services.review.set_questions(CALL, 999999, ["q1"], "amina")
    with pytest.raises(ValueError, match="has no analysed passage 999999"):
        world.services.review.decide(CALL, 999999, "q1", True, "amina")
    themes = world.services.theme_store.themes(CALL)
    theme = next(t for t in themes if not t.is_other and t.members)
    elsewhere = next(p for t in themes if t.question_id != theme.question_id for p in t.members
                     if p not in theme.members and theme.question_id not in {
                         m.question_id for m in world.services.store.mappings(CALL)
                         if m.passage_id == p and m.decision == "yes"})
    with pytest.raises(ValueError, match=f"does not answer {theme.question_id}"):
        world.services.themes.move(elsewhere, theme.id, "amina")
    assert elsewhere not in world.services.theme_store.theme(theme.id).members
    world.services.review.decide(CALL, elsewhere, theme.question_id, True, "amina")
    world.services.themes.move(elsewhere, theme.id, "amina")  # once it answers the question, it may move
    assert world.services.theme_store.theme(theme.id).members[elsewhere][1] == "person"


def test_a_split_by_someone_who_reads_only_some_members_labels_from_those(world):
    world.services.analysis.run(CALL)
    theme = next(t for t in world.services.theme_store.themes(CALL) if not t.is_other and len(t.members) >= 3)
    members = sorted(theme.members)
    readable = {c.passage.id: c.passage.text for c in world.services.store.analysis_inputs(CALL)
                if c.passage.id in members[:2]}
    parent, child = world.services.themes.split(theme.id, "amina", members[:1], None, readable)
    words = {w.casefold() for t in (parent, child) for w in t.keywords}
    assert all(any(w in text.casefold() for text in readable.values()) for w in words)


def test_theme_views_follow_a_mapping_correction_at_once(world):
    world.services.analysis.run(CALL)
    [question] = [q for q in world.services.reports.questions(CALL) if q.themes][:1]
    theme = question.themes[0]
    passage = theme.passage_ids[0]
    world.services.review.set_questions(CALL, passage, [], "amina")  # it answers no question after all
    after = {t.id: t for q in world.services.reports.questions(CALL) for t in q.themes}
    assert all(passage not in t.passage_ids for t in after.values())
