"""`inputdesk redactions …`: review personal-data redaction proposals and write the published PDF."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Column, Table

from inputdesk.bootstrap import redaction_service
from inputdesk.cli.common import DatabaseOption, DataDirOption, console, err, fail, open_app
from inputdesk.domain.errors import SubmissionNotFound
from inputdesk.domain.redaction import RedactionStatus, StaleRedaction
from inputdesk.pipeline.personal_data import ENTITY_LABELS, MissingDetector
from inputdesk.services.redaction import NotPublishable, RedactionNotFound
from inputdesk.services.redaction_pdf import RedactionLeak

redactions_app = typer.Typer(help="Review personal-data redaction proposals and publish redacted text.",
                             no_args_is_help=True)
ByOption = typer.Option(..., "--by", help="Who decides (a reviewer's user name); recorded with the time.")
USER_ERRORS = (SubmissionNotFound, RedactionNotFound, NotPublishable, StaleRedaction, RedactionLeak, MissingDetector,
               ValueError)


def _notices(service, reference: str) -> None:
    for note in service.notices(reference):
        err.print(f"[yellow]Notice:[/] {escape(note)}", soft_wrap=True)


@redactions_app.command("list")
def list_proposals(
    reference: str = typer.Argument(..., help="Submission reference, e.g. SR-DIG-0007."),
    status: RedactionStatus = typer.Option(None, "--status", help="Only proposed, accepted or rejected."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """List a submission's redaction proposals with the found text in context (shown here, never logged)."""
    with open_app(data_dir, database_url) as app:
        service = redaction_service(app)
        try:
            items = service.review_items(reference, status)
            _notices(service, reference)
        except USER_ERRORS as exc:
            fail(str(exc))
    table = Table(Column("id", justify="right"), "status", "what", "score", "where", "text in context",
                  title=f"Redaction proposals for {reference}")
    for item in items:
        p = item.proposal
        where = f"p.{item.page}" if item.page else escape((item.heading or "")[:30])
        # The found text is marked in brackets as well as in reverse video, which a pipe or a log file does not keep
        context = f"…{escape(item.before[-40:])}[reverse]⟦{escape(item.found_text)}⟧[/]{escape(item.after[:40])}…"
        if item.stale:
            context = "[red](text changed since the proposal; rescan)[/] " + context
        decided = f"{p.status.value}" + (f"\n{p.decided_by}" if p.decided_by else "")
        table.add_row(str(p.id), decided, ENTITY_LABELS.get(p.entity_type, p.entity_type), f"{p.score:.2f}", where,
                      context.replace("\n", " "))
    console.print(table)
    pending = sum(1 for i in items if i.proposal.status == RedactionStatus.PROPOSED)
    console.print(f"{len(items)} proposal(s), {pending} undecided")


def _decide(status: RedactionStatus, ids: list[int] | None, by: str, reference: str | None, entity: str | None,
            data_dir: Path | None, database_url: str | None) -> None:
    if not ids and not reference:
        fail("give proposal ids, or --submission REF to decide all its undecided proposals")
    with open_app(data_dir, database_url) as app:
        service = redaction_service(app)
        try:
            if ids:
                count = len(service.decide(ids, status, by))
            else:
                count = service.decide_all(reference, status, by, entity_type=entity)
        except USER_ERRORS as exc:
            fail(str(exc))
    console.print(f"{status.value}: {count} proposal(s), by {by}")


def _decision_command(status: RedactionStatus, summary: str, example_type: str):
    """The `accept` or `reject` command: the same arguments, one decision."""

    def decide(
        ids: list[int] = typer.Argument(None, help="Proposal ids (see 'inputdesk redactions list REF')."),
        by: str = ByOption,
        reference: str = typer.Option(None, "--submission", help="Instead of ids: all undecided proposals of REF."),
        entity: str = typer.Option(None, "--type", help=f"With --submission: only this type, e.g. {example_type}."),
        data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
    ) -> None:
        _decide(status, ids, by, reference, entity, data_dir, database_url)

    decide.__doc__ = summary
    return decide


redactions_app.command("accept")(
    _decision_command(RedactionStatus.ACCEPTED, "Accept proposals: the text is removed from everything published.",
                      "EMAIL_ADDRESS"))
redactions_app.command("reject")(
    _decision_command(RedactionStatus.REJECTED, "Reject proposals: the text stays in the published version.", "URL"))


@redactions_app.command("add")
def add(
    reference: str = typer.Argument(..., help="Submission reference."),
    text: str = typer.Argument(..., help="Text the detector missed; every occurrence in the submission is removed."),
    by: str = ByOption,
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Remove text a person found (e.g. a nickname): accepted at once, recorded with who and when."""
    with open_app(data_dir, database_url) as app:
        try:
            added = redaction_service(app).add_manual(reference, text, by)
        except USER_ERRORS as exc:
            fail(str(exc))
    console.print(f"added {len(added)} redaction(s) to {reference}, by {by}")


@redactions_app.command("scan")
def scan(
    reference: str = typer.Argument(..., help="Submission reference."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Look for personal data again (e.g. after installing a model); earlier decisions are kept."""
    with open_app(data_dir, database_url) as app:
        service = redaction_service(app)
        try:
            result = service.rescan(reference)
            _notices(service, reference)
        except USER_ERRORS as exc:
            fail(str(exc))
    found = ", ".join(f"{ENTITY_LABELS.get(k, k)}: {v}" for k, v in sorted(result.by_type.items())) or "nothing"
    console.print(f"{reference}: {result.passages} passage(s) checked with the {result.profile} profile; "
                  f"found {found}; {result.new_proposals} new proposal(s)")


@redactions_app.command("pdf")
def pdf(
    reference: str = typer.Argument(..., help="Submission reference."),
    out: Path = typer.Option(..., "--out", "-o", help="PDF file to write.", dir_okay=False),
    draft: bool = typer.Option(False, "--draft", help="Allow undecided proposals (removed, and marked DRAFT)."),
    data_dir: Path = DataDirOption, database_url: str = DatabaseOption,
) -> None:
    """Write the published PDF: rebuilt from the redacted text, checked to contain none of the removed text."""
    with open_app(data_dir, database_url) as app:
        try:
            data = redaction_service(app).published_pdf(reference, draft=draft)
        except USER_ERRORS as exc:
            fail(str(exc))
    out.write_bytes(data)
    console.print(f"wrote {out} ({len(data):,} bytes){' - DRAFT' if draft else ''}")


@redactions_app.command("capabilities")
def capabilities(data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """What the personal-data detector can find in each language, and which model it uses."""
    with open_app(data_dir, database_url) as app:
        try:
            detector = redaction_service(app).screen.detector
        except MissingDetector as exc:
            fail(str(exc))
    table = Table("language", "names and places", "finds", "notes")
    for c in detector.capabilities():
        table.add_row(c.language, c.ner_model or "[yellow]not detected[/]",
                      ", ".join(ENTITY_LABELS.get(e, e) for e in sorted(c.entities)), "; ".join(c.problems))
    console.print(table)
