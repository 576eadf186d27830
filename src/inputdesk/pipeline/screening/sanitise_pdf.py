"""A publishable copy of a PDF: no scripts, no automatic or launching actions, no embedded files, no metadata."""

from __future__ import annotations

import io

# Actions that run code, start programs, send data or open other files. Links (/URI), page jumps
# (/GoTo) and named navigation stay: they are what readers expect of a report.
_RUNNING_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE", "/GoToR",
                    "/RichMediaExecute", "/Sound", "/Movie", "/GoTo3DView"}
_MEDIA_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}


class PdfNotSanitisable(ValueError):
    """A PDF that cannot be rewritten without its active parts (protected or damaged)."""


def sanitise_pdf(data: bytes) -> tuple[bytes, list[str]]:
    """The cleaned PDF and what was removed, in words. Raises `PdfNotSanitisable` (encrypted, unreadable)."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PdfNotSanitisable("the PDF is password-protected; ask for an unprotected copy") from None
    except Exception:  # noqa: BLE001 - qpdf could not repair it
        raise PdfNotSanitisable("the PDF is too damaged to rewrite safely; ask for another copy") from None
    removed: set[str] = set()
    with pdf:
        _document_level(pdf, removed)
        for page in pdf.pages:
            _page(page.obj, removed)
        for obj in pdf.objects:  # forms, outlines, widgets and chained actions, wherever they sit
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                _walk(obj, removed, 0)
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
            removed.add("document metadata (author, title, software)")
        out = io.BytesIO()
        # qpdf writes only objects reachable from the trailer: detached scripts and files are dropped too.
        pdf.save(out, fix_metadata_version=False)
    return out.getvalue(), sorted(removed)


def _document_level(pdf, removed: set[str]) -> None:
    import pikepdf

    root = pdf.Root
    open_action = root.get("/OpenAction")
    if isinstance(open_action, pikepdf.Dictionary) and str(open_action.get("/S", "")) != "/GoTo":
        del root["/OpenAction"]
        removed.add("an action run when the file opens")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, words in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded files")):
            if key in names:
                del names[key]
                removed.add(words)
    if "/AcroForm" in root and "/XFA" in root.AcroForm:
        del root.AcroForm["/XFA"]
        removed.add("an XFA form")
    for key, words in (("/Metadata", "document metadata (XMP)"), ("/PieceInfo", "application data")):
        if key in root:
            del root[key]
            removed.add(words)


def _page(page, removed: set[str]) -> None:
    import pikepdf

    annotations = page.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return
    kept = [a for a in annotations if not (isinstance(a, pikepdf.Dictionary)
                                           and str(a.get("/Subtype", "")) in _MEDIA_ANNOTATIONS)]
    if len(kept) != len(annotations):
        page.Annots = pikepdf.Array(kept)
        removed.add("attached files and multimedia")


def _walk(obj, removed: set[str], depth: int) -> None:
    """Clean a dictionary and the direct (inline) dictionaries inside it; indirect ones get their own turn."""
    import pikepdf

    _dictionary(obj, removed)
    if depth >= 8:
        return
    for key in list(obj.keys()):
        value = obj.get(key)
        children = value if isinstance(value, pikepdf.Array) else [value]
        for child in children:
            if isinstance(child, pikepdf.Dictionary) and not child.is_indirect:
                _walk(child, removed, depth + 1)


def _dictionary(obj, removed: set[str]) -> None:
    import pikepdf

    if "/AA" in obj:
        del obj["/AA"]
        removed.add("actions that run automatically")
    for key in ("/A", "/Next"):
        action = obj.get(key)
        if isinstance(action, pikepdf.Dictionary) and _runs(action):
            del obj[key]
            removed.add("JavaScript" if "JavaScript" in str(action.get("/S", "")) or "/JS" in action
                        else "actions that start programs or send data")
    if "/EF" in obj and str(obj.get("/Type", "/Filespec")) in ("/Filespec", "/F"):
        del obj["/EF"]
        removed.add("embedded files")
    for key in ("/Metadata", "/PieceInfo"):
        if key in obj and str(obj.get("/Type", "")) != "/Catalog":
            del obj[key]
            removed.add("document metadata (XMP)" if key == "/Metadata" else "application data")


def _runs(action) -> bool:
    return str(action.get("/S", "")) in _RUNNING_ACTIONS or "/JS" in action
