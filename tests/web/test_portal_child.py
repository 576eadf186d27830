"""The child-friendly path: simple questions, nothing identifying asked, confidential by default, marked from_child."""

from __future__ import annotations

import re

import pytest

from inputdesk.domain.submission import FLAG_FROM_CHILD, Channel, DocumentRole

from portal_helpers import SEED, summary_links


def child_fields(**overrides) -> dict:
    fields = {"answer_q1": "Some people send mean messages in games.", "answer_q7": "Fake pictures scare me.",
              "country": "", "confidentiality": "confidential", "consent": "yes", "website": ""}
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def test_the_child_form_asks_nothing_that_identifies_a_child(client):
    page = client.get(f"/calls/{SEED}/child").text
    assert "How do you think phones, apps, games or AI are used to hurt children" in page  # child_text, not text
    assert "Please provide information on how technologies" not in page
    inputs = re.findall(r'<(?:input|textarea|select)[^>]*name="([^"]+)"', page)
    free_text = [n for n in re.findall(r'<input[^>]*type="text"[^>]*name="([^"]+)"', page)]
    assert free_text == ["website"]  # only the hidden honeypot; no name, e-mail, school, age in words
    assert not {"name", "email", "organisation", "category"} & set(inputs)
    assert all(n.startswith("answer_") or n in {"csrf_token", "draft", "country", "confidentiality", "consent",
                                                "website"} for n in inputs)


def test_the_child_form_carries_the_safeguarding_notice_and_the_calls_help_links(client):
    page = client.get(f"/calls/{SEED}/child").text
    assert "Staying safe" in page and "call your local emergency number" in page
    assert 'href="https://childhelplineinternational.org/helplines/"' in page
    assert 'href="https://www.inhope.org/EN#hotlineReferral"' in page


def test_answers_are_private_unless_the_child_says_otherwise(client):
    page = client.get(f"/calls/{SEED}/child").text
    assert 'value="confidential" checked' in page
    assert 'value="publish" checked' not in page


def test_a_child_submission_is_anonymous_confidential_and_marked(inputdesk, client, portal):
    receipt = client.get(portal.submit(child_fields(country="KE"), path="child"))
    assert "Thank you, we have your answers" in receipt.text
    stored = inputdesk.submissions.list_submissions()[0]
    assert stored.channel == Channel.CHILD_PORTAL
    assert FLAG_FROM_CHILD in stored.flags
    assert stored.details.from_child and stored.details.confidential
    assert stored.details.submitter_name is None and stored.details.contact_email is None
    assert stored.details.country == "KE"
    main = stored.documents[0]
    assert main.role == DocumentRole.ANSWERS
    markdown = inputdesk.blobs.get(main.blob_sha256).decode()
    assert markdown.startswith("## Question 1: How do you think phones, apps, games or AI")
    assert "## Question 7: AI can make fake pictures" in markdown


def test_a_child_may_choose_to_share(inputdesk, portal):
    portal.submit(child_fields(confidentiality="publish"), path="child")
    assert inputdesk.submissions.list_submissions()[0].details.confidential is False


def test_files_sent_to_the_child_path_are_dropped(inputdesk, portal):
    portal.submit(child_fields(), [("annexes", ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"))],
                  path="child")
    stored = inputdesk.submissions.list_submissions()[0]
    assert [d.filename for d in stored.documents] == ["answers.md"]


def test_the_child_review_uses_the_childs_words(client, portal):
    staged = portal.post_form(child_fields(), path="child")
    review = client.get(staged.headers["location"]).text
    assert "Check your answers before sending" in review and "Send my answers" in review
    assert "No, keep my answers private" in review
    assert "Some people send mean messages in games." in review


CHILD_CASES = [
    ("no answer", {"answer_q1": "", "answer_q7": ""}, "answer-q1", "Answer at least one question."),
    ("too many words", {"answer_q1": "word " * 3001}, "answer-q1", "the limit is 3,000"),
    ("country unknown", {"country": "ZZ"}, "country", "Choose a country from the list."),
    ("no choice", {"confidentiality": None}, "confidentiality-confidential",
     "Choose whether your answers can be shared or must stay private."),
    ("no consent", {"consent": None}, "consent", "Tick the box to say you understand"),
]


@pytest.mark.parametrize("fields, anchor, message", [c[1:] for c in CHILD_CASES], ids=[c[0] for c in CHILD_CASES])
def test_each_child_validation_error_is_shown_at_its_field(inputdesk, portal, fields, anchor, message):
    page = portal.post_form(child_fields(**fields), path="child")
    assert page.status_code == 422
    links = summary_links(page.text)
    assert any(a == anchor and message in m for a, m in links), links
    assert f'id="{anchor}"' in page.text
    assert inputdesk.submissions.list_submissions() == []


def test_the_child_path_in_spanish(client, portal):
    client.get("/?lang=es")
    page = client.get(f"/calls/{SEED}/child").text
    assert "Cuéntanos qué piensas" in page and "Mantenerte a salvo" in page
    receipt = client.get(portal.submit(child_fields(), path="child")).text
    assert "Gracias, hemos recibido tus respuestas" in receipt


def test_a_child_reading_in_french_gets_the_help_links_in_french(client):
    import html

    page = html.unescape(client.get(f"/calls/{SEED}/child?lang=fr").text)
    assert "trouve une ligne d'écoute dans ton pays" in page and 'lang="fr">Child Helpline International' in page
    assert "find a helpline in your country" not in page


def test_a_child_sending_again_is_told_in_the_child_s_words(client, portal):
    first = portal.post_form(child_fields(), path="child")
    assert portal.confirm(first.headers["location"], path="child").status_code == 303
    again = portal.post_form(child_fields(), path="child")
    review = client.get(again.headers["location"] + "&lang=es").text
    assert "Ya enviaste tus respuestas desde aquí (número SR24-0001)." in review
