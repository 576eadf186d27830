"""The demo corpus catalogue: which fictional submission goes into which file, with its labels."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from inputdesk.demo import content_community as community
from inputdesk.demo import content_es as es
from inputdesk.demo import content_fr as fr
from inputdesk.demo import content_institutions as institutions
from inputdesk.demo import content_research as research
from inputdesk.demo.document import FICTION_NOTICE, P, DemoDocument, with_fiction_notice
from inputdesk.demo.infographic import render_infographic
from inputdesk.demo.mail import Attachment, DemoEmail, reflow, render_eml, render_mbox
from inputdesk.demo.office import render_docx, render_odt, render_rtf
from inputdesk.demo.pdf import encrypt_pdf, render_pdf, truncate_pdf
from inputdesk.demo.plain import render_html, render_md, render_txt
from inputdesk.demo.plan import PlannedSubmission

PDF_PASSWORD = "secret"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_FOOTER = "Fictional demo document - InputDesk"


def _email_notice(language: str) -> str:
    return f"\n--\n[{FICTION_NOTICE[language]}]\n"


def _at(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def _words(text: str) -> int:
    return DemoDocument(title="", language="en", blocks=(P(text),)).word_count()


class CatalogueBuilder:
    """Collects the bytes of every file and the plan entry of every submission."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.planned: list[PlannedSubmission] = []

    def add_file(self, path: str, data: bytes) -> None:
        if path in self.files and self.files[path] != data:
            raise ValueError(f"two different demo files want the path {path}")
        self.files[path] = data

    def plan(self, doc: DemoDocument | None, **fields) -> PlannedSubmission:
        if doc is not None:
            fields.setdefault("title", doc.title)
            fields.setdefault("language", doc.language)
            fields.setdefault("word_count", doc.word_count())
        roles = list(fields.pop("roles", ()))
        planned = PlannedSubmission(key=f"s{len(self.planned) + 1:02d}", **fields)
        if planned.late:
            roles.append("late")
        if not planned.in_manifest:
            roles.append("not_in_manifest")
        planned = replace(planned, roles=tuple(roles))
        self.planned.append(planned)
        return planned


def build_catalogue() -> CatalogueBuilder:
    b = CatalogueBuilder()
    _institutions(b)
    _research_and_practice(b)
    _communities(b)
    _french(b)
    _spanish(b)
    _mail(b)
    return b


