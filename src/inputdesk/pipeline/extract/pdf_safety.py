"""Find what in a PDF could run on a reviewer's machine: scripts, launch actions, embedded files.

PDFium, which already has the document and each page open for the text, answers most of
it for a few calls per page. It cannot see the catalog's open action, nor the actions of
form fields; those need pikepdf, which is only opened when the cheap byte scan cannot
rule them out (object streams compress dictionaries, #-escapes disguise names).
"""

from __future__ import annotations

import io
import re

_CATALOG_MARKERS = (b"/OpenAction", b"/AA", b"/JS", b"/JavaScript", b"/Launch")
# One pass over the bytes finds the plain markers, object streams and every #-escaped name.
_SUSPECT = re.compile(
    rb"/(?:ObjStm|OpenAction|AA|JS|JavaScript|Launch)|/(?:[A-Za-z]|#[0-9A-Fa-f]{2}){0,20}#[0-9A-Fa-f]{2}(?:[A-Za-z]|#[0-9A-Fa-f]{2}){0,20}"
)
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


def page_threats(page) -> tuple[set[str], bool]:
    """Page-level findings (page open/close actions, file attachments, links that launch or
    script) and whether the page has form fields, whose actions only pikepdf can read."""
    import pypdfium2.raw as pdfium_c

    found: set[str] = set()
    form_fields = False
    handle = page.raw
    if pdfium_c.FPDF_GetPageAAction(handle, pdfium_c.FPDFPAGE_AACTION_OPEN) or pdfium_c.FPDF_GetPageAAction(
        handle, pdfium_c.FPDFPAGE_AACTION_CLOSE
    ):
        found.add(AUTOMATIC_ACTIONS)
    for number in range(pdfium_c.FPDFPage_GetAnnotCount(handle)):
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
                found |= _link_words(pdfium_c, annotation)
            elif subtype == pdfium_c.FPDF_ANNOT_WIDGET:
                form_fields = True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return found, form_fields


def _link_words(pdfium_c, annotation) -> set[str]:
    link = pdfium_c.FPDFAnnot_GetLink(annotation)
    action = pdfium_c.FPDFLink_GetAction(link) if link else None
    if not action:
        return set()
    kind = pdfium_c.FPDFAction_GetType(action)
    if kind == pdfium_c.PDFACTION_LAUNCH:
        return {LAUNCH}
    if kind == pdfium_c.PDFACTION_UNSUPPORTED:
        return {"a link that runs a script or submits data"}  # PDFium names only go-to, URI and launch
    return set()


def catalog_and_form_threats(data: bytes, form_pages: list[int]) -> set[str]:
    """What only pikepdf can see: the catalog's open action and additional actions, and the
    actions of the form fields on `form_pages` (0-based). Skipped when the bytes show none
    of it can be there."""
    if not form_pages and not _may_hide_actions(data):
        return set()
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            found = _catalog(pdf)
            for number in form_pages:
                found |= _form_fields(pdf.pages[number])
            return found
    except Exception:  # noqa: BLE001 - pikepdf is stricter than PDFium; text extraction decides validity
        return set()


def _may_hide_actions(data: bytes) -> bool:
    """Whether the bytes hold a marker, an object stream (compressed dictionaries), or a
    #-escaped name that spells a marker ("/J#61vaScript"); binary streams produce escaped
    look-alikes by chance, so those are decoded and compared."""
    for match in _SUSPECT.finditer(data):
        name = match.group()
        if b"#" not in name:
            return True
        if _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) in _CATALOG_MARKERS:
            return True
    return False


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
