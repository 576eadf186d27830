"""Find what in a PDF could run on a reviewer's machine: scripts, launch actions, embedded files.

PDFium, which already has the document and each page open for the text, answers most of
it for a few calls per page. It cannot see the catalog's open action, nor the actions of
form fields; those need pikepdf. Both are skipped when a scan of the bytes shows that none
of the names that could make the document act is there: the scan unpacks object streams
(compressed dictionaries) and decodes #-escaped names ("/J#61vaScript"), and when it cannot
unpack something it assumes the worst.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

# Names that can start something from the catalog or a form field (pikepdf looks at those). The
# catalog's /OpenAction is not one of them: an open action only runs something when it is one of
# these actions, and an action is a dictionary that names its type, so the file then holds that
# name too. Without any of them the open action can only go to a page, which most files do.
CATALOG_NAMES = frozenset((b"/AA", b"/JS", b"/JavaScript", b"/Launch", b"/SubmitForm", b"/ImportData", b"/Rendition"))
# Names a page's threats need (page actions, attachments, media, form fields, and every action
# type that PDFium does not name, which a link is flagged for). A link whose action has no type,
# or one no viewer knows, is only flagged when some other name here sends us to the pages.
PAGE_NAMES = frozenset(
    (b"/AA", b"/Launch", b"/FileAttachment", b"/Screen", b"/RichMedia", b"/Widget")
    + (b"/Thread", b"/Sound", b"/Movie", b"/Hide", b"/Named", b"/SubmitForm", b"/ResetForm", b"/ImportData")
    + (b"/JavaScript", b"/SetOCGState", b"/Rendition", b"/Trans", b"/GoTo3DView", b"/RichMediaExecute")
)
_OBJECT_STREAM_NAME = b"/ObjStm"
_DISGUISED_OBJECT_STREAM = b"#ObjStm"
_ACTIVE_NAMES = CATALOG_NAMES | PAGE_NAMES | {_OBJECT_STREAM_NAME}
# What ends a PDF name: white space and the delimiters (so "/AAAAAA+Arial", a font subset, is not "/AA").
_NAME_ENDS = frozenset(b" \t\r\n\f\x00/<>[]()%{}")
# One search that starts from a literal "/" and one from a literal "#" are several times faster
# than one expression that tries every name.
_ACTIVE_NAME = re.compile(b"|".join(re.escape(name) for name in sorted(_ACTIVE_NAMES, key=len, reverse=True)))
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm")
_PLAIN_FLATE = re.compile(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])(?![A-Za-z0-9#])")
_MAX_OBJECT_STREAM = 16 * 1024 * 1024
_ESCAPED_NAME_CHAR = re.compile(rb"#[0-9A-Fa-f]{2}")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_IMAGE_XOBJECT = re.compile(rb"/Subtype\s*/Image\b")
_RUNNING_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition"}

JAVASCRIPT = "JavaScript"
EMBEDDED_FILES = "embedded files"
AUTOMATIC_ACTIONS = "actions that run automatically"
LAUNCH = "a launch action (it can start programs)"


def has_image_objects(data: bytes) -> bool:
    # Image XObjects are streams, and stream dictionaries are never inside object streams,
    # so a byte search finds them all without parsing.
    return _IMAGE_XOBJECT.search(data) is not None


def document_threats(pdf) -> set[str]:
    """Document-level findings PDFium can answer: named scripts, attachments, XFA forms."""
    import pypdfium2.raw as pdfium_c

    found: set[str] = set()
    if pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0:
        found.add(JAVASCRIPT)
    if pdfium_c.FPDFDoc_GetAttachmentCount(pdf.raw) > 0:
        found.add(EMBEDDED_FILES)
    if pdfium_c.FPDF_GetFormType(pdf.raw) in (pdfium_c.FORMTYPE_XFA_FULL, pdfium_c.FORMTYPE_XFA_FOREGROUND):
        found.add("an XFA form")
    return found


def page_threats(handle) -> tuple[set[str], bool]:
    """Page-level findings (page open/close actions, file attachments, links that launch or
    script) and whether the page (a raw FPDF_PAGE handle) has form fields, whose actions
    only pikepdf can read."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    found: set[str] = set()
    form_fields = False
    if pdfium_c.FPDF_GetPageAAction(handle, pdfium_c.FPDFPAGE_AACTION_OPEN) or pdfium_c.FPDF_GetPageAAction(
        handle, pdfium_c.FPDFPAGE_AACTION_CLOSE
    ):
        found.add(AUTOMATIC_ACTIONS)
    count = pdfium_c.FPDFPage_GetAnnotCount(handle)
    if count <= 0:
        return found, form_fields
    # Links are most annotations (a table of contents, cross-references); PDFium lists them
    # with their actions for half the calls that opening each annotation takes.
    links = 0
    position, link = ctypes.c_int(0), pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(handle, position, link):
        links += 1
        found |= _link_words(pdfium_c, link)
    if links >= count:
        return found, form_fields
    for number in range(count):
        annotation = pdfium_c.FPDFPage_GetAnnot(handle, number)
        if not annotation:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annotation)
            if subtype == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
                found.add(EMBEDDED_FILES)
            elif subtype in (pdfium_c.FPDF_ANNOT_SCREEN, pdfium_c.FPDF_ANNOT_RICHMEDIA):
                found.add("embedded media")
            elif subtype == pdfium_c.FPDF_ANNOT_LINK:
                found |= _link_words(pdfium_c, pdfium_c.FPDFAnnot_GetLink(annotation))
            elif subtype == pdfium_c.FPDF_ANNOT_WIDGET:
                form_fields = True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return found, form_fields


