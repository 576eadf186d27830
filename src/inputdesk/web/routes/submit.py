"""The adult submission path: form (answers or a document, annexes), review, final submit."""

from __future__ import annotations

from fastapi import APIRouter, Request

from inputdesk.web.deps import AppDep, CallDep, EnvDep, PortalDep, UiDep
from inputdesk.web.drafts import ADULT
from inputdesk.web.routes import flow

router = APIRouter()


@router.get("/calls/{call_id}/submit")
def form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
         draft: str | None = None):
    return flow.show_form(request, call, app, portal, ui, env, ADULT, draft)


@router.post("/calls/{call_id}/submit")
async def send_form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
    return await flow.post_form(request, call, app, portal, ui, env, ADULT)


@router.get("/calls/{call_id}/submit/review")
def review(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
           draft: str | None = None):
    return flow.show_review(request, call, app, portal, ui, env, ADULT, draft)


@router.post("/calls/{call_id}/submit/confirm")
async def confirm(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
    return await flow.post_confirm(request, call, app, portal, ui, env, ADULT)
