"""Hash-list screening: what a file's content hashes to, what an imported list holds, and what a match is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class HashType(StrEnum):
    MD5 = "md5"
    SHA1 = "sha1"
    SHA256 = "sha256"
    PDQ = "pdq"  # Meta's 256-bit perceptual photo hash, compared by Hamming distance


DIGEST_SIZES = {HashType.MD5: 16, HashType.SHA1: 20, HashType.SHA256: 32, HashType.PDQ: 32}
CRYPTO_TYPES = (HashType.MD5, HashType.SHA1, HashType.SHA256)

# The eight rotations and mirrors PDQ hashes in one pass, in pdqhash's order.
PDQ_VARIANTS = ("original", "rotate90", "rotate180", "rotate270", "flip_x", "flip_y", "flip_plus1", "flip_minus1")

# Submission flags (shown in the review queue) and the document flag set by screening.
FLAG_SCREENING_MATCH = "screening_match"  # quarantined: a file matched an imported hash list
FLAG_SCREENING_INCOMPLETE = "screening_incomplete"  # some part could not be hashed; a person must know
DOCUMENT_QUARANTINED = "quarantined"
# An administrator released the quarantine: the matches recorded so far no longer quarantine it again on a rescan
# (a new match does). Its files stay withheld while a match is recorded for them.
FLAG_QUARANTINE_RELEASED = "quarantine_released"

# Bumped whenever discovery or hashing changes what a scan finds; older scans are redone by a rescan.
HASHER_VERSION = 1


@dataclass(frozen=True)
class ContentHash:
    """One hash of a file or of a part inside it."""

    part: str  # "" for the file itself, else where it sits: "pdf image 3 (12 0 R)", "word/media/image1.png"
    hash_type: HashType
    value: str  # lower-case hex
    quality: int | None = None  # PDQ only, 0-100; below the configured minimum it is never matched
    variant: str = ""  # PDQ only: which rotation or mirror of the picture this is


@dataclass(frozen=True)
class ContentScan:
    """Every hash found in one stored file, and what could not be hashed (in words, never content)."""

    hashes: tuple[ContentHash, ...] = ()
    images: int = 0
    problems: tuple[str, ...] = ()
    version: int = HASHER_VERSION

    def pictures_to_review(self) -> int:
        """Pictures a person must look at before the file is published: all of them but the page thumbnails an
        office program saves (`docProps/thumbnail.*`, `Thumbnails/*`), which the published copy leaves out. They
        are still hashed and matched like any picture."""
        thumbnails = {h.part for h in self.hashes if h.hash_type == HashType.PDQ and is_office_thumbnail(h.part)}
        return max(0, self.images - len(thumbnails))


@dataclass(frozen=True)
class ScanLimits:
    """Bounds on decoding hostile files while hashing them."""

    max_image_pixels: int = 89_478_485  # Pillow's own decompression-bomb threshold
    pdq_max_side: int = 2048  # pictures are scaled down to this long side before PDQ
    max_images: int = 500  # pictures hashed per file
    max_depth: int = 3  # archives inside archives
    max_expanded_bytes: int = 200 * 1024 * 1024  # members read out of containers, per file
    timeout_s: float = 60.0
    memory_mb: int = 1024


@dataclass(frozen=True)
class HashListChunk:
    """Part of an imported list, in the compact form it is encrypted and matched in."""

    hash_type: HashType
    digests: bytes  # raw digests back to back, DIGEST_SIZES[hash_type] bytes each
    labels: bytes  # one little-endian uint32 per digest: an index into HashListContent.labels

    @property
    def count(self) -> int:
        return len(self.digests) // DIGEST_SIZES[self.hash_type]


@dataclass(frozen=True)
class HashListContent:
    name: str
    labels: tuple[tuple[str, str], ...]  # (source list as the file names it, category)
    chunks: tuple[HashListChunk, ...]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in self.chunks:
            counts[chunk.hash_type.value] = counts.get(chunk.hash_type.value, 0) + chunk.count
        return counts


@dataclass(frozen=True)
class HashListSummary:
    """What may be shown about a list: its name and counts, never its hashes."""

    name: str
    counts: dict[str, int]
    version: int
    imported_at: datetime
    updated_at: datetime

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ListHit:
    """A content hash found in a list (the listed value itself is never carried)."""

    hash: ContentHash
    hash_list: str
    source: str
    category: str
    distance: int  # 0 for cryptographic hashes


@dataclass
class HashMatch:
    """A recorded match: what quarantined a document."""

    submission_id: int
    document_id: int
    blob_sha256: str
    hit: ListHit
    matched_at: datetime
    id: int | None = None


@dataclass
class RescanReport:
    submissions: int = 0
    files: int = 0
    hashed: int = 0  # files decoded and hashed now (the rest reused stored hashes)
    quarantined: list[str] = field(default_factory=list)  # references newly quarantined
    incomplete: list[str] = field(default_factory=list)  # references with parts that could not be hashed
    unpublished: list[str] = field(default_factory=list)  # references that were public: their files were removed


def digest_from_hex(hash_type: HashType, value: str) -> bytes | None:
    """The raw digest, or None when `value` is not a well-formed hash of that type."""
    value = value.strip().lower()
    if len(value) != 2 * DIGEST_SIZES[hash_type]:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


def is_office_thumbnail(part: str) -> bool:
    """A page thumbnail an office program saves (`docProps/thumbnail.*`, `Thumbnails/*`), wherever the file sits
    (a scan's part may start with the e-mail or archive holding it). The published copy leaves these out, so the
    sanitiser and the picture review use this one rule."""
    name = part.rsplit("/", 2)
    return (len(name) >= 2 and name[-2] == "docProps" and name[-1].lower().startswith("thumbnail.")) or (
        len(name) >= 2 and name[-2] == "Thumbnails")
