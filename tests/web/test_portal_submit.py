"""The adult path end to end: form → review → submit → receipt, and every way the form can be refused."""

from __future__ import annotations

import hashlib
import json
import re
import threading

import pytest
from fastapi.testclient import TestClient

from inputdesk.domain.submission import Channel, DocumentRole
from inputdesk.web.app import create_app

from portal_helpers import SEED, PortalClient, hidden, make_inputdesk, make_pdf, summary_links, valid_adult_fields


def receipt_hashes(html: str) -> list[str]:
    return re.findall(r'<code class="sha">([0-9a-f]{64})</code>', html)


def test_typed_answers_become_one_markdown_document_and_a_receipt(inputdesk, client, portal):
    receipt_url = portal.submit(valid_adult_fields())
    receipt = client.get(receipt_url)
    assert receipt.status_code == 200
    reference = re.search(r'<p class="reference">([^<]+)</p>', receipt.text).group(1)
    assert reference == "SR24-0001"

    stored = inputdesk.submissions.get_by_reference(reference)
    assert stored.channel == Channel.PORTAL
    assert (stored.details.submitter_name, stored.details.organisation, stored.details.stakeholder_category,
            stored.details.country, stored.details.contact_email, stored.details.language) == (
        "Amina Diallo", "Child Rights Network", "civil_society_hotlines", "SN", "amina@example.org", "en")
    assert stored.details.confidential is True and stored.details.from_child is False
    main = stored.documents[0]
    assert (main.role, main.filename) == (DocumentRole.ANSWERS, "answers.md")
    markdown = inputdesk.blobs.get(main.blob_sha256).decode("utf-8")
    assert markdown.startswith("## Question 1: Please provide information on how technologies are used")
    assert "## Question 2: What practical recommendations" in markdown
    assert "## Question 3" not in markdown  # unanswered questions leave no empty heading
    assert "Offenders use encrypted messaging" in markdown
    assert receipt_hashes(receipt.text) == [main.blob_sha256]
    assert inputdesk.submissions.passages_for_submission(stored.id), "the answers were extracted like any file"


def test_a_pdf_and_an_annex_are_stored_unchanged_with_their_hashes_on_the_receipt(inputdesk, client, portal):
    pdf = make_pdf("Submission of the Child Rights Network", "Recommendations for States.")
    annex = b"Annex: survey results, 2023.\n"
    fields = valid_adult_fields(answer_q1="", answer_q2="", confidentiality="publish")
    receipt = client.get(portal.submit(fields, [("main_document", ("submission.pdf", pdf, "application/pdf")),
                                                ("annexes", ("survey.txt", annex, "text/plain"))]))
    assert receipt_hashes(receipt.text) == [hashlib.sha256(pdf).hexdigest(), hashlib.sha256(annex).hexdigest()]
    assert "submission.pdf" in receipt.text and "survey.txt" in receipt.text
    stored = inputdesk.submissions.list_submissions()[0]
    assert [(d.role, d.filename) for d in stored.documents] == [(DocumentRole.MAIN, "submission.pdf"),
                                                                 (DocumentRole.ANNEX, "survey.txt")]
    assert inputdesk.blobs.get(stored.documents[0].blob_sha256) == pdf
    assert stored.details.confidential is False


def test_the_review_step_shows_everything_before_anything_is_stored(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields(), [("annexes", ("survey.txt", b"numbers", "text/plain"))])
    assert staged.status_code == 303
    review = client.get(staged.headers["location"]).text
    for shown in ("Amina Diallo", "Child Rights Network", "Civil society and hotline organizations", "Senegal",
                  "amina@example.org", "English", "Offenders use encrypted messaging", "survey.txt",
                  "Keep my submission confidential (do not publish it)", "Send submission"):
        assert shown in review
    assert inputdesk.submissions.list_submissions() == []
    assert list(inputdesk.blobs.digests()) == []  # staged files are not in the blob store yet


def test_receipts_download_as_text_and_json(client, portal):
    receipt_url = portal.submit(valid_adult_fields())
    path, key = receipt_url.split("?")
    text = client.get(f"{path}/receipt.txt?{key}")
    assert text.headers["content-disposition"] == 'attachment; filename="receipt-SR24-0001.txt"'
    assert "Reference: SR24-0001" in text.text and re.search(r"[0-9a-f]{64}  answers\.md", text.text)
    assert text.text.count("Call for input") == 1 and "your typed answers" in text.text
    french = client.get(f"{path}/receipt.txt?{key}&lang=fr").text
    assert "Appel à contributions : menaces" in french and "Call for input" not in french
    assert "Référence : SR24-0001" in french and re.search(r"Reçue le : \d+ \w+ 20\d\d, \d\d:\d\d UTC", french)
    data = json.loads(client.get(f"{path}/receipt.json?{key}").text)
    assert data["reference"] == "SR24-0001" and data["confidential"] is True
    assert [f["filename"] for f in data["files"]] == ["answers.md"] and len(data["files"][0]["sha256"]) == 64
    assert not {"submitter_name", "contact_email", "organisation"} & set(data)  # the public schema cannot leak them


