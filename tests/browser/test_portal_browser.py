"""A person using the portal in a real browser: adult and child submissions, French, errors, keyboard, no JS.

axe-core checks every page visited; none may have a serious or critical violation.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from browser_helpers import check_accessibility
from typed_pdfs import typed_pdf

pytestmark = pytest.mark.browser
SEED = "sr-sale-children-digital-2024"


def assert_accessible(page):
    assert check_accessibility(page) == [], page.url


def test_an_organisation_submits_a_pdf_and_an_annex_confidentially(live, page, inputdesk):
    pdf = typed_pdf("Submission of the Child Rights Network: recommendations for States.")
    annex = typed_pdf("Annex: survey of 1,200 teachers, 2023.")
    page.goto(live.url)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Call for input: existing and emerging threats")).click()
    assert_accessible(page)
    page.get_by_role("link", name="Submit your input").first.click()
    assert_accessible(page)

    page.get_by_label("Your name", exact=True).fill("Amina Diallo")
    page.get_by_label("Organisation (optional)", exact=True).fill("Child Rights Network")
    page.get_by_label("Type of stakeholder").select_option(label="Civil society and hotline organizations")
    page.get_by_label("Type to filter the list of countries").fill("seneg")
    assert page.locator("#country").input_value() == "SN"  # the filter picked the one match
    page.get_by_label("E-mail address").fill("amina@example.org")
    page.get_by_label("Main document").set_input_files(
        files=[{"name": "submission.pdf", "mimeType": "application/pdf", "buffer": pdf}])
    page.get_by_label("Files to attach as annexes").set_input_files(
        files=[{"name": "survey.pdf", "mimeType": "application/pdf", "buffer": annex}])
    page.get_by_label("Keep my submission confidential (do not publish it)").check()
    page.get_by_label(re.compile("I agree that the mandate's team")).check()
    page.get_by_role("button", name="Continue to review").click()

    assert page.get_by_role("heading", name="Check your submission before sending").is_visible()
    assert_accessible(page)
    for shown in ("Amina Diallo", "Senegal", "submission.pdf", "survey.pdf", "Keep my submission confidential"):
        assert shown in page.content()
    assert inputdesk.submissions.list_submissions() == []
    page.get_by_role("button", name="Send submission").click()

    assert page.get_by_role("heading", name="Submission received").is_visible()
    assert_accessible(page)
    assert page.locator(".reference").inner_text() == "SR24-0001"
    hashes = page.locator("code.sha").all_inner_texts()
    assert hashes == [hashlib.sha256(pdf).hexdigest(), hashlib.sha256(annex).hexdigest()]
    stored = inputdesk.submissions.get_by_reference("SR24-0001")
    assert stored.details.confidential and stored.details.organisation == "Child Rights Network"


def test_a_child_answers_two_questions_with_the_word_counter(live, page, inputdesk):
    page.goto(f"{live.url}/calls/{SEED}")
    page.get_by_role("link", name="A simpler form for children and young people").click()
    assert page.get_by_role("heading", name="Staying safe").is_visible()
    assert_accessible(page)
    assert page.get_by_label("No, keep my answers private").is_checked()
    page.get_by_label(re.compile("How do you think phones, apps, games or AI")).fill("People send mean messages.")
    page.get_by_label(re.compile("AI can make fake pictures")).fill("Fake pictures of kids worry me.")
    assert page.locator("#word-total").inner_text() == "10 of 3,000 words used"
    page.get_by_label(re.compile("I understand that people working for the UN")).check()
    page.get_by_role("button", name="Check my answers").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_role("heading", name="Thank you, we have your answers").is_visible()
    assert_accessible(page)
    stored = inputdesk.submissions.list_submissions()[0]
    assert stored.details.from_child and stored.details.confidential and stored.details.submitter_name is None


def test_switching_to_french_translates_the_portal_and_its_errors(live, page):
    page.goto(f"{live.url}/calls/{SEED}")
    page.get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Contexte").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Soumettre votre contribution").first.click()
    assert page.get_by_label("Votre nom").is_visible()
    page.get_by_role("button", name="Continuer vers la vérification").click()
    assert page.get_by_role("heading", name="Il y a un problème").is_visible()
    assert "Saisissez votre nom." in page.locator(".error-summary").inner_text()
    assert_accessible(page)


def test_a_validation_error_leads_the_person_to_the_field_and_back(live, page, inputdesk):
    page.goto(f"{live.url}/calls/{SEED}/submit")
    page.get_by_role("button", name="Continue to review").click()
    summary = page.locator(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter your name.").click()
    assert page.evaluate("document.activeElement.id") == "name"
    assert page.locator("#name").get_attribute("aria-invalid") == "true"
    page.keyboard.type("Amina Diallo")
    page.get_by_label("Type of stakeholder").select_option("academics")
    page.get_by_label("E-mail address").fill("amina@example.org")
    page.get_by_label(re.compile("Please provide information on how technologies")).fill("Grooming in games.")
    page.get_by_label("My submission may be posted on the mandate's website").check()
    page.get_by_label(re.compile("I agree that the mandate's team")).check()
    page.get_by_role("button", name="Continue to review").click()
    assert page.get_by_role("heading", name="Check your submission before sending").is_visible()


def test_the_child_path_works_with_the_keyboard_alone(live, page, inputdesk):
    page.goto(f"{live.url}/calls/{SEED}/child")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).backgroundColor")
    assert outline != "none rgba(0, 0, 0, 0)"  # focus is visible
    page.keyboard.press("Enter")  # skip to main content
    for _ in range(40):  # tab forward to the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "answer-q1":
            break
    assert page.evaluate("document.activeElement.id") == "answer-q1"
    page.keyboard.type("Strangers ask for photos.")
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "consent":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is not focusable: the next stop is the button
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/child/review"))
    page.get_by_role("button", name="Send my answers").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/receipts/"))
    assert len(inputdesk.submissions.list_submissions()) == 1


def test_everything_works_with_javascript_disabled(live, chromium, inputdesk):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live.url}/calls/{SEED}/submit")
        assert page.locator(".country-filter").is_hidden()  # the enhancement never shows half-built
        page.get_by_label("Your name", exact=True).fill("Amina Diallo")
        page.get_by_label("Type of stakeholder").select_option("academics")
        page.get_by_label("E-mail address").fill("amina@example.org")
        page.get_by_label(re.compile("Please provide information on how technologies")).fill("Grooming in games.")
        page.get_by_label("My submission may be posted on the mandate's website").check()
        page.get_by_label(re.compile("I agree that the mandate's team")).check()
        page.get_by_role("button", name="Continue to review").click()
        page.get_by_role("button", name="Send submission").click()
        assert page.get_by_role("heading", name="Submission received").is_visible()
    finally:
        context.close()
    assert len(inputdesk.submissions.list_submissions()) == 1


def test_switching_language_keeps_what_was_typed(live, page):
    page.goto(f"{live.url}/calls/{SEED}/submit")
    page.get_by_label("Your name", exact=True).fill("Amina Diallo")
    page.get_by_label("Type of stakeholder").select_option(label="Civil society and hotline organizations")
    page.locator("textarea").first.fill("Our answer to the first question.")
    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_label("Votre nom", exact=True).input_value() == "Amina Diallo"
    assert page.locator("#category").input_value() == "civil_society_hotlines"
    assert page.locator("textarea").first.input_value() == "Our answer to the first question."
    page.reload()  # kept for the one switch only: nothing lingers in the browser afterwards
    assert page.get_by_label("Votre nom", exact=True).input_value() == ""
