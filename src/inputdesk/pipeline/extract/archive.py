"""ZIP archives: kept for review, not unpacked here (unpacking is where archive attacks live)."""

from __future__ import annotations

import io
import zipfile

from inputdesk.domain.extraction import ExtractionLimits, ExtractionOutcome, FailureReason

from .common import display_name, fail

# Office formats that are ZIP containers but that we do not read as text; named so the message fits.
_OFFICE_KINDS = (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint presentation"), ("word/", "a Word document"))


def extract_archive(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    name = display_name(filename)
    what = "a ZIP archive"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
        what = "a damaged ZIP archive"
    for prefix, words in _OFFICE_KINDS:
        if any(n.startswith(prefix) for n in names):
            return fail(
                FailureReason.UNSUPPORTED_TYPE,
                f"{name} is {words}, which is not read as text. It is kept for review; "
                "ask the submitter for a PDF or Word version if its content matters.",
            )
    listing = f" ({len(names)} files inside)" if names else ""
    return fail(
        FailureReason.UNSUPPORTED_TYPE,
        f"{name} is {what}{listing}. Archives are kept for review but not unpacked; "
        "ask the submitter to send the documents themselves.",
    )
