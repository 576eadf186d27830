"""Real Word footnotes for python-docx, which has no footnote API: we write the footnotes part (word/footnotes.xml),
relate it to the document, and put <w:footnoteReference> runs in the text, as Word itself does (ECMA-376 Part 1,
17.11). Word, LibreOffice and python-docx (tests) all read them."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

# Word's own footnotes part starts with the separator lines it draws above the notes (ids -1 and 0).
_PART = (f'<w:footnotes {nsdecls("w")}>'
         '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
         'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
         '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
         'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
         '</w:footnotes>')
TEXT_STYLE, REFERENCE_STYLE = "Footnote Text", "Footnote Reference"


class Footnotes:
    def __init__(self, document):
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_PART),
                            document.part.package)
        document.part.relate_to(self.part, RT.FOOTNOTES)
        styles = document.styles
        text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.font.size = Pt(8)
        text.paragraph_format.space_after = Pt(0)
        reference = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
        self._text_id, self._reference_id = text.style_id, reference.style_id
        self.count = 0

    def add(self, paragraph, text: str) -> int:
        """A footnote with `text`, referenced at the end of `paragraph` (so far); returns its number."""
        self.count += 1
        number = str(self.count)
        paragraph._p.append(self._reference_run("w:footnoteReference", number))
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), number)
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self._text_id)
        ppr.append(style)
        p.append(ppr)
        p.append(self._reference_run("w:footnoteRef"))
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = " " + text
        run.append(t)
        p.append(run)
        note.append(p)
        self.part.element.append(note)
        return self.count

    def _reference_run(self, tag: str, number: str | None = None):
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self._reference_id)
        rpr.append(style)
        run.append(rpr)
        mark = OxmlElement(tag)
        if number is not None:
            mark.set(qn("w:id"), number)
        run.append(mark)
        return run


def read_footnotes(document) -> dict[str, str]:
    """Footnote id -> text, from a document python-docx opened (for tests and checks)."""
    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if part is None:
        return {}
    root = parse_xml(part.blob) if not hasattr(part, "element") else part.element
    notes = {}
    for note in root.findall(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        notes[note.get(qn("w:id"))] = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
    return notes
