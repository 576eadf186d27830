"""Match a file's hashes against every imported list: cryptographic hashes exactly, PDQ within a distance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from inputdesk.domain.hash_screening import (
    CRYPTO_TYPES,
    DIGEST_SIZES,
    ContentHash,
    HashListContent,
    HashType,
    ListHit,
)

from .pdq_index import PdqIndex


class HashListMatcher:
    """The decrypted lists in matchable form; built once per list version and kept in memory."""

    def __init__(self, lists: Sequence[HashListContent]):
        self.labels: list[tuple[str, str, str]] = []  # (hash list, source list, category)
        digests: dict[HashType, list[np.ndarray]] = {t: [] for t in DIGEST_SIZES}
        owners: dict[HashType, list[np.ndarray]] = {t: [] for t in DIGEST_SIZES}
        for content in lists:
            base = len(self.labels)
            self.labels.extend((content.name, source, category) for source, category in content.labels)
            for chunk in content.chunks:
                size = DIGEST_SIZES[chunk.hash_type]
                digests[chunk.hash_type].append(np.frombuffer(chunk.digests, dtype=f"S{size}"))
                owners[chunk.hash_type].append(np.frombuffer(chunk.labels, dtype="<u4").astype(np.int64) + base)
        self._crypto: dict[HashType, tuple[np.ndarray, np.ndarray]] = {}
        for kind in CRYPTO_TYPES:
            if digests[kind]:
                values, labels = np.concatenate(digests[kind]), np.concatenate(owners[kind])
                order = np.argsort(values, kind="stable")
                self._crypto[kind] = (values[order], labels[order])
        self._pdq_labels = np.concatenate(owners[HashType.PDQ]) if owners[HashType.PDQ] else np.empty(0, np.int64)
        codes = (np.concatenate(digests[HashType.PDQ]).view(np.uint8).reshape(-1, 32)
                 if digests[HashType.PDQ] else np.empty((0, 32), np.uint8))
        self._pdq = PdqIndex(codes)

    @property
    def size(self) -> int:
        return sum(len(v) for v, _ in self._crypto.values()) + len(self._pdq)

    def match(self, hashes: Iterable[ContentHash], *, max_distance: int, min_quality: int) -> list[ListHit]:
        """Hits for one file's hashes: one per (part, list, source, category), the closest when several."""
        best: dict[tuple, ListHit] = {}
        pdq: list[ContentHash] = []
        for item in hashes:
            if item.hash_type == HashType.PDQ:
                if item.quality is not None and item.quality >= min_quality:
                    pdq.append(item)
            else:
                for label in self._crypto_labels(item):
                    _keep(best, item, self.labels[label], 0)
        if pdq and len(self._pdq):
            queries = np.frombuffer(b"".join(bytes.fromhex(h.value) for h in pdq), dtype=np.uint8).reshape(-1, 32)
            rows, entries, distances = self._pdq.search(queries, max_distance)
            for row, entry, distance in zip(rows.tolist(), entries.tolist(), distances.tolist()):
                _keep(best, pdq[row], self.labels[int(self._pdq_labels[entry])], distance)
        return sorted(best.values(), key=lambda h: (h.hash.part, h.hash_list, h.source, h.category))

    def _crypto_labels(self, item: ContentHash) -> list[int]:
        table = self._crypto.get(item.hash_type)
        if table is None:
            return []
        values, labels = table
        # Fixed-width byte strings compare as their padded bytes, so digests ending in 0x00 are safe.
        key = np.array([bytes.fromhex(item.value)], dtype=values.dtype)
        left, right = np.searchsorted(values, key, "left")[0], np.searchsorted(values, key, "right")[0]
        return labels[left:right].tolist()


def _keep(best: dict, item: ContentHash, label: tuple[str, str, str], distance: int) -> None:
    key = (item.part, item.hash_type if item.hash_type != HashType.PDQ else "pdq", *label)
    current = best.get(key)
    if current is None or distance < current.distance or (
            distance == current.distance and item.variant == "original"):
        best[key] = ListHit(item, label[0], label[1], label[2], distance)
