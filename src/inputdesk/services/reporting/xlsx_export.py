"""The digest as an XLSX working file for the mandate's team: submissions, passages with their questions, themes and
tags, recommendations, themes, the coverage matrix and the overview figures.

It is a staff file, but it follows the digest's rule all the same: confidential submissions are in the counts
(coverage, figures, themes) and in no row, so their identity, text and file names never reach it."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from inputdesk.services.reporting.html_export import passage_url
from inputdesk.services.reporting.rows import Report
from inputdesk.services.reporting.text import confidential_phrase, method_notes


def _sheet(wb: Workbook, title: str, headers, rows, widths=None, wrap: set[int] = frozenset()):
    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_value(v) for v in row])
        for i, cell in enumerate(ws[ws.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if i in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    for i, width in enumerate(widths or [], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


def _value(v):
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    return v


def to_xlsx(report: Report, console_url: str = "") -> bytes:
    d = report.digest
    o = d.overview
    wb = Workbook()
    about = wb.active
    about.title = "About"
    for line in [d.title, d.mandate, f"Call: {d.call_id}", f"Generated: {d.generated_at:%Y-%m-%d %H:%M} UTC",
                 "Includes submissions not yet reviewed (marked)." if d.include_unreviewed else
                 "Reviewed submissions only (approved and confidential).",
                 f"Confidential submissions: {o.confidential}, counted in Coverage, Figures and Themes, never listed.",
                 "", *method_notes(d)]:
        about.append([line])
    about.column_dimensions["A"].width = 120

    questions_of: dict[str, set[str]] = {}
    for p in report.passages:
        questions_of.setdefault(p.reference, set()).update(p.questions)
    order = [q.id for q in d.questions]
    rows = [(s.reference, s.label, s.category_label, s.country_name or "", s.language or "", s.joint_authors,
             "no" if s.unreviewed else "yes", "yes" if s.quotable else f"no: {s.not_quotable_reason}",
             [q for q in order if q in questions_of.get(s.reference, ())],
             f"{console_url.rstrip('/')}/staff/submissions/{s.reference}") for s in d.sources.values()]
    if o.confidential:
        rows.append(("", f"and {confidential_phrase(o.confidential)} (counted, not listed)", "", "", "", "", "", "",
                     "", ""))
    _sheet(wb, "Submissions", ("reference", "cite as", "stakeholder category", "country", "language",
                               "joint authors", "reviewed", "quotable", "questions", "console"), rows,
           (12, 40, 30, 18, 9, 30, 9, 12, 24, 50))

    _sheet(wb, "Passages", ("passage id", "reference", "cite as", "document", "page", "language", "questions",
                            "themes", "tags", "text (redacted)", "reviewed", "console"),
           [(p.passage_id, p.reference, p.source, p.document, p.page, p.language or "", p.questions,
             [f"{q}: {title} (#{tid})" for tid, q, title in p.themes], [f"{k}:{label}" for k, _, label in p.tags],
             p.text if p.text is not None else "(not quoted: not yet checked for personal data)",
             "no" if p.unreviewed else "yes", passage_url(console_url, p.reference, p.passage_id))
            for p in report.passages], (10, 12, 30, 14, 6, 9, 14, 30, 30, 90, 9, 50), wrap={9})

    _sheet(wb, "Recommendations", ("passage id", "reference", "cite as", "addressees", "measures", "questions",
                                   "recommendation", "confidence", "reviewed", "console"),
           [(r.passage_id, r.reference, r.source, r.addressees, r.measures, r.questions,
             r.text if r.text is not None else "(not quoted: holds redacted text or not yet checked)",
             round(r.confidence, 2), "no" if r.unreviewed else "yes",
             passage_url(console_url, r.reference, r.passage_id)) for r in report.recommendations],
           (10, 12, 30, 30, 30, 14, 90, 10, 9, 50), wrap={6})

    _sheet(wb, "Themes", ("question", "theme id", "theme", "keywords", "submissions", "of which confidential",
                          "stakeholder categories", "categories", "single submission", "edited by an analyst",
                          "citable passage ids"),
           [(f"Q{q.number}", t.id, t.title, t.keywords, t.evidence.count, t.evidence.confidential,
             len(t.by_category), [f"{s.label} ({s.count})" for s in t.by_category], "yes" if t.single_source else "",
             "yes" if t.edited else "", list(t.evidence.passage_ids)) for q in d.questions for t in q.themes],
           (9, 9, 40, 40, 12, 12, 12, 50, 10, 10, 40))

    columns = [f"Q{q.number}" for q in d.questions]
    coverage = [(s.label, s.count, *row) for s, row in zip(o.by_category, o.coverage)]
    coverage.append(("All included submissions", o.submissions, *(q.evidence.count for q in d.questions)))
    _sheet(wb, "Coverage", ("stakeholder category", "submissions", *columns), coverage, (40, 12, *([6] * len(columns))))

    figures = [("Included submissions", "", o.submissions), ("Confidential (counted, not named)", "", o.confidential),
               ("Not yet reviewed (included, marked)", "", o.unreviewed),
               (f"By the deadline ({o.deadline:%Y-%m-%d})", "", o.on_time), ("After the deadline", "", o.late)]
    for name, shares in (("Stakeholder category", o.by_category), ("Region (UN M49)", o.by_region),
                         ("Country", o.by_country), ("Language", o.by_language), ("Left out", o.excluded)):
        figures += [(name, s.label, s.count) for s in shares]
    _sheet(wb, "Figures", ("figure", "value", "submissions"), figures, (36, 44, 12))

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
