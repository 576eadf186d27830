"""Manifests describe who sent each file; mistakes are reported per row."""

import json

import pytest

from inputdesk.services.call_definitions import parse_call, seed_call_text
from inputdesk.services.manifest import ManifestError, country_code, read_manifest

CALL = parse_call(seed_call_text())
HEADER = "file,annexes,submitter_name,organisation,stakeholder_category,country,language,contact_email,confidential,joint_authors,from_child,received_at\n"


def test_csv_rows_become_submitter_details(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    (tmp_path / "annex.png").write_bytes(b"y")
    (tmp_path / "manifest.csv").write_text(
        HEADER + "a.pdf,annex.png,Ana Example,Fictional Coalition,civil_society_hotlines,France,fr,ana@example.org,"
        "yes,Org One;Org Two,no,2024-04-01T10:00:00Z\n", encoding="utf-8")
    [entry] = read_manifest(tmp_path / "manifest.csv", CALL)
    d = entry.details
    assert (d.organisation, d.stakeholder_category, d.country, d.confidential) == (
        "Fictional Coalition", "civil_society_hotlines", "FR", True)
    assert d.joint_authors == ["Org One", "Org Two"]
    assert [a.name for a in entry.annexes] == ["annex.png"]
    assert entry.received_at.isoformat() == "2024-04-01T10:00:00+00:00"
    assert d.needs_review == {}


def test_every_bad_row_is_reported_with_its_number(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    (tmp_path / "manifest.csv").write_text(
        HEADER + "a.pdf,,,,aliens,FR,,,maybe,,,\nmissing.pdf,,,,states,Atlantis,,,no,,,\n", encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        read_manifest(tmp_path / "manifest.csv", CALL)
    problems = info.value.problems
    assert any(p.startswith("row 2") and "aliens" in p and "civil_society_hotlines" in p for p in problems)
    assert any(p.startswith("row 3") and "Atlantis" in p for p in problems)


def test_json_manifest_and_missing_fields_marked_for_review(tmp_path):
    (tmp_path / "b.docx").write_bytes(b"x")
    (tmp_path / "manifest.json").write_text(json.dumps({"submissions": [{"file": "b.docx", "confidential": False}]}))
    [entry] = read_manifest(tmp_path / "manifest.json", CALL)
    assert set(entry.details.needs_review) == {"organisation", "stakeholder_category", "country"}


def test_country_accepts_codes_and_names():
    assert country_code("fr") == "FR" and country_code("Kenya") == "KE" and country_code("BRA") == "BR"


def test_a_manifest_saved_by_a_spreadsheet_in_windows_1252_is_read(tmp_path):
    (tmp_path / "ministry.txt").write_bytes(b"x")
    (tmp_path / "manifest.csv").write_bytes("file,organisation\nministry.txt,Ministère de l'Éducation\n".encode("cp1252"))
    [entry] = read_manifest(tmp_path / "manifest.csv", CALL)
    assert entry.details.organisation == "Ministère de l'Éducation"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("manifest.json", json.dumps([1, "x"]), ["entry 1: expected an object", "entry 2: expected an object"]),
    ("manifest.csv", "file,organisation,foo\nministry.txt,A,b,extra\n",
     ["row 2: 1 value(s) more than the header", "row 2: unknown column(s) ['foo']"]),
    ("manifest.csv", HEADER + "ministry.txt,,,,states,Atlantis,,,maybe,,,yesterday\n",
     ["row 2: unknown country 'Atlantis'", "row 2: confidential must be yes or no", "row 2: received_at 'yesterday'"]),
])
def test_every_problem_of_a_malformed_manifest_is_listed_without_a_traceback(tmp_path, name, content, expected):
    (tmp_path / "ministry.txt").write_bytes(b"x")
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        read_manifest(tmp_path / name, CALL)
    for start in expected:
        assert any(p.startswith(start) for p in info.value.problems), (start, info.value.problems)
