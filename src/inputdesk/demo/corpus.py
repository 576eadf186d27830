"""Write the fictional demo corpus of submissions to the seed call: files, annexes, mail and manifest.csv.

Run as ``python -m inputdesk.demo.corpus OUT_DIR``. The output is byte-identical from run to run.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from inputdesk.demo.catalogue import build_catalogue
from inputdesk.demo.plan import MANIFEST_COLUMNS, DemoCorpus, PlannedSubmission

MANIFEST_NAME = "manifest.csv"
# Files nobody dated (those left out of the manifest without an e-mail date) get this modification time.
_DEFAULT_MTIME = "2024-03-21T08:00:00Z"


def _timestamp(stamp: str) -> float:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def _manifest_row(s: PlannedSubmission) -> dict[str, str]:
    return {
        "file": s.file,
        "annexes": ";".join(s.annexes),
        "submitter_name": s.submitter_name,
        "organisation": s.organisation,
        "stakeholder_category": s.stakeholder_category,
        "country": s.country,
        "language": s.language,
        "contact_email": s.contact_email,
        "confidential": "yes" if s.confidential else "no",
        "joint_authors": ";".join(s.joint_authors),
        "from_child": "yes" if s.from_child else "no",
        "received_at": s.received_at or "",
    }


def render_manifest(submissions: list[PlannedSubmission]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for submission in submissions:
        if submission.in_manifest:
            writer.writerow(_manifest_row(submission))
    return out.getvalue().encode("utf-8")


def write_demo_corpus(out_dir: Path) -> DemoCorpus:
    """Write every demo file under out_dir (created if needed) and return what was planned.

    Existing files with the same names are overwritten; nothing else in out_dir is touched.
    """
    out_dir = Path(out_dir)
    catalogue = build_catalogue()
    received = {}
    for s in catalogue.planned:
        if s.received_at:
            received.setdefault(s.file, s.received_at)
            for annex in s.annexes:
                received.setdefault(annex, s.received_at)

    written: list[Path] = []
    for relative, data in catalogue.files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        # A plausible modification time helps an importer that falls back on it for the date received.
        stamp = _timestamp(received.get(relative, _DEFAULT_MTIME))
        os.utime(path, (stamp, stamp))
        written.append(path)

    manifest = out_dir / MANIFEST_NAME
    manifest.write_bytes(render_manifest(catalogue.planned))
    written.append(manifest)
    return DemoCorpus(out_dir=out_dir, files=written, manifest=manifest, submissions=list(catalogue.planned))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inputdesk.demo.corpus",
        description="Write the fictional demo corpus of submissions (files and manifest.csv) to OUT_DIR.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write into; created if missing")
    args = parser.parse_args(argv)
    corpus = write_demo_corpus(args.out_dir)
    in_manifest = sum(1 for s in corpus.submissions if s.in_manifest)
    print(
        f"Wrote {len(corpus.files)} files with {len(corpus.submissions)} fictional submissions "
        f"({in_manifest} listed in {corpus.manifest}) to {corpus.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
