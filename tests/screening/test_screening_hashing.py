"""Finding and hashing pictures: perceptual matches survive recompression, resizing, rotation and mirroring;
pictures are found inside PDF, Word, e-mail and ZIP files; unrelated pictures never match."""

from __future__ import annotations

import hashlib

import pytest
from PIL import Image
from screening_samples import (
    csv_line,
    docx_with_picture,
    eml_with_attachment,
    encode,
    flat,
    pdf_with_picture,
    png_claiming,
    recompressed,
    scene,
    zip_with,
)

from inputdesk.domain.hash_screening import HashType, ScanLimits
from inputdesk.pipeline.screening.hashing import pdq_hashes
from inputdesk.pipeline.screening.hashlists import parse_hash_csv
from inputdesk.pipeline.screening.matcher import HashListMatcher
from inputdesk.pipeline.screening.scan import scan_content

LISTED = scene(7)


def pdq_of(picture: Image.Image) -> str:
    return pdq_hashes(picture)[0].value  # the "original" orientation, as a list would hold it


def matcher_for(*lines: str) -> HashListMatcher:
    return HashListMatcher([parse_hash_csv(list(lines), "hotline")])


def hits(data: bytes, matcher: HashListMatcher, filename: str = "") -> list:
    return matcher.match(scan_content(data, filename).hashes, max_distance=31, min_quality=50)


@pytest.fixture(scope="module")
def pdq_list():
    return matcher_for(csv_line("pdq", pdq_of(LISTED), "hotline-x", "A1"))