def _institutions(b: CatalogueBuilder) -> None:
    doc = with_fiction_notice(institutions.state_directorate())
    b.add_file("state_directorate_online_safety.pdf", render_pdf(doc, subject="Call for input", footer=PDF_FOOTER))
    b.plan(doc, file="state_directorate_online_safety.pdf", format="pdf", submitter_name="Helena Marsh",
           organisation="Directorate for Children's Online Safety", stakeholder_category="states", country="NO",
           contact_email="directorate.cos@gov-demo.example.org", received_at="2024-04-12T10:15:00Z",
           roles=("quoted_headings", "multi_page"), questions=("q1", "q2", "q3", "q5", "q7", "q8", "q9"),
           themes=("grooming", "sextortion", "ai_generated_csam", "safety_by_design", "legal_gaps",
                   "data_retention", "regulation", "e2ee", "hash_matching", "child_participation",
                   "international_coordination"))

    doc = with_fiction_notice(institutions.cybercrime_unit_confidential())
    received = "2024-04-26T14:02:00Z"
    b.add_file("northbridge_cybercrime_unit.docx", render_docx(doc, created=_at(received)))
    b.plan(doc, file="northbridge_cybercrime_unit.docx", format="docx", submitter_name="Daniel Okoro",
           organisation="Northbridge Regional Cybercrime Unit", stakeholder_category="law_enforcement",
           country="GB", contact_email="d.okoro@northbridge-police.example.org", received_at=received,
           confidential=True, roles=("confidential", "table"), questions=("q1", "q2", "q4", "q7"),
           themes=("grooming", "sextortion", "ai_generated_csam", "livestreaming", "cross_border_evidence",
                   "data_retention", "e2ee", "hash_matching"))

    doc = with_fiction_notice(institutions.un_regional_programme())
    b.add_file("iapcde_asia_pacific_input.html", render_html(doc))
    b.plan(doc, file="iapcde_asia_pacific_input.html", format="html", submitter_name="Marcus Feld",
           organisation="Inter-Agency Programme on Children in Digital Environments",
           stakeholder_category="un_agencies", country="TH", contact_email="regional.office@iapcde.example.org",
           received_at="2024-04-17T06:30:00Z", questions=("q1", "q2", "q6", "q8", "q9"),
           themes=("livestreaming", "financial_sector", "grooming", "sextortion", "ai_generated_csam",
                   "reporting_and_hotlines", "child_participation", "international_coordination"))

    # Arrives as a loose text file with no manifest row: the importer reads the signature.
    doc = with_fiction_notice(institutions.prosecutors_network_note())
    b.add_file("lakeside_prosecutors_note.txt", render_txt(doc, wrap=72, heading_style="upper"))
    b.plan(doc, file="lakeside_prosecutors_note.txt", format="txt", submitter_name="Grace Atieno",
           organisation="Lakeside Network of Child Protection Prosecutors", stakeholder_category="law_enforcement",
           country="KE", contact_email="coordinator@lakeside-prosecutors.example.org", received_at=None,
           in_manifest=False, questions=("q3", "q4"),
           themes=("cross_border_evidence", "ai_generated_csam", "legal_gaps", "victim_support"))


def _research_and_practice(b: CatalogueBuilder) -> None:
    doc = with_fiction_notice(research.synthetic_harms_report())
    b.add_file("eastvale_synthetic_harms_working_paper.pdf", render_pdf(doc, footer=PDF_FOOTER))
    b.plan(doc, file="eastvale_synthetic_harms_working_paper.pdf", format="pdf", submitter_name="Miriam Castell",
           organisation="Centre for Child Safety and Emerging Technology, University of Eastvale",
           stakeholder_category="academics", country="CA", contact_email="m.castell@eastvale-uni.example.org",
           received_at="2024-05-08T16:45:00Z", roles=("free_form", "multi_page"), questions=("q1", "q4", "q7"),
           themes=("ai_generated_csam", "hash_matching", "e2ee", "grooming", "sextortion", "legal_gaps"))

    doc = with_fiction_notice(research.hotline_coalition_submission())
    annex = "annexes/safe_harbour_hotline_2023_infographic.png"
    b.add_file("safe_harbour_coalition_joint_submission.md", render_md(doc))
    b.add_file(annex, render_infographic())
    b.plan(doc, file="safe_harbour_coalition_joint_submission.md", format="md", submitter_name="Anouk Verbeek",
           organisation="Safe Harbour Hotline", stakeholder_category="civil_society_hotlines", country="NL",
           contact_email="coalition@safeharbour-hotline.example.org", received_at="2024-05-14T11:30:00Z",
           joint_authors=research.HOTLINE_COALITION, annexes=(annex,), roles=("joint", "annex_image"),
           questions=("q1", "q2", "q3", "q7", "q9"),
           themes=("reporting_and_hotlines", "ai_generated_csam", "sextortion", "e2ee", "hash_matching",
                   "victim_support", "international_coordination"))

    # Cut short on purpose: the extractor must fail on it and keep the submission for review.
    doc = with_fiction_notice(research.policy_brief_for_truncation())
    b.add_file("bellhaven_policy_brief.pdf", truncate_pdf(render_pdf(doc, footer=PDF_FOOTER)))
    b.plan(doc, file="bellhaven_policy_brief.pdf", format="pdf", submitter_name="Lena Voss",
           organisation="Bellhaven Institute for Technology Policy", stakeholder_category="policy_experts",
           country="DE", contact_email="l.voss@bellhaven-institute.example.org", received_at="2024-05-22T10:10:00Z",
           readable=False, roles=("corrupt",), questions=("q2", "q5", "q9"),
           themes=("age_assurance", "safety_by_design", "regulation", "international_coordination"))

    doc = with_fiction_notice(community.child_protection_numbered())
    b.add_file("meadowbrook_cps_response.txt", render_txt(doc))
    b.plan(doc, file="meadowbrook_cps_response.txt", format="txt", submitter_name="Thandiwe Mokoena",
           organisation="Meadowbrook County Child Protection Services",
           stakeholder_category="child_protection_officers", country="ZA",
           contact_email="t.mokoena@meadowbrook-cps.example.org", received_at="2024-03-14T12:00:00Z",
           roles=("numbered_answers",), questions=tuple(f"q{n}" for n in range(1, 10)),
           themes=("grooming", "sextortion", "ai_generated_csam", "safety_by_design", "cross_border_evidence",
                   "victim_support", "regulation", "child_participation", "international_coordination"))

    doc = with_fiction_notice(community.industry_forum_submission())
    forum = dict(format="txt", submitter_name="Jordan Ellis", organisation="Safety by Design Industry Forum",
                 stakeholder_category="other", country="US", contact_email="policy@sbd-forum.example.com",
                 questions=("q2", "q5", "q6", "q7"),
                 themes=("safety_by_design", "hash_matching", "regulation", "e2ee", "ai_generated_csam"))
    b.add_file("sbd_industry_forum.txt", render_txt(doc, wrap=None))
    first = b.plan(doc, file="sbd_industry_forum.txt", received_at="2024-05-10T15:25:00Z", **forum)
    resend = doc.with_preface(P(community.RESEND_COVER_NOTE))
    b.add_file("sbd_industry_forum_resend.txt", render_txt(resend, wrap=None))
    b.plan(resend, file="sbd_industry_forum_resend.txt", received_at="2024-05-16T08:05:00Z",
           roles=("near_duplicate",), duplicate_of=first.key, **forum)


