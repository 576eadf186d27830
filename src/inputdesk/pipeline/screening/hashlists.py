"""Read an operator's hash-list file (CSV `type,hash,list,category`) into the compact form stored encrypted.

Error messages name line numbers and columns, never a hash: the lists are confidential.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Iterable

from inputdesk.domain.hash_screening import HashListChunk, HashListContent, HashType, digest_from_hex

CHUNK_ENTRIES = 100_000  # entries per encrypted chunk: bounded memory per row on both databases
COLUMNS = ("type", "hash", "list", "category")
_MAX_REPORTED = 20


class HashListFormatError(ValueError):
    """The file is not a valid hash list; nothing was imported."""

    def __init__(self, source: str, problems: list[str], total: int):
        self.problems = problems
        more = f" (and {total - len(problems)} more)" if total > len(problems) else ""
        super().__init__(f"{source} is not a valid hash list, so nothing was imported{more}:\n  "
                         + "\n  ".join(problems)
                         + "\nEach line must read `type,hash,list,category` with type md5, sha1, sha256 or pdq; "
                         "see docs/screening.md.")


def parse_hash_csv(lines: Iterable[str], name: str, source: str = "the file") -> HashListContent:
    """Parse a CSV hash list; `name` is the list as stored, also the source list where a row names none."""
    labels: dict[tuple[str, str], int] = {}
    digests = {kind: bytearray() for kind in HashType}
    owners = {kind: array("I") for kind in HashType}
    problems: list[str] = []
    total_problems = 0
    for line_number, row in enumerate(csv.reader(lines), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if line_number == 1 and [c.strip().lower() for c in row[:2]] == ["type", "hash"]:
            continue  # the header
        problem = _add_row(row, name, labels, digests, owners)
        if problem:
            total_problems += 1
            if len(problems) < _MAX_REPORTED:
                problems.append(f"line {line_number}: {problem}")
    if total_problems:
        raise HashListFormatError(source, problems, total_problems)
    if not any(digests.values()):
        raise HashListFormatError(source, ["it holds no hashes"], 1)
    return HashListContent(name=name, labels=tuple(labels), chunks=tuple(_chunks(digests, owners)))


def _add_row(row: list[str], name: str, labels, digests, owners) -> str | None:
    if len(row) < 2 or len(row) > 4:
        return f"expected 2 to 4 columns ({', '.join(COLUMNS)}), found {len(row)}"
    kind_text = row[0].strip().lower()
    try:
        kind = HashType(kind_text)
    except ValueError:
        return f"type {kind_text[:20]!r} is not one of md5, sha1, sha256, pdq"
    digest = digest_from_hex(kind, row[1])
    if digest is None:
        expected = {HashType.MD5: 32, HashType.SHA1: 40}.get(kind, 64)
        return f"the {kind.value} hash must be {expected} hexadecimal digits (it has {len(row[1].strip())} characters)"
    source = (row[2].strip() if len(row) > 2 else "") or name
    category = row[3].strip() if len(row) > 3 else ""
    if len(source) > 120 or len(category) > 120:
        return "the list or category name is longer than 120 characters"
    label = labels.setdefault((source, category), len(labels))
    digests[kind] += digest
    owners[kind].append(label)
    return None


def _chunks(digests, owners) -> list[HashListChunk]:
    chunks = []
    for kind in HashType:
        size = len(digests[kind]) // len(owners[kind]) if owners[kind] else 0
        for start in range(0, len(owners[kind]), CHUNK_ENTRIES):
            part = owners[kind][start:start + CHUNK_ENTRIES]
            chunks.append(HashListChunk(kind, bytes(digests[kind][start * size:(start + len(part)) * size]),
                                        _little_endian(part)))
    return chunks


def _little_endian(values: array) -> bytes:
    import sys

    if sys.byteorder == "big":  # pragma: no cover - every platform we run on is little-endian
        values = array("I", values)
        values.byteswap()
    return values.tobytes()
