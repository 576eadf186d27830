"""Generated test pictures (shapes, gradients, noise with fixed seeds) and files that carry them.

Nothing here is, or resembles, real material: every picture is drawn from a seed.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import numpy as np
from PIL import Image, ImageDraw


def scene(seed: int, size: tuple[int, int] = (400, 300)) -> Image.Image:
    """A picture made of a gradient background, a dozen coloured shapes and light noise."""
    rng = np.random.default_rng(seed)
    width, height = size
    gx = np.linspace(0, 1, width)[None, :, None]
    gy = np.linspace(0, 1, height)[:, None, None]
    start, end = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    background = start + (end - start) * (gx * rng.random() + gy * (1 - rng.random()))
    picture = Image.fromarray(np.clip(background, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        x1, y1 = x0 + int(rng.integers(width // 10, width // 2)), y0 + int(rng.integers(height // 10, height // 2))
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)([x0, y0, x1, y1], fill=colour)
    noisy = np.asarray(picture).astype(np.int16) + rng.normal(0, 6, (height, width, 3)).astype(np.int16)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def flat(colour=(128, 128, 128), size=(200, 150)) -> Image.Image:
    return Image.new("RGB", size, colour)


def encode(picture: Image.Image, fmt: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **({"quality": 90} | options if fmt == "JPEG" else options))
    return buffer.getvalue()


def recompressed(picture: Image.Image, quality: int) -> Image.Image:
    return Image.open(io.BytesIO(encode(picture, quality=quality))).convert("RGB")


def pdf_with_picture(picture_bytes: bytes | Image.Image, text: str = "Submission with a figure.") -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 800, text)
    source = picture_bytes if isinstance(picture_bytes, Image.Image) else io.BytesIO(picture_bytes)
    page.drawImage(ImageReader(source), 72, 400, 300, 225)
    page.showPage()
    page.save()
    return buffer.getvalue()


def docx_with_picture(picture_bytes: bytes, text: str = "Our submission, with a photograph.") -> bytes:
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.add_paragraph(text)
    document.add_picture(io.BytesIO(picture_bytes), width=Inches(3))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def eml_with_attachment(picture_bytes: bytes, filename: str = "photo.jpg") -> bytes:
    message = EmailMessage()
    message["From"] = "Fictional Sender <sender@example.org>"
    message["To"] = "inputs@example.org"
    message["Subject"] = "Input to the call"
    message["Date"] = "Mon, 04 Nov 2024 10:00:00 +0000"
    message.set_content("Please find our input attached. It answers question 1.")
    message.add_attachment(picture_bytes, maintype="image", subtype="jpeg", filename=filename)
    return message.as_bytes()


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims an enormous size (a decompression bomb's calling card)."""
    import struct
    import zlib

    data = encode(flat(size=(1, 1)), "PNG")
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    start = data.index(b"IHDR") - 4
    return data[:start] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[start + 25:]


def csv_line(hash_type: str, value: str, source: str = "test-list", category: str = "A1") -> str:
    return f"{hash_type},{value},{source},{category}\n"
