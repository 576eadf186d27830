"""Question mapping by meaning, for free-form documents: similarity of each passage to the questions' wordings,
to passages already labelled (by structure or by analysts) and to the taxonomy's cue words; multi-label, with a
confidence from a softmax over questions whose temperature was tuned on the demo corpus (evals/mapping.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .contracts import MEANING, PassageText, QuestionAssignment, QuestionText
from .text import word_count

MIN_WORDS = 12  # shorter passages (footers, greetings, contact lines) are not mapped by meaning


class MeaningQuestionMapper:
    """Scores z = w_text * mean cos(passage, question wordings) + w_examples * mean top-k cos(passage, labelled
    passages of the question) + w_cues * cue hits; p = softmax(z / temperature). The best question is always kept;
    others when p >= `secondary` (several questions in one paragraph are common in submissions)."""

    def __init__(self, questions: Sequence[QuestionText], embed: Callable[[Sequence[str]], np.ndarray], *,
                 cue_counter: Callable[[str, str], int] | None = None, w_text: float = 1.0,
                 w_examples: float = 1.0, w_cues: float = 0.02, temperature: float = 0.12, secondary: float = 0.2,
                 k: int = 3):
        self.questions = list(questions)
        self.ids = [q.id for q in questions]
        self.cue_counter = cue_counter
        self.w_text, self.w_examples, self.w_cues = w_text, w_examples, w_cues
        self.temperature, self.secondary, self.k = temperature, secondary, k
        texts, owners = [], []
        for i, q in enumerate(self.questions):
            for t in (q.label, *q.texts):
                texts.append(t)
                owners.append(i)
        self._owners = np.array(owners)
        self._vectors = embed(texts) if texts else np.zeros((0, 1), np.float32)

    def scores(self, passages: Sequence[PassageText], vectors: np.ndarray,
               examples: Sequence[tuple[np.ndarray, str]] = ()) -> np.ndarray:
        """(passages x questions) combined scores before the softmax."""
        n, m = len(passages), len(self.questions)
        sims = vectors @ self._vectors.T if n else np.zeros((0, len(self._owners)))
        text_score = np.full((n, m), -1.0, dtype=np.float32)
        for j in range(m):
            cols = self._owners == j
            if cols.any():
                # The mean, not the max: the wordings are one question in several languages (and its label); the
                # max over more of them lifted every question a little, making second questions look likely.
                text_score[:, j] = sims[:, cols].mean(axis=1)
        z = self.w_text * text_score
        if examples:
            z += self.w_examples * self._example_scores(vectors, examples, text_score)
        if self.cue_counter is not None and self.w_cues:
            cues = np.array([[min(self.cue_counter(p.text, qid), 5) for qid in self.ids] for p in passages],
                            dtype=np.float32).reshape(n, m)
            z += self.w_cues * cues
        return z

    def _example_scores(self, vectors, examples, fallback) -> np.ndarray:
        matrix = np.vstack([v for v, _ in examples])
        labels = np.array([self.ids.index(q) if q in self.ids else -1 for _, q in examples])
        sims = vectors @ matrix.T
        out = fallback.copy()  # a question without examples keeps its text score on this scale
        for j in range(len(self.ids)):
            cols = labels == j
            if cols.sum() == 0:
                continue
            top = np.sort(sims[:, cols], axis=1)[:, -min(self.k, int(cols.sum())):]
            out[:, j] = top.mean(axis=1)
        return out

    def probabilities(self, z: np.ndarray) -> np.ndarray:
        shifted = (z - z.max(axis=1, keepdims=True)) / self.temperature
        e = np.exp(shifted)
        return e / e.sum(axis=1, keepdims=True)

    def map(self, passages: Sequence[PassageText], vectors: np.ndarray,
            examples: Sequence[tuple[np.ndarray, str]] = ()) -> list[QuestionAssignment]:
        keep = [i for i, p in enumerate(passages) if word_count(p.text) >= MIN_WORDS]
        if not keep or not self.ids:
            return []
        chosen = [passages[i] for i in keep]
        probs = self.probabilities(self.scores(chosen, vectors[keep], examples))
        out: list[QuestionAssignment] = []
        for passage, row in zip(chosen, probs):
            order = np.argsort(-row)
            for rank, j in enumerate(order):
                if rank == 0 or row[j] >= self.secondary:
                    out.append(QuestionAssignment(passage.id, self.ids[j], round(float(row[j]), 4), MEANING))
        return out


class SkipMeaningMapper:
    """Maps nothing by meaning: only structure and analysts decide."""

    def map(self, passages, vectors, examples=()) -> list[QuestionAssignment]:
        return []


def heading_matcher(questions: Sequence[QuestionText], embed: Callable[[Sequence[str]], np.ndarray], *,
                    threshold: float = 0.45, margin: float = 0.05) -> Callable[[str], tuple[str, float] | None]:
    """Recognises a heading that paraphrases a question ("Gaps in implementation", "Les lacunes qui persistent")
    by embedding similarity to the question's label and wordings; None when nothing is close or two are tied."""
    texts, owners = [], []
    for q in questions:
        for t in (q.label, *q.texts):
            texts.append(t)
            owners.append(q.id)
    vectors = embed(texts)

    def match(heading: str) -> tuple[str, float] | None:
        if word_count(heading) < 2:
            return None
        sims = embed([heading])[0] @ vectors.T
        best: dict[str, float] = {}
        for qid, s in zip(owners, sims):
            best[qid] = max(best.get(qid, -1.0), float(s))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if ranked[0][1] < threshold or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin):
            return None
        return ranked[0][0], round(min(0.9, 0.5 + ranked[0][1] / 2), 3)

    return match
