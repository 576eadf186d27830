"""Reading an operator's hash-list CSV: documented format, whole-file validation, errors that never echo a hash."""

from __future__ import annotations

import pytest

from inputdesk.domain.hash_screening import HashType
from inputdesk.pipeline.screening import hashlists
from inputdesk.pipeline.screening.hashlists import HashListFormatError, parse_hash_csv

PDQ = "0123456789abcdef" * 4


def test_a_well_formed_file_with_header_comments_and_defaults():
    content = parse_hash_csv([
        "type,hash,list,category\n",
        "# exported 2024-11-04\n",
        f"PDQ,{PDQ.upper()},IWF,A\n",
        "\n",
        f"md5,{'ab' * 16}\n",  # no list or category: the imported list's name, no category
        f"sha256,{'cd' * 32},NCMEC,B1\n",
    ], "hotline")
    assert content.counts() == {"pdq": 1, "md5": 1, "sha256": 1}
    assert set(content.labels) == {("IWF", "A"), ("hotline", ""), ("NCMEC", "B1")}
    pdq_chunk = next(c for c in content.chunks if c.hash_type == HashType.PDQ)
    assert pdq_chunk.digests == bytes.fromhex(PDQ)


def test_every_problem_is_reported_by_line_and_nothing_is_imported():
    bad_hash = PDQ[:-1]
    with pytest.raises(HashListFormatError) as caught:
        parse_hash_csv([
            "type,hash,list,category\n",
            f"pdq,{bad_hash},IWF,A\n",
            f"crc32,{'ab' * 4},IWF,A\n",
            f"sha1,{'zz' * 20},IWF,A\n",
            f"md5,{'ab' * 16},IWF,A,extra\n",
            f"md5,{'ab' * 16},IWF,A\n",
        ], "hotline", "list.csv")
    message = str(caught.value)
    assert "list.csv is not a valid hash list, so nothing was imported" in message
    for expected in ("line 2: the pdq hash must be 64 hexadecimal digits (it has 63 characters)",
                     "line 3: type 'crc32' is not one of md5, sha1, sha256, pdq",
                     "line 4: the sha1 hash must be 40 hexadecimal digits",
                     "line 5: expected 2 to 4 columns"):
        assert expected in message
    assert bad_hash not in message and "zz" * 20 not in message  # lists are confidential, even broken ones


def test_an_empty_file_is_refused():
    with pytest.raises(HashListFormatError, match="holds no hashes"):
        parse_hash_csv(["type,hash,list,category\n"], "hotline")


def test_large_lists_are_cut_into_chunks(monkeypatch):
    monkeypatch.setattr(hashlists, "CHUNK_ENTRIES", 2)
    content = parse_hash_csv([f"md5,{i:032x},L,C\n" for i in range(5)], "hotline")
    assert [c.count for c in content.chunks] == [2, 2, 1]
    assert b"".join(c.digests for c in content.chunks) == b"".join(bytes.fromhex(f"{i:032x}") for i in range(5))
