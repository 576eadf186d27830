"""What the public sees of submissions: schemas that have no field for an e-mail, a person's name or a file name.

Every public surface (live pages, public API, static site, open data) is built from these and only these, and
they are built only from submissions for which `is_publicly_visible` holds. A confidential field cannot leak
through a template or a JSON encoder that never receives it.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from inputdesk.domain.submission import Submission

SCHEMA_VERSION = "inputdesk-opendata/1"


class _Public(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PublicFile(_Public):
    name: str  # "SR24-0007.pdf": made from the reference
    path: str  # "SR24-0007/SR24-0007.pdf": where it lives below the call's files
    label: str
    media_type: str
    size: int
    sha256: str


class PublicSubmission(_Public):
    id: str  # the submission's reference: stable, never reused
    call_id: str
    category: str | None  # stakeholder category id from the call
    authors: list[str]  # organisations (or the State); never a person's name or e-mail
    country: str | None  # ISO 3166-1 alpha-2
    language: str | None  # ISO 639-1
    date: date  # the day it was received (UTC)
    joint: bool
    files: list[PublicFile]


class PublicCategory(_Public):
    id: str | None
    label: str
    submissions: list[PublicSubmission]


class PublicCall(_Public):
    id: str
    title: str
    mandate: str
    categories: list[PublicCategory]  # in the call's order; only categories with submissions

    @property
    def submissions(self) -> list[PublicSubmission]:
        return [s for c in self.categories for s in c.submissions]


def _names(submission: Submission) -> list[str]:
    d = submission.details
    return [n for n in [d.organisation, *d.joint_authors] if n and n.strip()]


def public_authors(main: Submission, visible_parts: list[Submission]) -> list[str]:
    """The organisations behind a submission, with those of the other (published) copies of a joint submission.
    A person's own name is never used: without an organisation the list is empty ('individual submission')."""
    seen: dict[str, str] = {}
    for submission in (main, *visible_parts):
        for name in _names(submission):
            seen.setdefault(" ".join(name.split()).casefold(), " ".join(name.split()))
    return list(seen.values())
