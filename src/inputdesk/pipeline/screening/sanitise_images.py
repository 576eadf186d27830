"""Pictures without EXIF, GPS, XMP, comments or text chunks. JPEG and PNG are cleaned losslessly, segment by
segment (the pixels stay byte-identical); other formats are re-encoded as PNG from their first frame."""

from __future__ import annotations

import io
import struct

# JPEG segments kept: JFIF header (APP0), colour profile (APP2 ICC_PROFILE) and Adobe's colour-transform
# flag (APP14), which decoders need. EXIF and XMP (APP1), every other APPn and comments (COM) go.
_JPEG_KEEP_APP = {0xE0: b"JFIF", 0xE2: b"ICC_PROFILE", 0xEE: b"Adobe"}
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PictureNotSanitisable(ValueError):
    """A picture whose metadata cannot be taken out (damaged or undecodable)."""


# TIFF carries EXIF and is only cleaned by re-encoding (a PNG), which a picture inside a document cannot be.
TIFF_SIGNATURES = (b"II*\x00", b"MM\x00*")


def is_lossless_picture(data: bytes) -> bool:
    """JPEG or PNG: cleaned segment by segment, the pixels untouched (so a picture inside a document can be)."""
    return data.startswith((b"\xff\xd8", _PNG_SIGNATURE))


def strip_picture_metadata(data: bytes) -> tuple[bytes, list[str]]:
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    return _reencode(data)


def _jpeg(data: bytes) -> tuple[bytes, list[str]]:
    """Segment by segment up to the end-of-image marker. The compressed pixels are copied as they are; what
    follows the end of the picture (a phone's motion-photo video, a second picture, planted text) is dropped,
    since every viewer ignores it and so no reviewer would ever see it."""
    out = bytearray(b"\xff\xd8")
    position, dropped, in_scan = 2, False, False
    while True:
        if in_scan:  # compressed pixels, up to the next marker that is not part of them
            marker_at = _next_jpeg_marker(data, position)
            out += data[position:marker_at]
            position = marker_at
        if position + 2 > len(data):
            return _jpeg_cut_off(data, position, out, dropped, in_scan)
        if data[position] != 0xFF:
            raise PictureNotSanitisable("the JPEG's structure is damaged; ask for another copy")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image
            out += b"\xff\xd9"
            return bytes(out), _jpeg_removed(dropped, trailing=position + 2 < len(data))
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += data[position:position + 2]
            position += 2
            continue
        if position + 4 > len(data):
            return _jpeg_cut_off(data, position, out, dropped, in_scan)
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        segment = data[position:position + 2 + length]
        is_app = 0xE0 <= marker <= 0xEF
        if (is_app and not segment[4:].startswith(_JPEG_KEEP_APP.get(marker, b"\x00\x00"))) or marker == 0xFE:
            dropped = True  # also between the scans of a progressive JPEG
        else:
            out += segment
        position += 2 + length
        in_scan = in_scan or marker == 0xDA


def _jpeg_cut_off(data: bytes, position: int, out: bytearray, dropped: bool, in_scan: bool) -> tuple[bytes, list[str]]:
    if not in_scan:
        raise PictureNotSanitisable("the JPEG ends before its picture data; ask for another copy")
    out += data[position:]  # an upload cut off in its pixels: keep what there is, as viewers show it
    return bytes(out), _jpeg_removed(dropped, trailing=False)


def _next_jpeg_marker(data: bytes, position: int) -> int:
    """Where the compressed data starting at `position` ends: the next 0xFF that is neither a stuffed 0xFF00 nor
    a restart marker (RST0-7), or the end of the file."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position = found + 2
            continue
        return found


def _jpeg_removed(dropped: bool, *, trailing: bool) -> list[str]:
    return (["picture metadata (EXIF, GPS, XMP, comments)"] if dropped else []) + (
        ["data hidden after the end of the picture"] if trailing else [])


def _png(data: bytes) -> tuple[bytes, list[str]]:
    out = bytearray(_PNG_SIGNATURE)
    position, dropped = len(_PNG_SIGNATURE), False
    while position + 12 <= len(data):
        length = struct.unpack(">I", data[position:position + 4])[0]
        kind = data[position + 4:position + 8]
        chunk = data[position:position + 12 + length]
        if kind in _PNG_DROP:
            dropped = True
        else:
            out += chunk
        position += 12 + length
        if kind == b"IEND":
            return bytes(out), ["picture metadata (text, EXIF, time)"] if dropped else []
    raise PictureNotSanitisable("the PNG ends before its last chunk; ask for another copy")


def _reencode(data: bytes) -> tuple[bytes, list[str]]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.seek(0)
            frame = picture.convert("RGBA" if "A" in picture.getbands() or picture.mode == "P" else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, EOFError, Image.DecompressionBombError):
        raise PictureNotSanitisable("the picture could not be decoded; ask for a JPEG or PNG copy") from None
    out = io.BytesIO()
    frame.save(out, "PNG")
    return out.getvalue(), ["picture metadata (converted to PNG from its first frame)"]