def test_a_receipt_needs_its_key(client, portal):
    receipt_url = portal.submit(valid_adult_fields())
    path = receipt_url.split("?")[0]
    for url in (path, f"{path}?key=0000", f"{path}/receipt.json", f"{path}/receipt.txt?key=bad"):
        assert client.get(url).status_code == 404


def test_pressing_send_twice_gives_one_submission_and_the_same_receipt(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields())
    review = client.get(staged.headers["location"]).text
    data = {"csrf_token": hidden(review, "csrf_token"), "draft": hidden(review, "draft")}
    first = client.post(f"/calls/{SEED}/submit/confirm", data=data, follow_redirects=False)
    second = client.post(f"/calls/{SEED}/submit/confirm", data=data, follow_redirects=False)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert len(inputdesk.submissions.list_submissions()) == 1
    # The back button to the review page also leads to the receipt, not to a second submission.
    back = client.get(staged.headers["location"], follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == first.headers["location"]


def test_two_simultaneous_sends_of_one_form_make_one_submission(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields())
    review = client.get(staged.headers["location"]).text
    data = {"csrf_token": hidden(review, "csrf_token"), "draft": hidden(review, "draft")}
    results = []

    def send():
        results.append(client.post(f"/calls/{SEED}/submit/confirm", data=data, follow_redirects=False))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status_code for r in results} == {303}
    assert len({r.headers["location"] for r in results}) == 1
    assert len(inputdesk.submissions.list_submissions()) == 1


def test_the_form_can_be_changed_from_the_review_page(client, portal):
    staged = portal.post_form(valid_adult_fields(), [("annexes", ("survey.txt", b"numbers", "text/plain"))])
    token = staged.headers["location"].split("draft=")[1]
    form = client.get(f"/calls/{SEED}/submit?draft={token}").text
    assert 'value="Amina Diallo"' in form and "Offenders use encrypted messaging" in form
    assert "Files already attached" in form and "survey.txt" in form
    assert '<option value="SN" selected>' in form and 'value="confidential" required checked' in form


def test_an_attached_file_can_be_removed_before_sending(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields(), [("annexes", ("survey.txt", b"numbers", "text/plain"))])
    token = staged.headers["location"].split("draft=")[1]
    form = client.get(f"/calls/{SEED}/submit?draft={token}").text
    file_id = re.search(r'name="remove_file" value="([0-9a-f]+)"', form).group(1)
    again = portal.post_form(valid_adult_fields(remove_file=file_id),
                             form=type("F", (), {"csrf": hidden(form, "csrf_token"), "draft": token})())
    assert again.status_code == 303
    assert "survey.txt" not in client.get(again.headers["location"]).text


def test_a_draft_is_private_to_the_browser_that_made_it(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields())
    with TestClient(client.app) as stranger:
        page = stranger.get(staged.headers["location"])
        assert page.status_code == 404 and "Amina" not in page.text
        assert "Amina" not in stranger.get(staged.headers["location"].replace("/review", "")).text


# --- validation: every error is tied to its field and listed in the summary -------------------------------------
LONG = "x" * 301
CASES = [
    ("name", {"name": ""}, [], "name", "Enter your name."),
    ("name too long", {"name": "x" * 201}, [], "name", "Your name: use at most 200 characters (you have 201)."),
    ("organisation too long", {"organisation": LONG}, [], "organisation",
     "Organisation: use at most 300 characters (you have 301)."),
    ("category missing", {"category": ""}, [], "category", "Choose the type of stakeholder you are."),
    ("category unknown", {"category": "aliens"}, [], "category", "Choose a stakeholder type from the list."),
    ("country unknown", {"country": "XX"}, [], "country", "Choose a country from the list."),
    ("email missing", {"email": ""}, [], "email", "Enter an e-mail address so that we can contact you."),
    ("email malformed", {"email": "amina.example.org"}, [], "email",
     "Enter an e-mail address in the form name@example.org."),
    ("email too long", {"email": "a" * 250 + "@example.org"}, [], "email", "E-mail address: use at most 254 characters (you have 262)."),
    ("language not of the call", {"language": "de"}, [], "language", "Choose the language of your submission."),
    ("word limit", {"answer_q1": "word " * 2000, "answer_q2": "word " * 1001}, [], "answer-q1",
     "Your answers have 3,001 words in total; the limit is 3,000."),
    ("nothing to submit", {"answer_q1": "", "answer_q2": ""}, [], "answer-q1",
     "Answer at least one question, or attach your submission as a document."),
    ("answers and a document", {}, [("main_document", ("s.pdf", make_pdf(), "application/pdf"))], "main_document",
     "You typed answers and also attached a main document."),
    ("confidentiality missing", {"confidentiality": None}, [], "confidentiality-publish",
     "Choose whether your submission may be published or must be kept confidential."),
    ("confidentiality invented", {"confidentiality": "maybe"}, [], "confidentiality-publish",
     "Choose whether your submission may be published or must be kept confidential."),
    ("consent missing", {"consent": None}, [], "consent", "Tick the box to agree to the processing"),
    ("main document of a refused type", {"answer_q1": "", "answer_q2": ""},
     [("main_document", ("tool.pdf", b"MZ\x90\x00\x03" + bytes(200), "application/pdf"))], "main_document",
     "“tool.pdf” is not a file type this call accepts."),
    ("annex of a refused type", {}, [("annexes", ("mail.eml", b"From: a@b.org\nTo: c@d.org\nSubject: x\n\nhi",
                                                  "message/rfc822"))], "annexes",
     "“mail.eml” is not a file type this call accepts."),
    ("empty annex", {}, [("annexes", ("empty.txt", b"", "text/plain"))], "annexes",
     "“empty.txt” is empty."),
    ("too many annexes", {}, [("annexes", (f"a{i}.txt", b"annex", "text/plain")) for i in range(6)], "annexes",
     "You can attach at most 5 annexes; “a5.txt” was not added."),
]


