"""PDF writers for the demo corpus: a normal PDF, a password-protected one and a deliberately truncated one."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from inputdesk.demo.document import DemoDocument

# RC4-128 (R=4 without AES) because qpdf draws a random key and random IVs for AES (R=6) and
# exposes no seed, so an AES-256 file could never come out byte-identical twice. The demo only
# needs a file that cannot be opened without its password, which RC4-128 gives just as well.
ENCRYPTION_REVISION = 4


def _reportlab():
    try:
        import reportlab  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "The demo corpus draws its PDFs with reportlab, which is not installed: pip install reportlab "
            "(or pip install -e '.[dev]')."
        ) from exc


def render_pdf(doc: DemoDocument, *, subject: str = "", footer: str = "") -> bytes:
    """Render headings, paragraphs, bullets and tables to an A4 PDF; invariant mode keeps the bytes stable."""
    _reportlab()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        ListFlowable,
        ListItem,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    body = ParagraphStyle("DemoBody", parent=styles["BodyText"], fontSize=10.5, leading=14.5, spaceAfter=6)
    # keepWithNext moves a heading to the next page with its first paragraph instead of leaving it
    # (or half of a long quoted question) at the foot of a page.
    heading_styles = {
        level: ParagraphStyle(f"DemoHeading{level}", parent=styles[name], keepWithNext=1)
        for level, name in ((1, "Heading2"), (2, "Heading3"), (3, "Heading4"))
    }

    story = [Paragraph(escape(doc.title), styles["Title"])]
    if doc.subtitle:
        story.append(Paragraph(escape(doc.subtitle), styles["Italic"]))
        story.append(Spacer(1, 4 * mm))
    for block in doc.all_blocks():
        if block.kind == "heading":
            story.append(Paragraph(escape(block.text), heading_styles[min(block.level, 3)]))
        elif block.kind == "paragraph":
            story.append(Paragraph(escape(block.text), body))
        elif block.kind == "bullets":
            items = [ListItem(Paragraph(escape(item), body), leftIndent=12) for item in block.items]
            story.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12))
        elif block.kind == "table":
            cells = [[Paragraph(escape(cell), body) for cell in row] for row in block.rows]
            table = Table(cells, hAlign="LEFT", repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.extend([table, Spacer(1, 4 * mm)])

    def draw_footer(canvas, template):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        if footer:
            canvas.drawString(template.leftMargin, 10 * mm, footer)
        canvas.drawRightString(A4[0] - template.rightMargin, 10 * mm, f"{canvas.getPageNumber()}")
        canvas.restoreState()

    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=doc.title,
        author=doc.author,
        subject=subject,
        creator="InputDesk demo corpus",
        invariant=1,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    # Drawn at the end of each page so that extracted text starts with the title, not the footer.
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=draw_footer)])
    template.build(story)
    return buffer.getvalue()


def encrypt_pdf(pdf_bytes: bytes, *, user_password: str, owner_password: str) -> bytes:
    """Lock a PDF behind a user password; static_id keeps the file identical from run to run."""
    import pikepdf

    encryption = pikepdf.Encryption(
        owner=owner_password, user=user_password, R=ENCRYPTION_REVISION, aes=False, metadata=False
    )
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf.save(out, encryption=encryption, static_id=True)
    return out.getvalue()


def truncate_pdf(pdf_bytes: bytes, *, keep: int = 900) -> bytes:
    """Cut a PDF short, as a failed upload would: the header survives, the catalogue and xref do not."""
    return pdf_bytes[:keep]
