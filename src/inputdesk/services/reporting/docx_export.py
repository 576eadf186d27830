"""The digest as a Word document styled like a UN report draft: title block, numbered paragraphs, a heading per
question, footnotes citing submissions, charts with alternative text, and an annex of the submitters."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from inputdesk.services.reporting.charts import digest_charts
from inputdesk.services.reporting.docx_footnotes import Footnotes
from inputdesk.services.reporting.model import Digest, Quote
from inputdesk.services.reporting.text import (
    GENERATED_MARK, annex_entry, evidence_note, excluded_sentence, gap_sentences, group_sentence,
    method_notes, overview_sentences, question_sentence, tag_sentences, theme_sentence, unlisted_sentence)

ROMAN = ("I", "II", "III", "IV", "V", "VI")


class _Writer:
    def __init__(self, digest: Digest):
        self.digest = digest
        self.doc = Document()
        self.notes = Footnotes(self.doc)
        self.number = 0
        self.figures = 0
        self._styles()

    def _styles(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Times New Roman", Pt(10)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11), ("Heading 3", 10), ("Caption", 9),
                           ("Quote", 10)):
            style = self.doc.styles[name]
            style.font.name, style.font.size = "Times New Roman", Pt(size)
            style.font.bold = name != "Quote"
            style.font.color.rgb = RGBColor(0, 0, 0)
            fonts = style.element.rPr.find(qn("w:rFonts"))
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # the theme would win
                fonts.attrib.pop(qn(attr), None)

    # --- building blocks -------------------------------------------------------------------------
    def para(self, text: str, note: str | None = None, *, numbered: bool = True, italic: bool = False):
        """A numbered paragraph (UN style: '1.' at the margin, text indented), with an optional footnote."""
        p = self.doc.add_paragraph()
        if numbered:
            self.number += 1
            p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(1), Cm(-1)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(1))
            p.add_run(f"{self.number}.\t")
        p.add_run(text).italic = italic
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if note:
            self.notes.add(p, note)
        return p

    def quote(self, q: Quote) -> None:
        p = self.doc.add_paragraph(style="Quote")
        p.paragraph_format.left_indent, p.paragraph_format.right_indent = Cm(1.5), Cm(1)
        p.add_run(f"“{q.text}”")
        self.notes.add(p, f"{q.citation.text()} (Passage {q.citation.passage_id}.)")

    def figure(self, chart) -> None:
        self.figures += 1
        caption = self.doc.add_paragraph(style="Caption")
        caption.add_run(f"Figure {self.figures}. {chart.title}").bold = True
        self.doc.add_picture(io.BytesIO(chart.png), width=Cm(15))
        picture = self.doc.paragraphs[-1]
        doc_pr = self.doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.title)
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.doc.add_paragraph(chart.alt, style="Caption")

    def table(self, headers, rows) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = str(text)
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = str(value)
        self.doc.add_paragraph()

    # --- the document --------------------------------------------------------------------------
    def write(self) -> bytes:
        d = self.digest
        self.title_block()
        self.doc.add_heading(f"{ROMAN[0]}. Introduction", level=1)
        self.para(f"The {d.mandate} issued a call for input: “{d.title}”. This digest draws together what the "
                  "submissions received say on each of the call's questions, for the drafting of the thematic "
                  "report. Every figure and quotation is traceable to the passages behind it through the "
                  "footnotes.")
        self.doc.add_heading(f"{ROMAN[1]}. Overview of the submissions", level=1)
        for sentence in overview_sentences(d):
            self.para(sentence)
        if (excluded := excluded_sentence(d)) is not None:
            self.para(excluded)
        for chart in digest_charts(d):
            self.figure(chart)
        self.doc.add_heading(f"{ROMAN[2]}. Submissions by question", level=1)
        for q in d.questions:
            self.question(q)
        self.doc.add_heading(f"{ROMAN[3]}. Notes on method", level=1)
        for note in method_notes(d):
            self.para(note)
        self.annexes()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def title_block(self) -> None:
        d = self.digest
        top = self.doc.add_paragraph()
        top.add_run("United Nations").bold = True
        top.add_run("\tDRAFT — internal working document, not for distribution").italic = True
        top.paragraph_format.tab_stops.add_tab_stop(Cm(16), alignment=WD_TAB_ALIGNMENT.RIGHT)
        self.doc.add_paragraph(d.mandate).runs[0].italic = True
        self.doc.add_heading(d.title, level=0)
        self.doc.add_paragraph("Evidence digest of the submissions received, prepared for the drafting of the "
                               "report").runs[0].bold = True
        self.doc.add_paragraph(f"Generated by InputDesk on {d.generated_at:%d %B %Y} from call {d.call_id}."
                               + (" Includes submissions not yet reviewed (marked)." if d.include_unreviewed
                                  else ""))
        self.doc.add_heading("Summary", level=2)
        summary = self.doc.add_paragraph(overview_sentences(d)[0] + " "
                                         + f"The digest covers {len(d.questions)} questions in the call's order.")
        summary.paragraph_format.left_indent = Cm(1)

    def question(self, q) -> None:
        self.doc.add_heading(f"Question {q.number}: {q.label}", level=2)
        self.para(q.text, italic=True)
        self.para(question_sentence(q), evidence_note(q.evidence) if q.evidence.count else None)
        for t in q.themes:
            self.doc.add_heading(f"Theme: {t.title}", level=3)
            self.para(theme_sentence(t), evidence_note(t.evidence))
            if t.summary:
                p = self.para(f"{GENERATED_MARK}: ")
                for s in t.summary.sentences:
                    p.add_run(s.text + " ").italic = True
                    self.notes.add(p, " ".join(c.text() for c in s.citations))
            for quote in t.quotes:
                self.quote(quote)
        if q.recommendations:
            self.doc.add_heading("Recommendations", level=3)
            for g in q.recommendations:
                self.para(group_sentence(g), evidence_note(g.evidence))
                for quote in g.quotes:
                    self.quote(quote)
        if q.tags:
            self.doc.add_heading("Most mentioned", level=3)
            for sentence in tag_sentences(q):
                self.para(sentence)
        if q.examples:
            self.doc.add_heading("Practical examples offered", level=3)
            for quote in q.examples:
                self.quote(quote)
        self.doc.add_heading("Gaps", level=3)
        for sentence in gap_sentences(q):
            self.para(sentence)

    def annexes(self) -> None:
        d = self.digest
        self.doc.add_page_break()
        self.doc.add_heading("Annex I. Submitters", level=1)
        self.doc.add_paragraph("Submitters that may be named, by stakeholder category"
                               + (" (* not yet reviewed)" if d.include_unreviewed else "") + ".", style="Caption")
        for category, sources in d.annex():
            self.doc.add_heading(category, level=3)
            for s in sources:
                self.doc.add_paragraph(f"{annex_entry(s)} — {s.reference}{' *' if s.unreviewed else ''}",
                                       style="List Bullet")
        if d.overview.confidential:
            self.doc.add_paragraph(unlisted_sentence(d.overview.confidential))
        self.doc.add_heading("Annex II. Coverage of the questions", level=1)
        self.doc.add_paragraph("Distinct submissions of each stakeholder category addressing each question.",
                               style="Caption")
        rows = [(s.label, *row) for s, row in zip(d.overview.by_category, d.overview.coverage) if s.count]
        self.table(("Stakeholder category", *(f"Q{q.number}" for q in d.questions)), rows)


def to_docx(digest: Digest) -> bytes:
    return _Writer(digest).write()
