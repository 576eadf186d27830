"""Submissions that arrive as e-mails, Outlook messages and mailbox exports."""

import sys

import pytest
from pipeline_samples import make_email, make_pdf, make_png

from inputdesk.domain.extraction import ExtractionLimits, FailureReason, FileKind
from inputdesk.pipeline.extract import extract_document
from inputdesk.pipeline.mailbox import split_mbox

LIMITS = ExtractionLimits()


def test_email_body_sender_and_attachments():
    pdf = make_pdf([["Our contribution."]])
    data = make_email(
        html="<p>Dear secretariat,</p><p>Please find our contribution attached.</p>",
        attachments=[("contribution.pdf", pdf, "application/pdf")],
    )

    doc = extract_document(data, "message.eml", LIMITS)

    assert doc.kind is FileKind.EML
    assert [b.text for b in doc.blocks] == [
        "Dear secretariat,",
        "Please find our contribution attached.",
        "Regards, Example Network",
    ]  # the plain-text rendering is preferred; the HTML one is not kept as an attachment
    assert doc.metadata == {
        "from": "Example Network <contact@example.org>",
        "from_name": "Example Network",
        "from_address": "contact@example.org",
        "to": "call-for-input@example.int",
        "subject": "Submission to the call for input",
        "date": "2025-06-02T10:15:00+02:00",
    } | {"message_id": doc.metadata["message_id"]}
    assert doc.metadata["message_id"].startswith("<test-") and doc.metadata["message_id"].endswith("@example.org>")
    assert [(a.filename, a.content_type, a.data) for a in doc.attachments] == [
        ("contribution.pdf", "application/pdf", pdf)
    ]


def test_html_only_email_is_read_as_text_and_inline_pictures_are_attachments():
    data = make_email(body=None, html="<h1>Comments</h1><p>We agree.</p><script>x()</script>", inline_image=True)
    doc = extract_document(data, "message.eml", LIMITS)
    assert [b.text for b in doc.blocks] == ["Comments", "We agree."]
    assert [(a.filename, a.content_type) for a in doc.attachments] == [("attachment-1.png", "image/png")]
    assert doc.attachments[0].data == make_png()


def _forward(encoded: bool) -> bytes:
    from email import message_from_bytes, policy

    inner = make_email(subject="Original submission")
    if encoded:  # some mail programs base64-encode forwarded messages, which the standard forbids
        return make_email(attachments=[("fwd.eml", inner, "message/rfc822")])
    outer = message_from_bytes(make_email(), policy=policy.default)
    outer.add_attachment(message_from_bytes(inner, policy=policy.default))
    return bytes(outer)


@pytest.mark.parametrize("encoded", [False, True])
def test_forwarded_message_is_kept_whole(encoded):
    doc = extract_document(_forward(encoded), "forward.eml", LIMITS)
    assert [(a.filename, a.content_type) for a in doc.attachments] == [("Original submission.eml", "message/rfc822")]
    assert b"Subject: Original submission" in doc.attachments[0].data


def test_attachments_beyond_the_limit_are_counted_not_kept():
    files = [(f"annex-{n}.txt", b"annex text", "text/plain") for n in range(5)]
    doc = extract_document(make_email(attachments=files), "many.eml", ExtractionLimits(max_attachments=3))
    assert [a.filename for a in doc.attachments] == ["annex-0.txt", "annex-1.txt", "annex-2.txt"]
    assert "2 more attachments" in doc.warnings[0]


def test_attachment_names_cannot_climb_out_of_a_folder():
    doc = extract_document(make_email(attachments=[("../../etc/passwd", b"x", "text/plain")]), "m.eml", LIMITS)
    assert doc.attachments[0].filename == "passwd"


def test_file_named_eml_without_headers_is_a_malformed_email():
    outcome = extract_document(b"just some words\nwithout any headers\n", "broken.eml", LIMITS)
    assert outcome.reason is FailureReason.MALFORMED_EMAIL
    assert outcome.message.startswith("broken.eml does not look like an e-mail")


