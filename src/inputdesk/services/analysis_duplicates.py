"""Relations between submissions: the same submission twice, campaign letters, shared annexes and passages,
joint submissions. Rows are (kind, level, a_submission, b_submission, a_item, b_item, similarity, detail)."""

from __future__ import annotations

from collections import defaultdict

from inputdesk.pipeline.analysis.duplicates import (
    CAMPAIGN, JOINT, SHARED_ANNEX, SHARED_PASSAGE, groups, submission_relations)
from inputdesk.pipeline.analysis.joint import joint_evidence
from inputdesk.pipeline.analysis.text import word_count
from inputdesk.services.analysis_ports import PassageContext

_ANNEX = "annex"
_MIN_WORDS = 15  # shorter passages (greetings, signatures) are alike in every letter


def find_relations(inputs: list[PassageContext], finder) -> list[tuple]:
    rows: list[tuple] = []
    own_text: dict[int, list[str]] = defaultdict(list)
    passage_counts: dict[int, int] = defaultdict(int)
    documents: dict[int, list[PassageContext]] = defaultdict(list)
    for c in inputs:
        documents[c.passage.document_id].append(c)
        if c.document_role != _ANNEX:
            own_text[c.passage.submission_id].append(c.passage.text)
            passage_counts[c.passage.submission_id] += 1
    by_id = {c.passage.id: c for c in inputs}

    # passages repeated across submissions
    texts = {c.passage.id: c.passage.text for c in inputs if word_count(c.passage.text) >= _MIN_WORDS}
    submission_pairs = []
    for pair in finder.pairs(texts):
        a, b = by_id[pair.left], by_id[pair.right]
        if a.passage.submission_id == b.passage.submission_id:
            continue
        if a.document_role == _ANNEX and b.document_role == _ANNEX:
            continue  # reported once per annex below
        rows.append((SHARED_PASSAGE, "passage", a.passage.submission_id, b.passage.submission_id, a.passage.id,
                     b.passage.id, pair.similarity, None))
        if a.document_role != _ANNEX and b.document_role != _ANNEX:
            submission_pairs.append((a.passage.submission_id, b.passage.submission_id))

    rows.extend(_shared_annexes(documents, finder))

    # whole submissions: duplicates and campaigns
    relations = submission_relations({s: "\n".join(t) for s, t in own_text.items()}, submission_pairs,
                                     passage_counts)
    references = {c.passage.submission_id: c.reference for c in inputs}
    campaign_groups = groups((a, b) for kind, a, b, _ in relations if kind == CAMPAIGN)
    group_of = {s: i for i, g in enumerate(campaign_groups, start=1) for s in g}
    for kind, a, b, similarity in relations:
        detail = None
        if kind == CAMPAIGN:
            members = campaign_groups[group_of[a] - 1]
            detail = f"campaign {group_of[a]}: " + ", ".join(references[s] for s in members)
        rows.append((kind, "submission", a, b, None, None, similarity, detail))

    # joint submissions
    opening: dict[int, list[str]] = defaultdict(list)
    authors: dict[int, tuple[str, ...]] = {}
    for c in inputs:
        authors[c.passage.submission_id] = c.joint_authors
        if c.document_role != _ANNEX and len(opening[c.passage.submission_id]) < 3:
            opening[c.passage.submission_id].append(c.passage.text)
    for submission_id in sorted(authors):
        evidence = joint_evidence(authors[submission_id], opening[submission_id])
        if evidence:
            rows.append((JOINT, "submission", submission_id, None, None, None, 1.0, evidence))
    return rows


def _shared_annexes(documents: dict[int, list[PassageContext]], finder) -> list[tuple]:
    """The same annex (same bytes, or near-identical text) sent with several submissions."""
    rows = []
    annexes = {d: cs for d, cs in documents.items() if cs and cs[0].document_role == _ANNEX}
    by_sha: dict[str, list[int]] = defaultdict(list)
    for d, cs in annexes.items():
        by_sha[cs[0].document_sha256].append(d)
    seen = set()
    for docs in by_sha.values():
        for i, x in enumerate(docs):
            for y in docs[i + 1:]:
                a, b = annexes[x][0].passage.submission_id, annexes[y][0].passage.submission_id
                if a != b:
                    rows.append((SHARED_ANNEX, "document", a, b, x, y, 1.0, "identical file"))
                    seen.add((x, y))
    texts = {d: "\n".join(c.passage.text for c in cs) for d, cs in annexes.items()}
    for pair in finder.pairs(texts):
        a, b = annexes[pair.left][0].passage.submission_id, annexes[pair.right][0].passage.submission_id
        if a != b and (pair.left, pair.right) not in seen:
            rows.append((SHARED_ANNEX, "document", a, b, pair.left, pair.right, pair.similarity, "near-identical text"))
    return rows
