"""Near-duplicate and campaign detection on real form-letter campaigns (regulations.gov, USDA dockets).

Labels: `clust` groups comments built on one template (silver labels from an earlier algorithm). Every labelled
comment has a partner, so unique texts are added as negatives: the CDCP public comments (another docket, no
templates). Scored pairwise: two comments in one predicted campaign (connected near-duplicate pairs) vs one `clust`.
The Jaccard threshold is tuned on a seeded half of the comments and reported on the other half.

Run: python evals/duplicates.py   (writes evals/results/duplicates.json)
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import prf, require_data, write_result  # noqa: E402

from inputdesk.pipeline.analysis.duplicates import MinHashLSH, groups  # noqa: E402

THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def load_items() -> list[tuple[str, str | None]]:
    csv.field_size_limit(10 ** 9)
    items = []
    for path in sorted(require_data("formletters").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            items.extend((row["text"], f"{path.stem}:{row['clust']}") for row in csv.DictReader(fh) if row["text"])
    for line in require_data("cdcp", "comments.jsonl").read_text(encoding="utf-8").splitlines():
        items.append((json.loads(line)["text"], None))
    return items


def score(items, threshold) -> dict:
    texts = {i: t for i, (t, _) in enumerate(items)}
    started = time.perf_counter()
    pairs = MinHashLSH(threshold=threshold).pairs(texts)
    seconds = time.perf_counter() - started
    predicted_groups = groups((p.left, p.right) for p in pairs)
    predicted = {pair for g in predicted_groups for pair in combinations(sorted(g), 2)}
    gold = {(a, b) for a, b in combinations(range(len(items)), 2) if items[a][1] and items[a][1] == items[b][1]}
    # The silver `clust` labels split one template into several clusters (2-5 all open with "I strongly oppose
    # the USDA's proposed rule ..."), so we also score against clusters merged by their opening sentence.
    opening = {}
    for i, (text, label) in enumerate(items):
        if label:
            opening.setdefault(label, " ".join(text.split()[:12]))
    template = {(a, b) for a, b in combinations(range(len(items)), 2)
                if items[a][1] and items[b][1] and opening[items[a][1]] == opening[items[b][1]]} | gold
    in_group = {i for g in predicted_groups for i in g}
    tp = len(predicted & gold)
    return {"pairwise_vs_clust": prf(tp, len(predicted - gold), len(gold - predicted)),
            "pairwise_vs_template": prf(len(predicted & template), len(predicted - template),
                                        len(template - predicted)),
            "labelled_comments_found_in_a_campaign": round(
                sum(1 for i in in_group if items[i][1]) / max(1, sum(1 for _, c in items if c)), 3),
            "unique_comments_wrongly_put_in_a_campaign": sum(1 for i in in_group if items[i][1] is None),
            "items": len(items), "negatives": sum(1 for _, c in items if c is None), "seconds": round(seconds, 2)}


def main() -> None:
    items = load_items()
    random.Random(7).shuffle(items)
    tune, report = items[: len(items) // 2], items[len(items) // 2:]
    by_threshold = {t: score(tune, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (by_threshold[t]["pairwise_vs_clust"]["f1"], t))
    result = {"data": "formletters (regulations.gov USDA dockets; clust = silver campaign label) + CDCP comments as "
                      "unique negatives; shuffled with seed 7, halves for tuning and reporting",
              "tuning_part_by_threshold": {str(t): v for t, v in by_threshold.items()},
              "threshold_tuned": best, "report_part": score(report, best),
              "report_part_at_shipped_threshold_0.7": score(report, 0.7)}
    path = write_result("duplicates", "python evals/duplicates.py", result)
    print(path)
    print(json.dumps({k: v for k, v in result.items() if k != "tuning_part_by_threshold"}, indent=1))


if __name__ == "__main__":
    main()
