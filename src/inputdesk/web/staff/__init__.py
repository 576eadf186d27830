"""The staff console under /staff: sign-in, review queue, submissions, files, audit, exports, users.

`attach(web, staff, settings)` wires it into the portal's FastAPI app; the routes stay thin and call the services
in `inputdesk.bootstrap_staff.Staff`, which check every role themselves.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import RedirectResponse, Response

from inputdesk.services.access import Forbidden, NotVisible, record_refusal
from inputdesk.web.security import RateLimiter
from inputdesk.web.staff import analysis_routes, audit, auth, files, queue, submission, users
from inputdesk.web.staff.deps import NEXT_COOKIE, SignInRequired, page, staff_environment

STATIC = Path(__file__).parent / "static"
ROUTERS = (auth, queue, submission, files, audit, users, analysis_routes)


def attach(web: FastAPI, staff, settings) -> None:
    web.state.staff = staff
    web.state.staff_limiter = RateLimiter(settings.staff_login_rate_per_minute, settings.staff_login_burst)


def install(web: FastAPI) -> None:
    """Routes, static files, templates and error handling of the console (before the app starts)."""
    web.state.staff_templates = staff_environment()
    web.mount("/staff/static", StaticFiles(directory=STATIC), name="staff-static")
    for module in ROUTERS:
        web.include_router(module.router)

    @web.get("/staff")
    def staff_root():
        return RedirectResponse("/staff/", status_code=307)

    @web.exception_handler(SignInRequired)
    async def sign_in(request: Request, exc: SignInRequired) -> Response:
        if request.method in ("GET", "HEAD"):
            # Where to go after signing in travels in a cookie, not the URL: no page ever repeats what a URL says
            response = RedirectResponse("/staff/login", status_code=303)
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            response.set_cookie(NEXT_COOKIE, target[:500], max_age=900, httponly=True, samesite="strict",
                                path="/staff", secure=request.url.scheme == "https")
            return response
        return Response("Sign in first.", status_code=401, media_type="text/plain")

    @web.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        review = request.app.state.staff.review
        record_refusal(review.audit, review.clock, exc, f"{request.method} {request.url.path}",
                       _refused_entity(request, review))
        return page(request, "forbidden.html", {"message": str(exc)}, None, 403)

    @web.exception_handler(NotVisible)
    async def not_visible(request: Request, exc: NotVisible) -> Response:
        return page(request, "forbidden.html", {"message": "There is no submission here that you can open."},
                    None, 404)


def _refused_entity(request: Request, review) -> tuple[str, str] | None:
    """The document or submission a refused request was about, so the refusal shows in its audit log."""
    params = request.path_params
    if str(params.get("document_id", "")).isdigit():
        return "document", str(params["document_id"])
    if params.get("reference"):
        try:
            return "submission", str(review.submissions.get_by_reference(params["reference"]).id)
        except LookupError:
            return None
    return None
