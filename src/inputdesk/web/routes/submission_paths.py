"""The two ways to submit, on the same four steps (form, send, review, confirm):

- the adult path at /calls/{call}/submit: answers or a document, annexes, the submitter's choices;
- the child-friendly path at /calls/{call}/child: simple questions, no name or e-mail,
  confidential by default, a safeguarding notice.

What differs between them lives in the form flow (`flow`) and the templates, keyed by the path.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from inputdesk.web.deps import AppDep, CallDep, EnvDep, PortalDep, UiDep
from inputdesk.web.drafts import ADULT, CHILD
from inputdesk.web.routes import flow


def path_router(segment: str, path: str) -> APIRouter:
    """The routes of one submission path, under /calls/{call_id}/{segment}."""
    router = APIRouter()
    base = f"/calls/{{call_id}}/{segment}"

    @router.get(base)
    def form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
             draft: str | None = None):
        return flow.show_form(request, call, app, portal, ui, env, path, draft)

    @router.post(base)
    async def send_form(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
        return await flow.post_form(request, call, app, portal, ui, env, path)

    @router.get(f"{base}/review")
    def review(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep,
               draft: str | None = None):
        return flow.show_review(request, call, app, portal, ui, env, path, draft)

    @router.post(f"{base}/confirm")
    async def confirm(request: Request, call: CallDep, app: AppDep, portal: PortalDep, ui: UiDep, env: EnvDep):
        return await flow.post_confirm(request, call, app, portal, ui, env, path)

    return router


adult_router = path_router("submit", ADULT)
child_router = path_router("child", CHILD)
