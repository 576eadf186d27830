"""Signing in (password and, where the account has one, a TOTP code) and out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse

from inputdesk.services.accounts import SignInFailed
from inputdesk.web.deps import client_address
from inputdesk.web.portal import RateLimited
from inputdesk.web.staff.deps import NEXT_COOKIE, STAFF_COOKIE, FormDep, StaffDep, optional_user, page

router = APIRouter()


def _safe_next(target: str | None) -> str:
    # Only a path inside the console: never an open redirect to another site
    if target and target.startswith("/staff/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/staff/"


@router.get("/staff/login")
def login_page(request: Request, staff: StaffDep):
    if optional_user(request, staff) is not None:
        return RedirectResponse(_safe_next(request.cookies.get(NEXT_COOKIE)), status_code=303)
    return page(request, "login.html", {"problem": None})


@router.post("/staff/login")
def login(request: Request, staff: StaffDep, form: FormDep):
    wait = request.app.state.staff_limiter.hit(client_address(request))
    if wait:
        raise RateLimited(wait)
    try:
        user, token = staff.accounts.sign_in(form.get("username"), form.get("password"), form.get("code"))
    except SignInFailed as failed:
        return page(request, "login.html", {"problem": str(failed).capitalize() + "."}, status=401)
    response = RedirectResponse(_safe_next(request.cookies.get(NEXT_COOKIE)), status_code=303)
    response.delete_cookie(NEXT_COOKIE, path="/staff")
    response.set_cookie(STAFF_COOKIE, token, httponly=True, samesite="strict", path="/staff",
                        secure=request.url.scheme == "https",
                        max_age=int(staff.accounts.policy.max_session.total_seconds()))
    return response


@router.post("/staff/logout")
def logout(request: Request, staff: StaffDep, form: FormDep):
    user = optional_user(request, staff)
    staff.accounts.sign_out(request.cookies.get(STAFF_COOKIE), user)
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(STAFF_COOKIE, path="/staff")
    return response
