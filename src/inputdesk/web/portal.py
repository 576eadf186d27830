"""The portal's use case: stage a form into a draft, then hand the draft to the intake service exactly once."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from inputdesk.config import Settings
from inputdesk.domain.call import Call
from inputdesk.domain.submission import Channel, DocumentRole, SubmitterDetails
from inputdesk.pipeline.sniff import sniff
from inputdesk.services.intake_worker import BackgroundIntake
from inputdesk.services.intake import IMPORTED, RESUMED, IncomingFile
from inputdesk.web import forms
from inputdesk.web.drafts import CHILD, Draft, DraftStore, StagedFile
from inputdesk.web.forms import CONFIDENTIAL, FieldError
from inputdesk.web.i18n import parse_languages
from inputdesk.web.security import Csrf, RateLimiter, Signer, load_secret
from inputdesk.web.uploads import ReceivedForm, UploadLimits

MIB = 1024 * 1024
CALL_CACHE_S = 2.0
ANSWERS_FILENAME = "answers.md"
# Extensions for the file inputs' `accept` hint; the real check is by content.
KIND_EXTENSIONS = {
    "pdf": ".pdf", "docx": ".docx", "docm": ".docm", "odt": ".odt", "rtf": ".rtf", "html": ".html,.htm",
    "text": ".txt,.md", "image": ".png,.jpg,.jpeg,.gif,.tif,.tiff", "eml": ".eml", "msg": ".msg", "zip": ".zip",
}


class RateLimited(Exception):
    def __init__(self, retry_after: float):
        self.retry_after = retry_after


class CallClosed(Exception):
    def __init__(self, call: Call):
        self.call = call


@dataclass
class Portal:
    """Web-side state shared by all requests: signing key, rate limiter, draft staging."""

    settings: Settings
    signer: Signer
    csrf: Csrf
    limiter: RateLimiter
    drafts: DraftStore
    languages: tuple[str, ...]
    background: BackgroundIntake | None = None  # extracts and screens after the receipt is shown
    _calls: dict[str, tuple[float, Call]] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _locks_guard: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: Settings) -> "Portal":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        secret = settings.web_secret_key.get_secret_value() if settings.web_secret_key else None
        signer = Signer(load_secret(secret, settings.data_dir))
        drafts = DraftStore(settings.data_dir / "staging", settings.web_draft_ttl_hours * 3600)
        drafts.sweep(force=True)
        return cls(settings, signer, Csrf(signer),
                   RateLimiter(settings.web_rate_limit_per_minute, settings.web_rate_limit_burst), drafts,
                   parse_languages(settings.web_languages))

    def call(self, calls, call_id: str) -> Call:
        """The call, re-read from the store at most every few seconds: parsing a call file costs tens of
        milliseconds and every page needs it, while an edited call showing up two seconds late harms no one."""
        now = time.monotonic()
        cached = self._calls.get(call_id)
        if cached and cached[0] > now:
            return cached[1]
        call = calls.get_call(call_id)
        self._calls[call_id] = (now + CALL_CACHE_S, call)
        return call

    def limit(self, client_address: str) -> None:
        wait = self.limiter.hit(client_address)
        if wait:
            raise RateLimited(wait)

    def upload_limits(self, call: Call) -> UploadLimits:
        per_file = min(call.annex_rules.max_file_mb, self.settings.max_file_mb) * MIB
        files = call.annex_rules.max_files + 1  # the annexes and one main document
        # Room for every allowed file once, plus the text fields; past this the request is abandoned.
        return UploadLimits(per_file, files, per_file * (files + 1) + 4 * MIB)

    def receipt_key(self, reference: str) -> str:
        return self.signer.sign("receipt", reference)

    def lock_for(self, token: str) -> threading.Lock:
        with self._locks_guard:
            if len(self._locks) > 1000:  # forget locks nobody holds
                for key in [k for k, lock in self._locks.items() if not lock.locked()]:
                    del self._locks[key]
            return self._locks.setdefault(token, threading.Lock())


def ensure_open(call: Call, now, *, started: float | None = None, grace_s: float = 0.0) -> None:
    """Refuse a closed call. A draft begun before the deadline (`started`, a timestamp) may still be sent for
    `grace_s` after it: whoever was typing at the deadline does not lose their answers to it."""
    if call.is_open(now):
        return
    if started is not None and started <= call.deadline.timestamp() and now.timestamp() <= (
            call.deadline.timestamp() + grace_s):
        return
    raise CallClosed(call)


def in_grace(call: Call, now, grace_s: float) -> bool:
    """Whether the call is open, or closed so recently that a draft begun before the deadline may still be sent."""
    return call.is_open(now) or now.timestamp() <= call.deadline.timestamp() + grace_s


def accept_string(call: Call) -> str:
    return ",".join(KIND_EXTENSIONS[k] for k in call.annex_rules.allowed_types if k in KIND_EXTENSIONS)


def kinds_text(call: Call, tr) -> str:
    _ = tr.gettext
    names = {"pdf": "PDF", "docx": "Word (.docx)", "docm": "Word (.docm)", "odt": "OpenDocument (.odt)",
             "rtf": "RTF", "html": "HTML", "text": _("plain text"), "image": _("images (PNG, JPEG, GIF, TIFF)"),
             "eml": _("e-mail (.eml)"), "msg": "Outlook (.msg)", "zip": "ZIP"}
    return ", ".join(names.get(k, k) for k in call.annex_rules.allowed_types)


def stage_files(drafts: DraftStore, draft: Draft, form: ReceivedForm, call: Call, limits: UploadLimits,
                tr, protected: Callable[[bytes, str], bool] = lambda data, name: False) -> list[FieldError]:
    """Check each new upload by content and size (and `protected`: whether it needs a password to be read);
    accepted ones move into the draft, refused ones are deleted."""
    _ = tr.gettext
    errors: list[FieldError] = []
    for file_id in form.getlist("remove_file"):
        drafts.drop_file(draft, file_id)
    max_mb = limits.max_file_bytes // MIB
    for upload in form.files:
        role = {"main_document": "main", "annexes": "annex"}.get(upload.field)
        name = {"main": "main_document", "annex": "annexes"}.get(role, "annexes")
        params = {"name": upload.filename, "mb": max_mb, "count": call.annex_rules.max_files,
                  "types": kinds_text(call, tr)}
        data = upload.path.read_bytes() if upload.path else b""
        kind = sniff(data, upload.filename).value if data else None  # by content: a renamed .exe stays an .exe
        problem = None
        if role is None:
            problem = None  # not a file field of ours: ignore it silently
        elif upload.too_large:
            problem = _("“%(name)s” is larger than %(mb)s MB. Attach a smaller file or split it.")
        elif upload.too_many or (role == "annex" and len(draft.annexes()) >= call.annex_rules.max_files):
            problem = _("You can attach at most %(count)s annexes; “%(name)s” was not added.")
        elif not data:
            problem = _("“%(name)s” is empty. Attach the file again.")
        elif kind not in call.annex_rules.allowed_types:
            problem = _("“%(name)s” is not a file type this call accepts. Use one of: %(types)s.")
        elif protected(data, upload.filename):
            problem = _("“%(name)s” is protected by a password, so it cannot be read. Attach a copy without a "
                        "password.")
        if role is None or problem:
            if upload.path:
                upload.path.unlink(missing_ok=True)
            if problem:
                errors.append(FieldError(name, name, problem % params))
            continue
        if role == "main" and draft.main_file():
            drafts.drop_file(draft, draft.main_file().id)  # a new main document replaces the old one
        staged = StagedFile(id=secrets.token_hex(8), role=role, filename=upload.filename, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), kind=kind)
        drafts.adopt(draft, upload.path, staged)
    return errors


def validate_draft(draft: Draft, call: Call, tr, file_errors: list[FieldError] = ()) -> list[FieldError]:
    if draft.path == CHILD:
        return forms.validate_child(draft.values, call, tr)
    return forms.validate_adult(draft.values, call, has_main_file=draft.main_file() is not None,
                                file_errors=list(file_errors), tr=tr)


def source_key(token: str) -> str:
    """The intake's idempotency key: a double-clicked submit of one form is one submission."""
    return hashlib.sha256(f"portal-form:{token}".encode()).hexdigest()


