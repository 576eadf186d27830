"""The personal-data screen: every received submission gets redaction proposals before a person reads it."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from inputdesk.domain.redaction import (
    FLAG_PII_CHECK_FAILED,
    FLAG_PII_FOUND,
    FLAG_PII_PATTERNS_ONLY,
    FLAG_PII_UNDECIDED,
    RedactionProposal,
    RedactionStatus,
    span_sha256,
)
from inputdesk.domain.submission import FLAG_FROM_CHILD, AuditEvent, Channel, Passage, Submission
from inputdesk.pipeline.personal_data.entities import (
    SUBMITTER_NAME,
    DetectionProfile,
    Finding,
    child_profile,
    drop_contained,
    standard_profile,
)
from inputdesk.ports import Clock
from inputdesk.services.redaction_ports import PersonalDataDetector, RedactionStore

log = logging.getLogger(__name__)
SCREENED = "personal_data.screened"  # the audit action that proves a submission was checked


@dataclass
class ScanResult:
    profile: str
    passages: int = 0
    new_proposals: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    patterns_only: list[str] = field(default_factory=list)  # languages checked without a name model
    failed_passages: int = 0
    unchecked_passages: int = 0  # beyond the screen's character budget


def is_from_child(submission: Submission) -> bool:
    return (submission.details.from_child or FLAG_FROM_CHILD in submission.flags
            or submission.channel == Channel.CHILD_PORTAL)


class PersonalDataScreen:
    """A SubmissionScreen. Proposes; never removes anything by itself: a reviewer decides each proposal."""

    name = "personal_data"

    def __init__(self, submissions, store: RedactionStore, detector: Callable[[], PersonalDataDetector], clock: Clock,
                 standard: DetectionProfile | None = None, child: DetectionProfile | None = None, *,
                 max_chars: int = 2_000_000):
        self.submissions = submissions  # needs passages_for_submission only
        self.store = store
        self._detector_factory = detector  # called on first use: loading spaCy models takes seconds
        self._detector: PersonalDataDetector | None = None
        self.clock = clock
        self.standard = standard or standard_profile()
        self.child = child or child_profile()
        self.max_chars = max_chars  # per submission: the name models take about a minute for two million

    @property
    def detector(self) -> PersonalDataDetector:
        if self._detector is None:
            self._detector = self._detector_factory()
        return self._detector

    def warm_up(self) -> None:
        """Build the detector now (e.g. in a thread when a web server starts), not on the first submission."""
        _ = self.detector

    def profile_for(self, submission: Submission) -> DetectionProfile:
        return self.child if is_from_child(submission) else self.standard

    def screen(self, submission: Submission, read_blob=None) -> None:
        try:
            self.scan(submission, actor="system:screen")
        except Exception:  # a screen must not raise for bad content; a person reads the whole submission instead
            log.exception("personal-data screening failed for submission %s", submission.id)
            submission.flags.add(FLAG_PII_CHECK_FAILED)

    def scan(self, submission: Submission, actor: str) -> ScanResult:
        """Detect, store new proposals (earlier decisions are kept) and set the submission's flags in memory;
        the caller saves the submission."""
        profile = self.profile_for(submission)
        result = ScanResult(profile.name)
        proposals: list[RedactionProposal] = []
        names = _known_names(submission)
        by_language: dict[str, list[Passage]] = {}
        budget = self.max_chars
        for passage in self.submissions.passages_for_submission(submission.id):
            budget -= len(passage.text)
            if budget < 0:  # the rest is left for a person: the submission is flagged as not fully checked
                result.unchecked_passages += 1
                continue
            language = passage.language or submission.language or submission.details.language
            by_language.setdefault(self.detector.capability(language).language, []).append(passage)
        for language, passages in by_language.items():
            result.passages += len(passages)
            for passage, found in zip(passages, self._detect(passages, language, profile, result)):
                if found is not None:
                    found = drop_contained(found + _name_findings(passage.text, names))
                    proposals += [self._proposal(submission, passage, f, profile) for f in found]
        result.patterns_only = sorted(lang for lang in by_language if self.detector.capability(lang).patterns_only)
        result.by_type = dict(Counter(p.entity_type for p in proposals))
        event = AuditEvent(actor=actor, action=SCREENED, entity_type="submission", entity_id=str(submission.id),
                           at=self.clock.now(), after={
                               "profile": profile.name, "threshold": profile.score_threshold,
                               "passages": result.passages, "found": result.by_type,
                               "patterns_only": result.patterns_only, "failed_passages": result.failed_passages,
                               "unchecked_passages": result.unchecked_passages})
        result.new_proposals = self.store.add_proposals(proposals, [event])
        self._set_flags(submission, result)
        return result

    def _detect(self, passages: list[Passage], language: str, profile: DetectionProfile,
                result: ScanResult) -> list[list[Finding] | None]:
        """Findings per passage (None where detection failed). One batch per language; if the batch fails, one
        passage at a time, so a single bad passage cannot hide the others' findings."""
        texts = [p.text for p in passages]
        try:
            return self.detector.detect_many(texts, language, profile)
        except Exception:
            log.exception("personal-data detection failed on a batch; retrying passage by passage")
        out: list[list[Finding] | None] = []
        for passage in passages:
            try:
                out.append(self.detector.detect(passage.text, language, profile))
            except Exception:
                log.exception("personal-data detection failed on passage %s", passage.id)
                result.failed_passages += 1
                out.append(None)
        return out

    def _proposal(self, submission: Submission, passage: Passage, f: Finding,
                  profile: DetectionProfile) -> RedactionProposal:
        return RedactionProposal(
            submission_id=submission.id, passage_id=passage.id, document_id=passage.document_id, start=f.start,
            end=f.end, entity_type=f.entity_type, score=f.score, text_sha256=span_sha256(passage.text[f.start:f.end]),
            source=f"presidio:{f.recognizer}" if f.recognizer != _KNOWN else _KNOWN, profile=profile.name,
            created_at=self.clock.now())

    def _set_flags(self, submission: Submission, result: ScanResult) -> None:
        stored = self.store.proposals_for_submission(submission.id)
        refresh_flags(submission, stored)
        if result.patterns_only:
            submission.flags.add(FLAG_PII_PATTERNS_ONLY)
        if result.failed_passages or result.unchecked_passages:
            submission.flags.add(FLAG_PII_CHECK_FAILED)
        else:
            submission.flags.discard(FLAG_PII_CHECK_FAILED)


def refresh_flags(submission: Submission, proposals: list[RedactionProposal]) -> None:
    """pii_found while any proposal exists; pii_undecided while any waits for a reviewer."""
    submission.flags.discard(FLAG_PII_FOUND)
    submission.flags.discard(FLAG_PII_UNDECIDED)
    if proposals:
        submission.flags.add(FLAG_PII_FOUND)
    if any(p.status == RedactionStatus.PROPOSED for p in proposals):
        submission.flags.add(FLAG_PII_UNDECIDED)


_KNOWN = "submitter_details"


def _known_names(submission: Submission) -> list[str]:
    # The sender's own name is personal data in any language, even where no name model exists.
    name = (submission.details.submitter_name or "").strip()
    return [name] if len(name) >= 4 else []


def _name_findings(text: str, names: list[str]) -> list[Finding]:
    findings = []
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE):
            findings.append(Finding(SUBMITTER_NAME, m.start(), m.end(), 0.9, _KNOWN))
    return findings
