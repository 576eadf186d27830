"""Recommendation detection against real labelled text (none of it on the call's topic).

* CDCP (public comments to the US CFPB): each proposition typed `policy` (what should be done) or `value`, `fact`,
  `testimony`, `reference`. Sentence-level detection; the threshold is tuned on comments with an even id and
  reported on those with an odd id.
* UPR (Human Rights Council Working Group reports, 2008-2011): positives are the numbered recommendations (the
  recommendations files), negatives the sentences of the State's own presentation in the reports of the same year.
  Tuned on 2008-2009, reported on 2010-2011. Also scored: who recommends, read by the country tagger from the final
  "(Canada)" and compared with the `From` column.

Run: python evals/recommendations.py   (writes evals/results/recommendations.json)
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import prf, require_data, write_result  # noqa: E402

from inputdesk.pipeline.analysis.recommendations import RuleRecommendationDetector  # noqa: E402
from inputdesk.pipeline.analysis.taxonomy import load_taxonomy  # noqa: E402
from inputdesk.pipeline.analysis.text import fold, sentences  # noqa: E402

THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]


def score(items, detector, threshold) -> dict:
    tp = fp = fn = 0
    for text, positive in items:
        predicted = detector.sentence_confidence(text) >= threshold
        tp, fp, fn = tp + (predicted and positive), fp + (predicted and not positive), fn + (positive and not predicted)
    return {**prf(tp, fp, fn), "items": len(items), "positives": sum(p for _, p in items)}


def tuned(tune, report, detector) -> dict:
    best = max(THRESHOLDS, key=lambda t: (score(tune, detector, t)["f1"], -t))
    return {"threshold_tuned": best, "tuning_part": score(tune, detector, best),
            "report_part": score(report, detector, best),
            "report_part_at_shipped_threshold_0.5": score(report, detector, 0.5)}


def cdcp(detector) -> dict:
    tune, report = [], []
    for line in require_data("cdcp", "comments.jsonl").read_text(encoding="utf-8").splitlines():
        comment = json.loads(line)
        part = tune if int(comment["id"]) % 2 == 0 else report
        part.extend((p["text"], p["type"] == "policy") for p in comment["propositions"])
    return {"data": "CDCP comments.jsonl, propositions (policy = recommendation)", **tuned(tune, report, detector)}


_TRAILING_STATE = re.compile(r"\(([^()]+)\)\s*[;.]?\s*$")
_NUMBER = re.compile(r"^\s*\d+\.\d+\.?\s+")


def upr(detector, taxonomy) -> dict:
    recs = {year: [] for year in (2008, 2009, 2010, 2011)}
    for year in recs:
        with require_data("upr", "recommendations", f"{year}.csv").open(encoding="utf-8", errors="replace") as fh:
            recs[year] = list(csv.DictReader(fh))
    presentations = {year: [] for year in recs}
    for path in sorted(require_data("upr", "wg_reports").glob("*.txt")):
        year = int(re.sub(r"\D", "", path.stem)[-4:] or 0)
        if year in presentations:
            presentations[year].extend(_presentation_sentences(path.read_bytes().decode("mac_roman")))

    def items(years):
        positives = [(_NUMBER.sub("", _TRAILING_STATE.sub("", r["text"])).strip(), True) for y in years for r in recs[y]]
        negatives = [(s, False) for y in years for s in presentations[y]]
        return positives + negatives

    attributed = correct = 0
    for row in (r for y in (2010, 2011) for r in recs[y]):
        match = _TRAILING_STATE.search(row["text"])
        countries = [h.key for h in taxonomy.tag(match.group(1))] if match else []
        expected = [h.key for h in taxonomy.tag(row["From"])]
        if expected:
            attributed += 1
            correct += bool(countries) and countries[0] == expected[0]
    return {"data": "UPR recommendations 2008-2011 (positives) and the State's presentation in the WG reports "
                    "(negatives)", **tuned(items((2008, 2009)), items((2010, 2011)), detector),
            "recommending_state_accuracy_2010_2011": round(correct / attributed, 3) if attributed else None,
            "recommending_state_rows": attributed}


def _presentation_sentences(text: str) -> list[str]:
    flat = " ".join(text.replace("\r", "\n").split())
    # The heading appears first in the table of contents; the section is the last one followed by the dialogue.
    starts = [m.start() for m in re.finditer("Presentation by the State under review", flat)]
    spans = [(s, flat.find("nteractive dialogue", s + 1)) for s in starts]
    spans = [(s, e) for s, e in spans if e - s > 1000]
    if not spans:
        return []
    start, end = spans[-1]
    body = re.sub(r"\s\d{1,3}\.\s", " ", flat[start + 40:end])
    return [s for s in sentences(body) if 8 <= len(s.split()) <= 80 and not fold(s).startswith("b.")]


def main() -> None:
    taxonomy = load_taxonomy()
    detector = RuleRecommendationDetector(taxonomy)
    result = {"cdcp": cdcp(detector), "upr": upr(detector, taxonomy)}
    path = write_result("recommendations", "python evals/recommendations.py", result)
    print(path)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
