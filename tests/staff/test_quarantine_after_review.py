"""Quarantine wins over every earlier or later review step: a published submission that a new hash list matches
loses its public files at once, and a quarantined submission cannot be edited, linked to or have its redactions
decided (the console only offers what the services allow)."""

from __future__ import annotations

import hashlib

import pytest

from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.review import LinkKind, ReviewRefused
from inputdesk.domain.submission import SubmissionStatus as S
from inputdesk.services.intake import screenable

from staff_world import SEED, make_pdf


def list_and_rescan(world, sha256: str):
    screening = world.staff.screening
    screening.lists.import_csv(["type,hash,list,category\n", f"sha256,{sha256},ops,test\n"], "ops", "cli:test")
    return screening.service.rescan(screenable(world.app.blobs, 50 * 2**20), actor="cli:test")


def quarantined(world, **details):
    s = world.receive(make_pdf("A harmless looking letter from the Upland Forum."), **details)
    list_and_rescan(world, s.documents[0].blob_sha256)
    assert world.app.submissions.get_submission(s.id).status == S.QUARANTINED
    return s


def test_a_published_submission_matched_by_a_later_list_loses_its_public_files_at_once(world):
    s = world.receive(make_pdf("Text from the Lowland Network."), organisation="Lowland Network")
    world.approve(s.reference, world.reviewer)
    [listed] = world.staff.publication.public_call(SEED).submissions
    files = {f.sha256 for f in listed.files}
    assert files and all(world.staff.publication.files.exists(sha) for sha in files)

    report = list_and_rescan(world, s.documents[0].blob_sha256)

    assert report.quarantined == [s.reference] and report.unpublished == [s.reference]
    assert world.staff.publication.public_call(SEED).submissions == []
    assert world.staff.publication.index.published([s.id]) == {}
    assert not any(world.staff.publication.files.exists(sha) for sha in files)  # deleted, not only hidden
    [event] = [e for e in world.app.audit.events_for("submission", str(s.id)) if e.action == "publication.files_removed"]
    assert event.actor == "cli:test" and "quarantined" in event.after["reason"]
    assert list_and_rescan(world, s.documents[0].blob_sha256).unpublished == []  # nothing left to remove


def test_a_quarantined_submission_cannot_be_corrected_linked_or_have_redactions_decided(world):
    rita = world.reviewer
    other = world.receive(make_pdf("Another submission."), organisation="Other Org")
    s = quarantined(world, organisation="Upland Forum")
    review = world.staff.review
    with pytest.raises(ReviewRefused, match="quarantined"):
        review.correct_metadata(rita, s.reference, {"organisation": "Renamed"})
    with pytest.raises(ReviewRefused, match="quarantined"):
        review.link(rita, s.reference, other.reference, LinkKind.DUPLICATE)
    with pytest.raises(ReviewRefused, match="quarantined"):
        review.link(rita, other.reference, s.reference, LinkKind.JOINT)
    with pytest.raises(ReviewRefused, match="quarantined"):
        review.decide_redactions(rita, s.reference, [], RedactionStatus.ACCEPTED)
    with pytest.raises(ReviewRefused, match="quarantined"):
        review.unlink(rita, s.reference, LinkKind.JOINT)
    stored = world.app.submissions.get_submission(s.id)
    assert stored.details.organisation == "Upland Forum" and world.staff.review.links(world.admin, s.reference) == []


def test_a_release_keeps_the_content_withheld_so_no_decision_can_be_taken_on_it(world):
    s = quarantined(world)
    world.staff.review.release_quarantine(world.admin, s.reference, "the hotline confirmed a false match")
    with pytest.raises(ReviewRefused, match="withheld .a hash-list match is still recorded.* released"):
        world.staff.review.set_status(world.reviewer, s.reference, S.CONFIDENTIAL, "asked by e-mail")


def test_a_link_target_is_found_whatever_its_case_and_spaces(world):
    first = world.receive(make_pdf("First copy."), organisation="Joint One")
    second = world.receive(make_pdf("Second copy."), organisation="Joint Two")
    world.staff.review.link(world.reviewer, second.reference, f"  {first.reference.lower()} ", LinkKind.JOINT)
    [(link, this, target)] = world.staff.review.links(world.reviewer, second.reference)
    assert (this, target) == (second.reference, first.reference)


def test_a_release_holds_on_later_rescans_until_a_new_match_is_found(world):
    s = quarantined(world)
    world.staff.review.release_quarantine(world.admin, s.reference, "the hotline confirmed a false match")
    world.staff.review.set_status(world.reviewer, s.reference, S.REJECTED, "asked the sender for a new copy")

    assert list_and_rescan(world, s.documents[0].blob_sha256).quarantined == []  # the same match again
    assert world.app.submissions.get_submission(s.id).status == S.REJECTED

    md5 = hashlib.md5(world.app.blobs.get(s.documents[0].blob_sha256)).hexdigest()  # noqa: S324 - a list's hash
    world.staff.screening.lists.import_csv(["type,hash,list,category\n", f"md5,{md5},hotline,test\n"], "hotline",
                                           "cli:test")
    report = world.staff.screening.service.rescan(screenable(world.app.blobs, 50 * 2**20), actor="cli:test")
    assert report.quarantined == [s.reference]  # a new list's match quarantines it again
