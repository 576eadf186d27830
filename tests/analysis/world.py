"""A small, real call for analysis tests: the seed call and a handful of submissions stored with their passages
(no extraction needed), in English, French and Spanish."""

from __future__ import annotations

from datetime import UTC, datetime

from inputdesk.domain.submission import (
    Channel, Document, DocumentRole, ExtractionStatus, Passage, Submission, SubmissionStatus, SubmitterDetails)
from inputdesk.services.calls import ensure_seed_call
from inputdesk.storage.sql_calls import SqlAuditLog, SqlCallStore
from inputdesk.storage.sql_submissions import SqlSubmissionStore

CALL = "sr-sale-children-digital-2024"

SEXTORTION_EN = ("Sextortion cases grew fastest: offenders pose as teenagers, obtain an intimate image and then "
                 "threaten to share it with the child's friends unless money is paid within hours.")
SEXTORTION_FR = ("La sextorsion progresse vite : des adultes se font passer pour des adolescents, obtiennent une "
                 "image intime puis menacent de la diffuser aux amis de l'enfant s'il ne paie pas.")
ENCRYPTION_EN = ("End-to-end encryption by default means that evidence increasingly exists only on devices, and "
                 "police cannot obtain it from providers across borders in time.")
RECOMMENDATION_ES = "Los Estados deberían invertir en educación digital y sexual integral desde la primaria."
CAMPAIGN = ("We are writing as parents to ask the Special Rapporteur to call on States to make technology companies "
            "responsible for the safety of children, with an independent regulator that can fine them.")


def add_submission(subs: SqlSubmissionStore, reference: str, passages: list[tuple[str | None, str]], *,
                   status=SubmissionStatus.NEEDS_REVIEW, category="civil_society_hotlines", country="GB",
                   confidential=False, joint=(), annex: list[str] | None = None, annex_sha: str = "b" * 64):
    details = SubmitterDetails(organisation=f"Org {reference}", stakeholder_category=category, country=country,
                               confidential=confidential, joint_authors=list(joint))
    docs = [Document(role=DocumentRole.MAIN, filename=f"{reference}.txt", blob_sha256=reference.ljust(64, "a")[:64],
                     size=1, kind="text", status=ExtractionStatus.EXTRACTED)]
    if annex is not None:
        docs.append(Document(role=DocumentRole.ANNEX, filename="annex.txt", blob_sha256=annex_sha, size=1,
                             kind="text", status=ExtractionStatus.EXTRACTED))
    submission = Submission(call_id=CALL, reference=reference, channel=Channel.IMPORT, source_sha256=reference,
                            received_at=datetime(2024, 4, 1, tzinfo=UTC), details=details, status=status,
                            documents=docs)
    subs.add_submission(submission)
    subs.save_extraction(docs[0], [Passage(text=t, seq=i, heading=h) for i, (h, t) in enumerate(passages)])
    if annex is not None:
        subs.save_extraction(docs[1], [Passage(text=t, seq=i) for i, t in enumerate(annex)])
    return subs.get_by_reference(reference)


def build_world(engine):
    """Seed call plus eight submissions covering structure, languages, duplicates, campaigns and statuses."""
    calls, audit, subs = SqlCallStore(engine), SqlAuditLog(engine), SqlSubmissionStore(engine)
    ensure_seed_call(calls, audit)
    annex = ["The hotline's annual report: reports of online grooming rose by a third in 2023, mostly on social "
             "media and gaming platforms, and one in five reports concerned AI-generated images of children."]
    add_submission(subs, "T-01", [
        (None, "Question 1"), (None, SEXTORTION_EN),
        (None, "Question 2"), (None, "States should require online service providers to offer reporting tools a "
                                     "child can use in two taps and to answer every report within a day."),
        (None, "Question 4"), (None, ENCRYPTION_EN)], category="law_enforcement", annex=annex)
    add_submission(subs, "T-02", [
        ("Pregunta 2", RECOMMENDATION_ES),
        ("Pregunta 3", "Existe una brecha importante entre la norma y su aplicación: los protocolos escolares no se "
                       "aplican y el personal no conoce las guías.")], category="academics", country="AR",
        annex=annex)
    add_submission(subs, "T-03", [
        ("Les formes d'exploitation observées", SEXTORTION_FR),
        ("Nos recommandations", "Les États devraient créer des lignes de signalement nationales et les relier aux "
                                "services de protection de l'enfance.")], category="international_regional_organizations",
        country="SN", joint=("Réseau A", "Réseau B"))
    letter = [(None, CAMPAIGN), (None, "Children spend hours every day on phones, tablets and games consoles and "
                                       "meet strangers there who ask them for pictures.")]
    add_submission(subs, "T-04", letter + [(None, "Our own story: my daughter was contacted on a game chat.")],
                   category="communities_children")
    add_submission(subs, "T-05", letter + [(None, "In our village the school has no computer teacher at all.")],
                   category="communities_children")
    add_submission(subs, "T-06", [(None, SEXTORTION_EN), (None, ENCRYPTION_EN)], category="law_enforcement",
                   status=SubmissionStatus.APPROVED)
    add_submission(subs, "T-07", [(None, "Hidden content that must never be analysed: sextortion material list.")],
                   status=SubmissionStatus.QUARANTINED)
    add_submission(subs, "T-08", [(None, SEXTORTION_EN + " We add a few words of our own.")], confidential=True,
                   status=SubmissionStatus.CONFIDENTIAL)
    return calls, audit, subs
