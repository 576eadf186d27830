"""Drafts between the form step and the final submit, staged under <data_dir>/staging (never in the blob store)."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from inputdesk.web.uploads import remove_quietly, stale_incoming

_OWNER = re.compile(r"[0-9a-f]{32,128}")  # a browser's hashed CSRF nonce: safe as a file name

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
ADULT, CHILD = "adult", "child"


@dataclass
class StagedFile:
    id: str
    role: str  # "main" | "annex"
    filename: str
    size: int
    sha256: str
    kind: str


@dataclass
class Draft:
    """What a person entered so far. `token` is the one-time form token: its hash becomes the intake source key."""

    token: str
    call_id: str
    path: str  # ADULT | CHILD
    owner: str  # hash of the browser's CSRF nonce: only that browser may see or submit the draft
    created_at: float
    values: dict = field(default_factory=dict)
    files: list[StagedFile] = field(default_factory=list)
    sent_before: str | None = None  # the reference this very form was already sent as (re-posted)
    sent_recently: str | None = None  # what this browser last sent to the call (a form reloaded by the back button)

    def main_file(self) -> StagedFile | None:
        return next((f for f in self.files if f.role == "main"), None)

    def annexes(self) -> list[StagedFile]:
        return [f for f in self.files if f.role == "annex"]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


class DraftStore:
    def __init__(self, root: Path, ttl_s: float):
        self.root = root
        self.ttl_s = ttl_s
        self.incoming = root / "incoming"
        self._sent = root.parent / "portal-sent"  # beside the staging folder, which is emptied after each send
        self._last_sweep = 0.0

    def _dir(self, token: str) -> Path:
        return self.root / "drafts" / token

    def load(self, token: str | None, owner: str) -> Draft | None:
        if not valid_token(token):
            return None
        try:
            raw = json.loads((self._dir(token) / "draft.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        draft = Draft(**{**raw, "files": [StagedFile(**f) for f in raw.get("files", [])]})
        if draft.owner != owner or time.time() - draft.created_at > self.ttl_s:
            return None
        return draft

    def exists(self, token: str) -> bool:
        return valid_token(token) and self._dir(token).exists()

    def start(self, token: str, call_id: str, path: str, owner: str) -> Draft:
        return Draft(token=token, call_id=call_id, path=path, owner=owner, created_at=time.time())

    def save(self, draft: Draft) -> None:
        folder = self._dir(draft.token)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".draft-{secrets.token_hex(6)}.json"
        tmp.write_text(json.dumps(asdict(draft), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / "draft.json")  # a reader never sees half a draft

    def adopt(self, draft: Draft, source: Path, staged: StagedFile) -> None:
        """Move an accepted upload from incoming/ into the draft (same file system: a rename, not a copy)."""
        folder = self._dir(draft.token)
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(source, folder / staged.id)
        draft.files.append(staged)

    def drop_file(self, draft: Draft, file_id: str) -> None:
        for staged in [f for f in draft.files if f.id == file_id]:
            draft.files.remove(staged)
            remove_quietly(self._dir(draft.token) / staged.id)

    def read(self, draft: Draft, staged: StagedFile) -> bytes:
        return (self._dir(draft.token) / staged.id).read_bytes()

    def remember_sent(self, owner: str, call_id: str, reference: str) -> None:
        """This browser's last sent submission to a call, so that a form filled in again (after the back button,
        which reloads an empty form) can say so. Only the reference and the time; kept as long as drafts."""
        if not _OWNER.fullmatch(owner):
            return
        folder = self._sent
        folder.mkdir(parents=True, exist_ok=True)
        record = {"call_id": call_id, "reference": reference, "at": time.time()}
        tmp = folder / f".{owner}-{secrets.token_hex(4)}"
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, folder / f"{owner}.json")

    def last_sent(self, owner: str, call_id: str) -> str | None:
        """The reference this browser last sent to the call, if within the drafts' lifetime."""
        if not _OWNER.fullmatch(owner):
            return None
        try:
            record = json.loads((self._sent / f"{owner}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        fresh = time.time() - record.get("at", 0) <= self.ttl_s
        return record.get("reference") if fresh and record.get("call_id") == call_id else None

    def discard(self, token: str) -> None:
        if valid_token(token):
            shutil.rmtree(self._dir(token), ignore_errors=True)

    def sweep(self, *, force: bool = False) -> int:
        """Remove expired drafts and stray partial uploads; cheap enough to call on every form post."""
        now = time.time()
        if not force and now - self._last_sweep < 300:
            return 0
        self._last_sweep = now
        removed = 0
        for stray in stale_incoming(self.incoming, now - 3600):
            remove_quietly(stray)
            removed += 1
        drafts = self.root / "drafts"
        if drafts.exists():
            for folder in drafts.iterdir():
                try:
                    age = now - folder.stat().st_mtime
                except FileNotFoundError:
                    continue
                if age > self.ttl_s:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        if self._sent.exists():  # what each browser last sent: kept as long as a draft
            for record in self._sent.iterdir():
                try:
                    if now - record.stat().st_mtime > self.ttl_s:
                        remove_quietly(record)
                except FileNotFoundError:
                    continue
        return removed
