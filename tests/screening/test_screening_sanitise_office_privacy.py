"""Published copies of Word, OpenDocument and picture files carry only what the reader sees: no comments, no
tracked changes or their authors, no page thumbnail, no photo metadata and nothing hidden after a picture's end."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from PIL import Image
from screening_samples import encode, scene

from inputdesk.pipeline.screening.sanitise import CannotSanitise, sanitise

AUTHOR = "Oskar Example"
PLANTED = ("comment.secret@example.org", "deleted.secret@example.org", "header.secret@example.org",
           "annotation.secret@example.org", "styles.secret@example.org", "oskar.example@example.org", AUTHOR)


def photo_with_exif(seed: int, **options) -> bytes:
    """A JPEG as a phone writes it: the photographer's name and where it was taken."""
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 2.0)})
    return encode(scene(seed), exif=exif.tobytes(), **options)


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def all_parts(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


def assert_nothing_planted_in(data: bytes) -> None:
    everything = all_parts(data)
    for planted in PLANTED:
        assert planted.encode() not in everything, planted


def assert_pictures_clean(original: bytes, cleaned: bytes, folder: str) -> None:
    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(io.BytesIO(cleaned)) as after:
        names = [n for n in before.namelist() if n.startswith(folder)]
        assert names
        for name in names:
            picture = after.read(name)
            assert np.array_equal(pixels(picture), pixels(before.read(name)))
            assert not Image.open(io.BytesIO(picture)).getexif()


# --- pictures ---------------------------------------------------------------------------------------------------

def test_a_photo_loses_what_is_hidden_after_its_end_and_keeps_its_pixels():
    photo = photo_with_exif(11)
    motion_video = b"\x00\x00\x00\x18ftypmp42 fictional motion photo secret.trailing@example.org" * 50

    result = sanitise(photo + motion_video, "photo.jpg")

    assert b"secret.trailing@example.org" not in result.data and b"ftypmp42" not in result.data
    assert result.data.endswith(b"\xff\xd9")
    assert "data hidden after the end of the picture" in result.removed
    assert np.array_equal(pixels(result.data), pixels(photo))
    assert not Image.open(io.BytesIO(result.data)).getexif()


def test_a_progressive_photo_loses_comments_between_its_scans_and_after_its_end():
    photo = photo_with_exif(12, progressive=True)
    second_scan = photo.index(b"\xff\xda", photo.index(b"\xff\xda") + 2)
    note = b"between.scans.secret@example.org"
    comment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    planted = photo[:second_scan] + comment + photo[second_scan:] + b"secret.trailing@example.org"
    assert np.array_equal(pixels(planted), pixels(photo))  # readers still show it

    result = sanitise(planted, "photo.jpg")

    assert note not in result.data and b"secret.trailing@example.org" not in result.data
    assert np.array_equal(pixels(result.data), pixels(photo))
    truncated = sanitise(photo[: len(photo) * 2 // 3], "cut-off.jpg")  # a cut-off upload is kept as far as it goes
    assert truncated.data.startswith(b"\xff\xd8") and len(truncated.data) > len(photo) // 2


# --- Word -------------------------------------------------------------------------------------------------------

TRACKED_BODY = (
    '<w:r><w:t xml:space="preserve">Kept words </w:t></w:r>'
    f'<w:ins w:id="101" w:author="{AUTHOR}" w:date="2024-11-04T10:00:00Z">'
    "<w:r><w:t>and inserted words</w:t></w:r></w:ins>"
    f'<w:del w:id="102" w:author="{AUTHOR}" w:date="2024-11-04T10:00:00Z"><w:r><w:delText>deleted.secret@example.org'
    '</w:delText></w:r></w:del>'
    f'<w:r><w:rPr><w:b/><w:rPrChange w:id="103" w:author="{AUTHOR}" w:date="2024-11-04T10:00:00Z"><w:rPr/>'
    '</w:rPrChange></w:rPr><w:t>.</w:t></w:r>')
MOVED_FROM = (f'<w:moveFromRangeStart w:id="104" w:author="{AUTHOR}" w:name="move1"/>'
              f'<w:moveFrom w:id="105" w:author="{AUTHOR}"><w:r><w:t>A moved sentence.</w:t></w:r></w:moveFrom>'
              '<w:moveFromRangeEnd w:id="104"/>')
MOVED_TO = (f'<w:moveToRangeStart w:id="106" w:author="{AUTHOR}" w:name="move1"/>'
            f'<w:moveTo w:id="107" w:author="{AUTHOR}"><w:r><w:t>A moved sentence.</w:t></w:r></w:moveTo>'
            '<w:moveToRangeEnd w:id="106"/>')
TRACKED_HEADER = (f'<w:r><w:t>Header </w:t></w:r><w:del w:id="108" w:author="{AUTHOR}"><w:r>'
                  '<w:delText>header.secret@example.org</w:delText></w:r></w:del>'
                  f'<w:ins w:id="109" w:author="{AUTHOR}"><w:r><w:t>as agreed</w:t></w:r></w:ins>')
PEOPLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:people xmlns:w15="http://schemas.microsoft.'
          f'com/office/word/2012/wordml"><w15:person w15:author="{AUTHOR}"><w15:presenceInfo w15:providerId="None" '
          'w15:userId="oskar.example@example.org"/></w15:person></w15:people>')


def reviewed_docx(extra: dict[str, bytes] | None = None) -> bytes:
    """A Word answer as it leaves a drafting team: a comment, tracked changes in the body and header, a moved
    sentence, a list of the people who commented, a photo with its EXIF, and the page thumbnail Word saves."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    commented = document.add_paragraph("Visible answer text.")
    document.add_comment(commented.runs, text="comment.secret@example.org", author=AUTHOR, initials="OE")
    document.add_paragraph("TRACKED")
    document.add_paragraph("MOVED_FROM")
    document.add_paragraph("Closing paragraph.")
    document.add_paragraph("MOVED_TO")
    document.add_picture(io.BytesIO(photo_with_exif(13)), width=Inches(2))
    document.sections[0].header.paragraphs[0].text = "HEADER"
    buffer = io.BytesIO()
    document.save(buffer)
    edits = {"word/document.xml": {"<w:r><w:t>TRACKED</w:t></w:r>": TRACKED_BODY,
                                   "<w:r><w:t>MOVED_FROM</w:t></w:r>": MOVED_FROM,
                                   "<w:r><w:t>MOVED_TO</w:t></w:r>": MOVED_TO},
             "word/header1.xml": {"<w:r><w:t>HEADER</w:t></w:r>": TRACKED_HEADER},
             "word/_rels/document.xml.rels": {"</Relationships>": '<Relationship Id="rIdPeople" Type="http://schemas.'
                                              'microsoft.com/office/2011/relationships/people" Target="people.xml"/>'
                                              "</Relationships>"},
             "[Content_Types].xml": {"</Types>": '<Override PartName="/word/people.xml" ContentType="application/vnd.'
                                     'openxmlformats-officedocument.wordprocessingml.people+xml"/></Types>'}}
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            text = source.read(info)
            for old, new in edits.get(info.filename, {}).items():
                assert old.encode() in text
                text = text.replace(old.encode(), new.encode())
            target.writestr(info, text)
        target.writestr("word/people.xml", PEOPLE)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def test_a_word_file_is_published_without_comments_tracked_changes_thumbnail_or_photo_metadata():
    original = reviewed_docx()
    assert b"comment.secret@example.org" in all_parts(original)

    result = sanitise(original, "answer.docx")

    assert_nothing_planted_in(result.data)
    parts = zipfile.ZipFile(io.BytesIO(result.data))
    assert not [n for n in parts.namelist() if "comments" in n or "people" in n or "thumbnail" in n]
    assert b"thumbnail" not in parts.read("_rels/.rels") + parts.read("[Content_Types].xml")
    assert b"comments" not in parts.read("word/_rels/document.xml.rels") + parts.read("[Content_Types].xml")
    assert {"comments", "tracked changes (accepted)", "page thumbnail", "picture metadata"} <= set(result.removed)
    assert_pictures_clean(original, result.data, "word/media/")
    from docx import Document

    document = Document(io.BytesIO(result.data))  # Word can still open it, with the accepted text
    assert [p.text for p in document.paragraphs if p.text] == [
        "Visible answer text.", "Kept words and inserted words.", "Closing paragraph.", "A moved sentence."]
    assert document.sections[0].header.paragraphs[0].text == "Header as agreed"
    assert len(document.inline_shapes) == 1
    before = zipfile.ZipFile(io.BytesIO(original))
    for untouched in ("word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/theme/theme1.xml"):
        assert parts.read(untouched) == before.read(untouched)
    assert parts.read("word/document.xml").startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n")


def test_a_word_file_with_a_tiff_inside_is_not_published_as_a_file():
    tiff = encode(scene(14), "TIFF")
    with pytest.raises(CannotSanitise, match="TIFF"):
        sanitise(reviewed_docx({"word/media/image9.tiff": tiff}), "answer.docx")


# --- OpenDocument -----------------------------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/"')
CHANGE_INFO = (f"<office:change-info><dc:creator>{AUTHOR}</dc:creator><dc:date>2024-11-04T10:00:00</dc:date>"
               "</office:change-info>")
ODT_CONTENT = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS} office:version="1.2"><office:body>'
    "<office:text><text:tracked-changes>"
    f'<text:changed-region text:id="ct1"><text:insertion>{CHANGE_INFO}</text:insertion></text:changed-region>'
    f'<text:changed-region text:id="ct2"><text:deletion>{CHANGE_INFO}<text:p>deleted.secret@example.org</text:p>'
    "</text:deletion></text:changed-region></text:tracked-changes>"
    '<text:p>Visible <office:annotation office:name="c1"><dc:creator>Oskar Example</dc:creator>'
    "<text:p>annotation.secret@example.org</text:p></office:annotation>answer<office:annotation-end "
    'office:name="c1"/> text.</text:p>'
    '<text:p>Kept words <text:change-start text:change-id="ct1"/>and inserted words<text:change-end '
    'text:change-id="ct1"/>.<text:change text:change-id="ct2"/></text:p>'
    '<text:p><draw:frame draw:name="photo" svg:width="2cm" svg:height="1.5cm"><draw:image '
    'xlink:href="Pictures/photo.jpg" xlink:type="simple"/></draw:frame></text:p>'
    "</office:text></office:body></office:document-content>")
ODT_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS} office:version="1.2">'
    '<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Header'
    f"<office:annotation><dc:creator>{AUTHOR}</dc:creator><text:p>styles.secret@example.org</text:p>"
    "</office:annotation></text:p></style:header></style:master-page></office:master-styles></office:document-styles>")
ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
    'xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="Pictures/photo.jpg" manifest:media-type="image/jpeg"/>'
    '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
    "</manifest:manifest>")


def reviewed_odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", ODT_CONTENT)
        archive.writestr("styles.xml", ODT_STYLES)
        archive.writestr("Pictures/photo.jpg", photo_with_exif(15))
        archive.writestr("Thumbnails/thumbnail.png", encode(scene(15, (64, 48)), "PNG"))
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST)
    return out.getvalue()


def test_an_opendocument_file_is_published_without_annotations_tracked_changes_thumbnail_or_photo_metadata():
    original = reviewed_odt()

    result = sanitise(original, "answer.odt")

    assert_nothing_planted_in(result.data)
    parts = zipfile.ZipFile(io.BytesIO(result.data))
    assert parts.namelist()[0] == "mimetype" and parts.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert not [n for n in parts.namelist() if n.startswith("Thumbnails/")]
    assert b"Thumbnails/" not in parts.read("META-INF/manifest.xml")
    assert {"comments", "tracked changes (accepted)", "page thumbnail", "picture metadata"} <= set(result.removed)
    assert_pictures_clean(original, result.data, "Pictures/")
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    paragraphs = [teletype.extractText(p) for p in load(io.BytesIO(result.data)).getElementsByType(P)]
    assert [p for p in paragraphs if p] == ["Visible answer text.", "Kept words and inserted words.", "Header"]