def _communities(b: CatalogueBuilder) -> None:
    campaign = dict(format="html", stakeholder_category="communities_children", campaign="safer-screens-letter",
                    roles=("campaign",), questions=("q2", "q8"),
                    themes=("safety_by_design", "regulation", "ai_generated_csam", "victim_support",
                            "child_participation"))
    for file, group, addition, signatory, country, email, received in (
        ("campaign_riverside_parents_circle.html", "Riverside Parents' Circle", community.RIVERSIDE_ADDITION,
         "Margaret Hollis", "GB", "riverside.parents@example.net", "2024-04-30T19:12:00Z"),
        ("campaign_hillcrest_families.html", "Hillcrest Neighbourhood Families Association",
         community.HILLCREST_ADDITION, "Yusuf Adeyemi", "IE", "hillcrest.families@example.net",
         "2024-05-01T07:48:00Z"),
    ):
        doc = with_fiction_notice(community.campaign_letter(group, addition, signatory))
        b.add_file(file, render_html(doc))
        b.plan(doc, file=file, submitter_name=signatory, organisation=group, country=country,
               contact_email=email, received_at=received, **campaign)

    doc = with_fiction_notice(community.youth_council_voices())
    b.add_file("bright_path_youth_council.md", render_md(doc))
    b.plan(doc, file="bright_path_youth_council.md", format="md", submitter_name="Bright Path Youth Council",
           organisation="Bright Path Youth Council", stakeholder_category="communities_children", country="PH",
           contact_email="youthcouncil@brightpath.example.net", received_at="2024-05-20T16:00:00Z",
           from_child=True, roles=("child",), questions=("q1", "q2", "q8"),
           themes=("grooming", "sextortion", "ai_generated_csam", "reporting_and_hotlines",
                   "education_prevention", "child_participation"))


