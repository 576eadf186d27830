"""Reading the calls: list, call page (open, late, closed), languages, security headers, error pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from inputdesk.services.call_definitions import seed_call_text
from inputdesk.services.calls import add_call
from inputdesk.web.app import create_app

from portal_helpers import SEED, make_inputdesk


class FixedClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def add_closed_call(inputdesk) -> str:
    text = (seed_call_text().replace(f"id: {SEED}", "id: closed-call-2023")
            .replace("accept_late: true", "accept_late: false")
            .replace('deadline: "2024-05-15T23:59:00+00:00"', 'deadline: "2023-01-31T23:59:00+00:00"'))
    add_call(inputdesk.calls, inputdesk.audit, text, "test")
    return "closed-call-2023"


def test_home_lists_the_seed_call_with_its_deadline(client):
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/calls/{SEED}"' in page.text
    assert "Late submissions are still accepted." in page.text  # the seed call's deadline has passed, accept_late


def test_call_page_shows_what_the_mandate_published(client):
    page = client.get(f"/calls/{SEED}").text
    assert "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children" in page
    for heading in ("Background", "Types of input sought", "Questions", "How inputs will be used"):
        assert f"<h2>{heading}</h2>" in page
    assert "Please provide information on how technologies are used" in page  # question 1
    assert "What kind of mechanism could be put in place" in page  # question 9
    assert "All submissions will be posted on the mandate" in page
    assert "The deadline was May 15, 2024, 23:59 UTC." in page
    assert "Late submissions are still accepted." in page
    assert f'href="/calls/{SEED}/submit"' in page and f'href="/calls/{SEED}/child"' in page


def test_before_the_deadline_early_submissions_are_encouraged(inputdesk, client):
    inputdesk.intake.clock = FixedClock(datetime(2024, 4, 1, tzinfo=UTC))
    page = client.get(f"/calls/{SEED}").text
    assert "Deadline: May 15, 2024, 23:59 UTC" in page
    assert "Early submissions are strongly encouraged." in page
    assert "Late submissions" not in page


def test_a_closed_call_says_so_and_refuses_submissions(inputdesk, client, portal):
    call_id = add_closed_call(inputdesk)
    page = client.get(f"/calls/{call_id}").text
    assert "This call closed on January 31, 2023" in page
    assert f'href="/calls/{call_id}/submit"' not in page
    assert "Closed calls" in client.get("/").text
    for path in ("submit", "child", "submit/review?draft=x", "child/review"):
        refused = client.get(f"/calls/{call_id}/{path}")
        assert refused.status_code == 410 and "Submissions are no longer accepted." in refused.text
    form = portal.open_form()  # a form opened on another call: its tokens are valid
    posted = client.post(f"/calls/{call_id}/submit", data={"csrf_token": form.csrf, "draft": form.draft},
                         files=[("main_document", ("", b"", "application/octet-stream"))])
    assert posted.status_code == 410
    assert client.post(f"/calls/{call_id}/submit/confirm", data={"csrf_token": form.csrf}).status_code == 410


def test_unknown_call_and_page_are_readable_404s(client):
    for url in ("/calls/no-such-call", "/calls/no-such-call/submit", "/nothing-here"):
        page = client.get(url)
        assert page.status_code == 404
        assert "<h1>Page not found</h1>" in page.text


def test_every_response_carries_the_security_headers(client):
    for url in ("/", f"/calls/{SEED}", f"/calls/{SEED}/submit", "/static/portal.css", "/static/portal.js", "/nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    for url in ("/", f"/calls/{SEED}", f"/calls/{SEED}/submit", f"/calls/{SEED}/child"):
        html = client.get(url).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert '<script src="/static/portal.js" defer></script>' in html


@pytest.mark.parametrize(("lang", "limit"), [("en", "3,000"), ("fr", "3\u202f000"), ("es", "3.000")])
def test_numbers_are_written_as_the_reader_writes_them(client, lang, limit):
    # "3,000" reads as three in French and Spanish
    page = client.get(f"/calls/{SEED}?lang={lang}").text
    assert f"{limit} " in page and (lang == "en" or "3,000" not in page)


def test_a_search_without_matches_does_not_say_nothing_was_published(client):
    page = client.get(f"/calls/{SEED}/submissions?q=zzzz-no-such-organisation").text
    assert "No published submission matches your search." in page
    assert 'name="q" value="zzzz-no-such-organisation"' in page  # the reader sees what they searched for
    hostile = client.get(f"/calls/{SEED}/submissions", params={"q": '"><script>x()</script>'}).text
    assert "<script>x()" not in hostile and 'value="&#34;&gt;&lt;script&gt;' in hostile
    assert "No submission has been published yet." not in page


def test_switching_to_french_sticks_through_a_cookie(client):
    page = client.get(f"/calls/{SEED}?lang=fr")
    assert '<html lang="fr" dir="ltr">' in page.text
    assert "Soumettre votre contribution" in page.text
    assert "Les contributions tardives sont encore acceptées." in page.text
    assert "15 mai 2024" in page.text
    assert page.cookies.get("inputdesk_lang") == "fr"
    again = client.get("/")
    assert '<html lang="fr"' in again.text  # no ?lang= this time: the cookie decides


def test_the_browser_language_is_used_when_nothing_was_chosen(client):
    page = client.get("/", headers={"accept-language": "es-ES,es;q=0.9,en;q=0.5"})
    assert '<html lang="es"' in page.text and "Convocatorias" in page.text


def test_call_content_not_translated_is_marked_with_its_own_language(client):
    page = client.get(f"/calls/{SEED}?lang=es").text
    # The seed call's background exists in English only: screen readers must read it as English; its questions
    # have Spanish translations, shown without an English marker.
    assert '<div lang="en">' in page and "While existing and emerging forms of digital technologies" in page
    assert "cómo se utilizan las tecnologías" in page and '<li lang="en">Please provide information' not in page


def test_language_switcher_links_every_configured_language(client):
    page = client.get(f"/calls/{SEED}").text
    for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español")):
        assert f'lang="{code}" hreflang="{code}"' in page and f">{name}</a>" in page
    assert 'aria-current="true">English' in page


def test_right_to_left_languages_get_dir_rtl(tmp_path):
    application = make_inputdesk(tmp_path, web_languages="en,fr,es,ar")
    with TestClient(create_app(application)) as http:
        page = http.get(f"/calls/{SEED}?lang=ar").text
    application.close()
    assert '<html lang="ar" dir="rtl">' in page


def test_an_unknown_language_falls_back_to_english(client):
    assert '<html lang="en" dir="ltr">' in client.get("/?lang=xx").text


def test_static_files_are_served(client):
    assert client.get("/static/portal.css").headers["content-type"].startswith("text/css")
    assert "word" in client.get("/static/portal.js").text


@pytest.mark.parametrize("url", ["/", f"/calls/{SEED}/submit"])
def test_the_csrf_cookie_is_httponly_and_strict(client, url):
    cookie = client.get(url).headers["set-cookie"]
    assert "inputdesk_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_draft_begun_before_the_deadline_may_still_be_sent_for_a_while(inputdesk, client):
    from datetime import timedelta

    from portal_helpers import PortalClient, valid_adult_fields

    deadline = datetime.now(UTC) + timedelta(minutes=30)
    text = (seed_call_text().replace(f"id: {SEED}", "id: closing-soon").replace("accept_late: true", "accept_late: false")
            .replace('deadline: "2024-05-15T23:59:00+00:00"', f'deadline: "{deadline.isoformat()}"'))
    add_call(inputdesk.calls, inputdesk.audit, text, "test")
    portal = PortalClient(client, "closing-soon")
    form_page = portal.open_form()
    assert "Deadline:" in client.get("/calls/closing-soon/submit").text  # the form says when it closes
    posted = portal.post_form(valid_adult_fields(), form=form_page)
    assert posted.status_code == 303
    inputdesk.intake.clock = FixedClock(deadline + timedelta(minutes=10))  # the person was still reviewing
    assert client.get("/calls/closing-soon/submit").status_code == 410  # no new forms after the deadline
    sent = portal.confirm(posted.headers["location"])
    assert sent.status_code == 303 and "/receipts/" in sent.headers["location"]
    late = inputdesk.submissions.list_submissions("closing-soon")[0]
    assert "late" in late.flags

    unsent = portal.post_form(valid_adult_fields(name="Another Person"), form=form_page)  # begun in time too
    assert unsent.status_code == 303
    inputdesk.intake.clock = FixedClock(deadline + timedelta(hours=2))
    assert client.get(unsent.headers["location"]).status_code == 410  # the grace is over
