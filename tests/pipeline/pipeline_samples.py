"""Build the files a submitter might send, in memory, for the pipeline tests (no real personal data)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(pages: list[list[str]], *, title: str | None = None, author: str | None = None) -> bytes:
    """A PDF with one list of paragraphs per page, laid out by ReportLab (wrapped lines, paragraph spacing)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title or "", author=author or "")
    story = []
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(text, styles["BodyText"]) for text in paragraphs)
    document.build(story)
    return buffer.getvalue()


def make_blank_pdf(page_count: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(page_count):
        pdf.rect(100, 100, 200, 200)  # a drawing, no text: what a scan looks like to a text reader
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_pdf_with_picture() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (40, 30), (200, 40, 40))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 750, "A caption above a picture.")
    pdf.drawImage(ImageReader(picture), 72, 600, width=80, height=60)
    pdf.save()
    return buffer.getvalue()


def with_pikepdf(data: bytes, change) -> bytes:
    """The PDF after `change(pdf)` was applied with pikepdf."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password))
        return out.getvalue()


def make_docx(
    parts: list[tuple[str, str]], *, title: str = "", author: str = "", table: list[list[str]] | None = None
) -> bytes:
    """A Word document from (style, text) pairs, style being "title", "h1", "h2" or "p"."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for style, text in parts:
        if style == "title":
            document.add_heading(text, level=0)
        elif style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same ZIP container with some members replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, replace.get(member.filename, source.read(member)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def make_docm(parts: list[tuple[str, str]]) -> bytes:
    data = make_docx(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    return rewrite_zip(data, replace={"[Content_Types].xml": types}, add={"word/vbaProject.bin": b"\x00macro"})


def make_odt(
    parts: list[tuple[str, str]], *, title: str = "", author: str = "", table: list[list[str]] | None = None
) -> bytes:
    """An OpenDocument text from (style, text) pairs, style being "h1", "h2" or "p"."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    document = OpenDocumentText()
    if title:
        document.meta.addElement(dc.Title(text=title))
    if author:
        document.meta.addElement(meta.InitialCreator(text=author))
    for style, text in parts:
        if style.startswith("h"):
            document.text.addElement(H(outlinelevel=int(style[1:]), text=text))
        else:
            document.text.addElement(P(text=text))
    if table:
        grid = Table(name="Table1")
        grid.addElement(TableColumn(numbercolumnsrepeated=len(table[0])))
        for row in table:
            table_row = TableRow()
            for value in row:
                cell = TableCell()
                cell.addElement(P(text=value))
                table_row.addElement(cell)
            grid.addElement(table_row)
        document.text.addElement(grid)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_png(width: int = 32, height: int = 24) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_email(
    *,
    body: str | None = "Dear secretariat,\n\nPlease find our contribution attached.\n\nRegards,\nExample Network",
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    inline_image: bool = False,
    sender: str = "Example Network <contact@example.org>",
    subject: str = "Submission to the call for input",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "call-for-input@example.int"
    message["Subject"] = subject
    message["Date"] = "Mon, 02 Jun 2025 10:15:00 +0200"
    # One message, one Message-ID (intake takes two messages with the same one for one message saved twice).
    digest = hashlib.sha256(repr((sender, subject, body, html, [a[:2] for a in attachments])).encode()).hexdigest()
    message["Message-ID"] = f"<test-{digest[:16]}@example.org>"
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    if inline_image:
        html_part = message.get_body(("html",)) if html is not None else None
        target = html_part if html_part is not None else message
        target.add_related(make_png(), maintype="image", subtype="png", cid="<logo@example.org>")
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)
