"""Fictional typed PDFs for tests: a real text layer, one page per argument and one printed line per text line, as a
word processor exports a short submission. Every test folder can import this module: pytest puts tests/ on the
import path for the root conftest."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas


def typed_pdf(*pages: str, title: str = "", author: str = "") -> bytes:
    """A PDF of `pages` (lines split at newlines), with document metadata when given."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)  # A4
    if author:
        pdf.setAuthor(author)
    if title:
        pdf.setTitle(title)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