def _link_words(pdfium_c, link) -> set[str]:
    action = pdfium_c.FPDFLink_GetAction(link) if link else None
    if not action:
        return set()
    kind = pdfium_c.FPDFAction_GetType(action)
    if kind == pdfium_c.PDFACTION_LAUNCH:
        return {LAUNCH}
    if kind == pdfium_c.PDFACTION_UNSUPPORTED:
        return {"a link that runs a script or submits data"}  # PDFium names only go-to, URI and launch
    return set()


@dataclass(frozen=True)
class ActiveNames:
    """Which of the names that can make a PDF act appear in it. `complete` is False when part
    of it (an object stream) could not be unpacked here; then any of them may be there."""

    found: frozenset[bytes]
    complete: bool = True

    def any_of(self, names: frozenset[bytes]) -> bool:
        return not self.complete or not self.found.isdisjoint(names)


def scan_active_names(data: bytes) -> ActiveNames:
    found = _names_in(data)
    if _OBJECT_STREAM_NAME not in found and _DISGUISED_OBJECT_STREAM not in found:
        return ActiveNames(frozenset(found))
    streams = _object_streams(data)
    if streams is None or _DISGUISED_OBJECT_STREAM in found:
        return ActiveNames(frozenset(found), complete=False)
    for content in streams:
        found |= _names_in(content)
    return ActiveNames(frozenset(found))


def _names_in(data: bytes) -> set[bytes]:
    found = set()
    for match in _ACTIVE_NAME.finditer(data):
        name, end = match.group(), match.end()
        if end < len(data) and data[end] not in _NAME_ENDS:
            continue  # a longer name that starts the same ("/AAAAAA+Arial", a font subset)
        if name == b"/Trans" and not data[max(0, match.start() - 16) : match.start()].rstrip().endswith(b"/S"):
            continue  # a page's transition effect ("/Trans << >>"), not the action type "/S /Trans"
        found.add(name)
    # Binary streams produce escaped look-alikes by chance, so those are decoded and compared.
    for match in _ESCAPED_NAME_CHAR.finditer(data):
        name = _escaped_name(data, match.start())
        if name == _OBJECT_STREAM_NAME:
            found.add(_DISGUISED_OBJECT_STREAM)  # the unpacking finds object streams by their plain name
        elif name in _ACTIVE_NAMES:
            found.add(name)
    return found


