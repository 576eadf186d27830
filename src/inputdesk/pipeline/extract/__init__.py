"""Text extraction: from a received file's bytes to text blocks with provenance, or a failure
that says what was wrong and what to do. Never raises for bad input."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from types import MappingProxyType

from inputdesk.domain.extraction import (
    ExtractedDocument,
    ExtractionFailure,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
)

from ..mailbox import split_mbox
from ..sniff import describe_content, describe_mismatch, is_encrypted_office, sniff
from .archive import extract_archive
from .common import FormatExtractor, corrupt, display_name, fail, human_size
from .email_message import extract_email
from .image import extract_image
from .odt import extract_odt
from .outlook import extract_outlook
from .pdf import extract_pdf
from .rtf import extract_rtf
from .text import extract_text
from .webpage import extract_html
from .word import extract_macro_word, extract_word

__all__ = ["EXTRACTORS", "FormatExtractor", "extract_document", "extract_mailbox"]


def extract_mailbox(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    """A mailbox is not read as one text: it is counted here, and split by the intake
    service (`pipeline.mailbox.split_mbox`) into messages imported one by one."""
    return ExtractedDocument(kind=FileKind.MBOX, blocks=[], metadata={"messages": str(len(split_mbox(data)))})


# The built-in extractor for each kind. Callers add or replace entries by passing
# `extractors=` (to `extract_document` or to an Extractor); this mapping itself is read-only.
EXTRACTORS: Mapping[FileKind, FormatExtractor] = MappingProxyType(
    {
        FileKind.PDF: extract_pdf,
        FileKind.DOCX: extract_word,
        FileKind.DOCM: extract_macro_word,
        FileKind.ODT: extract_odt,
        FileKind.RTF: extract_rtf,
        FileKind.HTML: extract_html,
        FileKind.TEXT: extract_text,
        FileKind.IMAGE: extract_image,
        FileKind.EML: extract_email,
        FileKind.MSG: extract_outlook,
        FileKind.MBOX: extract_mailbox,
        FileKind.ZIP: extract_archive,
    }
)


def too_large(filename: str, size: int, limits: ExtractionLimits) -> ExtractionFailure:
    """The failure of a file over the per-file limit (also for one the intake never reads into memory)."""
    return fail(
        FailureReason.TOO_LARGE,
        f"{display_name(filename)} is {human_size(size)}, over the limit of {human_size(limits.max_bytes)} per file. "
        "Ask the submitter to send a smaller version (for example, without embedded pictures), or split it.",
    )


def extract_document(
    data: bytes,
    filename: str,
    limits: ExtractionLimits,
    *,
    extractors: Mapping[FileKind, FormatExtractor] | None = None,
) -> ExtractionOutcome:
    """Read one received file. `extractors` adds or replaces the function used for a kind
    (a plugin, or a deliberately slow or crashing one in tests of the sandbox)."""
    name = display_name(filename)
    if len(data) > limits.max_bytes:
        return too_large(filename, len(data), limits)
    if not data:
        return fail(FailureReason.EMPTY, f"{name} is empty (0 bytes). Ask the submitter to send the file again.")
    kind = sniff(data, filename)
    if kind in (FileKind.TEXT, FileKind.UNKNOWN) and PurePath(filename).suffix.lower() == ".eml":
        kind = FileKind.EML  # so a broken export is reported as a broken e-mail, not as text
    extractor = (extractors or {}).get(kind) or EXTRACTORS.get(kind)
    if extractor is None and is_encrypted_office(data):
        return fail(
            FailureReason.ENCRYPTED,
            f"{name} is an Office document protected by a password, so its text cannot be read. "
            "Ask the submitter for a copy without a password.",
        )
    if extractor is None:
        mismatch = describe_mismatch(kind, filename, data)
        return fail(
            FailureReason.UNSUPPORTED_TYPE,
            (mismatch + " " if mismatch else f"{name} is {describe_content(kind, data)}. ")
            + "It cannot be read as text; it is kept for review. Ask the submitter for a PDF, Word or text version.",
        )
    try:
        outcome = extractor(data, filename, limits)
    except MemoryError:
        return fail(
            FailureReason.MEMORY_LIMIT,
            f"{name} needed more memory than the {limits.memory_mb} MB allowed for one file. "
            "Ask the submitter for a smaller or simpler version.",
        )
    except RecursionError:
        return corrupt(filename, "file (it is nested too deeply to read)")
    except Exception:  # noqa: BLE001 - a damaged file must not sink the batch; libraries raise anything
        return corrupt(filename)
    if isinstance(outcome, ExtractedDocument):
        mismatch = describe_mismatch(kind, filename)
        if mismatch:
            outcome.warnings.append(f"{mismatch} It was read as such.")
    return outcome
