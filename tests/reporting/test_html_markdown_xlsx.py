"""The HTML page is self-contained and links every citation to the passage in the console; the Markdown's footnotes
resolve; the workbook's sheets hold the rows and figures analysts filter and check."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from .world import CALL, LEFT_OUT

CONSOLE = "https://console.example"
PASSAGE_LINK = re.compile(r'href="https://console\.example/staff/submissions/(T-\d\d)#passage-(\d+)"')


@pytest.fixture(scope="module")
def html(exports):
    return exports("html").decode("utf-8")


def test_the_html_page_is_self_contained(html):
    resources = re.findall(r'<(?:img|script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert resources and all(r.startswith("data:image/svg+xml;base64,") for r in resources)
    assert "<style>" in html and "@import" not in html
    assert all(alt for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html))


def test_html_citations_link_to_the_passage_in_the_console(report_world, html):
    contexts = {c.passage.id: c.reference for c in report_world.analysis.store.analysis_inputs(CALL)}
    links = PASSAGE_LINK.findall(html)
    assert links
    for reference, passage in links:
        assert contexts[int(passage)] == reference and reference not in LEFT_OUT


def test_the_console_fragment_embeds_without_a_page_around_it(report_world):
    digest, fragment = report_world.reporting.html_fragment(CALL, charts=False)
    assert fragment.startswith('<article class="evidence-digest">') and "<html" not in fragment
    assert 'href="/staff/submissions/T-' in fragment  # same-site links by default
    assert digest.overview.submissions == 8


def test_markdown_footnotes_resolve_and_link_to_the_console(exports):
    text = exports("md").decode("utf-8")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE))
    assert used and used == defined
    assert f"]({CONSOLE}/staff/submissions/T-" in text
    assert "| Stakeholder category | Q1 | Q2 |" in text  # the coverage matrix, as a table


def test_the_workbook_holds_rows_and_the_coverage_matrix(exports, report):
    wb = openpyxl.load_workbook(io.BytesIO(exports("xlsx")))
    assert wb.sheetnames == ["About", "Submissions", "Passages", "Recommendations", "Themes", "Coverage", "Figures"]
    refs = [r[0] for r in wb["Submissions"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert sorted(refs) == sorted(report.digest.sources)
    assert any("2 confidential submissions (counted, not listed)" in (r[1] or "")
               for r in wb["Submissions"].iter_rows(min_row=2, values_only=True))
    passages = list(wb["Passages"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in passages} <= set(report.digest.sources)
    assert any(r[1] == "T-03" and r[9].startswith("(not quoted") for r in passages)
    coverage = {r[0]: r for r in wb["Coverage"].iter_rows(min_row=2, values_only=True)}
    total = coverage["All included submissions"]
    assert total[1] == 8 and list(total[2:]) == [q.evidence.count for q in report.digest.questions]


def test_the_workbook_never_turns_submitted_text_into_formulas(exports):
    wb = openpyxl.load_workbook(io.BytesIO(exports("xlsx")))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_the_annex_names_each_author_of_a_joint_submission_once(exports):
    text = exports("md").decode("utf-8")
    [line] = [line for line in text.splitlines() if "T-03" in line and line.startswith("- ")]
    assert line.count("Réseau A") == 1 and "(joint submission)" in line


def test_the_annex_sentence_on_confidential_submissions_agrees_in_number():
    from inputdesk.services.reporting.text import unlisted_sentence

    assert unlisted_sentence(1) == ("In addition, 1 confidential submission was received; it is counted in this "
                                    "digest but not listed.")
    assert "2 confidential submissions were received; they are" in unlisted_sentence(2)
