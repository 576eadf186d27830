"""The REFI-QDA project as NVivo, ATLAS.ti or MAXQDA would read it: valid against the REFI-QDA Project schema
(vendored in refi_qda/), sources are citable documents, coded segments point at the passages' text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from .world import CALL, LEFT_OUT

NS = {"q": "urn:QDA-XML:project:1.0"}
SCHEMA = Path(__file__).parent / "refi_qda" / "Project-mrt2019.xsd"


@pytest.fixture(scope="module")
def project(exports):
    with zipfile.ZipFile(io.BytesIO(exports("qdpx"))) as z:
        return etree.fromstring(z.read("project.qde")), {n: z.read(n).decode("utf-8") for n in z.namelist()}


def test_the_project_is_valid_against_the_refi_qda_schema(project):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    root, _ = project
    assert schema.validate(root), schema.error_log


def test_sources_are_the_citable_documents_and_segments_their_passages(project, report):
    root, files = project
    sources = root.findall("q:Sources/q:TextSource", NS)
    names = [s.get("name") for s in sources]
    assert names and not any(ref in name for name in names for ref in LEFT_OUT)
    assert not any(name.startswith("T-03 ") for name in names)  # not checked for personal data: no text yet
    rows = {p.passage_id: p for p in report.passages}
    for source in sources:
        text = files["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.findall("q:PlainTextSelection", NS):
            pid = int(selection.get("name").split()[1].rstrip(","))
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] == rows[pid].text


def test_codes_are_questions_themes_and_tags_and_every_coding_resolves(project, report_world):
    root, _ = project
    codes = {c.get("guid"): c.get("name") for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    questions = report_world.app.calls.get_call(CALL).questions
    top = root.find("q:CodeBook/q:Codes/q:Code", NS)
    assert [c.get("name") for c in top.findall("q:Code", NS)] == [f"Q{q.number} {q.label}" for q in questions]
    assert any(name.startswith("Q1 theme:") for name in codes.values())
    assert "Sextortion" in codes.values()
    refs = [r.get("targetGUID") for r in root.iter("{urn:QDA-XML:project:1.0}CodeRef")]
    assert refs and set(refs) <= set(codes)


def test_the_same_analysis_exports_the_same_identifiers(report_world, project):
    again = report_world.reporting.export(CALL, "qdpx")[0]
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        root = etree.fromstring(z.read("project.qde"))
    guids = lambda r: sorted(e.get("guid") for e in r.iter() if e.get("guid"))  # noqa: E731
    assert guids(root) == guids(project[0])