def submit_draft(app, drafts: DraftStore, call: Call, draft: Draft, background=None) -> str:
    """Give the draft to the intake service (which stores the originals before anything else); returns the reference.

    The draft's staging folder is removed only after the intake has committed, so a failure in between
    loses nothing: the person can press the button again and gets the same receipt.
    """
    child = draft.path == CHILD
    values = draft.values
    if draft.main_file():
        main = IncomingFile(draft.main_file().filename, drafts.read(draft, draft.main_file()))
        role = DocumentRole.MAIN
    else:
        main = IncomingFile(ANSWERS_FILENAME, forms.answers_markdown(call, values["answers"], child=child))
        role = DocumentRole.ANSWERS
    annexes = [IncomingFile(a.filename, drafts.read(draft, a)) for a in draft.annexes()]
    if child:
        details = SubmitterDetails(country=values["country"] or None, language=values.get("language"),
                                   stakeholder_category=call.child_category,
                                   confidential=values["confidentiality"] == CONFIDENTIAL, from_child=True)
    else:
        details = SubmitterDetails(submitter_name=values["name"], organisation=values["organisation"] or None,
                                   stakeholder_category=values["category"], country=values["country"] or None,
                                   language=values["language"], contact_email=values["email"],
                                   confidential=values["confidentiality"] == CONFIDENTIAL)
    results = app.intake.register(call.id, main, annexes, details=details,
                                  channel=Channel.CHILD_PORTAL if child else Channel.PORTAL, actor="portal",
                                  source_key=source_key(draft.token), main_role=role)
    reference = results[0].reference
    if results[0].outcome in (IMPORTED, RESUMED):  # stored and committed: extraction and screening may follow
        if background is not None:
            background.submit(results[0].submission_id)
        else:
            app.intake.process(results[0].submission_id, "portal")
    if reference is None:  # only a split mailbox has none, and the portal never sends one
        raise RuntimeError(f"intake returned no reference for draft of call {call.id}: {results[0].reasons}")
    drafts.discard(draft.token)
    drafts.remember_sent(draft.owner, call.id, reference)
    return reference


def already_submitted(app, call: Call, token: str) -> str | None:
    existing = app.submissions.find_by_source(call.id, source_key(token))
    return existing.reference if existing else None
