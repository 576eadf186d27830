"""Dependency aliases: routes ask for what they use (`AppDep`, `PortalDep`, `UiDep`), never for globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from jinja2 import Environment

from inputdesk.bootstrap import App
from inputdesk.domain.call import Call
from inputdesk.domain.errors import CallNotFound
from inputdesk.web.portal import Portal
from inputdesk.web.rendering import Ui, build_ui


def get_app(request: Request) -> App:
    return request.app.state.inputdesk


def get_portal(request: Request) -> Portal:
    return request.app.state.portal


def get_env(request: Request) -> Environment:
    return request.app.state.templates


def get_ui(request: Request, portal: Annotated[Portal, Depends(get_portal)]) -> Ui:
    return build_ui(request, portal)


AppDep = Annotated[App, Depends(get_app)]
PortalDep = Annotated[Portal, Depends(get_portal)]
EnvDep = Annotated[Environment, Depends(get_env)]
UiDep = Annotated[Ui, Depends(get_ui)]


def get_call(call_id: str, app: AppDep, portal: PortalDep) -> Call:
    try:
        return portal.call(app.calls, call_id)
    except KeyError as exc:
        raise CallNotFound(call_id) from exc


CallDep = Annotated[Call, Depends(get_call)]


def client_address(request: Request) -> str:
    # uvicorn already replaced this with X-Forwarded-For when the proxy is trusted (--forwarded-allow-ips).
    return request.client.host if request.client else "unknown"