def _french(b: CatalogueBuilder) -> None:
    doc = with_fiction_notice(fr.observatoire_regional())
    b.add_file("ofdel_contribution.odt", render_odt(doc))
    b.plan(doc, file="ofdel_contribution.odt", format="odt", submitter_name="Aminata Diallo-Ferrand",
           organisation="Observatoire francophone des droits de l'enfant en ligne",
           stakeholder_category="international_regional_organizations", country="SN",
           contact_email="secretariat@ofdel.example.org", received_at="2024-04-03T08:20:00Z",
           questions=("q1", "q2", "q3", "q8", "q9"),
           themes=("grooming", "sextortion", "ai_generated_csam", "legal_gaps", "reporting_and_hotlines",
                   "child_participation", "international_coordination"))

    doc = with_fiction_notice(fr.reseau_ecoles_donnees_personnelles())
    received = "2024-03-27T13:05:00Z"
    b.add_file("valclair_reseau_ecoles.rtf", render_rtf(doc, created=_at(received)))
    b.plan(doc, file="valclair_reseau_ecoles.rtf", format="rtf", submitter_name="Claire Moreau",
           organisation="Réseau des établissements scolaires du Val-Clair", stakeholder_category="educators",
           country="FR", contact_email="claire.moreau@valclair-ecoles.example.org", received_at=received,
           roles=("personal_data",), questions=("q1", "q2", "q3", "q8"),
           personal_data=("claire.moreau@valclair-ecoles.example.org", "+33 1 99 00 27 41", "une fille de 13 ans"),
           themes=("sextortion", "grooming", "ai_generated_csam", "education_prevention", "child_participation",
                   "reporting_and_hotlines"))


def _spanish(b: CatalogueBuilder) -> None:
    doc = with_fiction_notice(es.colegio_abogados())
    pdf = render_pdf(doc, footer="Documento ficticio de demostración - InputDesk")
    b.add_file("colegio_abogados_puerto_alba.pdf",
               encrypt_pdf(pdf, user_password=PDF_PASSWORD, owner_password="demo-owner"))
    b.plan(doc, file="colegio_abogados_puerto_alba.pdf", format="pdf", submitter_name="Valeria Quintana",
           organisation="Colegio de Abogados de Puerto Alba", stakeholder_category="lawyers", country="AR",
           contact_email="derechos.infancia@colegio-puertoalba.example.org", received_at="2024-05-13T18:40:00Z",
           password=PDF_PASSWORD, roles=("encrypted",), questions=("q2", "q3", "q4", "q5", "q7"),
           themes=("legal_gaps", "ai_generated_csam", "sextortion", "grooming", "cross_border_evidence",
                   "data_retention", "victim_support", "privacy_rights", "e2ee"))

    doc = with_fiction_notice(es.observatorio_numerado())
    received = "2024-05-02T21:10:00Z"
    b.add_file("observatorio_sierra_clara_respuestas.docx", render_docx(doc, created=_at(received)))
    b.plan(doc, file="observatorio_sierra_clara_respuestas.docx", format="docx", submitter_name="Andrés Olmedo",
           organisation="Observatorio de Infancia y Tecnología, Universidad de Sierra Clara",
           stakeholder_category="academics", country="MX",
           contact_email="observatorio.infancia@sierraclara.example.org", received_at=received,
           roles=("numbered_answers",), questions=("q1", "q2", "q3", "q5", "q7", "q8", "q9"),
           themes=("grooming", "sextortion", "ai_generated_csam", "education_prevention", "safety_by_design",
                   "regulation", "e2ee", "child_participation", "international_coordination"))


