"""Importing files and folders in bulk, optionally described by a manifest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inputdesk.domain.submission import Channel, SubmitterDetails
from inputdesk.pipeline.sniff import sniff
from inputdesk.domain.extraction import FileKind
from inputdesk.services.intake import DUPLICATE, FAILED, IncomingFile, IntakeResult, IntakeService
from inputdesk.services.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest


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


def plan_import(paths: Iterable[Path], call, manifest: Path | None = None) -> list[PlannedItem]:
    """Files to import, in a stable order; manifest rows first, then files it does not mention."""
    files: list[Path] = []
    manifests: list[Path] = [manifest] if manifest else []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for name in MANIFEST_NAMES:
                if (path / name).exists() and not manifest:
                    manifests.append(path / name)
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)))
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
    return items


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def run_import(intake: IntakeService, call_id: str, items: list[PlannedItem], *, actor: str = "system:import",
               on_result: Callable[[PlannedItem, list[IntakeResult]], None] | None = None) -> ImportSummary:
    summary = ImportSummary()
    for item in items:
        try:
            main = IncomingFile(item.main.name, item.main.read_bytes())
            annexes = [IncomingFile(a.name, a.read_bytes()) for a in item.annexes]
            kind = sniff(main.data[:4096], main.filename)
            channel = Channel.EMAIL if kind in (FileKind.EML, FileKind.MSG, FileKind.MBOX) else Channel.IMPORT
            results = intake.receive(call_id, main, annexes, details=item.details, channel=channel,
                                     received_at=item.received_at, actor=actor)
        except OSError as exc:  # unreadable file on disk: report it and go on with the batch
            results = [IntakeResult(FAILED, item.main.name, reasons=[f"{item.main}: could not be read ({exc.strerror})"])]
        summary.results.extend(results)
        if on_result:
            on_result(item, results)
    return summary


__all__ = ["DUPLICATE", "ImportSummary", "PlannedItem", "plan_import", "run_import"]
