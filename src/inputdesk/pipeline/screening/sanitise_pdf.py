"""A publishable copy of a PDF: no scripts, no automatic or launching actions, no embedded files, no metadata,
and no text beside the page content (comments, form values, bookmarks, picture metadata), which nobody checked."""

from __future__ import annotations

import io
import struct

from .sanitise_images import strip_picture_metadata
from .sanitise_pdf_parts import remove_unchecked_text

# Actions that run code, start programs, send data or open other files. Links (/URI), page jumps
# (/GoTo) and named navigation do none of that; which links a published copy keeps is decided with the other
# privacy rules in sanitise_pdf_parts (web pages and places in the document only).
_RUNNING_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE", "/GoToR",
                    "/RichMediaExecute", "/Sound", "/Movie", "/GoTo3DView"}


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
        # Before the privacy pass, which empties removed annotations: their scripts are still named here.
        for obj in pdf.objects:  # forms, outlines, widgets and chained actions, wherever they sit
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                _walk(obj, removed, 0)
        remove_unchecked_text(pdf, removed)
        _undrawn_resources(pdf, removed)
        _photos(pdf, removed)
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
            removed.add("document metadata (author, title, software)")
        out = io.BytesIO()
        # qpdf writes only objects reachable from the trailer: detached scripts and files are dropped too.
        pdf.save(out, fix_metadata_version=False)
    return out.getvalue(), sorted(removed)


def _undrawn_resources(pdf, removed: set[str]) -> None:
    """Fonts and objects a page lists but never draws go (qpdf parses each page's content to know which it
    draws): text extraction reads only what is drawn, so an undrawn form's text was never checked."""
    before = _listed_resources(pdf)
    try:
        pdf.remove_unreferenced_resources()
    except Exception:  # noqa: BLE001 - qpdf leaves a page whose content it cannot parse as it is
        return
    if _listed_resources(pdf) < before:
        removed.add("objects the pages list but never draw")


def _listed_resources(pdf) -> int:
    count = 0
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        for kind in ("/XObject", "/Font"):
            listed = resources.get(kind) if resources is not None else None
            count += len(listed.keys()) if hasattr(listed, "keys") else 0
    return count


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


def _photos(pdf, removed: set[str]) -> None:
    """JPEG pictures are stored in a PDF as the camera wrote them, EXIF and GPS included; take those out without
    re-encoding. A picture that cannot be cleaned (damaged) stays as it is rather than stopping the copy."""
    import pikepdf

    pictures = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    for picture in pictures:
        try:
            filters = picture.get("/Filter")
            filters = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
            if filters[-1] != pikepdf.Name.DCTDecode:
                continue
            jpeg, jpeg_parms = _jpeg_inside(pdf, picture, filters)
            if not jpeg.startswith(b"\xff\xd8"):  # not a JPEG the cleaner understands (it would make a PNG)
                continue
            cleaned, words = strip_picture_metadata(jpeg)
        except (ValueError, IndexError, TypeError, struct.error, pikepdf.PdfError):
            continue
        if words and cleaned.startswith(b"\xff\xd8"):
            picture.write(cleaned, filter=pikepdf.Name.DCTDecode, decode_parms=jpeg_parms)
            removed.update(words)


def _jpeg_inside(pdf, picture, filters: list) -> tuple[bytes, object]:
    """The JPEG bytes and their DCT parameters. Writers often wrap the JPEG in ASCII85 or Flate (reportlab does);
    qpdf will not undo those alone while DCT stays, so they are undone on a scratch stream."""
    import pikepdf

    parms = picture.get("/DecodeParms")
    parms = list(parms) if isinstance(parms, pikepdf.Array) else [parms] * len(filters)
    jpeg_parms = parms[-1] if isinstance(parms[-1], pikepdf.Dictionary) else None
    if len(filters) == 1:
        return picture.read_raw_bytes(), jpeg_parms
    wrapped = pikepdf.Stream(pdf, picture.read_raw_bytes())  # unreachable, so never written
    wrapped.Filter = pikepdf.Array(filters[:-1])
    if any(isinstance(p, pikepdf.Dictionary) for p in parms[:-1]):
        wrapped.DecodeParms = pikepdf.Array(parms[:-1])  # None becomes null: no parameters for that filter
    return wrapped.read_bytes(), jpeg_parms


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
