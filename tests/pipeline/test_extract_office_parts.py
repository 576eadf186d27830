"""Everything a reader can see in a Word or OpenDocument file is read, so it is screened before publication:
page headers and footers, notes, text boxes, tracked insertions, form fields and picture descriptions.
Comments and tracked deletions, which the cleaned copy drops, are not read."""

import io
import zipfile

import docx
from pipeline_samples import make_png, rewrite_zip

from inputdesk.domain.extraction import ExtractionLimits
from inputdesk.pipeline.extract import extract_document

LIMITS = ExtractionLimits()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx(document: docx.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_body_xml(data: bytes, *paragraphs: str) -> bytes:
    """The document with raw WordprocessingML paragraphs added at the end of the body."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    at = body.rindex("<w:sectPr")
    body = body[:at] + "".join(paragraphs) + body[at:]
    return rewrite_zip(data, replace={"word/document.xml": body.encode()})


def _with_part(data: bytes, name: str, xml: str, content_type: str, relationship: str) -> bytes:
    """The document with a new part (footnotes, endnotes, comments) registered as Word does."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    types = types.replace("</Types>", f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>')
    relationship = f'<Relationship Id="rId{name}" Type="{RELS}/{relationship}" Target="{name}"/>'
    rels = rels.replace("</Relationships>", relationship + "</Relationships>")
    return rewrite_zip(
        data,
        replace={"[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode()},
        add={f"word/{name}": xml.encode()},
    )


def _texts(data: bytes, name: str = "reply.docx") -> list[str]:
    return [block.text for block in extract_document(data, name, LIMITS).blocks]


def _paragraph(inner: str) -> str:
    return f"<w:p {NAMESPACES}>{inner}</w:p>"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_word_page_headers_and_footers_are_read_once_after_the_body():
    document = docx.Document()
    document.add_paragraph("We support the proposal.")
    first = document.sections[0]
    first.header.paragraphs[0].text = "Reply of Oskar Example"
    first.footer.paragraphs[0].text = "oskar@example.org"
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Example Residents Association"
    second = document.add_section()
    document.add_paragraph("Second part of the reply.")
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Reply of Oskar Example"

    blocks = extract_document(_docx(document), "reply.docx", LIMITS).blocks
    texts = [block.text for block in blocks]

    assert [block.index for block in blocks] == list(range(len(blocks)))
    assert texts[:2] == ["We support the proposal.", "Second part of the reply."]
    assert texts[2] == "Page headers and footers"
    assert sorted(texts[3:]) == sorted(["Reply of Oskar Example", "Example Residents Association", "oskar@example.org"])


def _notes(kind: str, text: str) -> str:
    tag = kind[:-1]  # footnotes -> footnote
    return (
        f'<w:{kind} {NAMESPACES}>'
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationNotice" w:id="2"><w:p>{_run("(continued)")}</w:p></w:{tag}>'
        f'<w:{tag} w:id="1"><w:p><w:r><w:{tag}Ref/></w:r>{_run(text)}</w:p></w:{tag}>'
        f"</w:{kind}>"
    )


def test_word_footnotes_and_endnotes_are_read_under_notes():
    data = _with_body_xml(
        _docx(docx.Document()),
        _paragraph(_run("Costs rose sharply.") + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    )
    data = _with_part(
        data, "footnotes.xml", _notes("footnotes", "Told to us by Oskar Example."),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", "footnotes",
    )
    data = _with_part(
        data, "endnotes.xml", _notes("endnotes", "Contact: oskar@example.org"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", "endnotes",
    )

    blocks = extract_document(data, "reply.docx", LIMITS).blocks

    assert [(b.text, b.heading, b.is_heading) for b in blocks] == [
        ("Costs rose sharply.", None, False),
        ("Notes", None, True),
        ("Told to us by Oskar Example.", "Notes", False),
        ("Contact: oskar@example.org", "Notes", False),
    ]


def _text_box(text: str) -> str:
    content = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


def test_word_text_box_is_read_once_after_its_paragraph():
    data = _with_body_xml(
        _docx(docx.Document()),
        _paragraph(_run("See the box.") + _text_box("Call Oskar Example on 0100 000 000.")),
        _paragraph(_run("After the box.")),
    )

    assert _texts(data) == ["See the box.", "Call Oskar Example on 0100 000 000.", "After the box."]


def test_word_text_box_whose_older_version_says_something_else_is_read_in_both_versions():
    # Which version a program shows depends on the program, so neither may escape the check.
    box = _text_box("Call the office.").replace(
        "<v:textbox><w:txbxContent><w:p>" + _run("Call the office."),
        "<v:textbox><w:txbxContent><w:p>" + _run("Call Oskar Example at home."),
    )
    data = _with_body_xml(_docx(docx.Document()), _paragraph(_run("See the box.") + box))

    assert _texts(data) == ["See the box.", "Call the office.", "Call Oskar Example at home."]


COMMENTS = (
    f'<w:comments {NAMESPACES}><w:comment w:id="0" w:author="Reviewer">'
    f'<w:p>{_run("Ask Oskar Example whether this is right.")}</w:p></w:comment></w:comments>'
)


def test_word_tracked_insertions_are_read_and_deletions_and_comments_are_not():
    inserted = f'<w:ins w:id="1" w:author="Oskar Example">{_run("raised for Example Town")}</w:ins>'
    deleted = '<w:del w:id="2" w:author="Oskar Example"><w:r><w:delText>cut entirely</w:delText></w:r></w:del>'
    commented = (
        '<w:commentRangeStart w:id="0"/>' + _run(" Ask us.") + '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
    )
    cell_insert = f'<w:ins w:id="3" w:author="Oskar Example">{_run("North Example")}</w:ins>'
    table = (
        f'<w:tbl {NAMESPACES}><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>'
        f"<w:tc><w:p>{_run('Region')}</w:p></w:tc><w:tc><w:p>{cell_insert}</w:p></w:tc></w:tr></w:tbl>"
    )
    data = _with_body_xml(
        _docx(docx.Document()), _paragraph(_run("The budget should be ") + inserted + deleted + _run(".") + commented),
        table,
    )
    data = _with_part(
        data, "comments.xml", COMMENTS,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml", "comments",
    )

    texts = _texts(data)

    assert texts == ["The budget should be raised for Example Town. Ask us.", "Region | North Example"]


def test_word_answers_typed_into_form_fields_are_read():
    field = '<w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>'
    data = _with_body_xml(
        _docx(docx.Document()),
        _paragraph(_run("Name: ") + field.format(_run("Oskar Example"))),
        f"<w:sdt {NAMESPACES}><w:sdtContent><w:p>{_run('Our answer is yes.')}</w:p></w:sdtContent></w:sdt>",
    )

    assert _texts(data) == ["Name: Oskar Example", "Our answer is yes."]


def test_word_picture_description_is_read_where_the_picture_is():
    document = docx.Document()
    document.add_paragraph("Before the photo.")
    document.add_picture(io.BytesIO(make_png()))
    document.add_paragraph("After the photo.")
    description = document.inline_shapes[0]._inline.docPr
    description.set("descr", "Photo of Oskar Example at the town hall")
    description.set("title", "Town hall visit")

    texts = _texts(_docx(document))

    assert texts == [
        "Before the photo.",
        "Town hall visit: Photo of Oskar Example at the town hall",
        "After the photo.",
    ]


# OpenDocument, zipped by hand as office programs write it.
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _odt(body: str, master_page: str = "") -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}><office:body>'
        f"<office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF}><office:master-styles>'
        f'<style:master-page style:name="Standard">{master_page}</style:master-page>'
        "</office:master-styles></office:document-styles>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_odt_page_headers_and_footers_are_read_once_after_the_body():
    header = "<text:p>Reply of Oskar Example</text:p>"
    data = _odt(
        "<text:p>We support the proposal.</text:p>",
        f"<style:header>{header}</style:header><style:header-left>{header}</style:header-left>"
        "<style:footer><text:p>oskar@example.org</text:p></style:footer>",
    )

    assert _texts(data, "reply.odt") == [
        "We support the proposal.", "Page headers and footers", "Reply of Oskar Example", "oskar@example.org",
    ]


def test_odt_notes_are_read_under_notes_and_comments_and_deletions_are_not():
    data = _odt(
        "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion>"
        "<office:change-info><dc:creator>Oskar Example</dc:creator></office:change-info>"
        "<text:p>Old address: 1 Example Road</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p>Costs rose<text:change text:change-id="ct1"/> sharply.'
        '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Told to us by Oskar Example.</text:p></text:note-body></text:note>"
        '<office:annotation><dc:creator>Reviewer</dc:creator><text:p>Ask Oskar Example first.</text:p>'
        "</office:annotation></text:p>"
    )

    blocks = extract_document(data, "reply.odt", LIMITS).blocks

    assert [(b.text, b.heading, b.is_heading) for b in blocks] == [
        ("Costs rose sharply.", None, False),
        ("Notes", None, True),
        ("Told to us by Oskar Example.", "Notes", False),
    ]


def test_odt_text_boxes_and_picture_descriptions_are_their_own_blocks():
    data = _odt(
        '<text:p>See the box.<draw:frame draw:name="Box"><draw:text-box>'
        "<text:p>Call Oskar Example on 0100 000 000.</text:p></draw:text-box></draw:frame></text:p>"
        '<text:p><draw:frame draw:name="Photo"><draw:image xlink:href="Pictures/p.png"/>'
        "<svg:title>Town hall visit</svg:title><svg:desc>Photo of Oskar Example</svg:desc></draw:frame></text:p>"
        "<text:p>After the photo.</text:p>"
    )

    assert _texts(data, "reply.odt") == [
        "See the box.", "Call Oskar Example on 0100 000 000.", "Town hall visit: Photo of Oskar Example",
        "After the photo.",
    ]


def test_text_after_an_xml_comment_inside_a_word_run_is_read():
    from lxml import etree

    from inputdesk.pipeline.extract.word_parts import W, paragraph_parts

    paragraph = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>Oskar<!-- split -->Example</w:t></w:r></w:p>')
    assert paragraph_parts(paragraph)[0] == "OskarExample"


def test_the_published_copy_check_counts_words_around_and_inside_xml_comments():
    from inputdesk.domain.extraction import FileKind
    from inputdesk.pipeline.screening.copy_text import visible_words

    words = visible_words(FileKind.HTML, b"<p>Oskar<!-- hidden note -->Example</p>")
    assert {"oskar", "example", "hidden", "note"} <= words
