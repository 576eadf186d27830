"""Hash lists are encrypted at rest, replaced as a whole, and unreadable with another key."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from screening_samples import csv_line
from sqlalchemy import select

from inputdesk.domain.hash_screening import ContentHash, ContentScan, HashType
from inputdesk.pipeline.screening.hashlists import parse_hash_csv
from inputdesk.storage.sql_hashlists import HashListKeyError, SqlHashListStore, load_key
from inputdesk.storage.tables_screening import hash_list_chunks, hash_lists

PDQ = "f" * 8 + "0123456789abcdef" * 3 + "0" * 8
MD5 = hashlib.md5(b"listed").hexdigest()


def a_list(name="hotline", source="Hotline Secret Source", category="Category Z9"):
    return parse_hash_csv([csv_line("pdq", PDQ, source, category), csv_line("md5", MD5, source, category)], name)


def test_hashes_and_their_labels_never_reach_the_database_in_the_clear(engine, tmp_path):
    from datetime import UTC, datetime

    store = SqlHashListStore(engine, Fernet.generate_key())
    store.replace_list(a_list(), "user:operator", datetime.now(UTC))
    with engine.connect() as conn:
        raw = b"".join(bytes(r.labels_encrypted) + repr(r.counts).encode() + r.name.encode()
                       for r in conn.execute(select(hash_lists)))
        raw += b"".join(bytes(r.payload) for r in conn.execute(select(hash_list_chunks)))
    for secret in (PDQ.encode(), MD5.encode(), bytes.fromhex(PDQ), bytes.fromhex(MD5), b"Hotline Secret Source",
                   b"Category Z9"):
        assert secret not in raw
    if engine.dialect.name == "sqlite":  # the database file as a whole holds none of it either
        whole = Path(engine.url.database).read_bytes()
        assert PDQ.encode() not in whole and bytes.fromhex(PDQ) not in whole


def test_a_list_reads_back_and_a_re_import_replaces_it(engine):
    from datetime import UTC, datetime

    store = SqlHashListStore(engine, Fernet.generate_key())
    first = store.replace_list(a_list(), "user:operator", datetime.now(UTC))
    before = store.fingerprint()
    second = store.replace_list(parse_hash_csv([csv_line("sha1", "a" * 40)], "hotline"), "user:operator",
                                datetime.now(UTC))
    assert (first.version, first.counts) == (1, {"pdq": 1, "md5": 1})
    assert (second.version, second.counts) == (2, {"sha1": 1}) and store.fingerprint() != before
    [content] = store.load_all()
    assert content.counts() == {"sha1": 1} and content.labels == (("test-list", "A1"),)
    assert [s.name for s in store.summaries()] == ["hotline"]


def test_another_key_cannot_read_the_lists(engine):
    from datetime import UTC, datetime

    SqlHashListStore(engine, Fernet.generate_key()).replace_list(a_list(), "user:operator", datetime.now(UTC))
    with pytest.raises(HashListKeyError, match="Restore the key"):
        SqlHashListStore(engine, Fernet.generate_key()).load_all()


def test_the_key_is_generated_once_privately_or_taken_from_settings(tmp_path):
    key = load_key(None, tmp_path)
    assert load_key(None, tmp_path) == key and (tmp_path / "screening.key").stat().st_mode & 0o077 == 0
    configured = Fernet.generate_key().decode()
    assert load_key(configured, tmp_path) == configured.encode()
    with pytest.raises(HashListKeyError, match="not a valid key"):
        load_key("not-a-key", tmp_path)


def test_scans_are_stored_per_file_and_replaced(engine):
    from datetime import UTC, datetime

    from inputdesk.storage.sql_screening import SqlScreeningStore

    store = SqlScreeningStore(engine)
    scan = ContentScan((ContentHash("", HashType.MD5, MD5), ContentHash("p", HashType.PDQ, PDQ, 90, "rotate90")), 1,
                       ("a problem",))
    store.save_scan("b" * 64, scan, datetime.now(UTC))
    store.save_scan("b" * 64, scan, datetime.now(UTC))
    assert store.get_scans(["b" * 64, "c" * 64]) == {"b" * 64: scan}
    assert store.is_scanned("b" * 64) and not store.is_scanned("c" * 64)
