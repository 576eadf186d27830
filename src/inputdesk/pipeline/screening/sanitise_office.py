"""Macros in Word and OpenDocument files: found by looking inside the ZIP container, and removed from a copy.

Why not oletools: it reads legacy OLE files and VBA source, which we do not need. Word (.docx/.docm) and
OpenDocument files are ZIP containers whose macro parts have fixed names (`vbaProject.bin`, `Basic/`,
`Scripts/`) declared in fixed places, so finding and removing them needs only the standard library, and a
macro-free copy stays byte-identical everywhere else. Legacy .doc files are not published at all.

The copy is published, so what text extraction never reads goes too: comments, tracked changes (accepted, with
their authors), the page thumbnail, and the metadata of the pictures inside.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from inputdesk.domain.hash_screening import is_office_thumbnail

from . import sanitise_office_xml as xml
from .sanitise_images import TIFF_SIGNATURES, PictureNotSanitisable, is_lossless_picture, strip_picture_metadata

_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_MAIN = re.compile(r"application/vnd\.ms-word\.(?:document|template)\.macroEnabled(?:Template)?\.main\+xml")
_OOXML_ACTIVE = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|vbaProjectSignature\w*\.bin|"
                           r"_rels/vbaProject\.bin\.rels)$|(?:^|/)activeX/", re.IGNORECASE)
_ODF_ACTIVE = re.compile(r"^(?:Basic|Scripts)/")
_ELEMENT = {"Override": re.compile(r"<Override\b[^>]*/>"), "Relationship": re.compile(r"<Relationship\b[^>]*/>"),
            "manifest": re.compile(r"<manifest:file-entry\b[^>]*/>")}
_EVENT_LISTENERS = re.compile(r"<office:event-listeners\b.*?(?:/>|</office:event-listeners>)", re.DOTALL)
_WORD_COMMENT_PARTS = {"word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml",
                       "word/commentsExtensible.xml", "word/people.xml"}
_WORD_COMMENT_TYPE = re.compile(r"wordprocessingml\.(?:comments\w*|people)\+xml$")
_THUMBNAIL_RELATIONSHIP = re.compile(r"/metadata/thumbnail$")
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
         'openxmlformats.org/package/2006/metadata/core-properties"/>')
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
        'org/officeDocument/2006/extended-properties"/>')
_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
           'org/officeDocument/2006/custom-properties"/>')
_PROPERTIES = {"docProps/core.xml": _CORE, "docProps/app.xml": _APP, "docProps/custom.xml": _CUSTOM}
_ODF_META = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:'
             'opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>')


class OfficeNotSanitisable(ValueError):
    """An Office file that cannot be rewritten without its active parts (damaged or encrypted)."""


def office_active_content(data: bytes) -> list[str]:
    """What in a Word or OpenDocument file can run code, in words; empty when nothing (or not a ZIP)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []
    found = set()
    for name in names:
        if _OOXML_ACTIVE.search(name):
            found.add("ActiveX controls" if "activex/" in name.lower() else "macros (VBA)")
        elif _ODF_ACTIVE.match(name) and not name.endswith("/"):
            found.add("macros (Basic or scripts)")
    return sorted(found)


def sanitise_office(data: bytes, *, odf: bool) -> tuple[bytes, list[str]]:
    """A copy without macros, ActiveX controls, event scripts and document properties."""
    removed: set[str] = set()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            hidden = _odf_hidden_parts(source) if odf else _ooxml_hidden_parts(source)
            for info in source.infolist():
                name = info.filename
                if (_ODF_ACTIVE.match(name) if odf else _OOXML_ACTIVE.search(name)):
                    removed.add("ActiveX controls" if "activex/" in name.lower() else "macros")
                    continue
                if name in hidden:
                    removed.add(hidden[name])
                    continue
                content = source.read(info)
                if odf:
                    content = _odf_part(name, content, removed)
                else:
                    content = _ooxml_part(name, content, removed, set(hidden))
                content = _picture(name, content, removed)
                target.writestr(info, content)  # same order, name and compression (ODF's mimetype stays stored)
    except OfficeNotSanitisable:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, etree.LxmlError):
        raise OfficeNotSanitisable("the document's container is damaged or encrypted; ask for another copy") from None
    return out.getvalue(), sorted(removed)


