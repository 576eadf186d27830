"""The parts of a PDF that carry text beside its page content: comments, form values, bookmarks, thumbnails.

Text extraction and the personal-data check read the page content only, so whatever these parts say would reach
the public unchecked. A published copy keeps the page content, web links and jumps inside the document.
The structure tree stays, /Alt and /ActualText included: readers with a screen reader need it, although that
text is not checked yet.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_MEDIA_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
_NOTE_ANNOTATIONS = {"/Text", "/Popup", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
                     "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Caret", "/Stamp", "/Ink", "/Redact"}
_WEB_SCHEMES = {"http", "https"}
# What a kept link needs to be drawn and followed. Its description (/Contents), name (/NM), date (/M) and the
# rest are text the check never saw.
_LINK_KEYS = {"/Type", "/Subtype", "/Rect", "/Border", "/BS", "/C", "/H", "/QuadPoints", "/F", "/P",
              "/StructParent", "/Dest", "/A"}
_MAX_FIELD_DEPTH = 32  # form field trees are shallow; a deeper one is looping


def remove_unchecked_text(pdf, removed: set[str]) -> None:
    """Remove, from `pdf` in place, every part whose text the checks never read; name each in `removed`."""
    for page in pdf.pages:
        _annotations(page.obj, removed)
        if "/Thumb" in page.obj:  # a picture of the page, possibly of an earlier draft
            del page.obj["/Thumb"]
            removed.add("page thumbnails")
    _form(pdf.Root, removed)
    _outline(pdf.Root, removed)


def _annotations(page, removed: set[str]) -> None:
    import pikepdf

    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = []
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else []:
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        if _keep_link(annotation):
            kept.append(annotation)
            continue
        removed.add(_annotation_words(annotation))
        _empty(annotation)
    if kept:
        page.Annots = pikepdf.Array(kept)
    else:
        del page["/Annots"]


def _keep_link(annotation) -> bool:
    """Whether the annotation is a link to a web page or a place in the document; if so, reduce it to that."""
    import pikepdf

    if str(annotation.get("/Subtype", "")) != "/Link":
        return False
    action = annotation.get("/A")
    if action is None:
        target = "/Dest" in annotation
    elif not isinstance(action, pikepdf.Dictionary):
        target = False
    elif str(action.get("/S", "")) == "/URI":
        uri = str(action.get("/URI", ""))
        target = urlsplit(uri).scheme.lower() in _WEB_SCHEMES
        if target:  # rebuilt, not kept: a chained /Next action could open a mailto: address after the web page
            annotation.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))
    elif str(action.get("/S", "")) == "/GoTo" and "/D" in action:
        target = True
        annotation.A = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=action.D)
    else:
        target = False
    if target:
        for key in set(annotation.keys()) - _LINK_KEYS:
            del annotation[key]
    return target


def _annotation_words(annotation) -> str:
    subtype = str(annotation.get("/Subtype", ""))
    if subtype == "/Widget":
        return "form fields and their values"
    if subtype in _MEDIA_ANNOTATIONS:
        return "attached files and multimedia"
    if subtype == "/Link":
        return "links that lead neither to a web page nor to a page in the document"
    return "comments and notes" if subtype in _NOTE_ANNOTATIONS else "other annotations"


def _form(root, removed: set[str]) -> None:
    """Form fields hold their values (/V) and draw them in their own appearance streams, not in the page."""
    import pikepdf

    form = root.get("/AcroForm")
    if form is None:
        return
    fields = _fields(form.get("/Fields") if isinstance(form, pikepdf.Dictionary) else None, set(), 0)
    for field in fields:
        _empty(field)
    del root["/AcroForm"]
    if fields:
        removed.add("form fields and their values")
    if "/Perms" in root:  # points at the signature, with the signer's name, place and reason
        del root["/Perms"]
        removed.add("digital signatures")


def _fields(fields, seen: set, depth: int) -> list:
    import pikepdf

    found = []
    if not isinstance(fields, pikepdf.Array) or depth > _MAX_FIELD_DEPTH:
        return found
    for field in fields:
        if not isinstance(field, pikepdf.Dictionary):
            continue
        if field.is_indirect:
            if field.objgen in seen:
                continue
            seen.add(field.objgen)
        found.append(field)
        found += _fields(field.get("/Kids"), seen, depth + 1)
    return found


def _outline(root, removed: set[str]) -> None:
    import pikepdf

    outline = root.get("/Outlines")
    if outline is not None:
        # Unreachable once unhooked, so the items are not written; reportlab writes an empty outline every time.
        if isinstance(outline, pikepdf.Dictionary) and "/First" in outline:
            removed.add("bookmarks")
        del root["/Outlines"]
    if str(root.get("/PageMode", "")) in ("/UseOutlines", "/UseThumbs"):
        del root["/PageMode"]


def _empty(obj) -> None:
    """Clear a removed annotation or field in place: the structure tree or a reply may still point at it, and
    whatever is reachable is written out."""
    for key in list(obj.keys()):
        del obj[key]
