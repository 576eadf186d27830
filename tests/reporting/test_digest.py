"""The evidence digest as an analyst checks it: figures equal the database and the console's analysis, every quote
and citation is a real, citable passage, and confidential, set-aside and unreviewed submissions are handled as the
mandate's rules say."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from inputdesk.domain.submission import SubmissionStatus
from inputdesk.services.reporting.service import ReportingService
from inputdesk.storage.tables import submissions

from .world import CALL, LEFT_OUT, REDACTED_NAME

REVIEWED = [SubmissionStatus.APPROVED.value, SubmissionStatus.CONFIDENTIAL.value]


def db_counts(engine, statuses, column):
    query = (select(column, func.count()).where(submissions.c.call_id == CALL, submissions.c.status.in_(statuses))
             .group_by(column))
    with engine.connect() as conn:
        return {k: n for k, n in conn.execute(query)}


def _row(report, passage_id):
    return next(p for p in report.passages if p.passage_id == passage_id)


def test_overview_figures_equal_the_database(report_world, report):
    o = report.digest.overview
    engine = report_world.app.engine
    assert o.submissions == sum(db_counts(engine, REVIEWED, submissions.c.status).values()) == 8
    assert {s.key: s.count for s in o.by_category if s.count} == db_counts(
        engine, REVIEWED, submissions.c.stakeholder_category)
    assert {s.key: s.count for s in o.by_country} == db_counts(engine, REVIEWED, submissions.c.country)
    with engine.connect() as conn:
        confidential = conn.execute(select(func.count()).where(
            submissions.c.call_id == CALL, submissions.c.status.in_(REVIEWED), submissions.c.confidential)).scalar()
    assert o.confidential == confidential == 2
    assert (o.on_time, o.late) == (7, 1)  # T-14 came after the deadline
    unreviewed = "not yet reviewed (to include them, tick 'Include submissions not reviewed yet' or use " \
                 "--include-unreviewed)"
    assert {s.label: s.count for s in o.excluded} == {
        unreviewed: 3, "quarantined": 1, "rejected": 1, "withdrawn": 1}
    assert [s.label for s in o.by_category][:3] == ["States", "International and regional organizations",
                                                   "UN agencies"]  # the call's order, zeros kept


def test_question_figures_equal_the_analysis_the_console_shows(report_world, report):
    mappings = report_world.analysis.reports.passage_mappings(CALL)
    for q in report.digest.questions:
        subs = {ctx.reference for ctx, ms in mappings
                if ctx.status in REVIEWED and any(m[0] == q.id for m in ms)}
        assert q.evidence.count == len(subs), q.id
        assert q.evidence.count == len(q.evidence.cited) + q.evidence.confidential
        cells = [row[[x.id for x in report.digest.questions].index(q.id)] for row in report.digest.overview.coverage]
        assert sum(cells) == q.evidence.count


def test_every_citation_is_a_real_citable_passage(report_world, report):
    contexts = {c.passage.id: c for c in report_world.analysis.store.analysis_inputs(CALL)}
    citations = list(report.digest.citations())
    assert citations
    for c in citations:
        ctx = contexts[c.passage_id]
        assert ctx.reference == c.reference and ctx.status == "approved" and not ctx.confidential
        assert c.reference not in LEFT_OUT
    assert {c.reference for c in citations} <= set(report.digest.sources)


def test_quotes_are_verbatim_redacted_text_of_checked_submissions(report_world, report):
    redacted = {}
    for ref, source in report.digest.sources.items():
        if source.quotable:
            redacted.update({p.id: p.text for p in report_world.reporting.redactions.published_passages(ref,
                                                                                                       draft=True)})
    quotes = [x for q in report.digest.questions for t in q.themes for x in t.quotes]
    quotes += [x for q in report.digest.questions for g in q.recommendations for x in g.quotes]
    assert quotes
    for quote in quotes:
        text = quote.text.removesuffix(" […]")
        assert " ".join(text.split()) in " ".join(redacted[quote.citation.passage_id].split())
        assert quote.citation.reference != "T-03"  # never checked for personal data: cited, not quoted
    hotline = [x for x in quotes if x.citation.reference == "T-20"]
    assert hotline and all(REDACTED_NAME not in x.text for x in hotline)
    assert any("[redacted]" in x.text for x in hotline)
    assert any("T-03" in note and "personal data" in note for note in report.digest.notes)


def test_themes_are_ranked_and_gaps_named(report):
    for q in report.digest.questions:
        ranked = [t for t in q.themes if not t.is_other]
        assert [t.evidence.count for t in ranked] == sorted((t.evidence.count for t in ranked), reverse=True)
        for t in q.themes:
            assert len(t.quotes) <= 5
            texts = {_row(report, p).text for p in t.evidence.passage_ids if _row(report, p).text is not None}
            assert len(t.quotes) >= min(2, len(texts))  # two to five, when there is that much to quote
        present = {s.key for s in report.digest.overview.by_category if s.count and s.key}
        answering = {s.key for s in q.by_category}
        assert {s.key for s in q.silent_categories} == present - answering
    q9 = next(q for q in report.digest.questions if q.id == "q9")
    assert "Norway" in {c.source for c in q9.evidence.cited}  # a State is cited by its name


def test_recommendations_are_grouped_by_addressee(report):
    q2 = next(q for q in report.digest.questions if q.id == "q2")
    groups = {g.addressee: g for g in q2.recommendations}
    assert "states" in groups and groups["states"].label == "States"
    assert groups["states"].evidence.confidential >= 1  # the confidential 'States should' counts, unnamed
    assert all(x.citation.reference not in LEFT_OUT for g in q2.recommendations for x in g.quotes)


def test_practical_examples_and_tags_are_listed(report):
    q6 = next(q for q in report.digest.questions if q.id == "q6")
    assert any(x.citation.reference == "T-14" for x in q6.examples)
    q1 = next(q for q in report.digest.questions if q.id == "q1")
    sextortion = next(f for f in q1.tags["Harms"] if f.label == "Sextortion")
    assert sextortion.evidence.count == 5 and sextortion.evidence.confidential == 2  # T-08 and T-10, unnamed
    assert {c.reference for c in sextortion.evidence.cited} == {"T-01", "T-06", "T-20"}


def test_unreviewed_submissions_are_left_out_unless_asked_then_marked(report_world, report):
    assert not {"T-04", "T-05"} & set(report.digest.sources)
    widened = report_world.reporting.report(CALL, include_unreviewed=True).digest
    assert {"T-04", "T-05"} <= set(widened.sources) and widened.sources["T-04"].unreviewed
    assert widened.overview.submissions == report.digest.overview.submissions + 3
    assert widened.overview.confidential == 3  # T-11 asked for confidentiality: counted, never cited
    assert "T-11" not in widened.sources
    marked = [c for c in widened.citations() if c.reference in ("T-04", "T-05")]
    assert marked and all(c.unreviewed and "not yet reviewed" in c.text() for c in marked)


class NeverAnalysed:
    """The analysis store of a call nobody analysed yet: no job rows, no tags."""

    def jobs(self, call_id, run_id=None):
        return []

    def tags(self, call_id):
        return {}


def test_an_unanalysed_call_says_so(report_world, report):
    assert report.digest.analysed_at is not None
    r = report_world.reporting
    service = ReportingService(r.calls, r.submissions, r.reports, NeverAnalysed(), r.redactions, r.withheld,
                               r.labels)
    digest = service.digest(CALL)
    assert digest.analysed_at is None and any("inputdesk analyse" in n for n in digest.notes)


@pytest.mark.postgres
def test_the_digest_is_the_same_on_every_database(engine, tmp_path):
    from .world import build_report_world

    world = build_report_world(tmp_path, engine)
    digest = world.reporting.report(CALL).digest
    assert digest.overview.submissions == 8 and digest.overview.confidential == 2
    cats = Counter(s.details.stakeholder_category for s in world.submissions.list_submissions(CALL)
                   if s.status.value in REVIEWED)
    assert {s.key: s.count for s in digest.overview.by_category if s.count} == dict(cats)


def _theme_words(digest) -> set[str]:
    return {w.casefold() for q in digest.questions for t in q.themes for w in [*t.keywords, *t.title.split(", ")]}


def test_theme_words_come_only_from_text_the_report_may_quote(report_world, report):
    """A theme's words are shown in every export: they are drawn from the redacted text of its quotable members,
    never from what the last run stored (made from every passage, confidential ones and personal data included)."""
    quotable = {}
    for ref, source in report.digest.sources.items():
        if source.quotable:
            quotable.update({p.id: p.text.casefold() for p in report_world.reporting.redactions.published_passages(
                ref, draft=True)})
    for q in report.digest.questions:
        for t in q.themes:
            members = [quotable[p] for p in t.evidence.passage_ids if p in quotable]
            for word in t.keywords:
                assert any(word.casefold() in text for text in members), (q.id, t.title, word)
    store = report_world.analysis.theme_store
    theme = next(t for t in store.themes(CALL) if not t.is_other and not t.name)
    stored = list(theme.keywords)
    theme.keywords = ["quillfeather", "marrowbone", "velvetmoss"]  # as if labelled from confidential text
    store.update_theme(theme)
    try:
        digest = report_world.reporting.report(CALL).digest
    finally:
        theme.keywords = stored
        store.update_theme(theme)
    assert not {"quillfeather", "marrowbone", "velvetmoss"} & _theme_words(digest)


def test_a_copy_sent_twice_is_counted_once(report_world, report):
    from dataclasses import replace as replaced

    from inputdesk.domain.review import FLAG_DUPLICATE

    subs = report_world.submissions
    copy = subs.get_by_reference("T-02")
    subs.update_submission(replaced(copy, flags=copy.flags | {FLAG_DUPLICATE}))
    try:
        digest = report_world.reporting.report(CALL).digest
    finally:
        subs.update_submission(copy)
    assert digest.overview.submissions == report.digest.overview.submissions - 1
    assert "T-02" in report.digest.sources and "T-02" not in digest.sources
    assert all(c.reference != "T-02" for c in digest.citations())
    assert any("T-02" in note and "sent twice" in note for note in digest.notes)
    assert any(s.label.startswith("sent twice") and s.count == 1 for s in digest.overview.excluded)


def test_an_analysts_correction_reaches_the_themes_without_a_rerun(report_world, report):
    q, theme = next((q, t) for q in report.digest.questions for t in q.themes if t.evidence.cited)
    passage = theme.evidence.cited[0].passage_id
    review, store = report_world.analysis.review, report_world.analysis.store
    review.set_questions(CALL, passage, [], "amina")  # it answers no question after all
    try:
        digest = report_world.reporting.report(CALL).digest
    finally:
        store.clear_person_decisions(passage)
    assert all(passage not in t.evidence.passage_ids for q in digest.questions for t in q.themes)
    assert all(passage not in q.evidence.passage_ids for q in digest.questions)


@pytest.mark.parametrize(("text", "quotable"), [
    ("Contact: [redacted], Policy Director, [redacted], [redacted]", False),  # a contact line once redacted
    ("Smith, J. et al. (2021). Deepfakes and children. Journal of Online Safety, vol. 3, pp. 12-30.", False),
    ("Kind regards, the secretariat of the network", False),
    ("Selected references • Castell, M. (2023). Synthetic harms. Eastvale Press. • Rehn, T. & Osei, A. (2022). "
     "Hash matching at scale.", False),
    ("States should criminalise the creation of AI-generated abuse material and fund specialised units.", True),
    ("In 2023 our hotline received 4,000 reports, twice as many as in 2021 (see https://example.org/report for "
     "the method), and most concerned sextortion of boys aged 14 to 17 on gaming platforms and messaging apps "
     "that do not verify ages; we describe below what worked and what did not in our response.", True),
])
def test_only_passages_that_say_something_are_quoted(text, quotable):
    from inputdesk.services.reporting.corpus import worth_quoting

    assert worth_quoting(text) is quotable
