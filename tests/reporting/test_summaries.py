"""Optional machine-drafted theme summaries, against a fake OpenAI-compatible server on loopback: only sentences
citing passages of the theme survive, they are marked as machine-drafted, the model never sees confidential text,
and a report is complete without them."""

from __future__ import annotations

import io
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import docx
import pytest

from inputdesk.bootstrap_reporting import summarizer_from
from inputdesk.config import Settings
from inputdesk.services.reporting.service import ReportingService, render
from inputdesk.services.reporting.summaries import OpenAICompatibleSummarizer, checked_summary
from inputdesk.services.reporting.text import GENERATED_MARK

from .world import CALL, MARKERS


class FakeModel(BaseHTTPRequestHandler):
    prompts: list[str] = []
    headers_seen: list[dict] = []
    confidential_passage = 0

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][0]["content"]
        FakeModel.prompts.append(prompt)
        FakeModel.headers_seen.append(dict(self.headers))
        first = re.search(r"^\[P(\d+)\]", prompt, re.MULTILINE).group(1)  # the first passage given
        answer = (f"Submissions describe this theme in detail [P{first}]. This sentence cites nothing. "
                  f"It invents a source [P999999]. It leans on a confidential one [P{self.confidential_passage}].")
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fake_model():
    server = HTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()
    server.server_close()


def with_summarizer(world, summarizer):
    r = world.reporting
    return ReportingService(r.calls, r.submissions, r.reports, r.store, r.redactions, r.withheld, r.labels,
                            summarizer=summarizer)


def test_only_sentences_citing_the_themes_own_passages_survive(report_world, fake_model):
    FakeModel.confidential_passage = next(c.passage.id for c in report_world.analysis.store.analysis_inputs(CALL)
                                          if c.reference == "T-10")
    service = with_summarizer(report_world, OpenAICompatibleSummarizer(fake_model, "fake-model", "sk-test", 5))
    report = service.report(CALL)
    summarised = [t for q in report.digest.questions for t in q.themes if t.summary]
    assert summarised, report.digest.notes
    for theme in summarised:
        assert theme.summary.dropped == 3 and len(theme.summary.sentences) == 1
        (sentence,) = theme.summary.sentences
        assert sentence.text == "Submissions describe this theme in detail."
        assert {c.passage_id for c in sentence.citations} <= set(theme.evidence.passage_ids)
        assert all(c.reference in report.digest.sources for c in sentence.citations)
    assert FakeModel.headers_seen[-1]["Authorization"] == "Bearer sk-test"
    assert not any(m in prompt for prompt in FakeModel.prompts for m in MARKERS)  # never sent confidential text
    for fmt in ("html", "md"):
        assert GENERATED_MARK in render(report, fmt).decode("utf-8")
    paragraphs = docx.Document(io.BytesIO(render(report, "docx"))).paragraphs
    assert any(p.text.split("\t")[-1].startswith(GENERATED_MARK) for p in paragraphs)


def test_an_unreachable_endpoint_leaves_a_note_and_a_complete_report(report_world):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    service = with_summarizer(report_world, OpenAICompatibleSummarizer(f"http://127.0.0.1:{port}/v1", "m",
                                                                      timeout_s=2))
    digest = service.digest(CALL)
    assert not any(t.summary for q in digest.questions for t in q.themes)
    assert any(n.startswith("No machine-drafted summaries") for n in digest.notes)
    assert digest.overview.submissions == 8


def test_summaries_are_off_unless_an_endpoint_is_configured():
    assert summarizer_from(Settings()) is None
    configured = summarizer_from(Settings(report_summary_url="http://127.0.0.1:8080/v1", report_summary_model="m"))
    assert isinstance(configured, OpenAICompatibleSummarizer) and configured.model == "m"


def test_citations_may_sit_before_or_after_the_full_stop():
    allowed = {3: "c3", 4: "c4"}
    summary = checked_summary("One rises [P3]. Two falls. [P4] Three [P3, P4]. Four [P5].", allowed, "m")
    assert [s.text for s in summary.sentences] == ["One rises.", "Two falls.", "Three."]
    assert summary.sentences[2].citations == ("c3", "c4") and summary.dropped == 1
