"""What text extraction produces, and the specific ways a file can fail it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    DOCM = "docm"  # macro-enabled Word: extracted, flagged as active content
    ODT = "odt"
    RTF = "rtf"
    HTML = "html"
    TEXT = "text"
    IMAGE = "image"
    EML = "eml"
    MBOX = "mbox"
    MSG = "msg"
    ZIP = "zip"
    UNKNOWN = "unknown"


class FailureReason(StrEnum):
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    BOMB = "bomb"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    MALFORMED_EMAIL = "malformed_email"
    EMPTY = "empty"
    MISSING_EXTRA = "missing_extra"  # optional package not installed (e.g. .msg support)
    CRASHED = "crashed"


# Flags a document can carry after extraction; they are shown to reviewers.
NEEDS_OCR = "needs_ocr"  # no text layer (scanned PDF, image)
ACTIVE_CONTENT = "active_content"  # macros, PDF JavaScript, launch actions
HAS_IMAGES = "has_images"
BIDI_REORDERED = "bidi_reordered"  # right-to-left text turned from visual into logical order


class TextBlock(NamedTuple):
    """One paragraph-like unit of a document, with where it came from. Immutable; a named tuple
    rather than a frozen dataclass because a long PDF makes thousands of them per second, and a
    tuple is made five times faster (and pickled as fast, across the extraction sandbox)."""

    text: str
    index: int  # order within the document
    page: int | None = None  # 1-based, for paginated formats
    heading: str | None = None  # nearest heading above this block
    is_heading: bool = False


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class ExtractedDocument:
    kind: FileKind
    blocks: list[TextBlock]
    page_count: int | None = None
    language: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # title, author; e-mail from/to/subject/date
    attachments: list[Attachment] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class ExtractionFailure:
    reason: FailureReason
    message: str  # specific and actionable: what was wrong and what to do


ExtractionOutcome = ExtractedDocument | ExtractionFailure


@dataclass(frozen=True)
class ExtractionLimits:
    max_bytes: int = 50 * 1024 * 1024
    timeout_s: float = 60.0
    memory_mb: int = 1024
    max_pages: int = 2000
    max_decompressed_bytes: int = 200 * 1024 * 1024  # zip/XML bomb guard for DOCX/ODT
    max_attachments: int = 50
