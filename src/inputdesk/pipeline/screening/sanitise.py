"""Sanitised derivatives for publication: the type is decided by content, active content is removed and
metadata stripped. Originals are never changed; the caller stores the derivative beside them.

    PDF         JavaScript, OpenAction/automatic actions, Launch and other running actions, embedded files,
                multimedia, XFA, document information and XMP metadata removed (pikepdf); and text the
                extraction never read: annotations other than web and page links, form fields and values,
                signatures, bookmarks, thumbnails, EXIF of embedded JPEGs (sanitise_pdf_parts)
    Word, ODF   macros (VBA, Basic, scripts), ActiveX controls, event scripts and document properties removed;
                comments, tracked changes (accepted), thumbnails and picture metadata too (sanitise_office_xml)
    HTML        scripts, event handlers, frames, forms, pictures and unsafe links removed (nh3)
    pictures    EXIF, GPS, XMP, comments, text chunks and data after the picture's end removed
    plain text  unchanged

Anything else raises `CannotSanitise`, saying what to ask for instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inputdesk.domain.extraction import FileKind

from ..sniff import sniff
from .sanitise_images import PictureNotSanitisable, strip_picture_metadata
from .sanitise_office import OfficeNotSanitisable, office_active_content, sanitise_office
from .sanitise_pdf import PdfNotSanitisable, sanitise_pdf

__all__ = ["CannotSanitise", "SanitisedFile", "office_active_content", "sanitise"]

_HTML_ACTIVE = (("<script", "scripts"), (" on", "event handlers"), ("javascript:", "script links"),
                ("<iframe", "frames"), ("<object", "embedded objects"), ("<embed", "embedded objects"),
                ("<form", "forms"), ("<img", "pictures (published only after review)"), ("<style", "styles"))
_EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


class CannotSanitise(ValueError):
    """No safe derivative can be made; the message says why and what to ask the submitter for."""


@dataclass(frozen=True)
class SanitisedFile:
    data: bytes
    kind: FileKind
    removed: tuple[str, ...]  # what was neutralised, in words, for the reviewer and the audit log


def sanitise(data: bytes, filename: str = "") -> SanitisedFile:
    kind = sniff(data, filename)
    try:
        if kind == FileKind.PDF:
            cleaned, removed = sanitise_pdf(data)
        elif kind in (FileKind.DOCX, FileKind.DOCM, FileKind.ODT):
            cleaned, removed = sanitise_office(data, odf=kind == FileKind.ODT)
            kind = FileKind.DOCX if kind == FileKind.DOCM else kind
        elif kind == FileKind.HTML:
            cleaned, removed = _html(data)
        elif kind == FileKind.IMAGE:
            cleaned, removed = strip_picture_metadata(data)
        elif kind == FileKind.TEXT:
            cleaned, removed = _text(data), []
        else:
            raise CannotSanitise(f"{filename or 'the file'} is {kind.value}, which is never published as a file; "
                                 "publish its text, or ask the submitter for a PDF")
    except (PdfNotSanitisable, OfficeNotSanitisable, PictureNotSanitisable) as problem:
        raise CannotSanitise(f"{filename or 'the file'}: {problem}") from None
    return SanitisedFile(cleaned, kind, tuple(removed))


def _text(data: bytes) -> bytes:
    """The text as UTF-8, which the published copy is served as: a file saved in Windows-1252 or another code page
    would otherwise reach readers as "R\ufffdponse"."""
    from ..extract.encoding import decode_text

    text = decode_text(data)
    return data if text is None else text.encode("utf-8")


def _html(data: bytes) -> tuple[bytes, list[str]]:
    import nh3

    from ..extract.encoding import decode_text

    text = decode_text(data) or data.decode("utf-8", "replace")
    lowered = text.lower()
    removed = sorted({words for marker, words in _HTML_ACTIVE
                      if (marker in lowered if marker != " on" else _EVENT_ATTRIBUTE.search(text))})
    tags = set(nh3.ALLOWED_TAGS) - {"img"}
    cleaned = nh3.clean(text, tags=tags, url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    page = f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n{cleaned}\n</body></html>\n'
    return page.encode("utf-8"), removed
