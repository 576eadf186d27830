"""What the demo corpus promises: one PlannedSubmission per submission, usable as labels by tests and evals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The seed call's deadline; submissions received after it demonstrate the "late" flag.
DEADLINE = "2024-05-15T23:59:00Z"

MANIFEST_COLUMNS = (
    "file",
    "annexes",
    "submitter_name",
    "organisation",
    "stakeholder_category",
    "country",
    "language",
    "contact_email",
    "confidential",
    "joint_authors",
    "from_child",
    "received_at",
)

# Special roles a submission plays in the demo (PlannedSubmission.roles).
ROLES = {
    "multi_page": "a PDF of two pages or more",
    "table": "contains a table",
    "quoted_headings": "headings quote the call's questions word for word",
    "numbered_answers": "answers the questions by number only",
    "free_form": "ignores the question structure (a report written for another purpose)",
    "joint": "submitted by several organisations together",
    "confidential": "asks not to be published",
    "personal_data": "contains fictional personal data to redact",
    "near_duplicate": "a second copy of another submission, with a cover note",
    "campaign": "template text shared with other submissions",
    "child": "written by children (the child path)",
    "annex_image": "has an image annex",
    "email_attachments": "an .eml whose content is in its attachments",
    "mbox": "one message in a mailbox file holding several submissions",
    "not_in_manifest": "left out of manifest.csv; the importer must infer its metadata",
    "encrypted": "a PDF that needs a password",
    "corrupt": "a damaged file that cannot be opened",
    "late": "received after the deadline",
}


@dataclass(frozen=True)
class PlannedSubmission:
    """One submission in the demo corpus and what an importer or analyst should find in it."""

    key: str  # stable id within the corpus, "s01" ...
    file: str  # path relative to the manifest
    format: str  # pdf, docx, odt, rtf, html, txt, md, eml, mbox
    title: str
    submitter_name: str
    organisation: str
    stakeholder_category: str  # a category id of the seed call
    country: str  # ISO 3166-1 alpha-2
    language: str  # ISO 639-1
    contact_email: str
    received_at: str | None  # ISO 8601 with Z; None when nothing records it
    confidential: bool = False
    joint_authors: tuple[str, ...] = ()
    from_child: bool = False
    annexes: tuple[str, ...] = ()  # separate annex files, relative to the manifest
    attachments: tuple[str, ...] = ()  # file names inside an e-mail
    in_manifest: bool = True
    roles: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # question ids the text substantively answers
    themes: tuple[str, ...] = ()
    duplicate_of: str | None = None  # key of the submission this one repeats
    campaign: str | None = None  # name of the shared template
    mbox_index: int | None = None  # position of the message in its mailbox
    message_id: str | None = None
    password: str | None = None  # user password of an encrypted PDF
    readable: bool = True  # False when no extractor can be expected to get text out
    personal_data: tuple[str, ...] = ()  # exact strings a redaction step should find
    word_count: int = 0  # words in the source text, without the fictional-document notice

    @property
    def late(self) -> bool:
        return self.received_at is not None and self.received_at > DEADLINE


@dataclass
class DemoCorpus:
    out_dir: Path
    files: list[Path]  # every file written, manifest included
    manifest: Path
    submissions: list[PlannedSubmission] = field(default_factory=list)

    def by_key(self, key: str) -> PlannedSubmission:
        for submission in self.submissions:
            if submission.key == key:
                return submission
        raise KeyError(f"no planned submission {key!r} in the demo corpus")

    def with_role(self, role: str) -> list[PlannedSubmission]:
        return [s for s in self.submissions if role in s.roles]