def _ooxml_hidden_parts(source: zipfile.ZipFile) -> dict[str, str]:
    """Parts no reader of the page sees, by name, declared type or relationship, with what they are in words."""
    names = set(source.namelist())
    comments = _WORD_COMMENT_PARTS | (xml.overrides_matching(source.read("[Content_Types].xml"), _WORD_COMMENT_TYPE)
                                      if "[Content_Types].xml" in names else set())
    thumbnails = {n for n in names if is_office_thumbnail(n)} | (
        xml.relationship_targets(source.read("_rels/.rels"), "_rels/.rels", _THUMBNAIL_RELATIONSHIP)
        if "_rels/.rels" in names else set())
    hidden = {n: xml.COMMENTS for n in comments & names} | {n: "page thumbnail" for n in thumbnails & names}
    for part in list(hidden):  # a comment's own relationships (its hyperlinks) go with it
        rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        if rels in names:
            hidden[rels] = hidden[part]
    return hidden


def _odf_hidden_parts(source: zipfile.ZipFile) -> dict[str, str]:
    return {n: "page thumbnail" for n in source.namelist() if is_office_thumbnail(n) or n.startswith("Thumbnails/")}


def _picture(name: str, content: bytes, removed: set[str]) -> bytes:
    """Pictures judged by their content, wherever the document keeps them (word/media/, Pictures/, a glossary).
    JPEG and PNG are cleaned losslessly. GIF, BMP, EMF and WMF stay as they are: they have no place for EXIF or
    GPS in practice, and re-encoding them would change the document. TIFF carries EXIF and cannot be cleaned
    here without re-encoding, so the file is refused."""
    if content.startswith(TIFF_SIGNATURES):
        raise OfficeNotSanitisable(f"the picture {name} inside is a TIFF, which can carry the photographer's name "
                                   "and location and cannot be cleaned inside the document; ask for a copy with "
                                   "JPEG or PNG pictures, or a PDF")
    if not is_lossless_picture(content):
        return content
    try:
        cleaned, dropped = strip_picture_metadata(content)
    except PictureNotSanitisable:
        raise OfficeNotSanitisable(f"the picture {name} inside is damaged; ask for another copy") from None
    if dropped:
        removed.add("picture metadata")
    return cleaned


def _ooxml_part(name: str, content: bytes, removed: set[str], hidden: set[str]) -> bytes:
    if name == "[Content_Types].xml":
        text = _drop(content.decode("utf-8"), "Override", ("vbaProject", "vbaData", "activeX"))
        text = _MACRO_MAIN.sub(_WORD_MAIN, text)
        text = re.sub(r'<Default\b[^>]*Extension="bin"[^>]*ContentType="application/vnd\.ms-office\.vbaProject"[^>]*/>',
                      "", text)
        return xml.drop_overrides(text.encode("utf-8"), hidden)
    if name.endswith(".rels"):
        text = _drop(content.decode("utf-8"), "Relationship", ("vbaProject", "activeX"))
        return xml.drop_relationships(text.encode("utf-8"), name, hidden)
    if name in _PROPERTIES:
        removed.add("document properties (author, company, editing history)")
        return _PROPERTIES[name].encode("utf-8")
    if name.startswith("word/") and name.endswith(".xml"):  # body, headers, footers, notes, glossary
        content, found = xml.accept_word_changes(content)
        removed |= found
    return content


def _odf_part(name: str, content: bytes, removed: set[str]) -> bytes:
    if name == "META-INF/manifest.xml":
        return _drop(content.decode("utf-8"), "manifest", ('full-path="Basic/', 'full-path="Scripts/',
                                                          'full-path="Thumbnails/')).encode("utf-8")
    if name in ("content.xml", "styles.xml"):
        text = content.decode("utf-8")
        cleaned = _EVENT_LISTENERS.sub("", text)
        if cleaned != text:
            removed.add("event scripts")
        cleaned_bytes, found = xml.accept_odf_changes(cleaned.encode("utf-8"))
        removed |= found
        return cleaned_bytes
    if name == "meta.xml":
        removed.add("document properties (author, editing history)")
        return _ODF_META.encode("utf-8")
    return content


def _drop(text: str, element: str, markers: tuple[str, ...]) -> str:
    return _ELEMENT[element].sub(lambda m: "" if any(k in m.group() for k in markers) else m.group(), text)