def test_outlook_message_without_the_optional_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "extract_msg", None)  # as if `inputdesk[msg]` were not installed
    outlook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "__substg1.0_0037001F".encode("utf-16-le")
    outcome = extract_document(outlook, "Re: submission.msg", LIMITS)
    assert outcome.reason is FailureReason.MISSING_EXTRA
    assert "Outlook .msg support is an optional extra: pip install 'inputdesk[msg]'" in outcome.message


def test_damaged_outlook_message_is_reported_when_the_extra_is_installed():
    outlook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "__substg1.0_0037001F".encode("utf-16-le")
    outcome = extract_document(outlook, "m.msg", LIMITS)
    assert outcome.reason in (FailureReason.CORRUPT, FailureReason.MISSING_EXTRA)


MBOX = (
    b"From contact@example.org Mon Jun  2 10:15:00 2025\n"
    + make_email(body="First message.\n\nFrom here on, a body line that starts with From.\n")
    + b"\nFrom other@example.org Tue Jun  3 09:00:00 2025\n"
    + make_email(body="Second message.\n>From the archive, escaped.\n", subject="Second")
)


def test_mailbox_is_split_into_messages():
    messages = split_mbox(MBOX)
    assert len(messages) == 2
    first = extract_document(messages[0], "message-1.eml", LIMITS)
    second = extract_document(messages[1], "message-2.eml", LIMITS)
    assert first.text == "First message.\n\nFrom here on, a body line that starts with From."
    assert second.metadata["subject"] == "Second"
    assert "From the archive, escaped." in second.text


@pytest.mark.parametrize("line", [b"From January to March 2024 the hotline saw more reports.",
                                  b"From Mon to Fri in 2024 we answered calls.",
                                  b"From 2019 to 2024 reports doubled."])
def test_an_unescaped_body_line_that_looks_dated_does_not_cut_a_message_in_two(line):
    mbox = (b"From contact@example.org Mon Jun  2 10:15:00 2025\n"
            + make_email(body=b"First careless message.\n".decode() + line.decode() + "\nThe end.\n")
            + b"\nFrom - Tue, 3 Jun 2025 09:00:00 +0200\n" + make_email(body="Second message.\n", subject="Second"))
    messages = split_mbox(mbox)
    assert len(messages) == 2
    assert extract_document(messages[0], "m.eml", LIMITS).text.endswith("The end.")


def test_mailbox_document_counts_its_messages():
    doc = extract_document(MBOX, "export.mbox", LIMITS)
    assert doc.kind is FileKind.MBOX
    assert doc.blocks == []
    assert doc.metadata == {"messages": "2"}


def test_an_email_whose_parts_are_broken_says_so():
    # The header announces parts separated by "XYZ"; the body uses "ABC": a mail program's export gone wrong
    eml = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Our answers\r\nDate: Mon, 4 Mar 2024 09:00:00 +0000"
           b'\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--ABC\r\n'
           b"Content-Type: text/plain\r\n\r\nHello there.\r\n--ABC--\r\n")
    doc = extract_document(eml, "broken.eml", ExtractionLimits())
    assert any("broken.eml is malformed" in w and "boundary" in w for w in doc.warnings)
    fine = extract_document(make_email(attachments=[("a.pdf", make_pdf([["Annex text."]]), "application/pdf")]), "fine.eml",
                            ExtractionLimits())
    assert not any("malformed" in w for w in fine.warnings)


def test_a_body_whose_charset_label_lies_is_read_by_its_bytes():
    raw = ("From: Example Network <contact@example.org>\r\nSubject: Contribution\r\n"
           "Date: Mon, 02 Jun 2025 10:15:00 +0200\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           "L'IA g\u00e9n\u00e9rative facilite l'exploitation.\r\n").encode("utf-8")
    text = extract_document(raw, "lying.eml", LIMITS).text
    assert "L'IA générative facilite" in text and "\ufffd" not in text


def test_attachment_names_keep_what_people_wrote_and_lose_only_what_is_unsafe():
    mail = make_email(attachments=[("[draft] notes, v2 & annex+1.txt", b"Our notes.", "text/plain"),
                                   ("../../etc/pass:wd*?.txt", b"x", "text/plain")])
    names = [a.filename for a in extract_document(mail, "m.eml", LIMITS).attachments]
    assert names == ["[draft] notes, v2 & annex+1.txt", "pass_wd_.txt"]