def _with_password(user: str, owner: str) -> bytes:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(make_pdf())) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner))
        return out.getvalue()


def test_a_document_that_needs_a_password_is_refused_at_once_and_one_merely_restricted_is_not(inputdesk, portal):
    fields = valid_adult_fields(answer_q1="", answer_q2="")
    page = portal.post_form(fields, [("main_document", ("locked.pdf", _with_password("secret", "owner"),
                                                        "application/pdf"))])
    assert page.status_code == 422
    assert any(a == "main_document" and "“locked.pdf” is protected by a password" in m
               for a, m in summary_links(page.text))
    restricted = portal.post_form(fields, [("main_document", ("restricted.pdf", _with_password("", "owner"),
                                                              "application/pdf"))])
    assert restricted.status_code == 303  # printing or copying restricted by its owner: readable, accepted


@pytest.mark.parametrize("fields, files, anchor, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_validation_error_is_shown_at_its_field(inputdesk, portal, fields, files, anchor, message):
    page = portal.post_form(valid_adult_fields(**fields), files)
    assert page.status_code == 422
    links = summary_links(page.text)
    assert any(a == anchor and message in m for a, m in links), links
    assert f'id="{anchor}"' in page.text, "the summary links to an element that exists"
    assert "<title>Error:" in page.text
    assert 'aria-invalid="true"' in page.text or anchor.startswith("confidentiality")
    assert inputdesk.submissions.list_submissions() == []


def test_an_oversize_file_is_refused_at_its_field_without_being_kept(tmp_path):
    application = make_inputdesk(tmp_path, max_file_mb=1)
    with TestClient(create_app(application)) as http:
        portal = PortalClient(http)
        big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        page = portal.post_form(valid_adult_fields(), [("annexes", ("big.pdf", big, "application/pdf"))])
    staging = application.settings.data_dir / "staging"
    application.close()
    assert page.status_code == 422
    assert ("annexes", "“big.pdf” is larger than 1 MB. Attach a smaller file or split it.") in summary_links(page.text)
    assert not [p for p in staging.rglob("*") if p.is_file() and p.stat().st_size > 1024 * 1024]


def test_values_and_accepted_files_survive_a_validation_error(portal):
    page = portal.post_form(valid_adult_fields(email=""), [("annexes", ("survey.txt", b"numbers", "text/plain"))])
    assert page.status_code == 422
    assert 'value="Amina Diallo"' in page.text and "Offenders use encrypted messaging" in page.text
    assert "Files already attached" in page.text and "survey.txt" in page.text


def test_a_form_sent_again_after_the_back_button_says_it_was_already_received(inputdesk, client, portal):
    form = portal.open_form()
    staged = portal.post_form(valid_adult_fields(), form=form)
    sent = portal.confirm(staged.headers["location"])
    assert sent.status_code == 303
    again = portal.post_form(valid_adult_fields(), form=form)  # the browser re-posts the page it had before
    review = client.get(again.headers["location"]).text
    assert "You already sent this form: it was received as SR24-0001." in review
    assert "Sending it again makes a second submission." in review
    reloaded = client.get(portal.post_form(valid_adult_fields(name="Someone Else")).headers["location"]).text
    assert "You already sent this form" not in reloaded  # a new form (the back button reloads an empty one) ...
    assert "This browser recently sent a submission to this call (SR24-0001)." in reloaded  # ... is still told
