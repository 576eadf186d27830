"""The child-friendly path: simple questions, no name or e-mail, confidential by default, safeguarding notice."""

from __future__ import annotations

from fastapi import APIRouter, Request

from inputdesk.web.deps import AppDep, CallDep, EnvDep, PortalDep, UiDep
from inputdesk.web.drafts import CHILD
from inputdesk.web.routes import flow

router = APIRouter()


@router.get("/calls/{call_id}/child")
def form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
         draft: str | None = None):
    return flow.show_form(request, call, app, portal, ui, env, CHILD, draft)


@router.post("/calls/{call_id}/child")
async def send_form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
    return await flow.post_form(request, call, app, portal, ui, env, CHILD)


@router.get("/calls/{call_id}/child/review")
def review(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
           draft: str | None = None):
    return flow.show_review(request, call, app, portal, ui, env, CHILD, draft)


@router.post("/calls/{call_id}/child/confirm")
async def confirm(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
    return await flow.post_confirm(request, call, app, portal, ui, env, CHILD)
