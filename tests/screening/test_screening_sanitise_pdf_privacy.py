"""A published PDF copy holds only what was checked: the page content. Comments, bookmarks, form values, e-mail
links and photo metadata are text nobody read, so a tester found names and addresses in them; they must go.

Every name and address below is fictional; the domains are example.org.
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from screening_samples import encode, scene

from inputdesk.pipeline.screening.sanitise import sanitise

PAGE_TEXT = "Our answer to question two."
NOTE = "Call Petra Notetaker on 0100 000 000"
NOTE_AUTHOR = "Petra Example"
FREE_TEXT = "Petra Freetext lives at 1 Example Street"
BOOKMARK = "Letter from Petra Outline, petra.outline@example.org"
FIELD_VALUE = "Petra Formfield, 2 Example Road"
WEB_LINK = "https://example.org/consultation"
LINK_DESCRIPTION = "Petra Linkdesc's own page"
MAIL_LINK = "mailto:petra.mail@example.org"
PHOTOGRAPHER = "Petra Photographer"
ACCESSIBLE_NAME = "Postal address field"


def photo_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = PHOTOGRAPHER  # Artist
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 2.5)}  # GPS position
    return encode(scene(7), exif=exif.tobytes())


def page_with_photo(photo: bytes) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 800, PAGE_TEXT)
    page.drawImage(ImageReader(io.BytesIO(photo)), 72, 400, 300, 225)
    page.showPage()
    page.save()
    return buffer.getvalue()


def appearance(pdf: pikepdf.Pdf, text: str) -> pikepdf.Stream:
    return pikepdf.Stream(pdf, f"BT /Helv 9 Tf 2 6 Td ({text}) Tj ET".encode(), Type=pikepdf.Name.XObject,
                          Subtype=pikepdf.Name.Form, BBox=[0, 0, 300, 20])


def annotation(pdf: pikepdf.Pdf, subtype: str, rect: list, **entries) -> pikepdf.Dictionary:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype),
                                                Rect=rect, **entries))


def leaky_pdf(photo: bytes | None = None) -> bytes:
    """A one-page answer with a note, a text box, a bookmark, a filled field, three links, a thumbnail and a photo."""
    pdf = pikepdf.open(io.BytesIO(page_with_photo(photo or photo_with_exif())))
    page = pdf.pages[0].obj
    note = annotation(pdf, "/Text", [400, 700, 420, 720], Contents=NOTE, T=NOTE_AUTHOR)
    popup = annotation(pdf, "/Popup", [420, 620, 560, 720], Parent=note)
    note.Popup = popup
    text_box = annotation(pdf, "/FreeText", [72, 300, 372, 320], Contents=FREE_TEXT, DA="/Helv 9 Tf 0 g",
                          AP=pikepdf.Dictionary(N=appearance(pdf, FREE_TEXT)))
    field = annotation(pdf, "/Widget", [72, 250, 372, 270], FT=pikepdf.Name.Tx, T="address", V=FIELD_VALUE, P=page,
                       F=4, AP=pikepdf.Dictionary(N=appearance(pdf, FIELD_VALUE)))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field], DA="/Helv 0 Tf 0 g")
    web = annotation(pdf, "/Link", [72, 780, 300, 795], Contents=LINK_DESCRIPTION,
                     A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=WEB_LINK))
    jump = annotation(pdf, "/Link", [72, 760, 300, 775], Dest=[page, pikepdf.Name.Fit])
    mail = annotation(pdf, "/Link", [72, 740, 300, 755], A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=MAIL_LINK))
    page.Annots = pikepdf.Array([note, popup, text_box, field, web, jump, mail])
    # A tagged PDF points from its structure tree at the field, so the field is reachable from there too.
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    element = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Form, P=tree, Alt=ACCESSIBLE_NAME,
        K=[pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=field, Pg=page)]))
    tree.K = element
    pdf.Root.StructTreeRoot = tree
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(BOOKMARK, 0))
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
    page.Thumb = pikepdf.Stream(pdf, bytes(8 * 8 * 3), Width=8, Height=8, ColorSpace=pikepdf.Name.DeviceRGB,
                                BitsPerComponent=8)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def readable(data: bytes) -> bytes:
    """The PDF with its streams decoded and no object streams, then each picture as its file, so planted text can
    be searched for as bytes. (qpdf leaves a JPEG wrapped in ASCII85, as reportlab writes it, still wrapped.)"""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue() + b"".join(picture_files(data))


def picture_files(data: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = []
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                buffer = io.BytesIO()
                pikepdf.PdfImage(obj).extract_to(stream=buffer)
                found.append(buffer.getvalue())
        return found


def page_text(data: bytes) -> str:
    return pypdfium2.PdfDocument(data)[0].get_textpage().get_text_range()


def annotations(data: bytes) -> list[dict]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [{"subtype": str(a.get("/Subtype")), "uri": str(a.A.URI) if "/A" in a and "/URI" in a.A else None,
                 "jump": "/Dest" in a, "keys": set(a.keys())}
                for a in pdf.pages[0].obj.get("/Annots", [])]


@pytest.fixture(scope="module")
def original() -> bytes:
    data = leaky_pdf()
    planted = readable(data)
    for text in (NOTE, NOTE_AUTHOR, FREE_TEXT, BOOKMARK, FIELD_VALUE, LINK_DESCRIPTION, MAIL_LINK, PHOTOGRAPHER):
        assert text.encode() in planted  # the leaks are really there before cleaning
    return data


@pytest.fixture(scope="module")
def published(original):
    return sanitise(original, "answer.pdf")


def test_comments_and_text_boxes_are_not_published(published):
    text = readable(published.data)

    for leak in (NOTE, NOTE_AUTHOR, FREE_TEXT):
        assert leak.encode() not in text
    assert {a["subtype"] for a in annotations(published.data)} == {"/Link"}
    assert "comments and notes" in published.removed
    assert PAGE_TEXT in page_text(published.data)


def test_bookmarks_and_page_thumbnails_are_not_published(published):
    assert BOOKMARK.encode() not in readable(published.data)
    with pikepdf.open(io.BytesIO(published.data)) as pdf:
        assert "/Outlines" not in pdf.Root and "/PageMode" not in pdf.Root  # a reader does not open an empty panel
        assert "/Thumb" not in pdf.pages[0].obj
    assert {"bookmarks", "page thumbnails"} <= set(published.removed)
    assert PAGE_TEXT in page_text(published.data)


def test_filled_form_fields_are_not_published_but_the_accessibility_structure_stays(published):
    text = readable(published.data)

    assert FIELD_VALUE.encode() not in text  # neither the value nor its drawn appearance
    assert "/Widget" not in {a["subtype"] for a in annotations(published.data)}
    with pikepdf.open(io.BytesIO(published.data)) as pdf:
        assert "/AcroForm" not in pdf.Root
        assert str(pdf.Root.StructTreeRoot.K.Alt) == ACCESSIBLE_NAME
    assert "form fields and their values" in published.removed


def test_web_links_and_jumps_inside_the_document_stay_but_email_links_go(published):
    links = annotations(published.data)

    assert [link["uri"] for link in links if link["uri"]] == [WEB_LINK]
    assert [link["jump"] for link in links].count(True) == 1
    text = readable(published.data)
    assert b"petra.mail@example.org" not in text and b"mailto:" not in text
    assert LINK_DESCRIPTION.encode() not in text  # a link's description is text nobody checked
    assert "links that lead neither to a web page nor to a page in the document" in published.removed
    assert PAGE_TEXT in page_text(published.data)


def pictures(data: bytes) -> list[Image.Image]:
    return [Image.open(io.BytesIO(file)) for file in picture_files(data)]


def test_photos_inside_the_pdf_lose_their_exif_and_gps_but_look_the_same(original, published):
    [before] = pictures(original)
    assert before.getexif().get(0x013B) == PHOTOGRAPHER and before.getexif().get_ifd(0x8825)

    [after] = pictures(published.data)

    assert PHOTOGRAPHER.encode() not in readable(published.data)
    assert dict(after.getexif()) == {} and after.format == "JPEG"
    assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()  # cleaned, not re-encoded
    assert any(words.startswith("picture metadata") for words in published.removed)


def test_a_damaged_photo_is_left_as_it_is_and_the_rest_is_still_cleaned():
    photo = photo_with_exif()
    damaged = photo[:photo.index(b"\xff\xdb")]  # cut off before the picture data: the cleaner cannot read it
    with pikepdf.open(io.BytesIO(leaky_pdf())) as pdf:
        [image] = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        image.write(damaged, filter=pikepdf.Name.DCTDecode)
        out = io.BytesIO()
        pdf.save(out)

    result = sanitise(out.getvalue(), "answer.pdf")

    assert NOTE.encode() not in readable(result.data)
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        [image] = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert image.read_raw_bytes() == damaged
    assert PAGE_TEXT in page_text(result.data)


def test_a_form_the_page_lists_but_never_draws_is_not_published():
    # PDFium reads what a page draws; a form object only listed in its resources holds text nobody read.
    hidden = "Petra Undrawn, petra.undrawn@example.org"
    with pikepdf.open(io.BytesIO(page_with_photo(photo_with_exif()))) as pdf:
        page = pdf.pages[0].obj
        page.Resources.XObject = page.Resources.get("/XObject", pikepdf.Dictionary())
        page.Resources.XObject.Hidden = pdf.make_indirect(appearance(pdf, hidden))
        out = io.BytesIO()
        pdf.save(out)
    assert hidden.encode() in readable(out.getvalue())
    result = sanitise(out.getvalue(), "a.pdf")
    cleaned = result.data
    assert hidden.encode() not in readable(cleaned) and "objects the pages list but never draw" in result.removed
    assert page_text(cleaned).startswith(PAGE_TEXT) and len(pictures(cleaned)) == 1  # drawn things stay
