"""The steps both submission paths share (form → review → final submit), parameterised by path (adult or child)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from inputdesk.services.upload_checks import password_protected
from inputdesk.web import forms
from inputdesk.web.deps import client_address
from inputdesk.web.drafts import ADULT, CHILD, Draft, new_token, valid_token
from inputdesk.web.forms import CONFIDENTIAL, HONEYPOT
from inputdesk.web.portal import (CallClosed, accept_string, already_submitted, ensure_open, in_grace, kinds_text,
                                  stage_files, submit_draft, validate_draft)
from inputdesk.web.rendering import render
from inputdesk.web.security import CSRF_COOKIE
from inputdesk.web.uploads import CsrfRejected, UploadLimits, receive_form, receive_small_form

PREFIX = {ADULT: "submit", CHILD: "child"}
_CHILD_LIMITS = UploadLimits(max_file_bytes=0, max_files=0, max_request_bytes=4 * 1024 * 1024)


def form_url(call, path: str, token: str | None = None) -> str:
    return f"/calls/{call.id}/{PREFIX[path]}" + (f"?draft={token}" if token else "")


def review_url(call, path: str, token: str) -> str:
    return f"/calls/{call.id}/{PREFIX[path]}/review?draft={token}"


def receipt_url(portal, reference: str) -> str:
    return f"/receipts/{reference}?key={portal.receipt_key(reference)}"


def _defaults(call, path: str, ui) -> dict:
    lang = ui.lang if ui.lang in call.languages else call.languages[0]
    if path == CHILD:  # confidential unless the child decides otherwise
        return {"country": "", "confidentiality": CONFIDENTIAL, "consent": False, "answers": {}, "language": lang}
    return {"name": "", "organisation": "", "category": "", "country": "", "email": "", "language": lang,
            "confidentiality": "", "consent": False, "answers": {}}


def _form_page(request, env, ui, portal, call, path: str, draft: Draft | None, token: str, errors=(), status=200, *,
               now):
    values = {**_defaults(call, path, ui), **(draft.values if draft else {})}
    by_field: dict[str, list[str]] = {}
    for error in errors:
        by_field.setdefault(error.field, []).append(error.message)
    limits = portal.upload_limits(call)
    return render(env, request, ui, "child_form.html" if path == CHILD else "form.html", {
        "call": call, "token": token, "values": values, "files": draft.files if draft else [],
        "errors": list(errors), "field_errors": by_field, "max_mb": limits.max_file_bytes // (1024 * 1024),
        "accept": accept_string(call), "kinds": kinds_text(call, ui.tr), "path": path,
        "deadline_passed": now > call.deadline,
    }, status, switch_extra={"draft": token} if draft else None)


def _own_draft(portal, token: str | None, owner: str, call, path: str) -> Draft | None:
    """The draft, if this browser made it on this path of this call; anything else is not shown or sent."""
    draft = portal.drafts.load(token, owner)
    return draft if draft is not None and draft.path == path and draft.call_id == call.id else None


def show_form(request: Request, call, app, portal, ui, env, path: str, draft_token: str | None):
    now = app.intake.clock.now()
    ensure_open(call, now)
    draft = _own_draft(portal, draft_token, ui.owner, call, path)
    return _form_page(request, env, ui, portal, call, path, draft, draft.token if draft else new_token(), now=now)


def _draft_for(portal, app, call, path: str, token: str, owner: str) -> Draft:
    draft = _own_draft(portal, token, owner, call, path)
    if draft is not None:
        return draft
    # Reuse the page's token only for a brand-new draft: never adopt another browser's folder, and a form already
    # sent once (the back button) becomes a new submission rather than a duplicate of the first.
    sent = already_submitted(app, call, token) if valid_token(token) else None
    fresh = valid_token(token) and not portal.drafts.exists(token) and not sent
    draft = portal.drafts.start(token if fresh else new_token(), call.id, path, owner)
    # The review page says so: sending again makes a second submission. A browser that reloaded the form (the back
    # button) has a new form token, so what it last sent to this call is asked too.
    draft.sent_before = sent
    draft.sent_recently = None if sent else portal.drafts.last_sent(owner, call.id)
    return draft


def _grace_s(portal) -> float:
    return portal.settings.web_deadline_grace_minutes * 60


async def post_form(request: Request, call, app, portal, ui, env, path: str):
    now = app.intake.clock.now()
    if not in_grace(call, now, _grace_s(portal)):
        ensure_open(call, now)
    portal.limit(client_address(request))
    portal.drafts.sweep()
    nonce = request.cookies.get(CSRF_COOKIE)
    limits = _CHILD_LIMITS if path == CHILD else portal.upload_limits(call)
    form = await receive_form(request, portal.drafts.incoming, limits, lambda t: portal.csrf.check(nonce, t))
    if form.get(HONEYPOT):
        form.discard_files()
        return render(env, request, ui, "error.html", {"kind": "spam"}, 400)
    draft = await run_in_threadpool(_draft_for, portal, app, call, path, form.get("draft"), ui.owner)
    try:
        ensure_open(call, now, started=draft.created_at, grace_s=_grace_s(portal))
    except CallClosed:
        form.discard_files()
        raise
    if path == CHILD:
        form.discard_files()  # the child path has no upload field; anything sent anyway is dropped
        draft.values = {**forms.read_child(form, call), "language": _defaults(call, CHILD, ui)["language"]}
        file_errors = []
    else:
        draft.values = forms.read_adult(form, call)
        intake = app.intake

        def protected(data: bytes, name: str) -> bool:
            return password_protected(intake.extractor, data, name, intake.limits)

        file_errors = await run_in_threadpool(stage_files, portal.drafts, draft, form, call, limits, ui.tr, protected)
    portal.drafts.save(draft)
    errors = validate_draft(draft, call, ui.tr, file_errors)
    if errors:
        return _form_page(request, env, ui, portal, call, path, draft, draft.token, errors, 422, now=now)
    return RedirectResponse(review_url(call, path, draft.token), status_code=303)


def show_review(request: Request, call, app, portal, ui, env, path: str, token: str | None):
    draft = _own_draft(portal, token, ui.owner, call, path)
    ensure_open(call, app.intake.clock.now(), started=draft.created_at if draft else None, grace_s=_grace_s(portal))
    if draft is None:
        reference = already_submitted(app, call, token) if valid_token(token) else None
        if reference:  # the back button after sending: show the receipt, never a second form
            return RedirectResponse(receipt_url(portal, reference), status_code=303)
        return render(env, request, ui, "error.html", {"kind": "draft_missing", "form_url": form_url(call, path)},
                      404)
    if validate_draft(draft, call, ui.tr):
        return RedirectResponse(form_url(call, path, draft.token), status_code=303)
    return render(env, request, ui, "review.html", {"call": call, "draft": draft, "values": draft.values,
                                                    "path": path, "form_url": form_url(call, path, draft.token)},
                  switch_extra={"draft": draft.token})


def _confirm(app, portal, call, path: str, token: str, owner: str, tr) -> tuple[str, str | None]:
    """('receipt', reference) | ('form', token) | ('missing', None); runs in a worker thread."""
    with portal.lock_for(token):
        reference = already_submitted(app, call, token)
        if reference:
            return "receipt", reference
        draft = _own_draft(portal, token, owner, call, path)
        if draft is None:
            return "missing", None
        if validate_draft(draft, call, tr):
            return "form", draft.token
        return "receipt", submit_draft(app, portal.drafts, call, draft, portal.background)


async def post_confirm(request: Request, call, app, portal, ui, env, path: str):
    now = app.intake.clock.now()
    if not in_grace(call, now, _grace_s(portal)):
        ensure_open(call, now)
    portal.limit(client_address(request))
    form = await receive_small_form(request)
    if not portal.csrf.check(request.cookies.get(CSRF_COOKIE), form.get("csrf_token")):
        raise CsrfRejected()
    token = form.get("draft")
    draft = _own_draft(portal, token, ui.owner, call, path) if valid_token(token) else None
    ensure_open(call, now, started=draft.created_at if draft else None, grace_s=_grace_s(portal))
    if not valid_token(token):
        return render(env, request, ui, "error.html", {"kind": "draft_missing", "form_url": form_url(call, path)},
                      404)
    outcome, value = await run_in_threadpool(_confirm, app, portal, call, path, token, ui.owner, ui.tr)
    if outcome == "receipt":
        return RedirectResponse(receipt_url(portal, value), status_code=303)
    if outcome == "form":
        return RedirectResponse(form_url(call, path, value), status_code=303)
    return render(env, request, ui, "error.html", {"kind": "draft_missing", "form_url": form_url(call, path)}, 404)
