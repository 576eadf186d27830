"""A call's analysis in the console: overview, themes per question (with analysts' corrections), tags,
recommendations, duplicates and the evidence digest. Routes stay thin: the analysis, review, theme and reporting
services do the work; `analysis_context` assembles what each role may read."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inputdesk.domain.accounts import Permission
from inputdesk.domain.submission import AuditEvent
from inputdesk.services.access import NotVisible
from inputdesk.services.reporting.html_export import STYLES
from inputdesk.services.reporting.service import FORMATS
from inputdesk.web.staff.analysis_context import (
    analysis_services, question_page_context, relation_rows, reporting_service, scope_for, theme_rows,
    visible_inputs)
from inputdesk.web.staff.deps import FormDep, StaffDep, UserDep, back_to, page

router = APIRouter()
DONE = {"renamed": "The theme was renamed.", "unnamed": "The theme's name was removed: its keywords title it again.",
        "merged": "The themes were merged.", "split": "The theme was split.",
        "mapping": "The passage's questions were corrected."}
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "qdpx": "application/zip"}


def _base(scope, section: str) -> dict:
    return {"call": scope.call, "scope": scope, "section": section}


@router.get("/staff/calls/{call_id}/analysis")
def overview(request: Request, call_id: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    questions = theme_rows(services, scope) if scope.analysed else []
    return page(request, "analysis_overview.html", {**_base(scope, "overview"), "questions": questions}, user)


def _question_page(request, staff, user, call_id, question_id, problem=None, status=200):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    if scope.analysed:
        context = question_page_context(services, scope, question_id)
    else:
        found = next((q for q in scope.call.questions if q.id == question_id), None)
        if found is None:
            raise NotVisible(question_id)
        context = {"question": found, "summary": None, "themes": [], "members": {}, "mappings": []}
    done = DONE.get(request.query_params.get("done", "")) if problem is None else None
    return page(request, "analysis_question.html", {**_base(scope, "overview"), **context, "problem": problem,
                                                     "done": done}, user, status)


@router.get("/staff/calls/{call_id}/analysis/questions/{question_id}")
def question(request: Request, call_id: str, question_id: str, staff: StaffDep, user: UserDep):
    return _question_page(request, staff, user, call_id, question_id)


def _theme_of(services, call_id: str, theme_id: int):
    try:
        theme = services.theme_store.theme(theme_id)
    except KeyError:
        raise NotVisible(str(theme_id)) from None
    if theme.call_id != call_id:
        raise NotVisible(str(theme_id))
    return theme


def _edit(request, staff, user, call_id, question_id, done, action):
    try:
        action()
    except ValueError as problem:
        return _question_page(request, staff, user, call_id, question_id, str(problem), 422)
    return back_to(f"/staff/calls/{quote(call_id)}/analysis/questions/{quote(question_id)}", done)


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@router.post("/staff/calls/{call_id}/analysis/themes/{theme_id}/rename")
def rename_theme(request: Request, call_id: str, theme_id: int, staff: StaffDep, user: UserDep, form: FormDep):
    services = analysis_services(request)
    scope_for(staff, services, user, call_id)
    theme = _theme_of(services, call_id, theme_id)
    name = form.get("name")[:200]
    return _edit(request, staff, user, call_id, theme.question_id, "renamed" if name.strip() else "unnamed",
                 lambda: services.themes.rename(theme.id, name, user.username))


@router.post("/staff/calls/{call_id}/analysis/themes/{theme_id}/merge")
def merge_themes(request: Request, call_id: str, theme_id: int, staff: StaffDep, user: UserDep, form: FormDep):
    services = analysis_services(request)
    scope_for(staff, services, user, call_id)
    theme = _theme_of(services, call_id, theme_id)

    def action():
        sources = [s for s in _ids(form.getlist("source")) if s != theme.id]
        if not sources:
            raise ValueError("choose at least one theme to merge into this one")
        for s in sources:
            _theme_of(services, call_id, s)
        services.themes.merge(theme.id, sources, user.username)
    return _edit(request, staff, user, call_id, theme.question_id, "merged", action)


@router.post("/staff/calls/{call_id}/analysis/themes/{theme_id}/split")
def split_theme(request: Request, call_id: str, theme_id: int, staff: StaffDep, user: UserDep, form: FormDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    theme = _theme_of(services, call_id, theme_id)

    def action():
        readable = visible_inputs(services, scope)
        chosen = [p for p in _ids(form.getlist("passage")) if p in readable] or None
        texts = {pid: c.passage.text for pid, c in readable.items()}
        vectors = None
        if chosen is None:  # the machine's best 2-way split, as `inputdesk themes split` does
            embedder = services.search.embedder_for(call_id)
            vectors = services.store.vectors(call_id, embedder.name)
        services.themes.split(theme.id, user.username, chosen, vectors, texts, form.get("name").strip() or None)
    return _edit(request, staff, user, call_id, theme.question_id, "split", action)


@router.post("/staff/calls/{call_id}/analysis/passages/{passage_id}/questions")
def correct_mapping(request: Request, call_id: str, passage_id: int, staff: StaffDep, user: UserDep,
                    form: FormDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    if passage_id not in visible_inputs(services, scope):
        raise NotVisible(str(passage_id))
    known = {q.id for q in scope.call.questions}
    back = form.get("back") if form.get("back") in known else next(iter(sorted(known)))
    return _edit(request, staff, user, call_id, back, "mapping", lambda: services.review.set_questions(
        call_id, passage_id, [q for q in form.getlist("question") if q], user.username))


@router.get("/staff/calls/{call_id}/tags")
def tags(request: Request, call_id: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    kind = request.query_params.get("kind") or None
    rows = services.reports.tag_counts(call_id, kind=kind, statuses=scope.statuses) if scope.analysed else []
    return page(request, "analysis_tags.html", {**_base(scope, "tags"), "rows": rows, "kind": kind}, user)


@router.get("/staff/calls/{call_id}/recommendations")
def recommendations(request: Request, call_id: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    grouped = services.reports.recommendations_by_addressee(call_id, statuses=scope.statuses) \
        if scope.analysed else {}
    grouped = {a: [r for r in rs if r.reference in scope.references] for a, rs in grouped.items()}
    return page(request, "analysis_recommendations.html", {**_base(scope, "recommendations"),
                                                            "grouped": {a: rs for a, rs in grouped.items() if rs}},
                user)


@router.get("/staff/calls/{call_id}/duplicates")
def duplicates(request: Request, call_id: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    rows = relation_rows(services, scope) if scope.analysed else []
    return page(request, "analysis_duplicates.html", {**_base(scope, "duplicates"), "rows": rows}, user)


def _unreviewed(request: Request, user) -> bool:
    """Unreviewed submissions only for those who may see them; analysts always get the reviewed digest."""
    return request.query_params.get("unreviewed") == "1" and user.can(Permission.VIEW_ALL_STATUSES)


@router.get("/staff/calls/{call_id}/report")
def report(request: Request, call_id: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    unreviewed = _unreviewed(request, user)
    # No charts here: they are data: images, which the console's Content-Security-Policy (img-src 'self') blocks
    fragment = reporting_service(request).html_fragment(call_id, include_unreviewed=unreviewed, console_url="",
                                                        charts=False)[1] if scope.analysed else ""
    return page(request, "analysis_report.html", {**_base(scope, "report"), "fragment": fragment,
                                                   "unreviewed": unreviewed, "formats": FORMATS}, user)


@router.get("/staff/calls/{call_id}/report.{fmt}")
def report_file(request: Request, call_id: str, fmt: str, staff: StaffDep, user: UserDep):
    services = analysis_services(request)
    scope = scope_for(staff, services, user, call_id)
    if fmt not in FORMATS or not scope.analysed:
        return Response(status_code=404)
    unreviewed = _unreviewed(request, user)
    data, _ = reporting_service(request).export(call_id, fmt, include_unreviewed=unreviewed, summaries=False,
                                                console_url=str(request.base_url).rstrip("/"))
    staff.review.audit.append(AuditEvent(actor=user.actor, action="export.report", entity_type="call",
                                         entity_id=call_id, at=staff.review.clock.now(),
                                         after={"format": fmt, "unreviewed": unreviewed, "role": user.role.value}))
    suffix = "-with-unreviewed" if unreviewed else ""
    return Response(data, media_type=MEDIA[fmt], headers={
        "content-disposition": f'attachment; filename="{call_id}-evidence-digest{suffix}.{fmt}"',
        "cache-control": "no-store"})


@router.get("/staff/report.css")
def report_styles(user: UserDep):
    # The digest's own styles, served as a file: the Content-Security-Policy forbids inline styles
    return Response(STYLES, media_type="text/css; charset=utf-8", headers={"cache-control": "private, max-age=3600"})
