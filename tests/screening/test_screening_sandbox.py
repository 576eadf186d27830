"""Hashing runs in sandboxed worker processes: same results as in-process; hostile files cost bounded time."""

from __future__ import annotations

import pytest
from screening_samples import encode, flat, pdf_with_picture, scene

from inputdesk.domain.hash_screening import HashType, ScanLimits
from inputdesk.pipeline.screening.scan import scan_content
from inputdesk.pipeline.screening.worker import SandboxedContentHasher


@pytest.fixture(scope="module")
def hasher():
    with SandboxedContentHasher(ScanLimits(memory_mb=200), workers=2) as pool:
        yield pool


def test_workers_hash_files_exactly_as_in_process(hasher):
    files = [(encode(scene(s)), f"p{s}.jpg") for s in range(3)] + [(pdf_with_picture(encode(scene(9))), "a.pdf")]
    assert hasher.scan_many(files) == [scan_content(data, name) for data, name in files]


def test_a_picture_too_big_for_the_memory_limit_is_reported_with_its_exact_hashes(hasher):
    huge = encode(flat(size=(9000, 9000)), "PNG")  # 243 MB once decoded, a few hundred KB on disk
    scan = hasher.scan(huge, "huge.png")
    assert "more memory" in scan.problems[0] and "pdq" not in {h.hash_type.value for h in scan.hashes}
    assert {h.hash_type for h in scan.hashes if h.part == ""} == {HashType.MD5, HashType.SHA1, HashType.SHA256}
    assert hasher.scan(encode(scene(1)), "after.jpg").images == 1  # the worker carries on (or was replaced)


def test_a_file_that_takes_too_long_is_stopped():
    with SandboxedContentHasher(ScanLimits(timeout_s=0.001)) as slow:
        scan = slow.scan(encode(scene(2)), "slow.jpg")
    assert "took longer than 0.001 s" in scan.problems[0] and len(scan.hashes) == 3
