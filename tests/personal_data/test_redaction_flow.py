"""A submission with fictional e-mails, phones and a child's age: redaction proposals appear on receipt, a reviewer
decides, and the published PDF has none of the accepted ones in its text layer while the rejected ones stay."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from inputdesk.domain.redaction import FLAG_PII_FOUND, FLAG_PII_UNDECIDED, RedactionStatus
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.services.redaction import NotPublishable

from typed_pdfs import typed_pdf

PAGE_1 = ("Submission from the Riverside Parents Group\n"
          "Contact: Mrs Margaret Hollis, m.hollis@example.org, telephone +44 20 7946 0018.\n"
          "Our deputy can be reached at deputy@example.org or +1 555 0142.")
PAGE_2 = ("Case study\n"
          "My daughter, aged 12, was contacted by a stranger through a game.\n"
          "Our research is at https://www.example.org/riverside-study for anyone to read.")


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in doc]
    finally:
        doc.close()


@pytest.fixture
def received(world):
    submission = world.receive("riverside.pdf", typed_pdf(PAGE_1, PAGE_2))
    return world, submission


def test_proposals_appear_when_the_submission_is_received(received):
    world, submission = received
    found = world.found(submission.reference)
    assert found["m.hollis@example.org"] == "EMAIL_ADDRESS"
    assert found["deputy@example.org"] == "EMAIL_ADDRESS"
    assert found["+44 20 7946 0018"] == "PHONE_NUMBER"
    assert found["+1 555 0142"] == "PHONE_NUMBER"
    assert found["aged 12"] == "CHILD_AGE"
    assert any("Margaret Hollis" in text and kind == "PERSON" for text, kind in found.items())
    assert {FLAG_PII_FOUND, FLAG_PII_UNDECIDED} <= submission.flags
    assert submission.status == SubmissionStatus.NEEDS_REVIEW
    items = world.redactions.review_items(submission.reference)
    assert {i.page for i in items if i.found_text == "aged 12"} == {2}
    assert all(i.proposal.profile == "standard" and i.proposal.status == RedactionStatus.PROPOSED for i in items)


def test_the_audit_log_records_the_screening_without_the_personal_data(received):
    world, submission = received
    logged = json.dumps([e.after for e in world.audit.all_events()], ensure_ascii=False)
    assert "personal_data.screened" in {e.action for e in world.audit.all_events()}
    for text in ("m.hollis@example.org", "7946 0018", "Margaret Hollis", "aged 12"):
        assert text not in logged


def test_accepted_redactions_are_gone_from_the_published_pdf_and_rejected_ones_stay(received):
    world, submission = received
    items = world.redactions.review_items(submission.reference)
    keep = {"https://www.example.org/riverside-study", "deputy@example.org"}
    world.redactions.reject([i.proposal.id for i in items if i.found_text in keep], by="bob")
    world.redactions.accept([i.proposal.id for i in items if i.found_text not in keep], by="alice")

    pdf = world.redactions.published_pdf(submission.reference)

    pages = page_texts(pdf)
    assert len(pages) == 2  # one page per page of the original
    text = " ".join(pages)
    for removed in ("m.hollis@example.org", "+44 20 7946 0018", "+1 555 0142", "aged 12", "Margaret Hollis"):
        assert removed not in text
    for kept in keep | {"My daughter, [redacted], was contacted", "Submission from the Riverside Parents Group"}:
        assert kept in text
    assert "Main document, page 2 of the original" in pages[1]
    assert "riverside.pdf" not in text  # file names can name people too


def test_decisions_record_who_and_when(received):
    world, submission = received
    first = world.redactions.review_items(submission.reference)[0].proposal
    world.redactions.accept([first.id], by="alice")
    [stored] = world.store.get_proposals([first.id])
    assert (stored.status, stored.decided_by, stored.decided_at) == (RedactionStatus.ACCEPTED, "user:alice",
                                                                     world.clock.at)
    [event] = world.audit.events_for("redaction", str(first.id))
    assert (event.actor, event.action, event.at) == ("user:alice", "redaction.accepted", world.clock.at)
    assert event.before == {"status": "proposed"}


def test_the_review_queue_flag_clears_when_every_proposal_is_decided(received):
    world, submission = received
    assert world.redactions.decide_all(submission.reference, RedactionStatus.REJECTED, "bob", entity_type="URL") == 1
    assert FLAG_PII_UNDECIDED in world.submissions.get_by_reference(submission.reference).flags
    world.redactions.decide_all(submission.reference, RedactionStatus.ACCEPTED, "alice")
    flags = world.submissions.get_by_reference(submission.reference).flags
    assert FLAG_PII_FOUND in flags and FLAG_PII_UNDECIDED not in flags


def test_nothing_is_published_while_proposals_are_undecided_but_a_draft_removes_them(received):
    world, submission = received
    with pytest.raises(NotPublishable, match="undecided"):
        world.redactions.published_pdf(submission.reference)
    text = " ".join(page_texts(world.redactions.published_pdf(submission.reference, draft=True)))
    assert "DRAFT" in text and "m.hollis@example.org" not in text and "aged 12" not in text


def test_a_reviewer_can_remove_text_the_detector_missed(received):
    world, submission = received
    added = world.redactions.add_manual(submission.reference, "Riverside Parents Group", by="alice")
    assert len(added) == 1 and added[0].status == RedactionStatus.ACCEPTED
    world.redactions.decide_all(submission.reference, RedactionStatus.ACCEPTED, "alice")
    assert "Riverside Parents Group" not in " ".join(page_texts(world.redactions.published_pdf(submission.reference)))


def test_scanning_again_keeps_earlier_decisions(received):
    world, submission = received
    items = world.redactions.review_items(submission.reference)
    world.redactions.reject([items[0].proposal.id], by="bob")
    result = world.redactions.rescan(submission.reference)
    assert result.new_proposals == 0
    again = world.redactions.review_items(submission.reference)
    assert len(again) == len(items) and again[0].proposal.status == RedactionStatus.REJECTED


def test_child_path_submissions_get_the_stricter_profile(world):
    text = "Hi, I'm 15 and I go to St Mary's School.\nSomeone sent me messages at amina@example.org."
    child = world.receive("my-story.pdf", typed_pdf(text), from_child=True)
    adult = world.receive("parent.pdf", typed_pdf(text + "\nSent by a parent."))
    child_found, adult_found = world.found(child.reference), world.found(adult.reference)
    assert {"I'm 15", "St Mary's School", "amina@example.org"} <= set(child_found)
    assert set(adult_found) == {"amina@example.org"}
    assert {i.proposal.profile for i in world.redactions.review_items(child.reference)} == {"child"}
    [event] = [e for e in world.audit.events_for("submission", str(child.id)) if e.action == "personal_data.screened"]
    assert event.after["profile"] == "child" and event.after["threshold"] == 0.3


def test_the_sender_s_own_name_is_proposed_in_any_language(world):
    submission = world.receive("letter.pdf", typed_pdf("Dear Rapporteur,\nSigned: Yusuf Adeyemi"),
                               submitter_name="Yusuf Adeyemi")
    assert world.found(submission.reference)["Yusuf Adeyemi"] in {"SUBMITTER_NAME", "PERSON"}


def test_confidential_and_unscreened_submissions_are_not_published(world, engine):
    confidential = world.receive("secret.pdf", typed_pdf("Nothing personal here."), confidential=True)
    with pytest.raises(NotPublishable, match="confidence"):
        world.redactions.published_pdf(confidential.reference)
    world.screen = None
    from inputdesk.services.intake import IncomingFile

    unscreened_intake = type(world.intake)(world.calls, world.submissions, world.intake.blobs, world.audit,
                                           world.intake.extractor, world.intake.limits, world.clock, screens=[])
    result = unscreened_intake.receive("sr-sale-children-digital-2024", IncomingFile("plain.pdf", typed_pdf("Hello.")))
    with pytest.raises(NotPublishable, match="not been checked"):
        world.redactions.published_pdf(result[0].reference)


class BreaksOnOnePassage:
    """The real detector, except that it crashes on one passage (a bug, an odd character)."""

    def __init__(self, inner):
        self.inner = inner

    def capability(self, language):
        return self.inner.capability(language)

    def detect_many(self, texts, language, profile):
        if any("crash here" in t for t in texts):
            raise RuntimeError("detector bug")
        return self.inner.detect_many(texts, language, profile)

    def detect(self, text, language, profile):
        return self.detect_many([text], language, profile)[0]


def test_a_crash_on_one_passage_does_not_hide_the_others_and_blocks_publication(world, detector):
    world.screen._detector = BreaksOnOnePassage(detector)
    submission = world.receive("two.pdf", typed_pdf("Write to jo@example.org", "crash here"))
    assert world.found(submission.reference) == {"jo@example.org": "EMAIL_ADDRESS"}
    assert "pii_check_failed" in submission.flags
    world.redactions.decide_all(submission.reference, RedactionStatus.ACCEPTED, "alice")
    with pytest.raises(NotPublishable, match="detection failed"):
        world.redactions.published_pdf(submission.reference)
    assert any("Detection failed" in note for note in world.redactions.notices(submission.reference))


def test_the_reviewer_is_told_where_names_were_not_looked_for(world):
    arabic = "نحن منظمة تعمل على حماية الأطفال في المنطقة. راسلونا على info@example.org للمزيد من المعلومات."
    submission = world.receive("arabic.docx", _arabic_docx(arabic))
    assert "pii_patterns_only" in submission.flags
    assert any(note.startswith("Arabic passages were checked without a name model")
               for note in world.redactions.notices(submission.reference))
    assert world.found(submission.reference) == {"info@example.org": "EMAIL_ADDRESS"}


def _arabic_docx(text: str) -> bytes:
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_quarantined_submission_is_never_shown_scanned_or_published(received):
    world, submission = received
    submission.status = SubmissionStatus.QUARANTINED
    world.submissions.update_submission(submission)
    for attempt in (world.redactions.review_items, world.redactions.rescan, world.redactions.published_pdf):
        with pytest.raises(NotPublishable, match="quarantined"):
            attempt(submission.reference)


def test_a_submission_too_long_to_check_in_full_says_so_and_is_not_published(world):
    world.screen.max_chars = len(PAGE_1) + 10  # the first page fits, the second does not
    submission = world.receive("long.pdf", typed_pdf(PAGE_1, PAGE_2))
    notes = world.redactions.notices(submission.reference)
    assert any("were NOT checked" in n for n in notes), notes
    proposals = world.store.proposals_for_submission(submission.id)
    second_page = {p.id for p in world.submissions.passages_for_submission(submission.id) if p.page == 2}
    assert second_page and proposals and not {p.passage_id for p in proposals} & second_page
    with pytest.raises(NotPublishable, match="was not checked for personal data"):
        world.redactions.published_passages(submission.reference)
