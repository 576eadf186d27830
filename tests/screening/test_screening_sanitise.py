"""Publishable copies: active content and metadata are gone, the content a reader needs is still there."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pikepdf
import pytest
from PIL import Image
from screening_samples import docx_with_picture, encode, pdf_with_picture, scene, zip_with

from inputdesk.domain.extraction import FileKind
from inputdesk.pipeline.screening.sanitise import CannotSanitise, office_active_content, sanitise


def active_content(data: bytes) -> set[str]:
    """Every running action, script, automatic action or embedded file anywhere in the PDF's objects."""
    found = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = pdf.Root.get("/Names", {})
        found |= {key for key in ("/JavaScript", "/EmbeddedFiles") if key in names}
        pending = [obj for obj in pdf.objects if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))]
        while pending:
            obj = pending.pop()
            found |= {key for key in ("/JS", "/AA", "/EF", "/OpenAction") if key in obj}
            if str(obj.get("/S", "")) in ("/JavaScript", "/Launch"):
                found.add(str(obj.get("/S")))
            for key in obj.keys():  # noqa: SIM118 - a pikepdf object, not a dict; inline dictionaries are not objects of their own
                value = obj.get(key)
                for child in (value if isinstance(value, pikepdf.Array) else [value]):
                    if isinstance(child, pikepdf.Dictionary) and not child.is_indirect:
                        pending.append(child)
    return found


def hostile_pdf() -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_with_picture(encode(scene(1)), "Our answer to question one.")))
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('x')"))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([
        "init", pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('y')"))])))
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ fictional payload", mime_type="application/x")
    launch = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100],
                                A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F="calc.exe"))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(launch)]))
    pdf.pages[0].AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('z')"))
    pdf.docinfo["/Author"] = "Fictional Author Name"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_hostile_pdf_loses_scripts_actions_attachments_and_metadata_but_keeps_its_text():
    original = hostile_pdf()
    assert active_content(original) >= {"/JavaScript", "/EmbeddedFiles", "/JS", "/AA", "/Launch", "/EF"}

    result = sanitise(original, "hostile.pdf")

    assert result.kind == FileKind.PDF and active_content(result.data) == set()
    for marker in (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFiles", b"MZ fictional", b"Fictional Author"):
        assert marker not in result.data
    assert {"JavaScript", "embedded files", "an action run when the file opens",
            "document metadata (author, title, software)"} <= set(result.removed)
    import pypdfium2

    page = pypdfium2.PdfDocument(result.data)[0]
    assert "Our answer to question one." in page.get_textpage().get_text_range()
    with pikepdf.open(io.BytesIO(result.data)) as cleaned:  # the figure is still there
        assert len([o for o in cleaned.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]) == 1


def macro_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_with_picture(encode(scene(2)), "A macro-enabled answer.")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"").replace(
                    b'ContentType="application/vnd.openxmlformats-officedocument."',
                    b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"').replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                 b"</Types>")
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.'
                                    b'com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            if info.filename == "docProps/core.xml":
                data = data.replace(b"</cp:coreProperties>", b"<dc:creator>Fictional Author Name</dc:creator>"
                                    b"</cp:coreProperties>")
            target.writestr(info, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 fictional macro storage")
    return out.getvalue()


def test_a_macro_enabled_word_file_becomes_a_plain_docx_with_its_text_and_pictures():
    original = macro_docx()
    assert office_active_content(original) == ["macros (VBA)"]

    result = sanitise(original, "answer.docm")

    assert result.kind == FileKind.DOCX and office_active_content(result.data) == []
    assert "macros" in result.removed
    parts = zipfile.ZipFile(io.BytesIO(result.data))
    assert b"vbaProject" not in parts.read("[Content_Types].xml") + parts.read("word/_rels/document.xml.rels")
    assert b"macroEnabled" not in parts.read("[Content_Types].xml")
    assert b"Fictional Author Name" not in parts.read("docProps/core.xml")
    from docx import Document

    document = Document(io.BytesIO(result.data))  # still a valid Word file
    assert "A macro-enabled answer." in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1


def test_html_loses_scripts_handlers_and_pictures():
    page = (b"<html><body><h1>Answer</h1><p onclick=\"steal()\">Our view.</p><script>alert(1)</script>"
            b"<img src=\"x.png\"><a href=\"javascript:alert(2)\">link</a><a href=\"https://example.org\">ok</a>"
            b"</body></html>")
    result = sanitise(page, "answer.html")
    text = result.data.decode()
    assert "Our view." in text and "https://example.org" in text
    for gone in ("<script", "onclick", "javascript:", "<img"):
        assert gone not in text
    assert {"scripts", "event handlers", "script links", "pictures (published only after review)"} <= set(result.removed)


def test_pictures_lose_their_metadata_and_keep_their_pixels():
    picture = scene(4)
    exif = Image.Exif()
    exif[0x013B] = "Fictional Photographer"  # Artist
    jpeg = encode(picture, quality=90, exif=exif.tobytes(), comment=b"fictional comment")
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Fictional Photographer")
    png = encode(picture, "PNG", pnginfo=info)
    for data in (jpeg, png):
        result = sanitise(data, "photo")
        assert b"Fictional Photographer" not in result.data and b"fictional comment" not in result.data
        assert result.removed
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(result.data))), np.asarray(Image.open(io.BytesIO(data))))


def test_archives_and_unknown_files_are_never_published_as_files():
    with pytest.raises(CannotSanitise, match="never published as a file"):
        sanitise(zip_with({"a.txt": b"x"}), "bundle.zip")


def macro_odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="An OpenDocument answer."))
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(b"</manifest:manifest>", b'<manifest:file-entry manifest:full-path="Basic/Standard/'
                                    b'Module1.xml" manifest:media-type="text/xml"/></manifest:manifest>')
            if info.filename == "meta.xml":
                data = data.replace(b"</office:meta>", b"<meta:initial-creator>Fictional Author Name"
                                    b"</meta:initial-creator></office:meta>")
            target.writestr(info, data)
        target.writestr("Basic/Standard/Module1.xml", "<script:module>Sub Main\nShell(\"calc\")\nEnd Sub</script:module>")
    return out.getvalue()


def test_an_opendocument_file_loses_its_macros_and_properties():
    original = macro_odt()
    assert office_active_content(original) == ["macros (Basic or scripts)"]
    result = sanitise(original, "answer.odt")
    assert result.kind == FileKind.ODT and office_active_content(result.data) == []
    parts = zipfile.ZipFile(io.BytesIO(result.data))
    assert parts.namelist()[0] == "mimetype" and parts.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert b"Basic/" not in parts.read("META-INF/manifest.xml") and b"Fictional" not in parts.read("meta.xml")
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    assert teletype.extractText(load(io.BytesIO(result.data)).getElementsByType(P)[0]) == "An OpenDocument answer."


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8"])
def test_a_text_file_is_published_as_utf8_whatever_it_was_saved_in(encoding):
    text = "Réponse du gouvernement : l'État français s'engage à protéger les enfants en ligne."
    clean = sanitise(text.encode(encoding), "reponse.txt")
    assert clean.data.decode("utf-8") == text
