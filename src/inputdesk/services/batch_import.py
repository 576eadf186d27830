"""Importing files and folders in bulk, optionally described by a manifest."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inputdesk.domain.submission import Channel, SubmitterDetails
from inputdesk.pipeline.sniff import SAMPLE_BYTES, sniff
from inputdesk.domain.extraction import FileKind
from inputdesk.services.intake import DUPLICATE, FAILED, IncomingFile, IntakeResult, IntakeService
from inputdesk.services.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest

log = logging.getLogger(__name__)


@dataclass
class PlannedItem:
    main: Path
    annexes: list[Path] = field(default_factory=list)
    details: SubmitterDetails | None = None
    received_at: object = None


@dataclass
class ImportSummary:
    results: list[IntakeResult] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    @property
    def failures(self) -> list[IntakeResult]:
        return [r for r in self.results if r.outcome == FAILED or r.reasons]


class ImportPlan(list):
    """The items to import, in order, and what was left out of the folders with the reason (a person should know)."""

    def __init__(self, items=(), skipped: list[tuple[str, str]] | None = None):
        super().__init__(items)
        self.skipped = skipped or []


def plan_import(paths: Iterable[Path], call, manifest: Path | None = None) -> ImportPlan:
    """Files to import, in a stable order; manifest rows first, then files it does not mention. In folders, a
    manifest (manifest.csv or manifest.json, in any subfolder) describes files and is not imported itself; with
    `manifest` given, the folders' own manifests are left out. Links, special and hidden files are listed in
    `skipped` with the reason."""
    files: list[Path] = []
    manifests: list[Path] = [manifest] if manifest else []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found, found_manifests = _walk(path, skipped)
            files.extend(found)
            for m in found_manifests:
                if manifest and m.resolve() == manifest.resolve():
                    continue
                if manifest:
                    skipped.append((str(m), "a manifest; not used, because --manifest names another one"))
                else:
                    manifests.append(m)
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path} does not exist")
    entries: list[ManifestEntry] = []
    for m in manifests:
        entries.extend(read_manifest(m, call))
    claimed = {e.file.resolve() for e in entries} | {a.resolve() for e in entries for a in e.annexes}
    skip = {m.resolve() for m in manifests}
    items = [PlannedItem(e.file, e.annexes, e.details, e.received_at) for e in entries]
    items += [PlannedItem(f) for f in files if f.resolve() not in claimed and f.resolve() not in skip]
    return ImportPlan(items, skipped)


def _walk(root: Path, skipped: list[tuple[str, str]]) -> tuple[list[Path], list[Path]]:
    """Regular files under `root` (sorted, without following links, however deep) and the manifests among them."""
    files: list[Path] = []
    manifests: list[Path] = []
    folders = [root]
    while folders:  # a stack, not recursion: a folder nested a thousand deep is still read
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append((str(folder), f"the folder could not be read ({exc.strerror})"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                skipped.append((str(path), "hidden (its name starts with a dot)"))
            elif entry.is_symlink():
                skipped.append((str(path), "a link; import the file or folder it points to directly if it belongs"))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif not entry.is_file(follow_symlinks=False):
                skipped.append((str(path), "not a regular file (a device, pipe or socket)"))
            elif entry.name.lower() in MANIFEST_NAMES:
                manifests.append(path)
            else:
                files.append(path)
    return sorted(files), sorted(manifests)


def readable_name(path: Path) -> str:
    """The file's name as text. A name that is not valid UTF-8 (made on an older system) is read as Windows-1252,
    which is what such names most often are, so "r\\xe9sum\\xe9.txt" shows as "résumé.txt"."""
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return name


def run_import(intake: IntakeService, call_id: str, items: list[PlannedItem], *, actor: str = "system:import",
               on_result: Callable[[PlannedItem, list[IntakeResult]], None] | None = None) -> ImportSummary:
    summary = ImportSummary()
    for item in items:
        name = readable_name(item.main)
        try:
            main = _incoming(intake, item.main, name)
            annexes = [_incoming(intake, a, readable_name(a)) for a in item.annexes]
            kind = sniff(main.data[:SAMPLE_BYTES], main.filename)
            channel = Channel.EMAIL if kind in (FileKind.EML, FileKind.MSG, FileKind.MBOX) else Channel.IMPORT
            results = intake.receive(call_id, main, annexes, details=item.details, channel=channel,
                                     received_at=item.received_at, actor=actor)
        except OSError as exc:  # unreadable file on disk: report it and go on with the batch
            results = [IntakeResult(FAILED, name, reasons=[f"{name}: could not be read ({exc.strerror})"])]
        except Exception as exc:  # noqa: BLE001 - one file must never stop the batch; say what happened
            log.exception("importing %s failed", name)
            results = [IntakeResult(FAILED, name, reasons=[
                f"{name}: InputDesk could not import this file because of an unexpected error "
                f"({type(exc).__name__}: {exc}). The rest of the batch went on; please report this."])]
        if item.details is not None:
            _note_unapplied_details(intake, item.details, results)
        summary.results.extend(results)
        if on_result:
            on_result(item, results)
    return summary


_COMPARED = ("organisation", "stakeholder_category", "country", "confidential", "submitter_name")


def _note_unapplied_details(intake: IntakeService, details: SubmitterDetails, results: list[IntakeResult]) -> None:
    """A manifest row whose file was already received (the same bytes, from another sender or an earlier import)
    does not change that submission; where the row says something else, a person must decide, above all when it
    asks for confidentiality."""
    for result in results:
        if result.outcome != DUPLICATE or result.submission_id is None:
            continue
        stored = intake.submissions.get_submission(result.submission_id).details
        differ = [field for field in _COMPARED if getattr(details, field) not in (None, getattr(stored, field))]
        if "confidential" in differ and not details.confidential:
            differ.remove("confidential")  # "no" on a row never lifts a request for confidentiality
        if differ:
            asks = " It asks for confidentiality: check it at once." if "confidential" in differ else ""
            result.reasons.append(
                f"{result.filename} was already received as {result.reference}; the manifest's details for it "
                f"({', '.join(differ)}) differ and were not applied. Correct {result.reference} in the console if "
                f"they belong to it.{asks}")


def _incoming(intake: IntakeService, path: Path, name: str) -> IncomingFile:
    """The file read into memory, or, when it is over the per-file limit (it will be refused unread), stored in
    chunks with only its beginning read: a file larger than the memory must not stop the import."""
    size = path.stat().st_size
    if size <= intake.limits.max_bytes:
        return IncomingFile(name, path.read_bytes())
    with open(path, "rb") as source:
        head = source.read(SAMPLE_BYTES)
    return IncomingFile(name, head, stored=(intake.blobs.put_file(path), size))


__all__ = ["DUPLICATE", "ImportPlan", "ImportSummary", "PlannedItem", "plan_import", "readable_name", "run_import"]
