"""The pictures a PDF really contains: its image streams (not a rendering of its pages) and attached files."""

from __future__ import annotations

import io

from .hashing import crypto_hashes

# Streams in these encodings are complete picture files: their bytes are what a hash list may hold.
_FILE_ENCODINGS = {"/DCTDecode": "JPEG", "/JPXDecode": "JPEG 2000"}


def scan_pdf(scan, data: bytes, label: str, depth: int) -> None:
    """Add the hashes of every image XObject and attached file of the PDF in `data` to `scan`."""
    import pikepdf

    what = label or "the file"
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        scan.problem(f"{what} is a password-protected PDF; its pictures could not be screened")
        return
    except Exception:  # noqa: BLE001 - qpdf rejects what it cannot repair
        scan.problem(f"{what} could not be opened as a PDF; its pictures could not be screened")
        return
    with pdf:
        try:
            _images(scan, pdf, label)
            _attachments(scan, pdf, label, depth)
        except Exception as error:  # noqa: BLE001 - a damaged object table must not end the scan
            scan.problem(f"{what}: the PDF is damaged ({type(error).__name__}); not every picture was screened")


def _images(scan, pdf, label: str) -> None:
    import pikepdf

    # Every object, not only those a page uses: a picture hidden from the pages is still in the file.
    images = [obj for obj in pdf.objects
              if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    masks = {ref.objgen for obj in images for key in ("/SMask", "/Mask")
             if isinstance(ref := obj.get(key), pikepdf.Stream)}
    number = 0
    for obj in images:
        if obj.objgen in masks or bool(obj.get("/ImageMask", False)):
            continue  # transparency and stencil masks are not pictures of anything
        number += 1
        where = _join(label, f"pdf image {number} ({obj.objgen[0]} {obj.objgen[1]} R)")
        _image(scan, obj, where)


def _image(scan, obj, where: str) -> None:
    import pikepdf

    size = (int(obj.get("/Width", 0)), int(obj.get("/Height", 0)))
    filters = obj.get("/Filter")
    filters = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if filters and filters[-1] in _FILE_ENCODINGS:
        # Undo only the transport encodings (ASCII85, Flate, ...) that writers such as ReportLab wrap
        # around a JPEG: what remains is the picture file as the submitter had it.
        raw = _without_transport_encodings(obj, filters)
        if not scan.take(len(raw), where):
            return
        scan.hashes.extend(crypto_hashes(raw, where))
        scan.encoded_picture(raw, where)
        return
    scan.decoded_picture(lambda: pikepdf.PdfImage(obj).as_pil_image(), size, where)


def _without_transport_encodings(obj, filters: list[str]) -> bytes:
    import pikepdf

    if len(filters) == 1:
        return obj.read_raw_bytes()
    # qpdf will not decode part of a chain, so it is shown the outer filters alone (in memory, never saved).
    saved_filter, saved_parms = obj.get("/Filter"), obj.get("/DecodeParms")
    obj.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters[:-1]])
    if isinstance(saved_parms, pikepdf.Array):
        obj.DecodeParms = pikepdf.Array(list(saved_parms)[:-1])
    try:
        return obj.read_bytes()
    finally:
        obj.Filter = saved_filter
        if saved_parms is not None:
            obj.DecodeParms = saved_parms


def _attachments(scan, pdf, label: str, depth: int) -> None:
    for name in list(pdf.attachments.keys()):
        where = _join(label, f"pdf attachment {name}")
        try:
            content = pdf.attachments[name].get_file().read_bytes()
        except Exception:  # noqa: BLE001 - a damaged attachment is reported, not raised
            scan.problem(f"{where} could not be read out of the PDF")
            continue
        if not scan.take(len(content), where):
            return
        scan.member(content, where, depth)


def _join(label: str, name: str) -> str:
    return f"{label} > {name}" if label else name
