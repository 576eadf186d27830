"""Operators' hash lists: import (validated, stored encrypted, audited by counts only) and the in-memory matcher."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from inputdesk.domain.hash_screening import HashListSummary
from inputdesk.domain.submission import AuditEvent
from inputdesk.pipeline.screening.hashlists import parse_hash_csv
from inputdesk.ports import AuditLog, Clock
from inputdesk.services.screening_ports import HashListStore

log = logging.getLogger(__name__)


class HashListNameError(ValueError):
    """A hash list name that cannot be used (empty, too long, or with characters we refuse)."""


@dataclass(frozen=True)
class MatchPolicy:
    max_distance: int = 31  # PDQ: at most this many of 256 bits differ
    min_quality: int = 50  # PDQ hashes of flat or featureless pictures match everything; ignore them


class HashListService:
    def __init__(self, lists: HashListStore, audit: AuditLog, clock: Clock):
        self.lists = lists
        self.audit = audit
        self.clock = clock

    def import_csv(self, lines: Iterable[str], name: str, actor: str, source: str = "the file") -> HashListSummary:
        """Validate the whole file, then store it encrypted under `name`, replacing an earlier import."""
        name = _checked_name(name)
        content = parse_hash_csv(lines, name, source)  # raises HashListFormatError; nothing stored then
        summary = self.lists.replace_list(content, actor, self.clock.now())
        self.audit.append(AuditEvent(actor=actor, action="hashlist.imported", entity_type="hash_list",
                                     entity_id=name, at=self.clock.now(),
                                     after={"counts": summary.counts, "version": summary.version}))
        log.info("hash list %r imported: %d hashes (version %d)", name, summary.total, summary.version)
        return summary

    def remove(self, name: str, actor: str) -> bool:
        removed = self.lists.remove_list(name)
        if removed:
            self.audit.append(AuditEvent(actor=actor, action="hashlist.removed", entity_type="hash_list",
                                         entity_id=name, at=self.clock.now()))
        return removed

    def summaries(self) -> list[HashListSummary]:
        return self.lists.summaries()


class MatcherCache:
    """The decrypted lists as a matcher, rebuilt only when a list was imported, replaced or removed."""

    def __init__(self, lists: HashListStore):
        self.lists = lists
        self._lock = threading.Lock()
        self._fingerprint: tuple | None = None
        self._matcher = None

    def current(self):
        """A `HashListMatcher`, or None while no list is imported."""
        fingerprint = self.lists.fingerprint()
        with self._lock:
            if fingerprint != self._fingerprint:
                contents = self.lists.load_all() if fingerprint else []
                if contents:
                    from inputdesk.pipeline.screening.matcher import HashListMatcher  # numpy: only when needed

                    self._matcher = HashListMatcher(contents)
                else:
                    self._matcher = None
                self._fingerprint = fingerprint
            return self._matcher


def _checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 120 or not name.isprintable():
        raise HashListNameError("a hash list needs a name of 1 to 120 printable characters (--name), "
                                "e.g. --name iwf-2024-11")
    return name
