"""Both blob stores keep bytes exactly and report tampering the same way."""

import hashlib

import pytest

from inputdesk.storage.blobs import BlobNotFound, FileBlobStore, MemoryBlobStore


@pytest.fixture(params=["file", "memory"])
def blobs(request, tmp_path):
    return FileBlobStore(tmp_path / "blobs") if request.param == "file" else MemoryBlobStore()


def test_stores_bytes_unchanged_under_their_sha256(blobs):
    data = b"%PDF-1.7\n\x00\xff binary \r\n bytes"
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert blobs.get(digest) == data
    assert blobs.verify(digest) == "ok"


def test_same_bytes_twice_are_stored_once(blobs):
    assert blobs.put(b"same") == blobs.put(b"same")
    assert list(blobs.digests()) == [hashlib.sha256(b"same").hexdigest()]


def test_unknown_digest_is_missing_not_an_error(blobs):
    digest = hashlib.sha256(b"never stored").hexdigest()
    assert blobs.verify(digest) == "missing"
    assert not blobs.exists(digest)
    with pytest.raises(BlobNotFound):
        blobs.get(digest)


def test_file_store_detects_altered_file(tmp_path):
    store = FileBlobStore(tmp_path)
    digest = store.put(b"original")
    path = tmp_path / digest[:2] / digest[2:4] / digest
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    assert store.verify(digest) == "altered"


def test_file_store_rejects_paths_that_are_not_digests(tmp_path):
    with pytest.raises(ValueError):
        FileBlobStore(tmp_path).get("../../etc/passwd")


def test_a_file_stored_in_chunks_is_the_same_blob_as_its_bytes(blobs, tmp_path):
    data = bytes(range(256)) * 9000  # over two chunks of a megabyte
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    digest = blobs.put_file(path)
    assert digest == hashlib.sha256(data).hexdigest() == blobs.put(data)
    assert blobs.get(digest) == data and blobs.size(digest) == len(data) and blobs.verify(digest) == "ok"
    assert list(blobs.digests()) == [digest]  # stored once, no temporary file left behind


def test_a_stored_file_can_be_read_line_by_line_without_loading_it(blobs):
    digest = blobs.put(b"From a\nline two\n")
    with blobs.open(digest) as stored:
        assert list(stored) == [b"From a\n", b"line two\n"]
    with pytest.raises(BlobNotFound):
        blobs.open("0" * 64)
