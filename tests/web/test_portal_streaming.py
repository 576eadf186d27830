"""Uploads under failure: a cut connection leaves nothing behind; a failed response loses no submission."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from inputdesk.web.security import CSRF_COOKIE
from inputdesk.web.uploads import UploadLimits, receive_form

from portal_helpers import SEED, hidden, valid_adult_fields

BOUNDARY = "----portal-test-boundary"


def run_coroutine(coro):
    """asyncio.run in a fresh thread: Playwright's sync API may hold a running loop in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> bytes:
    out = b""
    for name, value in fields.items():
        out += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, filename, data in files:
        out += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def call_asgi(app, method: str, path: str, headers: dict, chunks: list[bytes], *, disconnect_after: bool = False,
              fail_on_send: bool = False) -> list[dict]:
    """Run one request through the ASGI app with full control over the connection."""
    sent: list[dict] = []
    queue = [{"type": "http.request", "body": c, "more_body": True} for c in chunks]
    if disconnect_after:
        queue.append({"type": "http.disconnect"})
    else:
        queue.append({"type": "http.request", "body": b"", "more_body": False})

    async def receive():
        if queue:
            return queue.pop(0)
        await asyncio.sleep(3600)

    async def send(message):
        if fail_on_send and message["type"] == "http.response.start":
            raise OSError("connection reset by peer")  # the browser went away before the answer
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
    try:
        run_coroutine(app(scope, receive, send))
    except OSError:
        pass
    return sent


def test_an_upload_cut_mid_stream_leaves_nothing_behind(inputdesk, client, portal):
    form = portal.open_form()
    annex = b"%PDF-1.4\n" + b"x" * (3 * 1024 * 1024)
    body = multipart({"csrf_token": form.csrf, "draft": form.draft, **valid_adult_fields()},
                     [("annexes", "report.pdf", annex)])
    cut = body[: len(body) // 2]
    chunks = [cut[i:i + 65536] for i in range(0, len(cut), 65536)]
    sent = call_asgi(client.app, "POST", f"/calls/{SEED}/submit", {
        "content-type": f"multipart/form-data; boundary={BOUNDARY}", "content-length": str(len(body)),
        "cookie": f"{CSRF_COOKIE}={client.cookies[CSRF_COOKIE]}"}, chunks, disconnect_after=True)
    assert sent[0]["status"] == 400  # the disconnect was noticed (not a CSRF refusal, not a success)
    staging = inputdesk.settings.data_dir / "staging"
    assert [p for p in staging.rglob("*") if p.is_file()] == []
    assert list(inputdesk.blobs.digests()) == []
    assert inputdesk.submissions.list_submissions() == []


def test_a_submission_survives_a_response_that_never_reaches_the_browser(inputdesk, client, portal):
    staged = portal.post_form(valid_adult_fields())
    review = client.get(staged.headers["location"]).text
    body = f"csrf_token={hidden(review, 'csrf_token')}&draft={hidden(review, 'draft')}".encode()
    call_asgi(client.app, "POST", f"/calls/{SEED}/submit/confirm", {
        "content-type": "application/x-www-form-urlencoded", "content-length": str(len(body)),
        "cookie": f"{CSRF_COOKIE}={client.cookies[CSRF_COOKIE]}"}, [body], fail_on_send=True)

    stored = inputdesk.submissions.list_submissions()
    assert [s.reference for s in stored] == ["SR24-0001"]  # committed before the answer was attempted
    assert inputdesk.blobs.verify(stored[0].documents[0].blob_sha256) == "ok"
    # The person presses the button again and gets the receipt of the submission already stored.
    retry = client.post(f"/calls/{SEED}/submit/confirm", follow_redirects=False, data={
        "csrf_token": hidden(review, "csrf_token"), "draft": hidden(review, "draft")})
    assert retry.status_code == 303 and "/receipts/SR24-0001?" in retry.headers["location"]
    assert len(inputdesk.submissions.list_submissions()) == 1


class FakeRequest:
    """Just enough of a Starlette request to feed `receive_form` chunk by chunk and watch the disk meanwhile."""

    def __init__(self, body: bytes, chunk: int, watch):
        self.headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
        self.body, self.chunk, self.watch = body, chunk, watch

    async def stream(self):
        for i in range(0, len(self.body), self.chunk):
            yield self.body[i:i + self.chunk]
            self.watch()


def test_the_size_limit_is_enforced_while_the_file_streams_in(tmp_path):
    limit = 64 * 1024
    incoming = tmp_path / "incoming"
    largest_on_disk = [0]

    def watch():
        sizes = [p.stat().st_size for p in incoming.iterdir()] if incoming.exists() else []
        largest_on_disk[0] = max([largest_on_disk[0], *sizes])

    body = multipart({"csrf_token": "ok"}, [("annexes", "big.pdf", b"%PDF" + b"0" * (2 * 1024 * 1024)),
                                            ("annexes", "small.txt", b"fine")])
    form = run_coroutine(receive_form(FakeRequest(body, 16 * 1024, watch), incoming,
                                    UploadLimits(limit, 5, 10 * 1024 * 1024), lambda token: token == "ok"))
    big, small = form.files
    assert big.too_large and big.path is None and big.size > limit
    assert small.path.read_bytes() == b"fine"
    assert largest_on_disk[0] <= limit, "a file over the limit was kept on disk while streaming"


@pytest.mark.parametrize("cap", [1024])
def test_a_stream_longer_than_announced_is_cut_at_the_cap(tmp_path, cap):
    from inputdesk.web.uploads import RequestTooLarge

    body = multipart({"csrf_token": "ok"}, [("annexes", "a.txt", b"a" * 4096)])
    with pytest.raises(RequestTooLarge):
        run_coroutine(receive_form(FakeRequest(body, 512, lambda: None), tmp_path / "in",
                                 UploadLimits(10_000, 5, cap), lambda token: True))
    assert list((tmp_path / "in").iterdir()) == []
