"""Import manifests (CSV or JSON): who sent each file. The format is documented in docs/import-formats.md."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pycountry

from inputdesk.domain.call import Call
from inputdesk.domain.submission import SubmitterDetails
from inputdesk.pipeline.extract.encoding import decode_text

MANIFEST_NAMES = ("manifest.csv", "manifest.json")
COLUMNS = (
    "file", "annexes", "submitter_name", "organisation", "stakeholder_category", "country", "language",
    "contact_email", "confidential", "joint_authors", "from_child", "received_at",
)
_YES = {"yes", "y", "true", "1", "oui", "sí", "si"}
_NO = {"no", "n", "false", "0", "non", ""}


class ManifestError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass
class ManifestEntry:
    file: Path
    details: SubmitterDetails
    annexes: list[Path] = field(default_factory=list)
    received_at: datetime | None = None


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 from a code or an English name ('France', 'FRA', 'fr')."""
    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        raise ValueError(f"unknown country {value!r}; use an ISO 3166 code such as 'FR' or an English name") from None


def _flag(value: str, column: str) -> bool:
    v = (value or "").strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise ValueError(f"{column} must be yes or no, not {value!r}")


def _split(value: str | list | None) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class RowProblems(ValueError):
    """Everything wrong with one row, found at once (a person fixes the file in one go)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _entry(raw: object, base: Path, call: Call) -> ManifestEntry:
    if not isinstance(raw, dict):
        raise RowProblems([f"expected an object with the columns {', '.join(COLUMNS)}, not {type(raw).__name__}"])
    problems: list[str] = []
    if None in raw:  # csv.DictReader puts the values of a row longer than the header under None
        problems.append(f"{len(raw[None])} value(s) more than the header has columns")
    unknown = {str(k) for k in raw if k is not None} - set(COLUMNS)
    if unknown:
        problems.append(f"unknown column(s) {sorted(unknown)}; allowed: {', '.join(COLUMNS)}")
    name = str(raw.get("file") or "").strip()
    if not name:
        problems.append("'file' is empty")
    text = {k: (str(v).strip() if v is not None and not isinstance(v, (list, bool)) else v) for k, v in raw.items()
            if k is not None}
    category = text.get("stakeholder_category") or None
    if category and not call.has_category(category):
        allowed = ", ".join(c.id for c in call.stakeholder_categories)
        problems.append(f"stakeholder_category {category!r} is not one of this call's: {allowed}")

    def checked(read, *args):
        try:
            return read(*args)
        except ValueError as exc:
            problems.append(str(exc))
            return None

    country = checked(country_code, text["country"]) if text.get("country") else None
    confidential = raw["confidential"] if isinstance(raw.get("confidential"), bool) \
        else checked(_flag, text.get("confidential") or "", "confidential")
    from_child = raw["from_child"] if isinstance(raw.get("from_child"), bool) \
        else checked(_flag, text.get("from_child") or "", "from_child")
    received = checked(_moment, text["received_at"]) if text.get("received_at") else None
    if problems:
        raise RowProblems(problems)
    details = SubmitterDetails(
        submitter_name=text.get("submitter_name") or None,
        organisation=text.get("organisation") or None,
        stakeholder_category=category,
        country=country,
        language=(text.get("language") or None),
        contact_email=text.get("contact_email") or None,
        confidential=bool(confidential),
        joint_authors=_split(raw.get("joint_authors")),
        from_child=bool(from_child),
    )
    for missing in ("organisation", "stakeholder_category", "country"):
        if getattr(details, missing) is None:
            details.needs_review[missing] = "not given in the manifest"
    return ManifestEntry(
        file=(base / name), details=details, annexes=[base / a for a in _split(raw.get("annexes"))], received_at=received
    )


def _moment(value: str) -> datetime:
    try:
        received = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"received_at {value!r} is not an ISO 8601 date-time") from None
    return received.replace(tzinfo=UTC) if received.tzinfo is None else received


def _text(path: Path) -> str:
    """The manifest's text: UTF-8 (with or without a byte-order mark), else the encoding it is most likely in
    (spreadsheets save CSV in the computer's own encoding, such as Windows-1252)."""
    text = decode_text(path.read_bytes())  # the same reading as any text file received
    if text is None:
        raise ManifestError(str(path), ["its text encoding could not be recognised; save it as UTF-8"])
    return text


def read_manifest(path: Path, call: Call) -> list[ManifestEntry]:
    """Parse a manifest; every row problem is reported at once with its row number."""
    data = _text(path)
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ManifestError(str(path), [f"not valid JSON: {exc}"]) from None
        if isinstance(rows, dict):
            rows = rows.get("submissions", [])
        if not isinstance(rows, list):
            raise ManifestError(str(path), ["expected a list of submissions (or {\"submissions\": [...]})"])
    else:
        rows = list(csv.DictReader(io.StringIO(data)))
    entries: list[ManifestEntry] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for number, raw in enumerate(rows, start=2 if path.suffix.lower() != ".json" else 1):
        label = f"row {number}" if path.suffix.lower() != ".json" else f"entry {number}"
        try:
            entry = _entry(raw, path.parent, call)
        except RowProblems as exc:
            problems.extend(f"{label}: {problem}" for problem in exc.problems)
            continue
        for f in (entry.file, *entry.annexes):
            if not f.exists():
                problems.append(f"{label}: file {f.name!r} not found next to the manifest")
        if entry.file in seen:
            problems.append(f"{label}: {entry.file.name!r} is listed twice")
        seen.add(entry.file)
        entries.append(entry)
    if problems:
        raise ManifestError(str(path), problems)
    return entries
