"""What the analysis pages show, assembled per role from the analysis services' role-aware reads.

Reviewers and admins see every analysable submission. Analysts see what the services return for their statuses
(`services.access.visible_statuses`), limited to the submissions their queue lists (never withheld ones), with the
text the review service gives them (every proposed or accepted redaction removed) and no organisation names."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import Request

from inputdesk.domain.accounts import Permission, StaffUser
from inputdesk.services.access import NotVisible, require, visible_statuses
from inputdesk.services.analysis_ports import theme_title
from inputdesk.services.analysis_themes import readable_keywords
from inputdesk.services.quarantine import ContentWithheld

WITHHELD = "[text not shown]"
UNREADABLE_THEME = "Theme without passages you may read"


def analysis_services(request: Request):
    """The wired analysis services (built once per web app; tests may set `app.state.analysis` first)."""
    state = request.app.state
    if getattr(state, "analysis", None) is None:
        from inputdesk.bootstrap_analysis import build_analysis

        state.analysis = build_analysis(state.inputdesk)
    return state.analysis


def reporting_service(request: Request):
    state = request.app.state
    if getattr(state, "reporting", None) is None:
        from inputdesk.bootstrap_reporting import build_reporting

        state.reporting = build_reporting(state.inputdesk, analysis=analysis_services(request))
    return state.reporting


@dataclass
class Scope:
    """What this person may read of a call's analysis."""

    user: StaffUser
    call: object
    statuses: frozenset | None  # passed to the analysis services; None: every analysable submission
    references: set[str]  # submissions this person may open
    texts: dict[int, str] | None  # analysts: passage id -> redacted text; None: the stored text is shown
    analysed: bool

    @property
    def full(self) -> bool:
        return self.texts is None

    def text(self, passage_id: int, stored: str) -> str:
        return stored if self.texts is None else self.texts.get(passage_id, WITHHELD)

    def sentence(self, passage_id: int, sentence: str) -> str:
        """A sentence found in a passage; for analysts only if redaction left it whole, else the redacted passage."""
        if self.texts is None:
            return sentence
        redacted = self.texts.get(passage_id)
        return sentence if redacted and sentence in redacted else (redacted or WITHHELD)


def scope_for(staff, services, user: StaffUser, call_id: str) -> Scope:
    require(user, Permission.VIEW_QUEUE)
    call = staff.review.calls.get_call(call_id)  # CallNotFound: 404
    references = {v.reference for v in staff.review.queue(user, call.id)}
    texts = None
    if not user.can(Permission.VIEW_IDENTITIES):
        texts = {}
        for reference in sorted(references):
            try:
                texts.update({p.id: p.text for p in staff.review.passages(user, reference)})
            except (ContentWithheld, NotVisible):
                continue
    return Scope(user, call, visible_statuses(user), references, texts, bool(services.store.jobs(call.id)))


def visible_inputs(services, scope: Scope) -> dict[int, object]:
    """passage id -> PassageContext, for the passages this person may read."""
    return {c.passage.id: c for c in services.store.analysis_inputs(scope.call.id)
            if c.reference in scope.references and (scope.statuses is None or c.status in scope.statuses)}


def theme_rows(services, scope: Scope, question_id: str | None = None, representatives: int = 3):
    """The analysis service's question summaries for this person's statuses, with texts as they may read them
    (and, for analysts, theme keywords drawn from that text alone)."""
    out = []
    for q in services.reports.questions(scope.call.id, statuses=scope.statuses, representatives=representatives):
        if question_id and q.question_id != question_id:
            continue
        themes = []
        words = readable_keywords([t.passage_ids for t in q.themes], scope.texts) if scope.texts is not None else []
        for number, t in enumerate(q.themes):
            if scope.texts is not None and not t.is_other:
                keywords = words[number]
                readable = any(p in scope.texts for p in t.passage_ids)
                title = theme_title(t.name, t.is_other, keywords, t.id,
                                    untitled=f"Theme {t.id}" if readable else UNREADABLE_THEME)
                t = replace(t, keywords=keywords, title=title)
            reps = [(pid, ref, scope.text(pid, text)) for pid, ref, text in t.representatives
                    if ref in scope.references]
            themes.append((t, reps))
        out.append((q, themes))
    return out


def question_page_context(services, scope: Scope, question_id: str) -> dict:
    call = scope.call
    question = next((q for q in call.questions if q.id == question_id), None)
    if question is None:
        raise NotVisible(question_id)
    inputs = visible_inputs(services, scope)
    [(summary, themes)] = theme_rows(services, scope, question_id) or [(None, [])]
    members = {}
    for t, _ in themes:
        members[t.id] = [(pid, inputs[pid].reference, scope.text(pid, inputs[pid].passage.text))
                         for pid in t.passage_ids if pid in inputs]
    mappings = []
    for context, chosen in services.reports.passage_mappings(call.id, question_id=question_id):
        if context.passage.id not in inputs:
            continue
        mappings.append((context.passage.id, context.reference, scope.text(context.passage.id, context.passage.text),
                         [(q, confidence, method, by, analyst) for q, confidence, method, by, analyst in chosen]))
    return {"question": question, "summary": summary, "themes": themes, "members": members, "mappings": mappings}


def relation_rows(services, scope: Scope) -> list[tuple]:
    """Duplicates, campaigns, joint submissions and shared annexes between submissions this person may open.
    Details can name joint authors or quote a submission, so analysts get them for shared annexes only."""
    rows = []
    shared: dict[tuple, list] = {}  # passages two submissions share: one row per pair, not one per passage
    for kind, level, a, b, similarity, detail in services.reports.relations(scope.call.id):
        if a not in scope.references or (b is not None and b not in scope.references):
            continue
        if not scope.full and level != "document":
            detail = None
        if kind == "shared_passage":
            pair = shared.setdefault((a, b), [0, 0.0])
            pair[0], pair[1] = pair[0] + 1, max(pair[1], similarity)
            continue
        rows.append((kind, level, a, b, similarity, detail))
    rows += [("shared_passage", "passage", a, b, best, f"{count} passage(s) in common")
             for (a, b), (count, best) in shared.items()]
    return rows
