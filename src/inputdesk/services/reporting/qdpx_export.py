"""The analysis as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder.

A .qdpx is a zip of `project.qde` (QDA-XML, urn:QDA-XML:project:1.0) and `sources/<guid>.txt`. Sources are the
documents of citable submissions as plain text (their redacted passages, in order, separated by blank lines); codes
are the call's questions with their themes beneath, and the taxonomy's tags by kind; each passage is a coded segment
(PlainTextSelection, character offsets into its source) carrying its question, theme and tag codes. Cases are the
submissions, with their stakeholder category, country and language as variables. Confidential submissions are not in
it; submissions not yet checked for personal data are left out too (their text cannot be given yet). GUIDs are
derived from the call and ids, so exporting twice gives the same project."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections import defaultdict

from lxml import etree

from inputdesk.services.reporting.rows import PassageRow, Report

NS = "urn:QDA-XML:project:1.0"
SEPARATOR = "\n\n"
_ROOT = uuid.UUID("5f0c5c2e-4a38-4d4e-9d6a-1f5b1b0c7a11")  # namespace of InputDesk's REFI-QDA GUIDs


class _Project:
    def __init__(self, report: Report):
        self.r = report
        self.d = report.digest
        self.when = self.d.generated_at.replace(microsecond=0).isoformat()
        self.user = self.guid("user")
        self.root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=f"InputDesk — {self.d.call_id}",
                                  origin="InputDesk", creatingUserGUID=self.user, creationDateTime=self.when)
        self.codes: dict[tuple, str] = {}
        self.files: dict[str, str] = {}

    def guid(self, *key) -> str:
        return str(uuid.uuid5(_ROOT, "/".join([self.d.call_id, *map(str, key)])))

    def el(self, parent, tag: str, text: str | None = None, **attrs):
        node = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: str(v) for k, v in attrs.items()})
        if text is not None:
            node.text = text
        return node

    def code(self, parent, key: tuple, name: str, codable: bool, description: str | None = None):
        node = self.el(parent, "Code", guid=self.guid("code", *key), name=name, isCodable=str(codable).lower())
        if description:
            self.el(node, "Description", description)
        self.codes[key] = node.get("guid")
        return node

    # --- parts -----------------------------------------------------------------------------------
    def build(self) -> bytes:
        self.el(self.el(self.root, "Users"), "User", guid=self.user, name="InputDesk (machine analysis)")
        self.codebook()
        sources = self.sources_by_document()
        self.variables_and_cases(sources)
        holder = self.el(self.root, "Sources") if sources else None
        for (reference, document_id), rows in sources.items():
            self.source(holder, reference, document_id, rows)
        self.el(self.root, "Description", self.description())
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def codebook(self) -> None:
        codes = self.el(self.el(self.root, "CodeBook"), "Codes")
        questions = self.code(codes, ("questions",), "Questions of the call", False)
        themes_of: dict[str, dict[int, str]] = defaultdict(dict)
        for p in self.r.passages:
            for tid, qid, title in p.themes:
                themes_of[qid][tid] = title
        for q in self.d.questions:
            node = self.code(questions, ("question", q.id), f"Q{q.number} {q.label}", True, q.text)
            for tid, title in sorted(themes_of.get(q.id, {}).items()):
                self.code(node, ("theme", tid), f"Q{q.number} theme: {title}", True)
        tags: dict[str, dict[str, str]] = defaultdict(dict)
        for p in self.r.passages:
            for kind, key, label in p.tags:
                tags[kind][key] = label
        if tags:
            parent = self.code(codes, ("tags",), "Taxonomy tags", False)
            for kind in sorted(tags):
                node = self.code(parent, ("kind", kind), kind.capitalize(), False)
                for key, label in sorted(tags[kind].items(), key=lambda kv: kv[1].casefold()):
                    self.code(node, ("tag", kind, key), label, True)

    def sources_by_document(self) -> dict[tuple[str, int], list[PassageRow]]:
        out: dict[tuple[str, int], list[PassageRow]] = defaultdict(list)
        for p in self.r.passages:
            if p.text is not None:
                out[(p.reference, p.document_id)].append(p)
        return dict(out)

    def variables_and_cases(self, sources) -> None:
        refs = list(dict.fromkeys(ref for ref, _ in sources))
        if not refs:
            return
        names = ("Stakeholder category", "Country", "Language", "Reviewed")
        variables = self.el(self.root, "Variables")
        for name in names:
            self.el(variables, "Variable", guid=self.guid("variable", name), name=name,
                    typeOfVariable="Boolean" if name == "Reviewed" else "Text")
        cases = self.el(self.root, "Cases")
        for ref in refs:
            s = self.d.sources[ref]
            case = self.el(cases, "Case", guid=self.guid("case", ref), name=f"{ref} — {s.label}")
            values = (s.category_label, s.country_name or "", s.language or "", "false" if s.unreviewed else "true")
            for name, value in zip(names, values):
                holder = self.el(case, "VariableValue")
                self.el(holder, "VariableRef", targetGUID=self.guid("variable", name))
                self.el(holder, "BooleanValue" if name == "Reviewed" else "TextValue", value)
            for (r, document_id) in sources:
                if r == ref:
                    self.el(case, "SourceRef", targetGUID=self.guid("source", r, document_id))

    def source(self, holder, reference: str, document_id: int, rows: list[PassageRow]) -> None:
        s = self.d.sources[reference]
        guid = self.guid("source", reference, document_id)
        node = self.el(holder, "TextSource", guid=guid, name=f"{reference} — {s.label} — {rows[0].document}",
                       plainTextPath=f"internal://{guid}.txt", creatingUser=self.user, creationDateTime=self.when)
        self.el(node, "Description", f"{s.label}, submission {reference}, {rows[0].document.lower()}; "
                                     f"{s.category_label}" + ("; not yet reviewed" if s.unreviewed else "")
                                     + ". Personal data removed ([redacted]).")
        text, at = [], 0
        for p in rows:
            start = at + (len(SEPARATOR) if text else 0)
            text.append(p.text)
            at = start + len(p.text)
            selection = self.el(node, "PlainTextSelection", guid=self.guid("passage", p.passage_id),
                                name=f"Passage {p.passage_id}" + (f", p. {p.page}" if p.page else ""),
                                startPosition=start, endPosition=at, creatingUser=self.user,
                                creationDateTime=self.when)
            keys = [("question", q) for q in p.questions] + [("theme", t) for t, _, _ in p.themes] + [
                ("tag", kind, key) for kind, key, _ in p.tags]
            for key in keys:
                if key in self.codes:
                    coding = self.el(selection, "Coding", guid=self.guid("coding", p.passage_id, *key),
                                     creatingUser=self.user, creationDateTime=self.when)
                    self.el(coding, "CodeRef", targetGUID=self.codes[key])
        self.files[f"sources/{guid}.txt"] = SEPARATOR.join(text)

    def description(self) -> str:
        o = self.d.overview
        return (f"{self.d.title} ({self.d.mandate}). Exported by InputDesk on {self.d.generated_at:%d %B %Y}: "
                f"{len({r for r, _ in self.sources_by_document()})} citable submissions. {o.confidential} "
                "confidential submission(s) are not included. Codes by InputDesk's machine analysis, with "
                "analysts' corrections.")


def to_qdpx(report: Report) -> bytes:
    project = _Project(report)
    qde = project.build()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", qde)
        for name, text in project.files.items():
            z.writestr(name, text.encode("utf-8"))
    return out.getvalue()
