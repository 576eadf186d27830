"""Reading a multipart form as it streams in: files go straight to the staging folder, limits apply per chunk."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

MAX_FIELD_BYTES = 256 * 1024  # one answer; far above a 3,000-word limit in any script
MAX_TEXT_BYTES = 2 * 1024 * 1024  # all text fields together
MAX_PARTS = 200


class RequestTooLarge(Exception):
    """The request as a whole is over the hard cap: stop reading it."""


class MalformedForm(Exception):
    """Not a form this portal sends (no boundary, broken encoding, too many parts)."""


class CsrfRejected(Exception):
    """The form's token is missing or does not match the browser's cookie."""


@dataclass
class UploadedFile:
    field: str
    filename: str
    path: Path | None  # None when the file was dropped (too large, or one file too many)
    size: int
    too_large: bool = False
    too_many: bool = False


@dataclass
class ReceivedForm:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def discard_files(self) -> None:
        for upload in self.files:
            if upload.path is not None:
                upload.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int
    max_files: int  # file parts kept; later ones are dropped and reported
    max_request_bytes: int  # hard cap: past it the request is abandoned


def clean_filename(raw: str) -> str:
    """The name as the submitter's computer called it, minus any path and control characters."""
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:200] or "file"


class _StreamingForm:
    def __init__(self, incoming: Path, limits: UploadLimits, csrf_ok: Callable[[str], bool]):
        self.incoming = incoming
        self.limits = limits
        self.csrf_ok = csrf_ok
        self.csrf_seen = False
        self.form = ReceivedForm()
        self.parts = 0
        self.text_bytes = 0
        self._headers: list[tuple[bytes, bytes]] = []
        self._name = self._value = b""
        self._field: str | None = None
        self._buffer = bytearray()
        self._upload: UploadedFile | None = None
        self._empty_input = False
        self._fh = None

    # python-multipart callbacks ------------------------------------------------
    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise MalformedForm("too many form parts")
        self._headers, self._field, self._buffer, self._upload = [], None, bytearray(), None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers.append((self._name.lower(), self._value))
        self._name = self._value = b""

    def on_headers_finished(self) -> None:
        disposition = dict(self._headers).get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise MalformedForm("a form part has no name")
        self._field = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            return
        # Files only after the token: a forged request never gets a byte onto our disk.
        if not self.csrf_seen:
            raise CsrfRejected()
        raw_name = options[b"filename"].decode("utf-8", "replace")
        self._empty_input = raw_name == ""
        filename = clean_filename(raw_name)
        kept = sum(1 for f in self.form.files if f.path is not None)
        self._upload = UploadedFile(self._field, filename, None, 0, too_many=kept >= self.limits.max_files)
        if not self._upload.too_many:
            self._upload.path = self.incoming / f"in-{secrets.token_hex(12)}"
            self._fh = open(self._upload.path, "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._upload is None:
            self.text_bytes += len(chunk)
            if len(self._buffer) + len(chunk) > MAX_FIELD_BYTES or self.text_bytes > MAX_TEXT_BYTES:
                raise RequestTooLarge()
            self._buffer.extend(chunk)
            return
        self._upload.size += len(chunk)
        if self._fh is not None and self._upload.size > self.limits.max_file_bytes:
            self._drop_current(too_large=True)  # stop storing at once; the rest of the part is discarded
        if self._fh is not None:
            self._fh.write(chunk)

    def on_part_end(self) -> None:
        if self._upload is None:
            value = self._buffer.decode("utf-8", "replace")
            self.form.fields.setdefault(self._field, []).append(value)
            if self._field == "csrf_token":
                self.csrf_seen = self.csrf_ok(value)
            return
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        # A file input left empty still sends a part with no name and no bytes; that is not an upload.
        if self._upload.size == 0 and self._empty_input:
            if self._upload.path:
                self._upload.path.unlink(missing_ok=True)
            return
        self.form.files.append(self._upload)

    # ---------------------------------------------------------------------------
    def _drop_current(self, *, too_large: bool) -> None:
        self._fh.close()
        self._fh = None
        self._upload.path.unlink(missing_ok=True)
        self._upload.path = None
        self._upload.too_large = too_large

    def abandon(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._upload is not None and self._upload.path is not None:
            self._upload.path.unlink(missing_ok=True)
        self.form.discard_files()


async def receive_form(request, incoming: Path, limits: UploadLimits,
                       csrf_ok: Callable[[str], bool]) -> ReceivedForm:
    """Parse a multipart/form-data request, writing file parts under `incoming` as the bytes arrive.

    On any failure (client gone mid-upload, over the cap, forged token) every partial file is removed before the
    exception propagates, so an interrupted upload leaves nothing behind.
    """
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise MalformedForm("expected multipart/form-data")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_request_bytes:
        raise RequestTooLarge()  # refuse before reading a byte
    incoming.mkdir(parents=True, exist_ok=True)
    state = _StreamingForm(incoming, limits, csrf_ok)
    parser = MultipartParser(params[b"boundary"], {
        "on_part_begin": state.on_part_begin, "on_part_data": state.on_part_data,
        "on_part_end": state.on_part_end, "on_header_field": state.on_header_field,
        "on_header_value": state.on_header_value, "on_header_end": state.on_header_end,
        "on_headers_finished": state.on_headers_finished,
    })
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limits.max_request_bytes:
                raise RequestTooLarge()
            parser.write(chunk)
        parser.finalize()
        if not state.csrf_seen:
            raise CsrfRejected()
    except FormParserError as exc:
        state.abandon()
        raise MalformedForm(str(exc)) from exc
    except BaseException:
        state.abandon()
        raise
    return state.form


def stale_incoming(incoming: Path, older_than: float) -> list[Path]:
    """Partial files a crashed process left behind."""
    if not incoming.exists():
        return []
    return [p for p in incoming.iterdir() if p.name.startswith("in-") and p.stat().st_mtime < older_than]


def remove_quietly(path: Path) -> None:
    """Delete a staged upload; one already gone (another request cleaned it) is fine."""
    path.unlink(missing_ok=True)


async def receive_small_form(request, max_bytes: int = 64 * 1024, max_fields: int = 50) -> ReceivedForm:
    """A urlencoded form with no files (the review step's buttons, a console form), read with a
    hard cap on its size and on its number of fields."""
    from urllib.parse import parse_qs

    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise RequestTooLarge()
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=max_fields)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedForm(str(exc)) from exc
    return ReceivedForm(fields=fields)
