"""Hashes of bytes (MD5, SHA-1, SHA-256) and of pictures (PDQ, in all eight rotations and mirrors)."""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from inputdesk.domain.hash_screening import CRYPTO_TYPES, PDQ_VARIANTS, ContentHash, HashType, ScanLimits


class PictureProblem(Exception):
    """A picture that cannot be hashed perceptually; the message says why, in words."""


def crypto_hashes(data: bytes, part: str = "") -> list[ContentHash]:
    return [ContentHash(part, kind, hashlib.new(kind.value, data).hexdigest()) for kind in CRYPTO_TYPES]


def pdq_hashes(picture, part: str = "") -> list[ContentHash]:
    """The eight PDQ hashes of a decoded picture (a Pillow image), with its quality."""
    import numpy as np

    pixels = np.ascontiguousarray(np.asarray(picture.convert("RGB") if picture.mode != "RGB" else picture))
    vectors, quality = _pdqhash().compute_dihedral(pixels)
    return [ContentHash(part, HashType.PDQ, pdq_hex(vector), int(quality), variant)
            for vector, variant in zip(vectors, PDQ_VARIANTS)]


def pdq_hex(vector) -> str:
    """pdqhash's bit vector (most significant bit first) as the 64-digit hex that lists use."""
    import numpy as np

    return np.packbits(np.asarray(vector, dtype=np.uint8)).tobytes().hex()


def open_picture(data: bytes, limits: ScanLimits, what: str):
    """Decode an encoded picture (JPEG, PNG, ...) no larger than needed for PDQ, refusing pixel bombs."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # We refuse at our own cap below, so Pillow's warning between its cap and twice it is noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data))
        check_size(picture.size, limits, what)
        if picture.format == "JPEG":
            # The decoder scales by 1/2, 1/4 or 1/8 for free, staying at least this large.
            picture.draft("RGB", (limits.pdq_max_side, limits.pdq_max_side))
        picture.seek(0)  # animated or multi-page: the first frame
        picture.load()
    except PictureProblem:
        raise
    except Image.DecompressionBombError as error:
        # Pillow refuses (at twice its cap) before we see the size; its message carries the pixel count.
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        claim = f"{int(pixels.group(1)):,} pixels" if pixels else "more pixels than Pillow allows"
        raise PictureProblem(f"{what} claims {claim}, over the limit of {limits.max_image_pixels:,}; "
                             "it was not decoded") from None
    except MemoryError:
        raise PictureProblem(f"{what} needs more memory to decode than screening allows; it was not hashed "
                             "perceptually") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PictureProblem(f"{what} could not be decoded as a picture") from None
    return fit(picture, limits)


def fit(picture, limits: ScanLimits):
    """Scale down to the PDQ working size (PDQ reduces to 64 x 64 anyway; past 2048 px only time is lost)."""
    from PIL import Image

    if max(picture.size) > limits.pdq_max_side:
        picture = picture.convert("RGB") if picture.mode not in ("RGB", "L") else picture
        picture.thumbnail((limits.pdq_max_side, limits.pdq_max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return picture


def check_size(size: tuple[int, int], limits: ScanLimits, what: str) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise PictureProblem(f"{what} has no pixels")
    if width * height > limits.max_image_pixels:
        raise PictureProblem(f"{what} claims {width} x {height} = {width * height:,} pixels, over the limit of "
                             f"{limits.max_image_pixels:,}; it was not decoded")


def _pdqhash():
    with warnings.catch_warnings():
        # pdqhash warns on import that its bit order changed in 0.2.0; we rely on the new order.
        warnings.simplefilter("ignore")
        import pdqhash
    return pdqhash
