"""THE confidentiality invariant. Unique markers are planted in confidential, quarantined, withdrawn, rejected and
not-yet-approved submissions: in their text, annex file names, submitter metadata and document metadata. Then every
public URL of the running app (every link from /, the public API, search, error pages with markers and hidden
references in the URL), every file of the static export and every open-data file is read, PDFs and Office files
included, and no marker may appear anywhere. A published control proves the crawl reaches what it should."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

import pytest

from inputdesk.domain.accounts import Role
from inputdesk.domain.review import LinkKind
from inputdesk.domain.submission import SubmissionStatus as S, SubmitterDetails
from inputdesk.services.intake import IncomingFile
from inputdesk.web.public.static_site import export_site, write_open_data

from canary import crawl, export_files, leaks, marker, readable
from staff_world import SEED, World, make_pdf

HIDDEN = ("confidential", "madeconfidential", "withdrawn", "rejected", "pending", "received", "failed",
          "quarantined", "jointsecret", "duplicate")


def planted(world, kind: str, mark: str, **extra):
    """A submission carrying the marker everywhere a person's or an organisation's identity can hide."""
    main = make_pdf(f"Submission text mentioning {mark} in the body.", author=f"Author {mark}", title=f"Title {mark}")
    if kind == "failed":
        main = b"%PDF-1.7\n" + f"broken {mark}".encode() * 20
    annex = make_pdf(f"Annex text with {mark}.", author=f"Annex author {mark}")
    return world.receive(main, filename=f"{mark}.pdf", annexes=[(f"annex-{mark}.pdf", annex)],
                         **identity(mark), **extra), annex


def identity(mark: str) -> dict:
    return dict(submitter_name=f"Name {mark}", organisation=f"Org {mark}", contact_email=f"{mark.lower()}@example.org",
                joint_authors=[f"Partner {mark}"], stakeholder_category="civil_society_hotlines", language="en")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("canary"))
    rita = world.user("rita", Role.REVIEWER)
    review = world.staff.review
    world.markers = {kind: marker(kind) for kind in HIDDEN}
    world.control = marker("publicctrl")

    control, _ = planted(world, "control", world.control)
    world.approve(control.reference, rita)
    world.refs = {"control": control.reference}
    subs = {}
    for kind in ("confidential", "jointsecret"):
        subs[kind], _ = planted(world, kind, world.markers[kind], confidential=True)
    for kind in ("madeconfidential", "withdrawn", "rejected", "pending", "duplicate", "failed"):
        subs[kind], _ = planted(world, kind, world.markers[kind])
    quarantined_annex = make_pdf(f"Listed content {world.markers['quarantined']}")
    world.staff.screening.lists.import_csv(
        [f"sha256,{hashlib.sha256(quarantined_annex).hexdigest()},hotline-x,A1\n"], "hotline", "user:operator")
    mark = world.markers["quarantined"]
    [q] = world.app.intake.receive(SEED, IncomingFile(f"{mark}.pdf", make_pdf(f"Cover letter {mark}")),
                                   [IncomingFile(f"annex-{mark}.pdf", quarantined_annex)],
                                   details=SubmitterDetails(**identity(mark)))
    subs["quarantined"] = world.app.submissions.get_submission(q.submission_id)
    mark = world.markers["received"]
    [r] = world.app.intake.register(SEED, IncomingFile(f"{mark}.pdf", make_pdf(f"Unprocessed {mark}")),
                                    details=SubmitterDetails(**identity(mark)))
    subs["received"] = world.app.submissions.get_submission(r.submission_id)

    review.set_status(rita, subs["confidential"].reference, S.CONFIDENTIAL)
    review.link(rita, subs["jointsecret"].reference, control.reference, LinkKind.JOINT)
    review.link(rita, subs["duplicate"].reference, control.reference, LinkKind.DUPLICATE)
    review.set_status(rita, subs["rejected"].reference, S.REJECTED, "out of scope")
    for kind in ("madeconfidential", "withdrawn"):  # published first, so their removal is what is tested
        world.approve(subs[kind].reference, rita)
    world.subs = subs
    assert subs["quarantined"].status == S.QUARANTINED and subs["failed"].status == S.FAILED
    assert subs["received"].status == S.RECEIVED

    out = tmp_path_factory.mktemp("site") / "site"
    export_site(world.staff.publication, world.app.calls.get_call(SEED), out, ("en", "fr", "es"))
    world.before = export_files(out)  # while two of them were still published
    review.confirm_confidentiality(rita, subs["madeconfidential"].reference, True, "asked on 4 May")
    review.set_status(rita, subs["withdrawn"].reference, S.WITHDRAWN, "withdrawn by the author")
    export_site(world.staff.publication, world.app.calls.get_call(SEED), out, ("en", "fr", "es"))
    world.site = out
    world.opendata = tmp_path_factory.mktemp("opendata")
    write_open_data(world.staff.publication.public_call(SEED), world.opendata)
    yield world
    world.close()


def probes(desk) -> list[str]:
    """URLs nobody links to, with markers and the references of hidden submissions in them."""
    urls = ["/", "/api/calls", f"/api/calls/{SEED}/submissions.json", f"/api/calls/{SEED}/submissions.csv",
            f"/api/calls/{SEED}/datapackage.json", f"/calls/{SEED}/submissions?q=Org", f"/calls/{SEED}/submissions?q=a",
            "/staff/", "/staff/login"]
    for kind, mark in desk.markers.items():
        s = desk.subs[kind]
        ref = s.reference
        urls += [f"/{mark}", f"/calls/{mark}", f"/calls/{SEED}/{mark}", f"/calls/{SEED}/submissions?q={mark}",
                 f"/calls/{SEED}/submissions?q={ref}", f"/calls/{SEED}/submissions/{ref}/{ref}.pdf",
                 f"/calls/{SEED}/submissions/{ref}/{ref}-1.pdf", f"/calls/{SEED}/submissions/{ref}/{ref}-2.pdf",
                 f"/calls/{SEED}/submissions/{ref}/{mark}.pdf", f"/api/calls/{mark}/submissions.json",
                 f"/receipts/{ref}?key={mark}", f"/receipts/{ref}/receipt.json?key=0", f"/static/{mark}.css",
                 f"/staff/submissions/{ref}", f"/staff/submissions/{ref}/audit.json",
                 f"/staff/documents/{s.documents[0].id}/original", f"/staff/{mark}", f"/staff/login?next={mark}",
                 f"/calls/{SEED}/submissions?lang=fr&q={mark}"]
    return urls


def test_the_planted_markers_really_are_in_the_store(desk):
    """The canary is alive: every marker is in the database and files the public must never see."""
    for kind, mark in desk.markers.items():
        s = desk.app.submissions.get_submission(desk.subs[kind].id)
        assert mark in s.details.organisation and any(mark in d.filename for d in s.documents)
    assert any(desk.markers["madeconfidential"] in readable(data) for data in desk.before.values())
    assert any(desk.markers["withdrawn"] in readable(data) for data in desk.before.values())


def test_no_public_url_of_the_running_app_shows_a_marker(desk):
    client = desk.client()
    pages = crawl(client, probes(desk))
    problems = {}
    for url, response in pages.items():
        text = readable(response.content, response.headers.get("content-type", "")) + str(response.headers)
        # A probe's own marker may come back only inside links to the same address (the language switcher repeats
        # the page's path and query) and in the search box holding the query; anything the page shows from the
        # database would be outside them.
        for mark in (m for m in desk.markers.values() if m.casefold() in unquote(url).casefold()):
            text = re.sub(r'(?:href|value)="[^"]*"', lambda h, m=mark: "" if m.casefold() in unquote(h.group(0))
                          .casefold() else h.group(0), text)
        found = leaks(text, desk.markers)
        if found:
            problems[url] = found
    assert not problems, problems
    # the crawl reached the published control, its files and the languages
    control = desk.refs["control"]
    files = [u for u, r in pages.items() if u.startswith(f"/calls/{SEED}/submissions/{control}/")
             and r.status_code == 200]
    assert files and any(desk.control in readable(pages[u].content) for u in files)
    assert any("lang=fr" in u for u in pages) and len(pages) > 100
    page = pages[f"/calls/{SEED}/submissions?q=a"].text if False else client.get(f"/calls/{SEED}/submissions").text
    assert desk.control in page  # the control's organisation is listed, with its joint partner


def test_no_file_of_the_static_export_or_the_open_data_shows_a_marker(desk):
    files = export_files(desk.site) | {f"opendata/{k}": v for k, v in export_files(desk.opendata).items()}
    problems = {name: found for name, data in files.items() if (found := leaks(name + readable(data), desk.markers))}
    assert not problems, problems
    assert any(desk.control in readable(data) for name, data in files.items() if name.startswith("files/"))
    assert {"index.html", "fr/index.html", "es/index.html", "data/submissions.json", "data/submissions.csv",
            "data/datapackage.json"} <= set(files)
