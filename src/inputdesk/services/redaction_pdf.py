"""The published PDF: regenerated from redacted text, so removed personal data is in no layer of the file.

Drawing boxes over the original would leave the text underneath (and in the file's streams); a new PDF built from
the redacted passages cannot. Each page of the original starts a new page here, so citations by page still work.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from inputdesk.domain.submission import Passage

# Latin, Cyrillic, Greek and Arabic letters; found on most Linux systems. Without it, Helvetica (Latin only).
_UNICODE_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
                  "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans.ttf")
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class RedactionLeak(RuntimeError):
    """The produced PDF still contains text a reviewer removed. Never publish it."""

    def __str__(self) -> str:
        return (f"the published PDF for {self.args[0]} still contains {self.args[1]} removed span(s); "
                "it was not written. Report this as a bug.")


@dataclass
class PublishedSection:
    """One page of one original document (or the whole document when it has no pages)."""

    document_label: str  # "Main document", "Annex 1": never the file name, which may itself name someone
    page: int | None
    passages: list[Passage] = field(default_factory=list)


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str, frozenset[int]]:
    """(body font, CJK font, the characters the body font can draw), registered with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for path in _UNICODE_FONTS:
        if Path(path).exists():
            font = TTFont("InputDeskSans", path)
            pdfmetrics.registerFont(font)
            return "InputDeskSans", "STSong-Light", frozenset(font.face.charToGlyph)
    return "Helvetica", "STSong-Light", frozenset(range(32, 256))


def spell_undrawable(text: str, drawable: frozenset[int]) -> str:
    """The text with each symbol the font cannot draw (an emoji it lacks) named in brackets, "[person with folded
    hands]", instead of an empty box that says nothing to a reader; invisible joiners and selectors it lacks are
    dropped."""
    import unicodedata

    out = []
    for char in text:
        category = unicodedata.category(char)
        # ReportLab writes the text layer of characters beyond U+FFFF wrongly (😊 is copied, searched and read aloud
        # as "ὠ"), so such symbols are named even where the font could draw them.
        astral_symbol = ord(char) > 0xFFFF and category.startswith("S")
        if (ord(char) in drawable and not astral_symbol) or char in "\n\t" or _CJK.match(char):
            out.append(char)
        elif category.startswith("S"):  # a symbol: named, so a reader learns what was there
            out.append(f"[{unicodedata.name(char, 'symbol').lower()}]")
        elif category not in ("Mn", "Me", "Cf", "Cc"):
            out.append(char)  # a letter of a script the font lacks stays as it is: its box still marks a word
    return "".join(out)


def render_published_pdf(reference: str, sections: list[PublishedSection], *, draft: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    body_font, cjk_font, drawable = _fonts()
    body = ParagraphStyle("body", fontName=body_font, fontSize=10.5, leading=14.5, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=16, spaceBefore=6)
    caption = ParagraphStyle("caption", parent=body, fontSize=8, leading=10, textColor="#555555")
    banner = (f"{reference} - DRAFT, undecided proposals removed; not for publication" if draft
              else f"{reference} - published version; personal data removed after review")

    def style_for(text: str, base: ParagraphStyle) -> ParagraphStyle:
        return ParagraphStyle(base.name + "-cjk", parent=base, fontName=cjk_font) if _CJK.search(text) else base

    def para(text: str, base: ParagraphStyle) -> Paragraph:
        text = spell_undrawable(text, drawable)
        return Paragraph(escape(text).replace("\n", "<br/>"), style_for(text, base))

    story: list = []
    for number, section in enumerate(sections):
        if number:
            story.append(PageBreak())
        where = section.document_label + (f", page {section.page} of the original" if section.page else "")
        story += [para(where, caption), Spacer(1, 2 * mm)]
        last_heading = None
        for passage in section.passages:
            if passage.heading and passage.heading != last_heading and passage.heading != passage.text:
                story.append(para(passage.heading, heading))
                last_heading = passage.heading
            story.append(para(passage.text, body))
    if not story:
        story.append(para("(no text)", body))

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(body_font, 8)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, banner)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=reference, author="InputDesk", subject="", creator="InputDesk",
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=18 * mm)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, as a reader's copy-and-paste or a search engine would get it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        pdf.close()


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_removed(reference: str, pdf: bytes, removed: list[str], published_text: str) -> None:
    """Raise RedactionLeak if a removed string is in the PDF's text layer, unless the published (redacted) text
    itself still has it elsewhere (the same word kept in another, rejected, place)."""
    layer, kept = _squash(pdf_text(pdf)), _squash(published_text)
    leaks = [r for r in {_squash(r) for r in removed} if r and r in layer and r not in kept]
    if leaks:
        raise RedactionLeak(reference, len(leaks))
