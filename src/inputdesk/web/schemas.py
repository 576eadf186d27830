"""What the portal shows and hands out. A receipt schema has no field for a name or e-mail, so it cannot leak one."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from inputdesk.domain.call import Call
from inputdesk.domain.submission import Submission


class ReceiptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str  # main | answers | annex
    filename: str
    size: int
    sha256: str


class ReceiptPublic(BaseModel):
    """The submitter's proof of what was received: reference, time and the SHA-256 of every file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference: str
    call_id: str
    call_title: str
    received_at: datetime
    channel: str
    confidential: bool
    from_child: bool
    files: list[ReceiptFile]

    @classmethod
    def of(cls, submission: Submission, call: Call) -> "ReceiptPublic":
        # Only the files the person sent; attachments found inside them during extraction are staff detail.
        files = [ReceiptFile(role=d.role.value, filename=d.filename, size=d.size, sha256=d.blob_sha256)
                 for d in submission.documents if d.parent_id is None]
        return cls(reference=submission.reference, call_id=call.id, call_title=call.title,
                   received_at=submission.received_at, channel=submission.channel.value,
                   confidential=submission.details.confidential, from_child=submission.details.from_child,
                   files=files)

    def as_text(self, tr, title: str | None = None, size=None, when=None) -> str:
        """The receipt as plain text in the reader's language: `title`, the call's title in that language (it
        already says "Call for input"), `size` and `when`, how to write a file size and a moment."""
        _ = tr.gettext
        size = size or (lambda n: f"{n} B")
        when = when or (lambda moment: moment.isoformat(timespec="seconds"))
        # Plain concatenation, not f-strings: the message extractor cannot see _() inside an f-string.
        publication = _("keep confidential") if self.confidential else _("may be published")
        roles = {"main": _("main document"), "annex": _("annex"), "answers": _("your typed answers")}
        lines = [
            _("Receipt for your submission"),
            "",
            _("Reference: %(reference)s") % {"reference": self.reference},
            title or self.call_title,
            _("Received: %(date)s") % {"date": when(self.received_at)},
            _("Publication: %(choice)s") % {"choice": publication},
            "",
            _("Files received (SHA-256):"),
        ]
        for f in self.files:
            lines.append(f"  {f.sha256}  {f.filename}  ({size(f.size)}, {roles.get(f.role, f.role)})")
        lines += ["", _("Quote the reference in any message about this submission.")]
        return "\n".join(lines) + "\n"
