"""Removing accepted spans: overlapping spans, stale proposals, text in any script, and the leak check."""

from __future__ import annotations

import pytest

from inputdesk.domain.redaction import (
    REDACTION_MASK,
    RedactionProposal,
    RedactionStatus,
    StaleRedaction,
    merge_spans,
    redact,
    redacted_text,
    span_sha256,
)
from inputdesk.domain.submission import Passage
from inputdesk.services.redaction_pdf import (
    PublishedSection,
    RedactionLeak,
    check_removed,
    pdf_text,
    render_published_pdf,
)


def proposal(passage: Passage, start: int, end: int) -> RedactionProposal:
    return RedactionProposal(submission_id=1, passage_id=passage.id, start=start, end=end, entity_type="PERSON",
                             score=0.9, text_sha256=span_sha256(passage.text[start:end]), source="test",
                             profile="standard", status=RedactionStatus.ACCEPTED)


def test_overlapping_and_touching_spans_become_one_mask():
    assert merge_spans([(10, 20), (0, 5), (15, 25), (25, 30)]) == [(0, 5), (10, 30)]
    assert redact("Maria Lopez wrote", [(0, 5), (3, 11)]) == f"{REDACTION_MASK} wrote"


def test_a_proposal_for_text_that_changed_is_never_applied():
    passage = Passage(text="Contact Maria Lopez today", seq=0, id=7)
    accepted = proposal(passage, 8, 19)
    assert redacted_text(passage, [accepted]) == f"Contact {REDACTION_MASK} today"
    changed = Passage(text="Contact Mario Lopez today", seq=0, id=7)
    with pytest.raises(StaleRedaction):
        redacted_text(changed, [accepted])


def test_text_in_every_script_survives_into_the_published_pdf():
    passages = [Passage(text="Привет, это письмо.", seq=0, id=1, page=1), Passage(text="儿童在线安全。", seq=1, id=2, page=1),
                Passage(text="Élève de quatrième, niña de trece años.", seq=2, id=3, page=2)]
    pdf = render_published_pdf("SR24-0099", [PublishedSection("Main document", 1, passages[:2]),
                                             PublishedSection("Main document", 2, passages[2:])])
    text = " ".join(pdf_text(pdf).split())
    for passage in passages:
        assert passage.text in text


def test_the_leak_check_refuses_a_pdf_that_still_holds_removed_text():
    pdf = render_published_pdf("SR24-0099", [PublishedSection("Main document", None, [
        Passage(text="Contact Maria Lopez", seq=0, id=1)])])
    with pytest.raises(RedactionLeak):
        check_removed("SR24-0099", pdf, ["Maria Lopez"], published_text="Contact [redacted]")
    # the same words kept elsewhere on purpose (a rejected proposal) are not a leak
    check_removed("SR24-0099", pdf, ["Maria Lopez"], published_text="Contact Maria Lopez")


def test_a_character_the_font_cannot_draw_is_named_not_left_as_an_empty_box():
    import pypdfium2 as pdfium

    from inputdesk.domain.submission import Passage
    from inputdesk.services.redaction_pdf import PublishedSection, render_published_pdf

    answer = Passage(text="Thanks \U0001F64F for listening \U0001F60A, é à ñ ☺.", seq=0, page=1, heading=None,
                     language="en")
    pdf = render_published_pdf("SR24-0001", [PublishedSection("Main document", 1, [answer])])
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    # one the font lacks, one it has (but whose text layer would be wrong), one of the basic plane it draws
    assert "Thanks [person with folded hands] for listening [smiling face with smiling eyes], é à ñ ☺." in text
