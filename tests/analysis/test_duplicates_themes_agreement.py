"""Near-duplicates, campaigns, themes and agreement metrics on small, known inputs."""

from __future__ import annotations

import numpy as np
import pytest

from inputdesk.pipeline.analysis.agreement import agreement, precision_recall_f1
from inputdesk.pipeline.analysis.contracts import PassageText
from inputdesk.pipeline.analysis.duplicates import CAMPAIGN, DUPLICATE, MinHashLSH, groups, submission_relations
from inputdesk.pipeline.analysis.themes import KMeansThemeFinder, kmeans, silhouette

LETTER = ("We are writing as members of a local community group to support the call for stronger protection of "
          "children online. Children in our community spend hours every day on phones, tablets and game consoles, "
          "and strangers contact them there to ask for pictures and to meet them.")


def test_a_one_word_edit_is_a_near_duplicate_and_an_unrelated_text_is_not():
    texts = {1: LETTER, 2: LETTER.replace("stronger", "better"), 3: "Encryption protects the privacy of everyone."}
    pairs = MinHashLSH(threshold=0.7).pairs(texts)
    assert [(p.left, p.right) for p in pairs] == [(1, 2)] and 0.7 <= pairs[0].similarity < 1


def test_signatures_are_stable_across_runs():
    lsh = MinHashLSH(seed=7)
    assert np.array_equal(lsh.signature({1, 2, 3}), MinHashLSH(seed=7).signature({3, 2, 1}))


def test_a_resend_with_a_cover_note_is_a_duplicate_and_a_template_with_personal_parts_a_campaign():
    own = "My daughter was contacted on a game chat by a man pretending to be twelve years old; it took weeks."
    other = "In our village the school has no computer teacher and parents do not know the apps children use."
    texts = {1: LETTER, 2: "Please find our submission again, as promised.\n" + LETTER, 3: LETTER + "\n" + own,
             4: LETTER + "\n" + other}
    relations = submission_relations(texts, [(1, 2), (1, 2), (3, 4), (3, 4)], {1: 2, 2: 3, 3: 3, 4: 3})
    kinds = {(a, b): kind for kind, a, b, _ in relations}
    assert kinds[(1, 2)] == DUPLICATE and kinds[(3, 4)] == CAMPAIGN
    assert groups([(3, 4), (4, 9), (1, 2)]) == [[1, 2], [3, 4, 9]]


def blobs(seed=0):
    rng = np.random.default_rng(seed)
    centres = np.eye(8, dtype=np.float32)[:3]
    x = np.vstack([c + 0.05 * rng.standard_normal((10, 8)) for c in centres]).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_kmeans_finds_planted_topics_and_silhouette_prefers_the_right_k():
    x = blobs()
    labels, _ = kmeans(x, 3, seed=1)
    assert len({tuple(np.flatnonzero(labels == k)) for k in range(3)}) == 3
    assert silhouette(x, labels) > 0.8
    assert KMeansThemeFinder(seed=1).choose_k(x) == 3


def test_outliers_go_to_the_explicit_other_theme_with_keywords_for_the_rest():
    x = np.vstack([blobs(), -np.ones((1, 8), np.float32) / np.sqrt(8)])
    words = ["grooming gaming chat", "encryption evidence police", "education schools parents"]
    passages = [PassageText(i + 1, i, 1, 0, words[min(i // 10, 2)] + f" case {i}") for i in range(31)]
    drafts = KMeansThemeFinder(seed=1, min_similarity=0.5).themes(passages, x)
    assert drafts[-1].is_other and drafts[-1].members == [31]
    assert {d.keywords[0] for d in drafts[:-1]} <= {"grooming", "gaming", "chat", "encryption", "evidence", "police",
                                                    "education", "schools", "parent", "parents", "case"}


def test_agreement_metrics_match_a_hand_computed_example():
    # 10 decisions: TP 4, FP 1, FN 2, TN 3 -> p .8, r .667, kappa = (0.7 - 0.5) / 0.5 = 0.4
    pairs = [(True, True)] * 4 + [(True, False)] + [(False, True)] * 2 + [(False, False)] * 3
    a = agreement(pairs)
    assert (a.precision, round(a.recall, 3), round(a.f1, 3), round(a.kappa, 3)) == (0.8, 0.667, 0.727, 0.4)
    assert agreement([]).kappa is None


def test_set_scores():
    assert precision_recall_f1({1, 2, 3}, {2, 3, 4}) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
