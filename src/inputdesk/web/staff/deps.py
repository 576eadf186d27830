"""What every console route needs: the signed-in person, the staff services, CSRF-checked forms, rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from starlette.responses import HTMLResponse, RedirectResponse

from inputdesk.bootstrap_staff import Staff
from inputdesk.domain.accounts import StaffUser
from inputdesk.web.rendering import build_ui, make_environment, render
from inputdesk.web.security import CSRF_COOKIE
from inputdesk.web.uploads import CsrfRejected, ReceivedForm, receive_small_form

STAFF_COOKIE = "inputdesk_staff"
NEXT_COOKIE = "inputdesk_staff_next"  # the console page to open after signing in
TEMPLATES = Path(__file__).parent / "templates"
FORM_LIMIT = 256 * 1024  # a console form never needs more: free text is short, checkboxes are many


class SignInRequired(Exception):
    """No valid session: pages redirect to the sign-in form, anything else is refused (nothing is shown)."""


def staff_environment() -> Environment:
    env = make_environment()
    env.loader = ChoiceLoader([FileSystemLoader(TEMPLATES), env.loader])
    return env


def get_staff(request: Request) -> Staff:
    return request.app.state.staff


StaffDep = Annotated[Staff, Depends(get_staff)]


def optional_user(request: Request, staff: StaffDep) -> StaffUser | None:
    return staff.accounts.user_for_session(request.cookies.get(STAFF_COOKIE))


def signed_in(user: Annotated[StaffUser | None, Depends(optional_user)]) -> StaffUser:
    if user is None:
        raise SignInRequired()
    return user


UserDep = Annotated[StaffUser, Depends(signed_in)]


async def staff_form(request: Request) -> ReceivedForm:
    """A urlencoded console form, size-capped, whose CSRF token matches this browser's cookie."""
    form = await receive_small_form(request, max_bytes=FORM_LIMIT, max_fields=5000)
    if not request.app.state.portal.csrf.check(request.cookies.get(CSRF_COOKIE), form.get("csrf_token")):
        raise CsrfRejected()
    return form


FormDep = Annotated[ReceivedForm, Depends(staff_form)]


def page(request: Request, template: str, context: dict, user: StaffUser | None = None,
         status: int = 200) -> HTMLResponse:
    ui = build_ui(request, request.app.state.portal)
    response = render(request.app.state.staff_templates, request, ui, template, {"user": user, **context}, status)
    response.headers["x-robots-tag"] = "noindex, nofollow"
    return response


def back_to(url: str, done: str | None = None) -> RedirectResponse:
    """After a successful action: the page again (POST-redirect-GET), with a fixed message key, never free text."""
    return RedirectResponse(url + (f"?done={quote(done)}" if done else ""), status_code=303)
