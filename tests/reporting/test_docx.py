"""The Word draft as the drafting officer opens it: a heading per question in the call's order, numbered
paragraphs, footnotes that resolve to real citable submissions, figures that equal the database, charts with
alternative text, and an annex of the submitters that may be named."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from inputdesk.services.reporting.docx_footnotes import read_footnotes

from .world import CALL, LEFT_OUT

REFERENCE = re.compile(r"\bT-\d\d\b")


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document(exports):
    return open_docx(exports("docx"))


def test_a_heading_per_question_in_the_calls_order(report_world, document):
    call = report_world.app.calls.get_call(CALL)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Question")]
    assert headings == [f"Question {q.number}: {q.label}" for q in call.questions]
    numbered = [p.text for p in document.paragraphs if re.match(r"^\d+\.\t", p.text)]
    assert [int(t.split(".")[0]) for t in numbered] == list(range(1, len(numbered) + 1))


def test_every_footnote_resolves_to_a_real_citable_submission(report_world, document):
    notes = read_footnotes(document)
    body = document.element.body
    referenced = [r.get(qn("w:id")) for r in body.iter(qn("w:footnoteReference"))]
    assert referenced and sorted(referenced, key=int) == sorted(notes, key=int)  # every mark has its note
    by_ref = {s.reference: s for s in report_world.submissions.list_submissions(CALL)}
    cited = set()
    for text in notes.values():
        for ref in REFERENCE.findall(text):
            s = by_ref[ref]
            assert s.status.value == "approved" and not s.details.confidential, (ref, text)
            cited.add(ref)
    assert cited and not cited & set(LEFT_OUT)
    assert any("confidential submission" in text for text in notes.values())  # counted, never named
    passage_notes = [t for t in notes.values() if "(Passage " in t]
    contexts = {c.passage.id: c.reference for c in report_world.analysis.store.analysis_inputs(CALL)}
    for text in passage_notes:  # a quote's note names the submission its passage belongs to
        pid = int(re.search(r"\(Passage (\d+)\.\)", text).group(1))
        assert contexts[pid] in text


def test_figures_equal_the_database(report_world, document, report):
    o = report.digest.overview
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"rests on {o.submissions} submissions" in text and o.submissions == 8
    assert "2 confidential submissions among them" in text
    reviewed = [s for s in report_world.submissions.list_submissions(CALL) if s.status.value in ("approved",
                                                                                               "confidential")]
    table = document.tables[-1]  # Annex II: coverage
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "Stakeholder category" and header[1:] == [f"Q{n}" for n in range(1, 10)]
    sentences = [p.text.split("\t", 1)[-1] for p in document.paragraphs if "addressed this question" in p.text]
    for q, sentence in zip(report.digest.questions, sentences, strict=True):
        column = header.index(f"Q{q.number}")
        assert sum(int(r.cells[column].text) for r in table.rows[1:]) == q.evidence.count
        assert sentence.startswith(f"{q.evidence.count} submission" if q.evidence.count else "No included")
    assert len(reviewed) == o.submissions


def test_charts_carry_alternative_text(document):
    shapes = list(document.inline_shapes)
    assert len(shapes) >= 3
    for shape in shapes:
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") and doc_pr.get("title")
    assert any("States" in s._inline.docPr.get("descr") for s in shapes)


def test_the_annex_lists_every_submitter_that_may_be_named(report, document):
    text = [p.text for p in document.paragraphs]
    annex = text[text.index("Annex I. Submitters"):]
    for source in report.digest.sources.values():
        assert any(source.reference in line and source.label in line for line in annex)
    assert any("2 confidential submissions were received" in line for line in annex)
    assert "Norway" in "\n".join(annex)


def test_unreviewed_submissions_are_marked_when_included(exports):
    document = open_docx(exports("docx", True))
    notes = read_footnotes(document)
    assert any("T-04, not yet reviewed" in n for n in notes.values())
    annex = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any("T-04 *" in line for line in annex)
