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


def strip_picture_metadata(data: bytes) -> tuple[bytes, list[str]]:
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    return _reencode(data)


def _jpeg(data: bytes) -> tuple[bytes, list[str]]:
    out = bytearray(b"\xff\xd8")
    position, dropped = 2, False
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise PictureNotSanitisable("the JPEG's structure is damaged; ask for another copy")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the compressed pixels and the rest follow unchanged
            out += data[position:]
            return bytes(out), ["picture metadata (EXIF, GPS, XMP, comments)"] if dropped else []
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        segment = data[position:position + 2 + length]
        is_app = 0xE0 <= marker <= 0xEF
        if (is_app and not segment[4:].startswith(_JPEG_KEEP_APP.get(marker, b"\x00\x00"))) or marker == 0xFE:
            dropped = True
        else:
            out += segment
        position += 2 + length
    raise PictureNotSanitisable("the JPEG ends before its picture data; ask for another copy")


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
