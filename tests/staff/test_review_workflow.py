"""A reviewer works through submissions: decisions with reasons, the publication choice, corrections, links,
pictures and redactions, every step audited with before and after; quarantine has one way out, by an admin."""

from __future__ import annotations

import io

import pytest

from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.review import FLAG_CONFIDENTIALITY_CONFIRMED, LinkKind, ReviewRefused
from inputdesk.domain.submission import FLAG_NEEDS_REVIEW, SubmissionStatus as S
from inputdesk.services.access import Forbidden

from staff_world import SEED, make_pdf


def public_ids(world) -> list[str]:
    return [s.id for s in world.staff.publication.public_call(SEED).submissions]


def picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.radial_gradient("L").resize((80, 60)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def test_approval_needs_decided_redactions_and_a_confirmed_choice_and_then_publishes(world):
    review, rita = world.staff.review, world.reviewer
    s = world.receive(make_pdf("From the Harbour Network.", "Write to lena@example.org for the data."),
                      organisation="Harbour Network")
    with pytest.raises(ReviewRefused, match="confirm that you checked"):
        review.set_status(rita, s.reference, S.APPROVED)
    with pytest.raises(ReviewRefused, match=r"details marked 'needs review' first \(country, received at\)"):
        review.set_status(rita, s.reference, S.APPROVED, confirm_public=True)  # the import's date, not the real one
    review.correct_metadata(rita, s.reference, {}, checked=True)
    with pytest.raises(ReviewRefused, match="undecided redaction"):
        review.set_status(rita, s.reference, S.APPROVED, confirm_public=True)
    assert world.app.submissions.get_submission(s.id).status == S.NEEDS_REVIEW and public_ids(world) == []

    world.approve(s.reference, rita)
    stored = world.app.submissions.get_submission(s.id)
    assert stored.status == S.APPROVED and FLAG_CONFIDENTIALITY_CONFIRMED in stored.flags
    [listed] = world.staff.publication.public_call(SEED).submissions
    assert listed.id == s.reference and listed.authors == ["Harbour Network"]
    assert [f.name for f in listed.files] == [f"{s.reference}.pdf"]  # the original held accepted redactions
    [event] = [e for e in world.app.audit.events_for("submission", str(s.id)) if e.action == "review.status"]
    assert event.actor == "user:rita" and event.before["status"] == "needs_review"
    assert event.after["status"] == "approved"


def test_withdrawing_or_making_confidential_removes_a_published_submission_at_once(world):
    review, rita = world.staff.review, world.reviewer
    first = world.receive(make_pdf("First published text."), organisation="First Org")
    second = world.receive(make_pdf("Second published text."), organisation="Second Org")
    for s in (first, second):
        world.approve(s.reference, rita)
    files = {f.sha256 for s in world.staff.publication.public_call(SEED).submissions for f in s.files}
    assert public_ids(world) == [first.reference, second.reference] and files

    with pytest.raises(ReviewRefused, match="give a reason"):
        review.set_status(rita, first.reference, S.WITHDRAWN)
    review.set_status(rita, first.reference, S.WITHDRAWN, "the author asked by e-mail on 2 May")
    review.confirm_confidentiality(rita, second.reference, True, "asked for confidentiality after all")

    assert public_ids(world) == []
    assert world.app.submissions.get_submission(second.id).status == S.CONFIDENTIAL
    assert not any(world.staff.publication.files.exists(sha) for sha in files)  # deleted, not only hidden
    with pytest.raises(ReviewRefused, match="asked for confidentiality"):
        review.set_status(rita, second.reference, S.APPROVED, confirm_public=True)


def test_status_rules(world):
    review, rita = world.staff.review, world.reviewer
    s = world.receive(make_pdf("Buy cheap watches now."))
    with pytest.raises(ReviewRefused, match="give a reason for rejecting the submission"):
        review.set_status(rita, s.reference, S.REJECTED)
    review.set_status(rita, s.reference, S.REJECTED, "spam")
    with pytest.raises(ReviewRefused, match="for sending the submission back to review"):  # words, not a status id
        review.set_status(rita, s.reference, S.NEEDS_REVIEW)
    with pytest.raises(ReviewRefused, match="cannot become approved"):
        review.set_status(rita, s.reference, S.APPROVED, confirm_public=True)
    with pytest.raises(ReviewRefused, match="set by screening"):
        review.set_status(rita, s.reference, S.QUARANTINED, "no")
    review.set_status(rita, s.reference, S.NEEDS_REVIEW, "it was a real submission")
    with pytest.raises(Forbidden):
        review.set_status(world.analyst, s.reference, S.REJECTED, "spam")


def test_metadata_corrections_are_checked_audited_and_clear_what_was_flagged(world):
    review, rita = world.staff.review, world.reviewer
    s = world.receive(make_pdf("A short note."), stakeholder_category=None,
                      needs_review={"stakeholder_category": "not given", "country": "not given"})
    s.flags.add(FLAG_NEEDS_REVIEW)
    world.app.submissions.update_submission(s)
    for bad, message in (({"stakeholder_category": "aliens"}, "no stakeholder category"),
                         ({"country": "XX"}, "ISO 3166"), ({"language": "qq"}, "ISO 639-1")):
        with pytest.raises(ReviewRefused, match=message):
            review.correct_metadata(rita, s.reference, bad)
    review.correct_metadata(rita, s.reference, {"organisation": "  Lake  Network ", "stakeholder_category": "academics",
                                                "country": "ke", "joint_authors": "Lake Network\nRiver Trust\n"})
    stored = world.app.submissions.get_submission(s.id)
    d = stored.details
    assert (d.organisation, d.stakeholder_category, d.country, d.joint_authors) == (
        "Lake Network", "academics", "KE", ["Lake Network", "River Trust"])
    assert "country" not in d.needs_review and "stakeholder_category" not in d.needs_review
    [event] = [e for e in world.app.audit.events_for("submission", str(s.id)) if e.action == "review.metadata"]
    assert event.before["country"] is None and event.after["country"] == "KE"
    assert {"stakeholder_category", "country"} <= set(event.before["needs_review"])

    review.correct_metadata(rita, s.reference, {}, checked=True)  # "all details checked"
    stored = world.app.submissions.get_submission(s.id)
    assert stored.details.needs_review == {} and FLAG_NEEDS_REVIEW not in stored.flags


def test_a_joint_submission_is_listed_once_with_every_public_author(world):
    rita = world.reviewer
    main = world.receive(make_pdf("Joint submission of the coalition."), organisation="Safe Harbour Coalition",
                         joint_authors=["Bright Lines Institute"])
    copy = world.receive(make_pdf("Joint submission of the coalition (copy)."), organisation="Kite Helpline")
    secret = world.receive(make_pdf("Our part, in confidence."), organisation="Quiet Partner", confidential=True)
    again = world.receive(make_pdf("Joint submission of the coalition (sent twice)."), organisation="Kite Helpline")
    world.staff.review.link(rita, copy.reference, main.reference, LinkKind.JOINT)
    world.staff.review.link(rita, secret.reference, main.reference, LinkKind.JOINT)
    world.staff.review.link(rita, again.reference, main.reference, LinkKind.DUPLICATE)
    with pytest.raises(ReviewRefused, match="listed under another"):
        world.staff.review.link(rita, main.reference, copy.reference, LinkKind.JOINT)
    for wrong, message in (("", "give the reference"), ("SR24-9999", "no submission SR24-9999 that you can see")):
        with pytest.raises(ReviewRefused, match=message):  # shown on the form, not as the public 'not found' page
            world.staff.review.link(rita, again.reference, wrong, LinkKind.DUPLICATE)
    for s in (main, copy, again):
        world.approve(s.reference, rita)
    [listed] = world.staff.publication.public_call(SEED).submissions
    assert listed.id == main.reference and listed.joint
    assert listed.authors == ["Safe Harbour Coalition", "Bright Lines Institute", "Kite Helpline"]
    assert world.staff.publication.index.published([again.id]) == {}  # never listed: no files built or kept

    world.staff.review.unlink(rita, again.reference, LinkKind.DUPLICATE)
    assert [s.id for s in world.staff.publication.public_call(SEED).submissions] == [main.reference, again.reference]
    assert world.staff.publication.index.published([again.id])  # listed again: its files are built on the way
    world.staff.review.link(rita, again.reference, main.reference, LinkKind.DUPLICATE)
    assert world.staff.publication.index.published([again.id]) == {}  # a duplicate once more: its files go


def test_pictures_are_published_only_after_a_person_reviewed_them(world):
    rita = world.reviewer
    s = world.receive(make_pdf("Our infographic is attached."), organisation="Chart Group",
                      annexes=[("chart.jpg", picture())])
    world.approve(s.reference, rita)
    [listed] = world.staff.publication.public_call(SEED).submissions
    assert [f.media_type for f in listed.files] == ["application/pdf", "application/pdf"]  # text; cleaned main PDF

    world.staff.review.mark_pictures_reviewed(rita, s.reference, s.documents[1].id)
    [listed] = world.staff.publication.public_call(SEED).submissions
    assert [f.media_type for f in listed.files] == ["application/pdf", "application/pdf", "image/jpeg"]
    assert [f.label for f in listed.files][1:] == ["Main document (cleaned copy)", "Annex 1 (cleaned copy)"]


def test_a_redaction_accepted_after_publication_rebuilds_the_published_files(world):
    rita = world.reviewer
    s = world.receive(make_pdf("Report by the Owl Trust.", "Our field officer Tomasz Wierzbicki wrote it."),
                      organisation="Owl Trust")
    world.staff.review.decide_redactions(rita, s.reference, [], RedactionStatus.REJECTED)
    world.staff.review.correct_metadata(rita, s.reference, {}, checked=True)
    world.staff.review.set_status(rita, s.reference, S.APPROVED, confirm_public=True)
    text_pdf = world.staff.publication.public_file(SEED, s.reference, f"{s.reference}.pdf")[1]
    from inputdesk.services.redaction_pdf import pdf_text

    assert "Wierzbicki" in pdf_text(text_pdf)
    world.staff.redactions.add_manual(s.reference, "Tomasz Wierzbicki", "rita")  # e.g. from the CLI
    [listed] = world.staff.publication.public_call(SEED).submissions
    assert [f.name for f in listed.files] == [f"{s.reference}.pdf"]  # the original holds the name: not published
    rebuilt = world.staff.publication.public_file(SEED, s.reference, f"{s.reference}.pdf")[1]
    assert "Wierzbicki" not in pdf_text(rebuilt)


def test_quarantine_leaves_only_through_an_admins_audited_release(world):
    s = world.receive(make_pdf("Looks harmless."))
    s.status = S.QUARANTINED
    world.app.submissions.update_submission(s)
    with pytest.raises(ReviewRefused, match="quarantined"):
        world.staff.review.set_status(world.reviewer, s.reference, S.REJECTED, "spam")
    with pytest.raises(Forbidden, match="admin"):
        world.staff.review.release_quarantine(world.reviewer, s.reference, "false match")
    with pytest.raises(ReviewRefused, match="reason"):
        world.staff.review.release_quarantine(world.admin, s.reference, " ")
    world.staff.review.release_quarantine(world.admin, s.reference, "hotline confirmed a false match on 3 May")
    [event] = [e for e in world.app.audit.events_for("submission", str(s.id))
               if e.action == "review.quarantine_released"]
    assert event.actor == "user:ada" and event.before["status"] == "quarantined"
