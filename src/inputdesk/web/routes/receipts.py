"""Receipts: the page after a submission and its downloadable copies (text, JSON). The link's key is the access."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inputdesk.domain.errors import SubmissionNotFound
from inputdesk.web import i18n
from inputdesk.web.deps import AppDep, EnvDep, PortalDep, UiDep
from inputdesk.web.rendering import render
from inputdesk.web.schemas import ReceiptPublic

router = APIRouter()


def _receipt(app, portal, reference: str, key: str | None) -> ReceiptPublic:
    # References are sequential and guessable: without the signed key a receipt does not exist for this caller.
    if not portal.signer.verify("receipt", reference, key):
        raise SubmissionNotFound(reference)
    submission = app.submissions.get_by_reference(reference)
    return ReceiptPublic.of(submission, portal.call(app.calls, submission.call_id))


@router.get("/receipts/{reference}")
def receipt_page(request: Request, reference: str, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
                 key: str | None = None):
    receipt = _receipt(app, portal, reference, key)
    return render(env, request, ui, "receipt.html", {
        "receipt": receipt, "call": portal.call(app.calls, receipt.call_id), "key": key},
        switch_extra={"key": key})


@router.get("/receipts/{reference}/receipt.txt")
def receipt_text(reference: str, app: AppDep, portal: PortalDep, ui: UiDep, key: str | None = None):
    receipt = _receipt(app, portal, reference, key)
    title = i18n.call_text(app.calls.get_call(receipt.call_id), "title", ui.lang).text
    text = receipt.as_text(ui.tr, title, lambda n: i18n.format_size(n, ui.lang),
                           lambda moment: i18n.format_deadline(moment, ui.lang))
    return Response(text, media_type="text/plain; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="receipt-{receipt.reference}.txt"', "cache-control": "no-store"})


@router.get("/receipts/{reference}/receipt.json")
def receipt_json(reference: str, app: AppDep, portal: PortalDep, key: str | None = None):
    receipt = _receipt(app, portal, reference, key)
    return Response(receipt.model_dump_json(indent=2), media_type="application/json", headers={
        "content-disposition": f'attachment; filename="receipt-{receipt.reference}.json"', "cache-control": "no-store"})
