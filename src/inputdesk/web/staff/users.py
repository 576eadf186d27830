"""Administrators manage staff accounts: list, add (the password and TOTP secret are shown once), disable."""

from __future__ import annotations

from fastapi import APIRouter, Request

from inputdesk.domain.accounts import Permission, Role
from inputdesk.services.access import require
from inputdesk.services.accounts import AccountError
from inputdesk.web.staff.deps import FormDep, StaffDep, UserDep, back_to, page

router = APIRouter()


def _users_page(request, staff, user, problem: str | None = None, created=None):
    return page(request, "users.html", {"users": staff.accounts.list_users(), "roles": list(Role),
                                        "created": created, "problem": problem}, user, 422 if problem else 200)


@router.get("/staff/users")
def users(request: Request, staff: StaffDep, user: UserDep):
    require(user, Permission.MANAGE_USERS)
    return _users_page(request, staff, user)


@router.post("/staff/users")
def add_user(request: Request, staff: StaffDep, user: UserDep, form: FormDep):
    require(user, Permission.MANAGE_USERS)
    try:
        role = Role(form.get("role"))
        created = staff.accounts.add_user(form.get("username"), role, by=user.actor,
                                          display_name=form.get("display_name"),
                                          totp=True if form.get("totp") == "yes" else None)
    except (ValueError, AccountError) as problem:  # a taken name is a ValueError too
        return _users_page(request, staff, user, problem=str(problem))
    return _users_page(request, staff, user, created=created)


@router.post("/staff/users/{username}/active")
def set_active(request: Request, username: str, staff: StaffDep, user: UserDep, form: FormDep):
    require(user, Permission.MANAGE_USERS)
    if username == user.username:
        return _users_page(request, staff, user, problem="you cannot disable your own account")
    try:
        staff.accounts.set_active(username, form.get("active") == "yes", by=user.actor)
    except AccountError as problem:
        return _users_page(request, staff, user, problem=str(problem))
    return back_to("/staff/users")
