"""What in a received Office or web page could run or fetch something when a person opens the original: flagged
for the reviewer (the text was read; nothing was run)."""

from __future__ import annotations

import io
import re
import zipfile

from inputdesk.domain.extraction import ACTIVE_CONTENT, ExtractedDocument

from ..screening.sanitise_office import office_active_content
from .common import display_name

_EMBEDDED = re.compile(r"^(?:word|xl|ppt)/embeddings/|^Object \d+/|/oleObject\d*\.bin$", re.IGNORECASE)
# A relationship the program follows by itself on opening: a template or frame fetched from elsewhere.
_EXTERNAL = re.compile(r"<Relationship\b[^>]*TargetMode=\"External\"[^>]*>", re.IGNORECASE)
_FETCHED = re.compile(r"/(?:attachedTemplate|frame|oleObject|subDocument)\"", re.IGNORECASE)
_HTML = ((re.compile(r"<script\b", re.IGNORECASE), "scripts"),
         (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE), "event handlers"),
         (re.compile(r"javascript:", re.IGNORECASE), "script links"),
         (re.compile(r"<(?:iframe|object|embed)\b", re.IGNORECASE), "embedded frames or objects"))


def office_parts(data: bytes) -> list[str]:
    """Macros, ActiveX controls, embedded objects and parts fetched from elsewhere, in words."""
    found = set(office_active_content(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if any(_EMBEDDED.search(name) for name in names):
                found.add("embedded objects")
            for name in names:
                if name.endswith(".rels") and archive.getinfo(name).file_size < 1_000_000:
                    rels = archive.read(name).decode("utf-8", "replace")
                    if any(_FETCHED.search(m.group()) for m in _EXTERNAL.finditer(rels)):
                        found.add("a template or object fetched from the internet when it is opened")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        pass
    return sorted(found)


def html_parts(text: str) -> list[str]:
    return [words for pattern, words in _HTML if pattern.search(text)]


def flag(document: ExtractedDocument, filename: str, found: list[str]) -> ExtractedDocument:
    if found:
        document.flags.add(ACTIVE_CONTENT)
        document.warnings.append(f"{display_name(filename)} contains {', '.join(found)}; its text was read and "
                                 "nothing was run. Open the original only with care.")
    return document
