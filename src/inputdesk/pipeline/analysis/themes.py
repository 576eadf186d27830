"""Themes within one question: seeded k-means on passage vectors with k chosen by silhouette, keywords by
class-based TF-IDF, representative passages, and an explicit "other" theme for passages that fit none."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .contracts import PassageText, ThemeDraft
from .text import keyword_tokens, stem


def kmeans(x: np.ndarray, k: int, seed: int = 0, iterations: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means with k-means++ seeding from a fixed seed: the same input gives the same clusters."""
    rng = np.random.default_rng(seed)
    n = len(x)
    centres = [x[rng.integers(n)]]
    dist = 1.0 - x @ centres[0]
    for _ in range(1, k):
        weights = np.clip(dist, 0, None) ** 2
        total = weights.sum()
        index = int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n))
        centres.append(x[index])
        dist = np.minimum(dist, 1.0 - x @ x[index])
    c = np.vstack(centres)
    labels = np.full(n, -1)
    for _ in range(iterations):
        new = np.argmax(x @ c.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            members = x[labels == j]
            if len(members):
                mean = members.mean(axis=0)
                c[j] = mean / (np.linalg.norm(mean) or 1.0)
    return labels, c


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette with cosine distance; -1 when there is a single cluster."""
    ks = np.unique(labels)
    if len(ks) < 2:
        return -1.0
    d = 1.0 - x @ x.T
    scores = np.zeros(len(x))
    for i in range(len(x)):
        own = labels == labels[i]
        if own.sum() <= 1:
            continue
        a = d[i, own].sum() / (own.sum() - 1)
        b = min(d[i, labels == k].mean() for k in ks if k != labels[i])
        scores[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float(scores.mean())


class KMeansThemeFinder:
    """k from 2..max_k by silhouette on a seeded sample; members below `min_similarity` to their centre, and
    clusters smaller than `min_size`, go to the "other" theme."""

    def __init__(self, *, seed: int = 42, max_k: int = 10, min_size: int = 2, min_similarity: float = 0.3,
                 keywords: int = 6, representatives: int = 3, sample: int = 2000):
        self.seed, self.max_k, self.min_size, self.min_similarity = seed, max_k, min_size, min_similarity
        self.n_keywords, self.n_representatives, self.sample = keywords, representatives, sample

    def choose_k(self, x: np.ndarray) -> int:
        n = len(x)
        upper = min(self.max_k, max(1, n // 3))
        if upper < 2:
            return 1
        rng = np.random.default_rng(self.seed)
        sample = x if n <= self.sample else x[np.sort(rng.choice(n, self.sample, replace=False))]
        best_k, best = 1, 0.02  # below this silhouette there is no real structure: one theme
        for k in range(2, upper + 1):
            labels, _ = kmeans(sample, k, self.seed)
            score = silhouette(sample, labels)
            if score > best + 1e-9:
                best_k, best = k, score
        return best_k

    def themes(self, passages: Sequence[PassageText], vectors: np.ndarray) -> list[ThemeDraft]:
        if not len(passages):
            return []
        order = np.argsort([p.id for p in passages], kind="stable")  # input order must not change the result
        passages = [passages[i] for i in order]
        x = vectors[order]
        k = self.choose_k(x)
        labels, centres = kmeans(x, k, self.seed) if k > 1 else (np.zeros(len(x), int), _centre(x)[None, :])
        sims = np.einsum("ij,ij->i", x, centres[labels])
        drafts: list[ThemeDraft] = []
        other: list[int] = []
        for j in range(len(centres)):
            idx = [i for i in np.flatnonzero(labels == j) if sims[i] >= self.min_similarity]
            other.extend(i for i in np.flatnonzero(labels == j) if sims[i] < self.min_similarity)
            if len(idx) < self.min_size:
                other.extend(idx)
                continue
            idx.sort(key=lambda i: (-sims[i], passages[i].id))
            drafts.append(ThemeDraft(members=[passages[i].id for i in idx], similarities=[float(sims[i]) for i in idx],
                                     representatives=[passages[i].id for i in idx[:self.n_representatives]],
                                     centroid=centres[j]))
        texts = {p.id: p.text for p in passages}
        label_keywords(drafts, texts, self.n_keywords)
        drafts.sort(key=lambda d: (-len(d.members), d.members[0]))
        if other:
            other.sort(key=lambda i: passages[i].id)
            drafts.append(ThemeDraft(members=[passages[i].id for i in other],
                                     similarities=[float(sims[i]) for i in other], is_other=True,
                                     keywords=["other"], representatives=[]))
        return drafts


class SingleThemeFinder:
    """The skip implementation: one theme holding every passage."""

    def themes(self, passages: Sequence[PassageText], vectors: np.ndarray) -> list[ThemeDraft]:
        if not len(passages):
            return []
        order = np.argsort([p.id for p in passages], kind="stable")
        passages, vectors = [passages[i] for i in order], vectors[order]
        centre = _centre(vectors)
        sims = (vectors @ centre).tolist()
        draft = ThemeDraft(members=[p.id for p in passages], similarities=sims,
                           representatives=[p.id for p in passages][:3], centroid=centre)
        label_keywords([draft], {p.id: p.text for p in passages}, 6)
        return [draft]


def document_frequencies(texts) -> tuple[Counter, int]:
    """In how many texts each keyword stem occurs: the background that keeps words every passage uses ("children",
    "online") out of theme labels."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update({stem(w) for w in keyword_tokens(text)})
        n += 1
    return df, n


def label_keywords(drafts: list[ThemeDraft], texts: dict[int, str], n: int,
                   background: tuple[Counter, int] | None = None) -> None:
    """Class-based TF-IDF (as BERTopic's c-TF-IDF): a word's weight in a theme is its frequency there times
    log(1 + average words per theme / its frequency across all themes), times its IDF over `background` (e.g. the
    whole call) when given. Shows the commonest spelling of a stem."""
    counts, spelling = [], Counter()
    for draft in drafts:
        c: Counter[str] = Counter()
        for pid in draft.members:
            for word in keyword_tokens(texts[pid]):
                c[stem(word)] += 1
                spelling[(stem(word), word)] += 1
        counts.append(c)
    total: Counter[str] = sum(counts, Counter())
    average = sum(total.values()) / max(1, len(counts))
    best_spelling: dict[str, str] = {}
    for (s, word), _ in sorted(spelling.items(), key=lambda kv: (-kv[1], kv[0])):
        best_spelling.setdefault(s, word)
    for draft, c in zip(drafts, counts):
        size = sum(c.values()) or 1
        idf = (lambda w: math.log(1 + background[1] / (1 + background[0][w]))) if background else (lambda w: 1.0)
        scored = sorted(((tf / size) * math.log(1 + average / total[w]) * idf(w), w) for w, tf in c.items() if tf > 1)
        draft.keywords = [best_spelling[w] for _, w in sorted(scored, key=lambda t: (-t[0], t[1]))[:n]]


def _centre(x: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)
