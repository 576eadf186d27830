"""Open data: the public view of a call as JSON and CSV with stable identifiers, and a Frictionless Data Package
descriptor that documents every column (docs/publication.md explains them)."""

from __future__ import annotations

import csv
import io
import json

from inputdesk.services.publication_schema import SCHEMA_VERSION, PublicCall

CSV_FIELDS = [
    ("id", "string", "The submission's reference, e.g. SR24-0007: stable, never reused."),
    ("call_id", "string", "The call for input it answers."),
    ("category", "string", "Stakeholder category id from the call (e.g. states, civil_society_hotlines)."),
    ("category_label", "string", "The category as the call names it."),
    ("authors", "string", "Organisations (or the State) that submitted it, separated by ' | '. Empty: an "
                          "individual submission (people's names are never published)."),
    ("country", "string", "ISO 3166-1 alpha-2 country code, if given."),
    ("language", "string", "ISO 639-1 language code of the submission."),
    ("date", "date", "The day it was received (UTC)."),
    ("joint", "boolean", "Submitted jointly by several organisations."),
    ("files", "string", "Paths of its published files, separated by ' | ', relative to the files folder."),
    ("sha256", "string", "SHA-256 of each published file, in the same order, separated by ' | '."),
]


def _safe(value: str) -> str:
    # Spreadsheets run cells that start with these as formulas; an organisation name must never do that.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_json(public: PublicCall, file_prefix: str) -> str:
    """One document: the call, and its submissions with absolute or relative file URLs (`file_prefix` + path)."""
    # The label of the group the submission is listed under, as in the CSV and on the page (a submission without
    # a category sits under the call's "other" category).
    doc = {"schema": SCHEMA_VERSION,
           "call": {"id": public.id, "title": public.title, "mandate": public.mandate},
           "submissions": [{**s.model_dump(mode="json", exclude={"files"}), "category_label": c.label,
                            "files": [{**f.model_dump(mode="json"), "url": file_prefix + f.path} for f in s.files]}
                           for c in public.categories for s in c.submissions]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_csv(public: PublicCall) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in CSV_FIELDS])
    for category in public.categories:
        for s in category.submissions:
            writer.writerow([_safe(v) for v in (
                s.id, s.call_id, s.category or "", category.label, " | ".join(s.authors), s.country or "",
                s.language or "", s.date.isoformat(), "true" if s.joint else "false",
                " | ".join(f.path for f in s.files), " | ".join(f.sha256 for f in s.files))])
    return out.getvalue()


def datapackage(public: PublicCall) -> str:
    descriptor = {
        "name": f"{public.id}-submissions",
        "title": f"Submissions to: {public.title}",
        "profile": "tabular-data-package",
        "schema_version": SCHEMA_VERSION,
        "resources": [
            {"name": "submissions", "path": "submissions.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "profile": "tabular-data-resource",
             "schema": {"primaryKey": "id",
                        "fields": [{"name": n, "type": t, "description": d} for n, t, d in CSV_FIELDS]}},
            {"name": "submissions-json", "path": "submissions.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8"},
        ],
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
