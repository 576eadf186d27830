"""The PDQ index finds exactly what a full scan finds, at every radius."""

from __future__ import annotations

import numpy as np
import pytest

from inputdesk.pipeline.screening.pdq_index import PdqIndex, scan_distances


def near_copies(rng, codes: np.ndarray, distances: list[int]) -> np.ndarray:
    rows = codes[rng.choice(len(codes), len(distances), replace=False)].copy()
    for row, distance in zip(rows, distances):
        for bit in rng.choice(256, distance, replace=False):
            row[bit // 8] ^= 1 << (bit % 8)
    return rows


@pytest.mark.parametrize("radius", [0, 10, 31, 40, 70])
def test_the_index_returns_exactly_the_full_scan_result(radius):
    rng = np.random.default_rng(radius)
    codes = rng.integers(0, 256, (20_000, 32), dtype=np.uint8)
    queries = np.vstack([near_copies(rng, codes, list(range(0, 48, 2))), rng.integers(0, 256, (20, 32), np.uint8)])
    rows, entries, distances = PdqIndex(codes).search(queries, radius)
    got = sorted(zip(rows.tolist(), entries.tolist(), distances.tolist()))
    expected = sorted((q, int(e), int(d)) for q, query in enumerate(queries)
                      for e, d in enumerate(scan_distances(codes, query)) if d <= radius)
    assert got == expected
    assert len(expected) >= min(radius // 2 + 1, 24)  # the planted copies within the radius are all there


def test_duplicate_listed_hashes_are_all_returned():
    code = np.random.default_rng(1).integers(0, 256, (1, 32), dtype=np.uint8)
    rows, entries, _ = PdqIndex(np.vstack([code, code, code])).search(code, 31)
    assert sorted(entries.tolist()) == [0, 1, 2] and set(rows.tolist()) == {0}


def test_an_empty_index_finds_nothing():
    rows, _, _ = PdqIndex(np.empty((0, 32), np.uint8)).search(np.zeros((3, 32), np.uint8), 31)
    assert len(rows) == 0
