"""Checks the portal makes on an upload while the submitter is still there to fix it."""

from __future__ import annotations

from inputdesk.domain.extraction import ExtractionFailure, ExtractionLimits, FailureReason, FileKind
from inputdesk.pipeline.sniff import is_encrypted_office, sniff
from inputdesk.ports import Extractor


def password_protected(extractor: Extractor, data: bytes, filename: str, limits: ExtractionLimits) -> bool:
    """Whether the file cannot be read without a password. An Office file shows it in its bytes. A PDF that names an
    encryption dictionary is opened by `extractor` (the sandboxed one: the file is untrusted) to tell a password
    from an owner's restrictions on printing or copying, which readers ignore and we read through."""
    if is_encrypted_office(data):
        return True
    if sniff(data, filename) is not FileKind.PDF or b"/Encrypt" not in data:
        return False
    outcome = extractor.extract(data, filename, limits)
    return isinstance(outcome, ExtractionFailure) and outcome.reason is FailureReason.ENCRYPTED
