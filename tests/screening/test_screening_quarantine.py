"""Through the real intake: a listed picture inside a submission quarantines it, and no one can get its content."""

from __future__ import annotations

import json
import logging

import pytest
from screening_samples import (
    csv_line,
    docx_with_picture,
    eml_with_attachment,
    encode,
    pdf_with_picture,
    recompressed,
    scene,
)

from inputdesk.domain.hash_screening import DOCUMENT_QUARANTINED, FLAG_SCREENING_MATCH, HashType
from inputdesk.domain.submission import SubmissionStatus
from inputdesk.pipeline.screening.hashing import pdq_hashes
from inputdesk.services.quarantine import ContentNotScreened, QuarantinedContent

LISTED = scene(42)
LISTED_PDQ = pdq_hashes(LISTED)[0].value
ACTORS = ["user:admin", "user:reviewer", "user:analyst", "user:publisher", "system:export", "system:analysis",
          "system:search-index", "public"]


def import_list(desk, *values: tuple[str, str]) -> None:
    desk.hashlists.import_csv([csv_line(kind, value, "hotline-x", "A1") for kind, value in values], "hotline",
                              "user:operator")


def altered_copy() -> bytes:
    """The listed picture as it might arrive: halved in size and recompressed at quality 40."""
    smaller = LISTED.resize((LISTED.width // 2, LISTED.height // 2))
    return encode(recompressed(smaller, 40), quality=40)


def test_a_pdf_embedding_a_listed_picture_is_quarantined_and_no_one_can_read_it(desk, caplog):
    import_list(desk, ("pdq", LISTED_PDQ))
    with caplog.at_level(logging.INFO):
        submission = desk.receive("report.pdf", pdf_with_picture(altered_copy(), "A report with a figure."))

    assert submission.status == SubmissionStatus.QUARANTINED
    assert FLAG_SCREENING_MATCH in submission.flags
    [document] = submission.documents
    assert DOCUMENT_QUARANTINED in document.flags
    assert desk.submissions.passages_for_submission(submission.id) == []  # its text is never analysed
    [match] = desk.store.matches(submission.id)
    assert (match.hit.hash_list, match.hit.source, match.hit.category) == ("hotline", "hotline-x", "A1")
    assert match.hit.hash.hash_type == HashType.PDQ and match.hit.distance <= 31

    for actor in ACTORS:
        for purpose in ("download", "preview", "publish", "analysis"):
            with pytest.raises(QuarantinedContent, match="quarantined after a hash-list match"):
                desk.guard.read_document(document.id, actor, purpose)
        with pytest.raises(QuarantinedContent):
            desk.guard.check_submission(submission.id, actor, "export")
    assert desk.guard.is_quarantined(submission.id) and desk.guard.is_document_quarantined(document.id)
    assert submission.id in desk.guard.withheld_submission_ids()

    events = list(desk.audit.all_events())
    withheld = [e for e in events if e.action == "content.withheld"]
    assert len(withheld) == len(ACTORS) * 5 and {e.actor for e in withheld} == set(ACTORS)
    assert not [e for e in events if e.action == "content.read"]
    [quarantine] = [e for e in events if e.action == "screening.quarantined"]
    assert quarantine.after["matches"][0]["hash_list"] == "hotline"
    # Lists are confidential: no hash in the audit log or in the logs.
    assert LISTED_PDQ not in json.dumps([e.after for e in events]) and LISTED_PDQ not in caplog.text


@pytest.mark.parametrize("filename, make", [
    ("answer.docx", docx_with_picture),
    ("message.eml", eml_with_attachment),
])
def test_pictures_in_word_files_and_e_mail_attachments_quarantine_the_submission(desk, filename, make):
    import_list(desk, ("pdq", LISTED_PDQ))
    submission = desk.receive(filename, make(altered_copy()))
    assert submission.status == SubmissionStatus.QUARANTINED
    for document in submission.documents:
        with pytest.raises(QuarantinedContent):
            desk.guard.read_document(document.id, "user:admin")


def test_an_exact_copy_matches_by_md5(desk):
    import hashlib

    picture = encode(scene(5))
    import_list(desk, ("md5", hashlib.md5(picture).hexdigest()))
    submission = desk.receive("photo.jpg", picture)
    assert submission.status == SubmissionStatus.QUARANTINED
    assert [m.hit.hash.hash_type for m in desk.store.matches(submission.id)] == [HashType.MD5]


def test_without_any_list_pictures_are_still_hashed_and_clean_content_is_served_and_audited(desk):
    data = pdf_with_picture(encode(scene(9)))
    submission = desk.receive("clean.pdf", data)
    assert submission.status == SubmissionStatus.NEEDS_REVIEW
    scan = desk.store.get_scans([submission.documents[0].blob_sha256])[submission.documents[0].blob_sha256]
    assert scan.images == 1 and len([h for h in scan.hashes if h.hash_type == HashType.PDQ]) == 8
    assert desk.guard.read_document(submission.documents[0].id, "user:reviewer", "download") == data
    [read] = [e for e in desk.audit.all_events() if e.action == "content.read"]
    assert read.actor == "user:reviewer" and read.after["purpose"] == "download"


def test_a_list_imported_later_quarantines_a_submission_already_under_review(desk):
    picture = encode(LISTED, quality=70)
    submission = desk.receive("annex.pdf", pdf_with_picture(picture))
    assert submission.status == SubmissionStatus.NEEDS_REVIEW
    decoded_before = desk.hasher.files

    import_list(desk, ("pdq", LISTED_PDQ))
    report = desk.service.rescan(desk.blobs.get, actor="user:operator")

    assert report.quarantined == [submission.reference]
    assert report.hashed == 0 and desk.hasher.files == decoded_before  # matched from stored hashes
    stored = desk.submissions.get_submission(submission.id)
    assert stored.status == SubmissionStatus.QUARANTINED and FLAG_SCREENING_MATCH in stored.flags
    assert desk.submissions.passages_for_submission(submission.id) == []
    with pytest.raises(QuarantinedContent):
        desk.guard.read_document(stored.documents[0].id, "user:admin")
    # A second rescan finds nothing new and records nothing twice.
    assert desk.service.rescan(desk.blobs.get, actor="user:operator").quarantined == []
    assert len(desk.store.matches(submission.id)) == 1
    assert len([e for e in desk.audit.all_events() if e.action == "screening.quarantined"]) == 1


def test_files_stored_before_screening_existed_are_withheld_until_a_rescan_hashes_them(desk):
    early = desk.receive("early.pdf", pdf_with_picture(altered_copy()), screens=False)
    clean = desk.receive("other.pdf", pdf_with_picture(encode(scene(77))), screens=False)
    with pytest.raises(ContentNotScreened, match="not been screened"):
        desk.guard.read_document(clean.documents[0].id, "user:admin")

    import_list(desk, ("pdq", LISTED_PDQ))
    report = desk.service.rescan(desk.blobs.get, actor="user:operator")

    assert report.hashed == 2 and report.quarantined == [early.reference]
    assert desk.guard.read_document(clean.documents[0].id, "user:admin")
    with pytest.raises(QuarantinedContent):
        desk.guard.read_document(early.documents[0].id, "user:admin")


def test_identical_bytes_in_another_submission_are_withheld_too(desk):
    import_list(desk, ("pdq", LISTED_PDQ))
    picture = altered_copy()
    first = desk.receive("photo.jpg", picture)
    second = desk.receive("mail.eml", eml_with_attachment(picture))
    assert first.status == second.status == SubmissionStatus.QUARANTINED
    assert {first.id, second.id} <= desk.guard.withheld_submission_ids()
