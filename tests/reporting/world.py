"""An analysed call for report tests: the analysis tests' world (T-01..T-08), reviewed, plus submissions that plant
marker strings where no export may show them (confidential, rejected, withdrawn, redacted), a State, a late one,
and an approved one never checked for personal data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

from analysis.world import CALL, SEXTORTION_EN, add_submission, build_world
from inputdesk.bootstrap_analysis import build_analysis
from inputdesk.bootstrap_reporting import build_reporting
from inputdesk.config import Settings
from inputdesk.domain.redaction import MANUAL, RedactionProposal, RedactionStatus, span_sha256
from inputdesk.domain.submission import AuditEvent, SubmissionStatus
from inputdesk.pipeline.analysis.embedders import CachingEmbedder, HashingEmbedder
from inputdesk.services.personal_data_screen import SCREENED
from inputdesk.storage.sql_redaction import SqlRedactionStore

NOW = datetime(2024, 7, 1, tzinfo=UTC)
REDACTED_NAME = "Jane Marrowbone"
# Strings that exist only in submissions no export may quote, name or cite (or in text a reviewer removed).
MARKERS = ("Quillfeather Confidential Trust", "QUILLFEATHER-TEXT-93", "quillfeather-file-93", "Zorblat Joint Network",
           "Velvetmoss Private Unit", "VELVETMOSS-TEXT-17", "velvetmoss-file-17", "REJECTED-MARKER-41",
           "Rejectedorg Ltd", "WITHDRAWN-MARKER-42", "Withdrawnorg", "Org T-08", "We add a few words of our own",
           "Hidden content that must never be analysed", REDACTED_NAME)
LEFT_OUT = ("T-07", "T-10", "T-11", "T-12", "T-13", "T-08")  # never cited: quarantined, confidential, rejected ...


def _planted(subs, reference, org, text_marker, file_marker, *, status, confidential, joint=()):
    s = add_submission(subs, reference, [
        (None, "Question 1"),
        (None, f"{SEXTORTION_EN} In our files {text_marker} shows the same pattern in every region we cover."),
        (None, "Question 2"),
        (None, f"States should fund specialised units and require platforms to report sextortion at once; "
               f"{text_marker} explains why."),
    ], status=status, category="law_enforcement", country="GB", confidential=confidential, joint=joint)
    s.details.organisation = org
    s.documents[0].filename = f"{file_marker}.docx"
    subs.update_submission(s)
    subs.update_document(s.documents[0])
    return s


def build_report_world(data_dir, engine):
    calls, audit, subs = build_world(engine)
    for ref in ("T-01", "T-02", "T-03"):
        s = subs.get_by_reference(ref)
        subs.update_submission(replace(s, status=SubmissionStatus.APPROVED))
    _planted(subs, "T-10", "Quillfeather Confidential Trust", "QUILLFEATHER-TEXT-93", "quillfeather-file-93",
             status=SubmissionStatus.CONFIDENTIAL, confidential=True, joint=("Zorblat Joint Network",))
    _planted(subs, "T-11", "Velvetmoss Private Unit", "VELVETMOSS-TEXT-17", "velvetmoss-file-17",
             status=SubmissionStatus.NEEDS_REVIEW, confidential=True)
    _planted(subs, "T-12", "Rejectedorg Ltd", "REJECTED-MARKER-41", "rejected-file", status=SubmissionStatus.REJECTED,
             confidential=False)
    _planted(subs, "T-13", "Withdrawnorg", "WITHDRAWN-MARKER-42", "withdrawn-file", status=SubmissionStatus.WITHDRAWN,
             confidential=False)
    state = add_submission(subs, "T-14", [
        (None, "Question 9"),
        (None, "A global alliance of States and companies should coordinate hash lists, research and victim "
               "support through one international mechanism with a permanent secretariat."),
        (None, "Question 6"),
        (None, "For example, we established a national hotline in 2021 that children can reach by chat, and it now "
               "refers every report to the police and to child protection services within a day.")],
        status=SubmissionStatus.APPROVED, category="states", country="NO")
    subs.update_submission(replace(state, received_at=datetime(2024, 6, 1, tzinfo=UTC)))  # after the deadline
    hotline = add_submission(subs, "T-20", [
        (None, "Question 1"),
        (None, f"Our hotline analyst {REDACTED_NAME} saw sextortion cases grow fastest: offenders pose as teenagers "
               "and threaten to share an intimate image unless money is paid within hours.")],
        status=SubmissionStatus.APPROVED, category="civil_society_hotlines", country="NL")
    passage = subs.passages_for_submission(hotline.id)[1]
    start = passage.text.index(REDACTED_NAME)
    SqlRedactionStore(engine).add_proposals([RedactionProposal(
        submission_id=hotline.id, passage_id=passage.id, document_id=passage.document_id, start=start,
        end=start + len(REDACTED_NAME), entity_type=MANUAL, score=1.0, text_sha256=span_sha256(REDACTED_NAME),
        source="user:test", profile="manual", status=RedactionStatus.ACCEPTED, decided_by="user:test",
        decided_at=NOW, created_at=NOW)])
    for s in subs.list_submissions(CALL):  # checked for personal data, all but T-03 (cited, never quoted)
        if s.reference != "T-03":
            audit.append(AuditEvent(actor="system:test", action=SCREENED, entity_type="submission",
                                    entity_id=str(s.id), at=NOW, after={"found": {}}))
    app = SimpleNamespace(settings=Settings(data_dir=data_dir), engine=engine, calls=calls, audit=audit,
                          submissions=subs, blobs=None)
    analysis = build_analysis(app, embedder=CachingEmbedder(HashingEmbedder()))
    analysis.analysis.run(CALL)
    return SimpleNamespace(app=app, analysis=analysis, submissions=subs, data_dir=data_dir,
                           reporting=build_reporting(app, analysis=analysis))
