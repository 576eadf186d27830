"""Charts an analyst can read on a grayscale printout or with a screen reader: values written on the chart, a text
alternative, and the table of values."""

from __future__ import annotations

import re

import pytest

from inputdesk.services.reporting.charts import digest_charts


@pytest.fixture(scope="module")
def charts(report):
    return {c.key: c for c in digest_charts(report.digest)}


def test_the_four_charts_are_drawn_as_svg_and_png(charts):
    assert set(charts) == {"stakeholder-mix", "coverage", "tags", "countries"}
    for chart in charts.values():
        assert chart.svg.startswith("<svg") and chart.png.startswith(b"\x89PNG")
        assert chart.alt and chart.rows and len(chart.headers) == len(chart.rows[0])


def test_values_are_written_on_the_charts_not_left_to_colour(charts, report):
    mix = charts["stakeholder-mix"]
    for label, count in mix.rows:
        assert f"{label} {count}" in mix.alt
    written = re.findall(r">\s*(\d+)\s*</text>", mix.svg)  # each bar's value is text beside it in the SVG
    assert {str(count) for _, count in mix.rows} <= set(written)
    coverage = charts["coverage"]
    q1 = [row[1] for row in coverage.rows]
    assert sum(q1) == report.digest.questions[0].evidence.count


def test_the_same_digest_draws_the_same_charts(report, charts):
    again = {c.key: c for c in digest_charts(report.digest)}
    assert all(again[k].svg == charts[k].svg for k in charts)


def test_nothing_to_draw_when_nothing_is_included(report):
    from dataclasses import replace

    empty = replace(report.digest, overview=replace(report.digest.overview, submissions=0))
    assert digest_charts(empty) == []
