"""Abuse and forgery: CSRF, rate limiting, honeypot, upload caps, escaping of what people type."""

from __future__ import annotations

from fastapi.testclient import TestClient

from inputdesk.web.app import create_app

from portal_helpers import SEED, PortalClient, make_inputdesk, valid_adult_fields


def staged_files(inputdesk) -> list:
    root = inputdesk.settings.data_dir / "staging"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_form_without_its_token_is_refused_and_nothing_is_kept(inputdesk, client, portal):
    form = portal.open_form()
    response = client.post(f"/calls/{SEED}/submit", data={"draft": form.draft, **valid_adult_fields()},
                           files=[("annexes", ("a.txt", b"annex", "text/plain"))])
    assert response.status_code == 403 and "could not be sent safely" in response.text
    assert staged_files(inputdesk) == [] and inputdesk.submissions.list_submissions() == []


def test_a_token_from_another_browser_is_refused(inputdesk, client, portal):
    form = portal.open_form()
    with TestClient(client.app) as attacker:
        attacker.get("/")  # the attacker has a cookie of their own, but not the victim's
        response = attacker.post(f"/calls/{SEED}/submit", data={"csrf_token": form.csrf, "draft": form.draft,
                                                                **valid_adult_fields()},
                                 files=[("main_document", ("", b"", "application/octet-stream"))])
    assert response.status_code == 403
    assert staged_files(inputdesk) == []


def test_a_forged_token_is_refused(client, portal):
    form = portal.open_form()
    response = client.post(f"/calls/{SEED}/submit", data={"csrf_token": "0" * 40, "draft": form.draft},
                           files=[("main_document", ("", b"", "application/octet-stream"))])
    assert response.status_code == 403


def test_files_placed_before_the_token_are_refused_before_they_touch_disk(inputdesk, client, portal):
    form = portal.open_form()
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"annexes\"; filename=\"a.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\nannex\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{form.csrf}\r\n"
            f"--{boundary}--\r\n").encode()
    response = client.post(f"/calls/{SEED}/submit", content=body,
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 403
    assert staged_files(inputdesk) == []


def test_the_final_submit_needs_the_token_too(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields())
    token = staged.headers["location"].split("draft=")[1]
    response = client.post(f"/calls/{SEED}/submit/confirm", data={"draft": token})
    assert response.status_code == 403
    assert inputdesk.submissions.list_submissions() == []


def test_too_many_posts_from_one_address_are_slowed_down(tmp_path):
    application = make_inputdesk(tmp_path, web_rate_limit_burst=2, web_rate_limit_per_minute=1)
    with TestClient(create_app(application)) as http:
        portal = PortalClient(http)
        codes = [portal.post_form(valid_adult_fields()).status_code for _ in range(3)]
        refused = portal.post_form(valid_adult_fields())
    application.close()
    assert codes == [303, 303, 429]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Too many attempts" in refused.text


def test_a_filled_honeypot_is_refused_and_nothing_is_kept(inputdesk, portal):
    response = portal.post_form(valid_adult_fields(website="http://spam.example"),
                                [("annexes", ("a.txt", b"buy now", "text/plain"))])
    assert response.status_code == 400 and "filled in automatically" in response.text
    assert staged_files(inputdesk) == [] and inputdesk.submissions.list_submissions() == []


def test_a_request_over_the_cap_is_refused_before_it_is_read(inputdesk, client, portal):
    form = portal.open_form()
    boundary = "XyZ"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{form.csrf}\r\n").encode()
    chunks_read = []

    def body():  # a client announcing 1 GB; the server must answer without reading it
        chunks_read.append(1)
        yield head
        for _ in range(10):
            chunks_read.append(1)
            yield b"0" * 1024

    response = client.post(f"/calls/{SEED}/submit", content=body(), headers={
        "content-type": f"multipart/form-data; boundary={boundary}", "content-length": str(1024 ** 3)})
    assert response.status_code == 413 and "too large" in response.text
    assert staged_files(inputdesk) == []


def test_a_malformed_form_is_a_400(client, portal):
    portal.open_form()
    response = client.post(f"/calls/{SEED}/submit", content=b"name=x", headers={
        "content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400


def test_what_people_type_is_never_rendered_as_html(client, portal):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    staged = portal.post_form(valid_adult_fields(name=evil, organisation=evil, answer_q1=evil))
    review = client.get(staged.headers["location"]).text
    assert "<script>alert" not in review and "<img src=x" not in review
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in review
    errors = portal.post_form(valid_adult_fields(name=evil, email="")).text
    assert "<script>alert" not in errors


def test_filenames_lose_their_paths(inputdesk, client, portal):
    receipt = client.get(portal.submit(valid_adult_fields(), [
        ("annexes", ("C:\\fakepath\\<i>survey.txt", b"numbers", "text/plain"))]))
    stored = inputdesk.submissions.list_submissions()[0]
    assert stored.documents[1].filename == "<i>survey.txt"
    assert "&lt;i&gt;survey.txt" in receipt.text


def test_filenames_lose_control_characters_and_leading_dots():
    from inputdesk.web.uploads import clean_filename

    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("report\x07\u202e.pdf") == "report.pdf"
    assert clean_filename(".hidden") == "hidden"
    assert clean_filename("") == "file"
    assert len(clean_filename("a" * 500)) == 200
