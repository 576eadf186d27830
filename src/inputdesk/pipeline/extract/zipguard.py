"""Checks a Word or OpenDocument file's ZIP container for bombs before any parser touches it."""

from __future__ import annotations

import io
import zipfile

from inputdesk.domain.extraction import ExtractionFailure, ExtractionLimits, FailureReason

from .common import corrupt, display_name, fail, human_size

# Office XML compresses about 5-20x; beyond this ratio (on a container big enough to matter)
# the archive is built to explode, not to be read.
MAX_RATIO = 200
_RATIO_APPLIES_FROM = 10 * 1024 * 1024
_ENTITY = b"<!ENTITY"
_CHUNK = 1024 * 1024


def check_container(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionFailure | None:
    """None when the container is safe to parse, else why not."""
    name = display_name(filename)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > limits.max_decompressed_bytes:
                return _bomb(
                    name,
                    f"it would expand to {human_size(total)}, over the limit of "
                    f"{human_size(limits.max_decompressed_bytes)}",
                )
            if total > _RATIO_APPLIES_FROM and total / packed > MAX_RATIO:
                return _bomb(name, f"it is compressed {total // packed}-fold, far more than real documents")
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")) and _declares_entities(archive, member):
                    return _bomb(name, f"it contains an XML entity expansion ({member.filename})")
    except zipfile.BadZipFile:
        return corrupt(filename, "document")
    except (OSError, ValueError, RuntimeError, NotImplementedError, EOFError):
        # Encrypted members (RuntimeError), unknown compression, truncated data.
        return corrupt(filename, "document")
    return None


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    # Entity declarations live in the DOCTYPE, before the root element, but a
    # hostile file can pad it; read in chunks (the total is already bounded above).
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _ENTITY in window:  # XML keywords are case-sensitive
                return True
            tail = window[-len(_ENTITY) :]
    return False


def _bomb(name: str, why: str) -> ExtractionFailure:
    return fail(
        FailureReason.BOMB,
        f"{name} was not opened because {why}. Such files are made to exhaust the server; "
        "ask the submitter for an ordinary copy (for example, saved again as PDF).",
    )