def catalog_and_form_threats(data: bytes, form_pages: list[int], names: ActiveNames | None = None) -> set[str]:
    """What only pikepdf can see: the catalog's open action and additional actions, and the
    actions of the form fields on `form_pages` (0-based). Skipped when the bytes show none
    of it can be there (form fields without any of those names run nothing either)."""
    if not (names or scan_active_names(data)).any_of(CATALOG_NAMES):
        return set()
    try:
        import pikepdf

        # Pages inherit attributes from the page tree; pushing them down walks every page,
        # which costs more than the rest of this check and is not needed for it.
        with pikepdf.open(io.BytesIO(data), inherit_page_attributes=False) as pdf:
            found = _catalog(pdf)
            for number in form_pages:
                found |= _form_fields(pdf.pages[number])
            return found
    except Exception:  # noqa: BLE001 - pikepdf is stricter than PDFium; text extraction decides validity
        return set()


def _object_streams(data: bytes) -> list[bytes] | None:
    """The unpacked contents of the file's object streams (where PDF 1.5 writers such as
    pdflatex put the catalog), or None when one cannot be unpacked here: pikepdf decides then."""
    contents = []
    for match in _OBJECT_STREAM.finditer(data):
        if match.end() < len(data) and data[match.end()] not in _NAME_ENDS:
            continue
        header = data.rfind(b"obj", 0, match.start())
        keyword = data.find(b"stream", match.end())
        if header < 0 or keyword < 0:
            return None
        dictionary = data[header:keyword]
        if not _PLAIN_FLATE.search(dictionary) or b"/DecodeParms" in dictionary or b"#" in dictionary:
            return None  # another filter, a predictor or a disguised key: not ours to unpack
        start = keyword + 6
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        content = _inflate(memoryview(data), start)
        if content is None:
            return None
        contents.append(content)
    return contents


def _inflate(data: memoryview, start: int) -> bytes | None:
    """The Flate stream that starts at `start`, fed in slices so the rest of the file is not
    copied; None when it is damaged or unpacks to more than an object stream ever holds."""
    unpacker = zlib.decompressobj()
    parts = []
    room = _MAX_OBJECT_STREAM
    try:
        for offset in range(start, len(data), 1 << 16):
            part = unpacker.decompress(data[offset : offset + (1 << 16)], room)
            parts.append(part)
            room -= len(part)
            if unpacker.eof:
                return b"".join(parts)
            if room <= 0 or unpacker.unconsumed_tail:
                return None
    except zlib.error:
        return None
    return None


def _escaped_name(data: bytes, escape: int) -> bytes:
    """The decoded name around the #-escape at `escape`, or b"" when it is not in a name."""
    start = escape
    while start > 0 and escape - start < 64 and data[start - 1] not in _NAME_ENDS:
        start -= 1
    if start == 0 or data[start - 1] != ord("/"):
        return b""
    end = escape
    while end < len(data) and end - escape < 64 and data[end] not in _NAME_ENDS:
        end += 1
    return b"/" + _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data[start:end])


def _catalog(pdf) -> set[str]:
    import pikepdf

    found: set[str] = set()
    root = pdf.Root
    open_action = root.get("/OpenAction")
    if isinstance(open_action, pikepdf.Dictionary):
        # A plain "open at page 1" (/GoTo, or a destination array) is harmless and common.
        found |= _action_words(open_action)
    if "/AA" in root:
        found.add(AUTOMATIC_ACTIONS)
    return found


def _form_fields(page) -> set[str]:
    import pikepdf

    found: set[str] = set()
    for annotation in page.obj.get("/Annots", []):
        if not isinstance(annotation, pikepdf.Dictionary) or annotation.get("/Subtype") != "/Widget":
            continue
        if "/AA" in annotation:
            found.add(AUTOMATIC_ACTIONS)
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary):
            found |= _action_words(action)
    return found


def _action_words(action) -> set[str]:
    kind = str(action.get("/S", ""))
    if kind == "/JavaScript" or "/JS" in action:
        return {JAVASCRIPT}
    if kind == "/Launch":
        return {LAUNCH}
    if kind in _RUNNING_ACTIONS:
        return {f"a {kind[1:]} action"}
    return set()
