"""The demo corpus as a small labelled set: duplicate, campaign and joint submissions, and taxonomy tags against
the themes the corpus plan gives each submission (where a theme has a taxonomy entry).

Run: python evals/demo.py   (writes evals/results/demo.json)
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_instance, prf, reference_of, write_result  # noqa: E402

from inputdesk.bootstrap_analysis import build_analysis  # noqa: E402

# planned theme -> taxonomy (kind, key) that should be found in the submission's text
THEME_TAGS = {
    "grooming": ("harm", "grooming"), "sextortion": ("harm", "sextortion"),
    "ai_generated_csam": ("technology", "generative_ai"), "safety_by_design": ("measure", "safety_by_design"),
    "data_retention": ("measure", "data_retention"), "e2ee": ("technology", "e2ee_messaging"),
    "hash_matching": ("measure", "hash_matching"), "child_participation": ("measure", "child_participation"),
    "international_coordination": ("measure", "international_cooperation"),
    "livestreaming": ("technology", "livestreaming"), "reporting_and_hotlines": ("measure", "reporting_hotlines"),
    "victim_support": ("measure", "victim_support"), "age_assurance": ("measure", "age_assurance"),
    "education_prevention": ("measure", "education"), "financial_sector": ("technology", "crypto_payments"),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app, call, corpus = demo_instance(Path(tmp))
        services = build_analysis(app)
        services.analysis.run(call.id)
        refs = reference_of(app, corpus)
        analysed = {c.reference for c in services.store.analysis_inputs(call.id)}
        relations = services.reports.relations(call.id)

        def pairs(kind):
            return {tuple(sorted((a, b))) for k, level, a, b, *_ in relations if k == kind and level == "submission"}

        gold_dup = {tuple(sorted((refs[s.key], refs[s.duplicate_of]))) for s in corpus.submissions if s.duplicate_of}
        campaigns = defaultdict(list)
        for s in corpus.submissions:
            if s.campaign:
                campaigns[s.campaign].append(refs[s.key])
        gold_campaign = {tuple(sorted(m[i:i + 2])) for m in campaigns.values() for i in range(len(m) - 1)}
        gold_joint = {refs[s.key] for s in corpus.submissions if s.joint_authors and refs[s.key] in analysed}
        found_joint = {a for k, level, a, *_ in relations if k == "joint"}

        tags = defaultdict(set)
        contexts = {c.passage.id: c for c in services.store.analysis_inputs(call.id)}
        for pid, hits in services.store.tags(call.id).items():
            if pid in contexts:
                tags[contexts[pid].reference] |= {(h.kind, h.key) for h in hits}
        tp = fp = fn = 0
        for s in corpus.submissions:
            ref = refs.get(s.key)
            if ref not in analysed:
                continue
            wanted = {THEME_TAGS[t] for t in s.themes if t in THEME_TAGS}
            tracked = set(THEME_TAGS.values())
            got = tags[ref] & tracked
            tp, fp, fn = tp + len(got & wanted), fp + len(got - wanted), fn + len(wanted - got)
        result = {"data": "demo corpus plan (inputdesk.demo): duplicate_of, campaign, joint_authors, themes",
                  "duplicates": prf(len(pairs("duplicate") & gold_dup), len(pairs("duplicate") - gold_dup),
                                    len(gold_dup - pairs("duplicate"))),
                  "campaign_pairs": prf(len(pairs("campaign") & gold_campaign), len(pairs("campaign") - gold_campaign),
                                        len(gold_campaign - pairs("campaign"))),
                  "joint": prf(len(found_joint & gold_joint), len(found_joint - gold_joint),
                               len(gold_joint - found_joint)),
                  "tags_vs_planned_themes_submission_level": prf(tp, fp, fn),
                  "note": "the plan lists a submission's main themes; a tag for a theme mentioned in passing counts "
                          "as a false positive here"}
        app.close()
    print(write_result("demo", "python evals/demo.py", result))
    print(result)


if __name__ == "__main__":
    main()
