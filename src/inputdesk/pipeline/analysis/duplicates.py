"""Near-duplicates with MinHash and LSH banding (numpy, no extra package): the same submission sent twice,
campaign letters sharing a template with personal additions, and identical annexes sent by several senders."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from .contracts import SimilarPair
from .text import tokens

_PRIME = (1 << 31) - 1  # a*x stays below 2**62 for 31-bit a and x: no uint64 overflow


def shingles(text: str, size: int = 3) -> set[int]:
    """Hashed word n-grams of the folded text (CRC32: stable across processes, unlike hash())."""
    words = tokens(text)
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i:i + size]).encode("utf-8")) for i in range(len(words) - size + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: set[int], b: set[int]) -> float:
    """How much of the smaller text the larger one contains (a resend with a cover note scores 1.0)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


class MinHashLSH:
    """Finds pairs with Jaccard similarity >= `threshold`: MinHash signatures, banded LSH for candidates, then the
    exact Jaccard of the shingle sets. With 128 permutations in 16 bands of 8 rows the S-curve's midpoint is ~0.71."""

    def __init__(self, threshold: float = 0.7, permutations: int = 128, bands: int = 16, seed: int = 1,
                 shingle_size: int = 3):
        if permutations % bands:
            raise ValueError("permutations must be a multiple of bands")
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, _PRIME, size=permutations, dtype=np.uint64)
        self.b = rng.integers(0, _PRIME, size=permutations, dtype=np.uint64)
        self.threshold, self.bands, self.rows = threshold, bands, permutations // bands
        self.shingle_size = shingle_size

    def signature(self, items: set[int]) -> np.ndarray:
        if not items:
            return np.full(len(self.a), _PRIME, dtype=np.uint64)
        x = np.fromiter(items, dtype=np.uint64, count=len(items)) % np.uint64(_PRIME)
        return ((np.outer(x, self.a) + self.b) % np.uint64(_PRIME)).min(axis=0)

    def candidates(self, signatures: dict[int, np.ndarray]) -> set[tuple[int, int]]:
        found: set[tuple[int, int]] = set()
        for band in range(self.bands):
            buckets: dict[bytes, list[int]] = defaultdict(list)
            lo = band * self.rows
            for key, sig in signatures.items():
                buckets[sig[lo:lo + self.rows].tobytes()].append(key)
            for keys in buckets.values():
                if 1 < len(keys) <= 500:  # a bucket of hundreds is boilerplate, not a duplicate
                    keys = sorted(keys)
                    found.update((x, y) for i, x in enumerate(keys) for y in keys[i + 1:])
        return found

    def pairs(self, texts: dict[int, str]) -> list[SimilarPair]:
        sets = {k: shingles(t, self.shingle_size) for k, t in texts.items()}
        sets = {k: s for k, s in sets.items() if len(s) >= 3}
        signatures = {k: self.signature(s) for k, s in sets.items()}
        out = []
        for left, right in sorted(self.candidates(signatures)):
            similarity = jaccard(sets[left], sets[right])
            if similarity >= self.threshold:
                out.append(SimilarPair(left, right, round(similarity, 4)))
        return out


class SkipDuplicateFinder:
    def pairs(self, texts: dict[int, str]) -> list[SimilarPair]:
        return []


DUPLICATE, CAMPAIGN, SHARED_ANNEX, SHARED_PASSAGE, JOINT = (
    "duplicate", "campaign", "shared_annex", "shared_passage", "joint")


def submission_relations(texts: dict[int, str], passage_pairs: Iterable[tuple[int, int]],
                         passage_counts: dict[int, int], *, duplicate_containment: float = 0.9,
                         duplicate_jaccard: float = 0.6, campaign_share: float = 0.3
                         ) -> list[tuple[str, int, int, float]]:
    """(kind, submission a, submission b, similarity) for submissions that repeat each other.

    `texts`: each submission's own text (no annexes); `passage_pairs`: near-duplicate passages as submission id
    pairs, one per shared passage; `passage_counts`: passages per submission. A pair is a *duplicate* when one text
    contains almost all of the other; a *campaign* pair when a share of their passages is the same template."""
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in passage_pairs:
        if a != b:
            shared[(min(a, b), max(a, b))] += 1
    sets = {k: shingles(t) for k, t in texts.items()}
    out = []
    for (a, b), count in sorted(shared.items()):
        if a not in sets or b not in sets:
            continue
        jac, con = jaccard(sets[a], sets[b]), containment(sets[a], sets[b])
        share = count / max(1, min(passage_counts.get(a, 1), passage_counts.get(b, 1)))
        if con >= duplicate_containment and jac >= duplicate_jaccard:
            out.append((DUPLICATE, a, b, round(jac, 4)))
        elif count >= 2 and (share >= campaign_share or con >= 0.5):  # one shared footer is not a campaign
            out.append((CAMPAIGN, a, b, round(max(jac, con * share), 4)))
    return out


def groups(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components: a campaign is every submission linked to another by its template."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    components: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        components[find(x)].append(x)
    return sorted((sorted(c) for c in components.values()), key=lambda c: c[0])
