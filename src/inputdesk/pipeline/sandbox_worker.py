"""The loop that runs inside the extraction worker process (see `sandbox.SandboxedExtractor`)."""

from __future__ import annotations

import contextlib
import importlib

from inputdesk.domain.extraction import (
    ExtractedDocument,
    ExtractionFailure,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    TextBlock,
)

from .worker_process import lift_memory_limit, limit_this_file

# Imported before the worker says it is ready, so the first file's timeout is spent on the file.
_LIBRARIES = (
    "pypdfium2",
    "pikepdf",
    "docx",
    "odf.opendocument",
    "odf.teletype",
    "PIL.Image",
    "striprtf.striprtf",
    "charset_normalizer",
    "bidi",
    "email.parser",
)
# Address space the worker needs for itself (interpreter and libraries, about 80 MB), so a
# tiny memory limit still leaves it able to report a failure.
_FLOOR_MB = 160


def serve(connection, extractors) -> None:
    from .extract import extract_document

    for name in _LIBRARIES:
        # an optional extra may be missing: the extractor that needs it says so per file
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    connection.send("ready")
    while True:
        try:
            filename, limits = connection.recv()
            data = connection.recv_bytes()
        except (EOFError, OSError):
            return  # the parent closed the pipe: we are done
        limit_this_file(max(limits.memory_mb, _FLOOR_MB) * 1024 * 1024, limits.timeout_s)
        try:
            outcome = extract_document(data, filename, limits, extractors=extractors)
        except MemoryError:
            outcome = _memory_failure(filename, limits)
        del data
        try:
            connection.send(pack_outcome(outcome))
        except MemoryError:
            connection.send(pack_outcome(_memory_failure(filename, limits)))
        lift_memory_limit()


def _memory_failure(filename: str, limits: ExtractionLimits) -> ExtractionFailure:
    from .extract.common import display_name

    return ExtractionFailure(
        FailureReason.MEMORY_LIMIT,
        f"{display_name(filename)} needed more than the {limits.memory_mb} MB of memory allowed for one file. "
        "Ask the submitter for a smaller or simpler version.",
    )


def pack_outcome(outcome: ExtractionOutcome) -> tuple:
    """What the worker sends back: a document's blocks as columns (a list of texts, one of pages...).
    Pickling a long PDF's thousands of blocks one by one cost more than sending its bytes; lists
    of strings and numbers pickle several times faster."""
    if not isinstance(outcome, ExtractedDocument):
        return ("failure", outcome)
    columns = tuple(map(list, zip(*outcome.blocks))) if outcome.blocks else ()
    return ("document", outcome.kind, columns, outcome.page_count, outcome.language, outcome.metadata,
            outcome.attachments, outcome.flags, outcome.warnings)


def unpack_outcome(packed: tuple) -> ExtractionOutcome:
    if packed[0] == "failure":
        return packed[1]
    _, kind, columns, page_count, language, metadata, attachments, flags, warnings = packed
    blocks = list(map(TextBlock, *columns)) if columns else []
    return ExtractedDocument(kind, blocks, page_count, language, metadata, attachments, flags, warnings)
