"""The nine questions of the seed call, verbatim, so demo submissions can quote them in their headings."""

from __future__ import annotations

CALL_QUESTIONS: dict[str, str] = {
    "q1": "Please provide information on how technologies are used to facilitate the sexual exploitation and "
    "abuse of children.",
    "q2": "What practical recommendations would you propose for States, the technology industry and online "
    "service providers to prevent the sexual exploitation and abuse of children in the digital environment?",
    "q3": "What are the remaining gaps that limit the effective implementation and application of existing laws, "
    "policies and guidelines to prevent, detect, report and protect children from sexual exploitation and sexual "
    "abuse online?",
    "q4": "What are the challenges that exist in the use of these digital technologies, products or services, that "
    "inhibit the work of law enforcement across jurisdictions in their work to investigate, detect, remove child "
    "sexual abuse materials online and prosecute these crimes?",
    "q5": "What technical and regulatory measures can be put in place by States, the technology industry and online "
    "service providers (legislative, regulatory, administrative, institutional and others) towards mitigating human "
    "rights risks associated of online child sexual exploitation and abuse, and ensuring the minimum harmonization "
    "across legal jurisdictions?",
    "q6": "Are there any other practical examples of internal monitoring, complaint and reporting processes; "
    "establishment of regulatory bodies and interventions; remedial pathways; robust safeguarding procedures; "
    "children’s rights’ due diligence and risk assessments; and technical standard-setting processes to ensure "
    "safety and inclusivity by design?",
    "q7": "In the case of generative Artificial Intelligence and end-to-end encryption, what are the challenges and "
    "recommended mitigation measures, including the application of advanced technology needed by technology "
    "companies, online service providers and law enforcement to prevent by blocking the sharing and removal of CSAM?",
    "q8": "Are there any examples of proactive measures taken to facilitate consultation and participation with a "
    "broad range of stakeholders, including children and child-rights organisations, for informing policy and "
    "legislation, setting technical standards and implementing processes to eradicate child sexual abuse and "
    "exploitation in the digital environment?",
    "q9": "What kind of mechanism could be put in place to best support and coordinate the joint public and private "
    "industry participation at the international level on existing and emerging threats that digital technologies "
    "pose to children in order to ensure harmonisation and mainstreaming across domestic and regional efforts when "
    "combatting this phenomenon?",
}


def quoted_heading(qid: str) -> str:
    """A heading that quotes the question word for word, without its number, as many submitters write them."""
    return CALL_QUESTIONS[qid]
