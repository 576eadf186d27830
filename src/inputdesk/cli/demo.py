"""`inputdesk demo`: a fresh instance with the seed call and a generated, clearly fictional corpus imported."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from inputdesk.bootstrap import build_app
from inputdesk.cli.users import print_credentials
from inputdesk.config import Settings
from inputdesk.services.batch_import import plan_import, run_import
from inputdesk.services.calls import ensure_seed_call


def run_demo(data_dir: Path, console=None) -> dict:
    from inputdesk.demo.corpus import write_demo_corpus

    say = console.print if console else print
    corpus_dir = data_dir / "demo-corpus"
    corpus = write_demo_corpus(corpus_dir)
    with build_app(Settings(data_dir=data_dir)) as app:
        call = ensure_seed_call(app.calls, app.audit)
        items = plan_import([corpus_dir], call, corpus.manifest)
        summary = run_import(app.intake, call.id, items, actor="system:demo")
        counts = dict(summary.counts)
        total = len(app.submissions.list_submissions(call_id=call.id))
        credentials = demo_admin(app)
        analysed = _analyse(app, call.id, say)
    say(f"demo call: {call.id}")
    say(f"demo corpus: {corpus_dir.resolve()} ({len(items)} item(s))")
    say(f"import: {counts}; {total} submission(s) in {data_dir.resolve()}")
    for r in summary.failures:
        for reason in r.reasons:
            say(f"  kept for review: {reason}")
    if analysed:
        say(f"analysis: {analysed}")
    say("")
    say("Staff console: sign in at /staff/ as the demo administrator (new password and code each demo run):")
    out = (lambda text: console.print(text, soft_wrap=True, highlight=False)) if console else print
    print_credentials(credentials, out)  # soft wrap: a set-up link broken over lines could not be pasted
    if credentials.totp_secret:
        # The interpreter running this demo, by its full path: the command works from any folder.
        out(f"without an authenticator app, get the current code with: {shlex.quote(sys.executable)} -c \"import "
            f"pyotp; print(pyotp.TOTP('{credentials.totp_secret}').now())\"")
    return counts


def _analyse(app, call_id: str, say) -> str | None:
    """Analyse the demo so the console shows questions, themes and the report draft at once."""
    from inputdesk.bootstrap_analysis import build_analysis

    say("analysing the demo submissions (question mapping, tags, recommendations, duplicates, themes)...")
    try:
        summary = build_analysis(app).analysis.run(call_id)
    except Exception as exc:  # the demo is still useful without analysis; say how to retry
        say(f"analysis failed ({exc}); run 'inputdesk analyse {call_id}' to retry")
        return None
    return (f"{summary.passages} passages, {summary.mapped} mapped to questions, {summary.tagged} tagged, "
            f"{summary.recommendations} recommendations, themes for {len(summary.themes)} questions")


DEMO_ADMIN = "demo-admin"


def demo_admin(app):
    """The demo's administrator, with a fresh password and TOTP secret on every run (printed, never stored)."""
    from inputdesk.bootstrap_staff import accounts_service
    from inputdesk.domain.accounts import Role

    accounts = accounts_service(app)
    if accounts.store.get_user(DEMO_ADMIN) is None:
        return accounts.add_user(DEMO_ADMIN, Role.ADMIN, by="system:demo", display_name="Demo administrator")
    return accounts.reset(DEMO_ADMIN, by="system:demo")