@pytest.mark.parametrize("change", [
    pytest.param(lambda p: recompressed(p, 30), id="jpeg-q30"),
    pytest.param(lambda p: recompressed(p, 50), id="jpeg-q50"),
    pytest.param(lambda p: p.resize((p.width // 2, p.height // 2), Image.Resampling.BILINEAR), id="resize-50%"),
    pytest.param(lambda p: recompressed(p.resize((p.width // 2, p.height // 2)), 40), id="resize-and-q40"),
    pytest.param(lambda p: p.convert("L"), id="grayscale"),
    pytest.param(lambda p: p.rotate(90, expand=True), id="rotate-90"),
    pytest.param(lambda p: p.rotate(180), id="rotate-180"),
    pytest.param(lambda p: p.rotate(270, expand=True), id="rotate-270"),
    pytest.param(lambda p: p.transpose(Image.Transpose.FLIP_LEFT_RIGHT), id="mirror"),
    pytest.param(lambda p: p.transpose(Image.Transpose.TRANSPOSE), id="transpose"),
])
def test_a_listed_picture_is_recognised_after_common_changes(pdq_list, change):
    found = hits(encode(change(LISTED), quality=85), pdq_list, "copy.jpg")
    assert [(h.hash_list, h.source, h.category) for h in found] == [("hotline", "hotline-x", "A1")]
    assert found[0].distance <= 31 and found[0].hash.quality >= 50


def test_two_hundred_unrelated_pictures_match_nothing():
    listed = [pdq_of(scene(seed, (200, 150))) for seed in range(1000, 1100)]
    matcher = matcher_for(*(csv_line("pdq", value) for value in listed))
    candidates = [h for seed in range(2000, 2200) for h in pdq_hashes(scene(seed, (160, 120)), f"picture {seed}")]
    assert matcher.match(candidates, max_distance=31, min_quality=50) == []


def test_an_exact_copy_matches_by_every_cryptographic_hash():
    data = encode(scene(3))
    lines = [csv_line(kind, hashlib.new(kind, data).hexdigest()) for kind in ("md5", "sha1", "sha256")]
    found = hits(data, matcher_for(*lines), "exact.jpg")
    assert sorted(h.hash.hash_type.value for h in found) == ["md5", "sha1", "sha256"]
    assert {h.distance for h in found} == {0} and {h.hash.part for h in found} == {""}


def test_a_featureless_picture_is_hashed_but_never_matched():
    blank = flat()
    found = hits(encode(blank, "PNG"), matcher_for(csv_line("pdq", pdq_of(blank))), "blank.png")
    assert found == []
    assert pdq_hashes(blank)[0].quality < 50


@pytest.mark.parametrize("container, part", [
    pytest.param(lambda jpg: pdf_with_picture(jpg), "pdf image 1", id="pdf-jpeg-stream"),
    pytest.param(lambda jpg: docx_with_picture(jpg), "word/media/image1.jpg", id="docx"),
    pytest.param(lambda jpg: eml_with_attachment(jpg), "e-mail part 2 (photo.jpg)", id="eml"),
    pytest.param(lambda jpg: zip_with({"annex/photo.jpg": jpg}), "annex/photo.jpg", id="zip"),
    pytest.param(lambda jpg: zip_with({"inner.zip": zip_with({"deep/photo.jpg": jpg})}), "inner.zip > deep/photo.jpg",
                 id="zip-in-zip"),
])
def test_pictures_inside_files_are_found_by_exact_and_perceptual_hash(container, part):
    jpg = encode(LISTED, quality=80)
    matcher = matcher_for(csv_line("sha256", hashlib.sha256(jpg).hexdigest(), "exact"),
                          csv_line("pdq", pdq_of(LISTED), "perceptual"))
    found = hits(container(jpg), matcher)
    assert {h.source for h in found} == {"exact", "perceptual"}
    assert all(h.hash.part.startswith(part) for h in found)


def test_a_picture_redrawn_into_a_pdf_is_still_found_perceptually():
    # ReportLab re-encodes a Pillow image as a Flate stream: the bytes differ, the pixels do not.
    document = pdf_with_picture(recompressed(LISTED, 40))
    found = hits(document, matcher_for(csv_line("pdq", pdq_of(LISTED))))
    assert len(found) == 1 and found[0].hash.part.startswith("pdf image 1")


def test_a_decompression_bomb_is_refused_without_decoding():
    scan = scan_content(png_claiming(100_000, 100_000), "bomb.png", ScanLimits(max_image_pixels=10_000_000))
    assert scan.images == 1 and not [h for h in scan.hashes if h.hash_type == HashType.PDQ]
    assert "10,000,000,000 pixels, over the limit of 10,000,000; it was not decoded" in scan.problems[0]
    assert {h.hash_type for h in scan.hashes} == {HashType.MD5, HashType.SHA1, HashType.SHA256}


def test_large_pictures_are_scaled_to_the_pdq_working_size():
    big = scene(11, (2400, 1600))
    small = big.resize((1200, 800), Image.Resampling.BILINEAR)
    limits = ScanLimits(pdq_max_side=1200)
    a = next(h for h in scan_content(encode(big), "big.jpg", limits).hashes if h.variant == "original")
    b = next(h for h in scan_content(encode(small), "small.jpg", limits).hashes if h.variant == "original")
    assert (int(a.value, 16) ^ int(b.value, 16)).bit_count() <= 12


def test_damaged_files_are_reported_not_raised():
    for data, name in [(b"%PDF-1.7\n garbage", "broken.pdf"), (b"PK\x03\x04 broken", "broken.zip"),
                       (b"\xff\xd8\xff\xe0 not really a jpeg", "broken.jpg")]:
        scan = scan_content(data, name)
        assert scan.problems and len(scan.hashes) == 3  # the file's own MD5, SHA-1 and SHA-256


def test_many_pictures_are_capped():
    archive = zip_with({f"p{i}.png": encode(scene(i, (64, 48)), "PNG") for i in range(5)})
    scan = scan_content(archive, "many.zip", ScanLimits(max_images=3))
    assert scan.images == 3 and any("more than 3 pictures" in p for p in scan.problems)


def test_an_office_page_thumbnail_is_hashed_but_not_a_picture_for_a_person_to_review():
    from inputdesk.domain.hash_screening import ContentHash, ContentScan, HashType

    scan = ContentScan(hashes=(ContentHash("docProps/thumbnail.jpeg", HashType.PDQ, "ab" * 32),
                               ContentHash("docProps/thumbnail.jpeg", HashType.SHA256, "cd" * 32),
                               ContentHash("word/media/image1.png", HashType.PDQ, "ef" * 32),
                               ContentHash("e-mail part 2 (a.odt)/Thumbnails/thumbnail.png", HashType.PDQ, "01" * 32)),
                       images=3)
    assert scan.pictures_to_review() == 1  # the published copy leaves thumbnails out; the photo needs a person
    assert ContentScan(images=2).pictures_to_review() == 2
