"""Shared helpers for the evaluation scripts: where the labelled data lives, a demo instance, result files."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("INPUTDESK_EVAL_DATA", ROOT.parent / "shared" / "data"))
RESULTS = ROOT / "evals" / "results"


def require_data(*parts: str) -> Path:
    path = DATA.joinpath(*parts)
    if not path.exists():
        sys.exit(f"{path} is missing: these evaluations read ../shared/data (set INPUTDESK_EVAL_DATA to move it)")
    return path


def load() -> str:
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def write_result(name: str, command: str, result: dict) -> Path:
    """evals/results/NAME.json with the command that produced it, the machine and the load at the time."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    record = {"command": command, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "commit": commit.strip(), "python": platform.python_version(), "cpus": os.cpu_count(),
              "load_average_1min": load(), **result}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def demo_instance(root: Path):
    """Import the demo corpus into a fresh instance (no sandbox, no personal-data screen: only text matters)."""
    from inputdesk.bootstrap import build_app
    from inputdesk.config import Settings
    from inputdesk.demo.corpus import write_demo_corpus
    from inputdesk.services.batch_import import plan_import, run_import
    from inputdesk.services.calls import ensure_seed_call

    corpus = write_demo_corpus(root / "corpus")
    app = build_app(Settings(data_dir=root / "data", sandbox=False, personal_data_screen=False))
    call = ensure_seed_call(app.calls, app.audit)
    run_import(app.intake, call.id, plan_import([corpus.out_dir], call, corpus.manifest))
    return app, call, corpus


def reference_of(app, corpus) -> dict[str, str]:
    """planned key -> submission reference (matched on the main file's name)."""
    by_name = {}
    for s in app.submissions.list_submissions():
        for d in s.documents:
            by_name.setdefault(d.filename, s.reference)
    return {p.key: by_name.get(p.file.split("/")[-1]) for p in corpus.submissions}
