"""Checking that every stored original is still there, byte for byte (`inputdesk fsck`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from inputdesk.ports import BlobStore


@dataclass
class FsckReport:
    checked: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (sha256, used by)
    altered: list[tuple[str, str]] = field(default_factory=list)
    unreferenced: int = 0  # stored but not (yet) used by any document or split mailbox

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered


def check_blobs(blobs: BlobStore, submissions) -> FsckReport:
    report = FsckReport()
    referenced: dict[str, str] = {}
    for sha, where in submissions.blob_references():
        referenced.setdefault(sha, where)
    stored = set(blobs.digests())
    for sha in sorted(stored | set(referenced)):
        report.checked += 1
        state = blobs.verify(sha)
        where = referenced.get(sha, "(not referenced)")
        if state == "missing":
            report.missing.append((sha, where))
        elif state == "altered":
            report.altered.append((sha, where))
    report.unreferenced = len(stored - set(referenced))
    return report
