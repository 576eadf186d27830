"""Fictional documents for the personal-data tests."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas


def pdf_bytes(*pages: str) -> bytes:
    """A PDF with one page per argument, one line per text line (like a typed submission)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()