def _mail(b: CatalogueBuilder) -> None:
    received = "2024-04-22T09:41:00Z"
    answers = with_fiction_notice(institutions.ombudsperson_answers())
    annex = with_fiction_notice(institutions.ombudsperson_annex())
    attachments = (
        Attachment("HRC_Kestrel_Bay_submission.pdf", render_pdf(answers, footer=PDF_FOOTER), "application/pdf"),
        Attachment("Annex_complaints_2021-2023.docx", render_docx(annex, created=_at(received)), DOCX_MIME),
    )
    mail = DemoEmail(
        sender="Naledi Brooks <children@hrc-kestrelbay.example.org>",
        subject="Submission to the call for input on digital technologies and generative AI",
        sent_at=_at(received),
        message_id="<20240422094100.4711@mail.hrc-kestrelbay.example.org>",
        body=reflow(institutions.OMBUDSPERSON_EMAIL_BODY) + _email_notice("en"),
        attachments=attachments,
    )
    b.add_file("mail/kestrel_bay_hrc_submission.eml", render_eml(mail, boundary="=_inputdesk_demo_eml_4711"))
    b.plan(answers, file="mail/kestrel_bay_hrc_submission.eml", format="eml", submitter_name="Naledi Brooks",
           organisation="Human Rights Commission of Kestrel Bay", stakeholder_category="nhris", country="AU",
           contact_email="children@hrc-kestrelbay.example.org", received_at=received,
           attachments=tuple(a.filename for a in attachments), message_id=mail.message_id,
           roles=("email_attachments", "table"), questions=("q2", "q3", "q6", "q7", "q8"),
           themes=("privacy_rights", "reporting_and_hotlines", "victim_support", "child_participation", "e2ee",
                   "ai_generated_csam", "regulation"))

    # A mailbox export with two submissions and no manifest rows: sender and date come from the headers.
    mailbox = "mail/inbox_export_april_2024.mbox"
    messages = (
        DemoEmail(sender="Lucía Ferrer <lferrer@horizonte-digital.example.org>",
                  subject="Aporte a la convocatoria sobre tecnologías digitales e IA generativa",
                  sent_at=_at("2024-04-08T09:12:00Z"),
                  message_id="<a1f3c9e2.20240408091200@horizonte-digital.example.org>",
                  body=reflow(es.FUNDACION_HORIZONTE_BODY) + _email_notice("es")),
        DemoEmail(sender="Sophie Garnier <collectif.parents@hautvalois.example.net>",
                  subject="Contribution du Collectif Parents Vigilants du Haut-Valois",
                  sent_at=_at("2024-04-09T17:55:00Z"),
                  message_id="<b7d2e410.20240409175500@hautvalois.example.net>",
                  body=reflow(fr.COLLECTIF_PARENTS_BODY) + _email_notice("fr")),
    )
    b.add_file(mailbox, render_mbox(list(messages)))
    labels = (
        dict(submitter_name="Lucía Ferrer", organisation="Fundación Horizonte Digital",
             stakeholder_category="policy_experts", country="CL", language="es",
             questions=("q2", "q5", "q7", "q8", "q9"),
             themes=("ai_generated_csam", "grooming", "sextortion", "regulation", "age_assurance",
                     "international_coordination", "child_participation")),
        dict(submitter_name="Sophie Garnier", organisation="Collectif Parents Vigilants du Haut-Valois",
             stakeholder_category="communities_children", country="FR", language="fr",
             questions=("q2", "q3", "q8"),
             themes=("sextortion", "victim_support", "safety_by_design", "ai_generated_csam",
                     "child_participation")),
    )
    for index, (message, label) in enumerate(zip(messages, labels)):
        b.plan(None, file=mailbox, format="mbox", title=message.subject,
               contact_email=message.sender.rsplit("<", 1)[1].rstrip(">"),
               received_at=message.sent_at.strftime("%Y-%m-%dT%H:%M:%SZ"), in_manifest=False,
               mbox_index=index, message_id=message.message_id, roles=("mbox",),
               word_count=_words(message.body.split("\n--\n")[0]), **label)
