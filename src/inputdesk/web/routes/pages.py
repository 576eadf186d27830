"""Reading pages: the list of calls and one call as its mandate published it."""

from __future__ import annotations

from fastapi import APIRouter, Request

from inputdesk.web.deps import AppDep, CallDep, EnvDep, UiDep
from inputdesk.web.rendering import render

router = APIRouter()


def call_state(call, now) -> str:
    if now <= call.deadline:
        return "open"
    return "late" if call.accept_late else "closed"


@router.get("/")
def index(request: Request, app: AppDep, ui: UiDep, env: EnvDep):
    now = app.intake.clock.now()
    calls = [(call, call_state(call, now)) for call in app.calls.list_calls()]
    return render(env, request, ui, "index.html", {
        "open_calls": [(c, s) for c, s in calls if s != "closed"],
        "closed_calls": [(c, s) for c, s in calls if s == "closed"]})


@router.get("/calls/{call_id}")
def call_page(request: Request, call: CallDep, app: AppDep, ui: UiDep, env: EnvDep):
    return render(env, request, ui, "call.html", {"call": call, "state": call_state(call, app.intake.clock.now())})
