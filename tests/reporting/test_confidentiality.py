"""Nothing a confidential, set-aside or redacted submission holds reaches any export: marker strings planted in their
organisation names, joint authors, text and file names appear in no part of any file, in any format."""

from __future__ import annotations

import pytest

from inputdesk.services.reporting.service import FORMATS

from .conftest import text_parts
from .world import MARKERS


@pytest.mark.parametrize("include_unreviewed", [False, True], ids=["reviewed", "with-unreviewed"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_marker_appears_in_any_part_of_any_export(exports, fmt, include_unreviewed):
    parts = text_parts(exports(fmt, include_unreviewed))
    assert parts
    leaks = {(name, marker) for name, text in parts.items() for marker in MARKERS
             if marker.casefold() in text.casefold()}
    assert not leaks


@pytest.mark.parametrize("fmt", FORMATS)
def test_confidential_submissions_are_counted_all_the_same(exports, fmt):
    text = "\n".join(text_parts(exports(fmt)).values())
    assert "confidential submission" in text  # "... and 2 confidential submissions": counted, not named


@pytest.mark.parametrize("fmt", FORMATS)
def test_citable_submitters_are_named(exports, fmt):
    text = "\n".join(text_parts(exports(fmt)).values())
    assert "Org T-01" in text and "Norway" in text  # the search above would find names: they are there


def test_the_markers_are_planted_where_the_exports_could_have_taken_them(report_world):
    stored = []
    for s in report_world.submissions.list_submissions():
        stored += [s.details.organisation or "", *s.details.joint_authors, *(d.filename for d in s.documents)]
        stored += [p.text for p in report_world.submissions.passages_for_submission(s.id)]
    blob = "\n".join(stored)
    assert all(marker in blob for marker in MARKERS)
