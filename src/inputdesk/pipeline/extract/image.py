"""Pictures: no text to read, but their size is recorded and damaged or explosive ones are refused."""

from __future__ import annotations

import io
import re
import warnings

from inputdesk.domain.extraction import (
    HAS_IMAGES,
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
)

from .common import corrupt, display_name, fail

# Pillow's own default cap (about 89 megapixels), used if an application switched Pillow's off.
_PIXEL_CAP = 89_478_485


def extract_image(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    from PIL import Image, UnidentifiedImageError

    name = display_name(filename)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its cap and twice the cap; we refuse at the cap.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size
            if width * height > (Image.MAX_IMAGE_PIXELS or _PIXEL_CAP):
                return _bomb(name, f"{width} × {height} pixels")
            if image.format == "JPEG":
                # Decoding at 1/8 scale still reads every byte, so damage shows, at a fraction of the cost.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
            image_format = image.format or "unknown"
    except Image.DecompressionBombError as error:
        # Pillow refuses before we see the size; its message carries the pixel count.
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        return _bomb(name, f"{int(pixels.group(1)):,} pixels" if pixels else None)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return corrupt(filename, "image")
    document = ExtractedDocument(
        kind=FileKind.IMAGE,
        blocks=[],
        metadata={"width": str(width), "height": str(height), "format": image_format},
        flags={HAS_IMAGES},
    )
    document.warnings.append(f"{name} is a picture; any text in it must be read by a person (or OCR).")
    return document


def _bomb(name: str, size: str | None) -> ExtractionOutcome:
    size = f" ({size})" if size else ""
    return fail(
        FailureReason.BOMB,
        f"{name} claims to be an enormous picture{size}, which would exhaust the server's memory. "
        "Ask the submitter for a smaller copy.",
    )
