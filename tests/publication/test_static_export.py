"""The static site and the open data: what a visitor of a copied folder, and a data re-user, get."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inputdesk.cli.main import app as cli
from inputdesk.domain.accounts import Role
from inputdesk.domain.review import LinkKind
from inputdesk.domain.submission import SubmissionStatus as S
from inputdesk.web.public.static_site import ExportRefused, export_site

from staff_world import SEED, World, make_pdf


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("export"))
    rita = world.user("rita", Role.REVIEWER)
    state = world.receive(make_pdf("Position of the Directorate."), organisation="Directorate for Online Safety",
                          stakeholder_category="states", country="NO")
    ngo = world.receive(make_pdf("Joint input of the coalition."), organisation="Harbour Coalition",
                        joint_authors=["Kite Helpline"], country="KE", language="en")
    copy = world.receive(make_pdf("Joint input of the coalition, our copy."), organisation="River Trust")
    person = world.receive(make_pdf("My own view as a teacher."), submitter_name="Joan Teacher",
                           stakeholder_category="educators", contact_email="joan@example.org")
    world.staff.review.link(rita, copy.reference, ngo.reference, LinkKind.JOINT)
    for s in (state, ngo, copy, person):
        world.approve(s.reference, rita)
    world.refs = dict(state=state.reference, ngo=ngo.reference, copy=copy.reference, person=person.reference)
    world.rita = rita
    yield world
    world.close()


def test_the_site_groups_by_category_lists_joint_submissions_once_and_never_names_people(desk, tmp_path):
    out = tmp_path / "site"
    summary = export_site(desk.staff.publication, desk.app.calls.get_call(SEED), out, ("en", "fr", "es"))
    assert summary.submissions == 3
    index = (out / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"category-(\w+)\"", index)
    assert headings == ["states", "civil_society_hotlines", "educators"]  # the call's order
    assert index.count("Harbour Coalition; Kite Helpline; River Trust") == 1
    assert "Individual submission" in index and "Joan Teacher" not in index and "joan@example.org" not in index
    assert "Norway" in index and "Kenya" in index
    assert f'<span class="reference">{desk.refs["state"]}</span>' in index  # a reader can cite it
    assert re.search(r"Text of the submission</a> <span class=\"filesize\">\(PDF, [\d.,]+\s", index)  # the format
    french = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Contributions reçues" in french and "Norvège" in french and 'lang="fr"' in french
    assert "Texte de la contribution" in french and "Document principal (copie nettoyée)" in french
    assert "cleaned copy" not in french and "Text of the submission" not in french
    spanish = (out / "es" / "index.html").read_text(encoding="utf-8")
    assert "Documento principal (copia depurada)" in spanish and "cleaned copy" not in spanish
    # every link of every page leads to a file of the export (relative, so the folder works anywhere)
    for page in (out / "index.html", out / "fr" / "index.html", out / "es" / "index.html"):
        for href in re.findall(r'(?:href|src)="([^"#]+)"', page.read_text(encoding="utf-8")):
            assert not href.startswith(("/", "http")), href
            target = (page.parent / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {href}"


def test_open_data_has_stable_ids_and_a_schema_that_describes_every_column(desk, tmp_path):
    out = tmp_path / "site"
    export_site(desk.staff.publication, desk.app.calls.get_call(SEED), out, ("en",))
    data = json.loads((out / "data" / "submissions.json").read_text(encoding="utf-8"))
    assert data["schema"] == "inputdesk-opendata/1" and data["call"]["id"] == SEED
    ids = [s["id"] for s in data["submissions"]]
    assert ids == [desk.refs["state"], desk.refs["ngo"], desk.refs["person"]]
    for s in data["submissions"]:
        assert set(s) == {"id", "call_id", "category", "category_label", "authors", "country", "language", "date",
                          "joint", "files"}
        for f in s["files"]:
            assert (out / "data" / f["url"]).resolve().is_file() and len(f["sha256"]) == 64
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    rows = list(csv.reader(io.StringIO((out / "data" / "submissions.csv").read_text(encoding="utf-8"))))
    assert rows[0] == fields and len(rows) == 4
    label = fields.index("category_label")
    assert {r[0]: r[label] for r in rows[1:]} == {s["id"]: s["category_label"] for s in data["submissions"]}
    assert all(f["description"] for f in package["resources"][0]["schema"]["fields"])
    live = desk.client().get(f"/api/calls/{SEED}/submissions.json").json()
    assert [s["id"] for s in live["submissions"]] == ids
    assert live["submissions"][0]["files"][0]["url"].startswith(f"/calls/{SEED}/submissions/")
    documented = Path(__file__).resolve().parents[2] / "docs" / "publication.md"
    assert all(f"`{name}`" in documented.read_text(encoding="utf-8") for name in fields)


def test_a_withdrawn_submission_is_gone_from_the_next_export_and_foreign_folders_are_never_replaced(desk, tmp_path):
    call = desk.app.calls.get_call(SEED)
    out = tmp_path / "site"
    export_site(desk.staff.publication, call, out, ("en",))
    assert (out / "files" / desk.refs["state"]).is_dir()
    desk.staff.review.set_status(desk.rita, desk.refs["state"], S.WITHDRAWN, "withdrawn by the Directorate")
    export_site(desk.staff.publication, call, out, ("en",))
    assert not (out / "files" / desk.refs["state"]).exists()
    assert "Directorate for Online Safety" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(ExportRefused, match="not written by 'inputdesk publish'"):
        export_site(desk.staff.publication, call, foreign, ("en",))
    assert (foreign / "holiday.jpg").exists()
    desk.staff.review.set_status(desk.rita, desk.refs["state"], S.NEEDS_REVIEW, "came back")
    desk.approve(desk.refs["state"], desk.rita)


def test_the_commands_write_the_site_and_the_open_data(desk, tmp_path):
    runner = CliRunner()
    data_dir = ["--data-dir", str(desk.app.settings.data_dir)]
    site = runner.invoke(cli, ["publish", SEED, "--out", str(tmp_path / "site"), *data_dir])
    assert site.exit_code == 0, site.output
    assert "published 3 submission(s)" in site.output and (tmp_path / "site" / "es" / "index.html").is_file()
    mode = (tmp_path / "site").stat().st_mode & 0o777
    assert mode == (tmp_path / "site" / "data").stat().st_mode & 0o777  # as the umask says, like the folders inside
    opendata = runner.invoke(cli, ["opendata", SEED, "--out", str(tmp_path / "od"), "--files-url",
                                   "https://example.org/files/", *data_dir])
    assert opendata.exit_code == 0, opendata.output
    urls = [f["url"] for s in json.loads((tmp_path / "od" / "submissions.json").read_text())["submissions"]
            for f in s["files"]]
    assert urls and all(u.startswith("https://example.org/files/") for u in urls)
    assert runner.invoke(cli, ["publish", "no-such-call", "--out", str(tmp_path / "x"), *data_dir]).exit_code == 1


def test_published_files_answer_head_and_byte_ranges(desk):
    client = desk.client()
    [listed, *_] = desk.staff.publication.public_call(SEED).submissions
    item = listed.files[0]
    url = f"/calls/{SEED}/submissions/{item.path}"
    whole = client.get(url).content
    head = client.head(url)
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) == len(whole)
    assert head.headers["etag"] == f'"{item.sha256}"' and head.headers["accept-ranges"] == "bytes"
    first = client.get(url, headers={"range": "bytes=0-9"})
    assert first.status_code == 206 and first.content == whole[:10]
    assert first.headers["content-range"] == f"bytes 0-9/{len(whole)}"
    assert client.get(url, headers={"range": "bytes=-5"}).content == whole[-5:]
    assert client.get(url, headers={"range": f"bytes={len(whole)}-"}).status_code == 416
    assert client.get(url, headers={"range": "bytes=0-1,5-6"}).content == whole  # several ranges: the whole file
    assert "sandbox" in first.headers["content-security-policy"]
