"""The app factory: wires the portal's and the staff console's routes, static files, security headers and error
pages to an InputDesk App."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from inputdesk.bootstrap import App
from inputdesk.bootstrap_staff import build_staff
from inputdesk.domain.errors import CallNotFound, SubmissionNotFound
from inputdesk.services.intake_worker import BackgroundIntake
from inputdesk.web.portal import CallClosed, Portal, RateLimited
from inputdesk.web.rendering import build_ui, make_environment, render
from inputdesk.web import public, staff as staff_console
from inputdesk.web.routes import pages, receipts
from inputdesk.web.routes.submission_paths import adult_router, child_router
from inputdesk.web.security import SecurityHeadersMiddleware
from inputdesk.web.uploads import CsrfRejected, MalformedForm, RequestTooLarge

STATIC_DIR = Path(__file__).parent / "static"


def create_app(app: App | Callable[[], App]) -> FastAPI:
    """A FastAPI app serving the public portal for `app`, or for the App a factory builds at startup.

    Given an App, the caller owns it (and closes it); given a factory, the web app builds it at startup and
    closes it at shutdown.
    """
    owned = callable(app) and not isinstance(app, App)

    @asynccontextmanager
    async def lifespan(web: FastAPI):
        if owned:
            _attach(web, app())
        try:
            yield
        finally:
            background = web.state.portal.background
            if background is not None:
                background.stop()
            web.state.staff.close()
            if owned:
                web.state.inputdesk.close()

    web = FastAPI(title="InputDesk portal", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    web.state.templates = make_environment()
    public.register(web.state.templates)
    if not owned:
        _attach(web, app)
    web.add_middleware(SecurityHeadersMiddleware)
    web.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in (pages.router, adult_router, child_router, receipts.router, public.router):
        web.include_router(router)
    staff_console.install(web)  # /staff: sign-in, review queue, audit, exports, users
    _error_pages(web)
    return web


def _attach(web: FastAPI, application: App) -> None:
    web.state.inputdesk = application
    staff_console.attach(web, build_staff(application), application.settings)
    web.state.portal = Portal.from_settings(application.settings)
    if application.settings.web_background_processing:
        web.state.portal.background = BackgroundIntake(application.intake, actor="portal")
        web.state.portal.background.start()  # also resumes submissions left unfinished by a previous run


def _error_page(request: Request, status: int, template: str, context: dict | None = None,
                headers: dict[str, str] | None = None) -> Response:
    ui = build_ui(request, request.app.state.portal)
    response = render(request.app.state.templates, request, ui, template, context or {}, status)
    response.headers.update(headers or {})
    return response


def _error_pages(web: FastAPI) -> None:
    """Every refusal is a readable page in the person's language that says what to do next."""

    @web.exception_handler(CallNotFound)
    @web.exception_handler(SubmissionNotFound)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error_page(request, 404, "error.html", {"kind": "not_found"})

    @web.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not_found", 405: "not_allowed"}.get(exc.status_code, "bad_request")
        return _error_page(request, exc.status_code, "error.html", {"kind": kind})

    @web.exception_handler(CallClosed)
    async def closed(request: Request, exc: CallClosed) -> Response:
        return _error_page(request, 410, "closed.html", {"call": exc.call})

    @web.exception_handler(CsrfRejected)
    async def csrf(request: Request, exc: CsrfRejected) -> Response:
        return _error_page(request, 403, "error.html", {"kind": "csrf"})

    @web.exception_handler(RateLimited)
    async def limited(request: Request, exc: RateLimited) -> Response:
        seconds = max(1, int(exc.retry_after + 0.999))
        return _error_page(request, 429, "error.html", {"kind": "rate_limited", "seconds": seconds},
                           {"retry-after": str(seconds)})

    @web.exception_handler(RequestTooLarge)
    async def too_large(request: Request, exc: RequestTooLarge) -> Response:
        # The rest of the body is never read; the server closes the connection after this answer.
        return _error_page(request, 413, "error.html", {"kind": "too_large"}, {"connection": "close"})

    @web.exception_handler(MalformedForm)
    async def malformed(request: Request, exc: MalformedForm) -> Response:
        return _error_page(request, 400, "error.html", {"kind": "bad_request"})

    @web.exception_handler(ClientDisconnect)
    async def gone(request: Request, exc: ClientDisconnect) -> Response:
        return Response(status_code=400)  # nobody is listening; partial uploads were already removed
