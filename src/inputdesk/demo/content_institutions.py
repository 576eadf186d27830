"""Fictional English submissions from public bodies: a State body, police, an NHRI, a UN programme, prosecutors."""

from __future__ import annotations

from inputdesk.demo.document import H, P, TABLE, UL, DemoDocument
from inputdesk.demo.questions import quoted_heading


def state_directorate() -> DemoDocument:
    """A State submission whose headings quote the call's questions."""
    return DemoDocument(
        title="Submission of the Directorate for Children’s Online Safety",
        subtitle="Input to the thematic report of the Special Rapporteur on the sale, sexual exploitation and "
        "sexual abuse of children on digital technologies and generative artificial intelligence (April 2024)",
        language="en",
        author="Directorate for Children’s Online Safety",
        blocks=(
            H("Introduction"),
            P("""The Directorate for Children’s Online Safety, part of the Ministry of Digital Affairs and Family,
            welcomes the opportunity to contribute to the forthcoming report of the Special Rapporteur. This
            submission was prepared together with the Ministry of Justice, the national police and the national
            child helpline, and reflects the position of the Government as of April 2024. It follows the order of
            the questions in the call for input; questions on which we have nothing to add have been left out."""),
            H(quoted_heading("q1")),
            P("""Our national reporting centre has recorded a clear shift over the past three years. Reports of
            online grooming rose by 38 per cent between 2021 and 2023, with most first contacts now taking place on
            gaming platforms and social media services that combine public profiles with voice and text chat.
            Offenders typically move the conversation to a private, often end-to-end encrypted, messaging service
            within a few days, which is precisely the point at which parents, moderators and the police lose
            visibility."""),
            P("""Financially motivated sextortion has become the fastest-growing category of reports. Victims are
            predominantly boys between 14 and 17 years of age. The pattern is consistent: a fake profile, a rapid
            exchange of images, and a demand for payment in gift cards or crypto-assets within hours. Several
            investigations point to organised groups operating from abroad that work from scripts and rotate
            accounts faster than they can be removed."""),
            P("""In 2023 the police seized AI-generated child sexual abuse material for the first time in three
            separate investigations. Two forms stand out: so-called nudification applications applied to ordinary
            photographs taken from children’s social media accounts, and image generators adapted by offenders to
            produce new material. Even where no identifiable child is depicted, this material normalises abuse, is
            used in grooming, and adds to the workload of victim identification analysts, who must establish
            whether a real child is at risk before they can set a case aside."""),
            H(quoted_heading("q2")),
            P("""The Government would invite the Special Rapporteur to consider the following practical
            recommendations:"""),
            UL(
                """States should explicitly criminalise AI-generated child sexual abuse material, whether or not a
                real child is depicted, consistent with article 2 (c) of the Optional Protocol to the Convention on
                the Rights of the Child on the sale of children, child prostitution and child pornography.""",
                """States should require online service providers to carry out and publish child rights risk
                assessments, drawing on General Comment No. 25 (2021) on children’s rights in relation to the
                digital environment.""",
                """Technology companies should apply safety by design by default: private accounts for users under
                16, no unsolicited contact from unknown adults, and a pause before images are shared with new
                contacts.""",
                """Online service providers should offer reporting tools that a child can use in two taps, and
                should acknowledge every report and explain what happens next.""",
                """Developers of generative AI models should remove abuse material from training data, test their
                models against misuse before release and publish a summary of that testing.""",
            ),
            H(quoted_heading("q3")),
            P("""The most significant gap in our own framework is definitional. The Criminal Code still describes
            abuse material by reference to the depiction of a person, which has led to uncertainty in two
            prosecutions involving synthetic images. An amendment is being drafted. A second gap concerns data
            retention: subscriber and connection data are often deleted before a request for preservation reaches the
            provider, particularly when the request has to travel through mutual legal assistance channels."""),
            P("""There are also gaps in implementation rather than in law. Specialised victim support is available
            in the capital but thin in rural regions; school-based prevention varies from one municipality to the
            next; and front-line professionals report that they do not know where to refer a child who has been
            threatened online but has not yet been harmed offline."""),
            H(quoted_heading("q5")),
            P("""Our draft Online Child Protection Bill, currently before Parliament, would establish a statutory
            duty of care for online services likely to be accessed by children, supervised by an independent
            regulator with powers to request information, audit risk assessments and impose proportionate penalties.
            In drafting it we have followed closely the Digital Services Act of the European Union and the Online
            Safety Act of the United Kingdom, as we believe that companies operating globally should face broadly
            compatible obligations."""),
            P("""Minimum harmonisation across jurisdictions should, in our view, build on instruments that already
            enjoy wide support: the definitions of the Optional Protocol and of the Council of Europe Lanzarote
            Convention, and the procedural tools of the Budapest Convention on Cybercrime and its Second Additional
            Protocol on enhanced co-operation and disclosure of electronic evidence. A shared definition of
            AI-generated abuse material would be a useful first step."""),
            H(quoted_heading("q7")),
            P("""The Government considers strong encryption essential to privacy and security, including for
            children. We also note that the move to default end-to-end encryption on large messaging services is
            expected to reduce the number of reports received from those services. We therefore encourage research
            into privacy-preserving approaches, such as matching of known material against hash lists on the
            device, subject to independent audit, and the use of metadata and behavioural signals to detect grooming
            patterns without reading the content of messages. We are aware of the concerns raised by data protection
            authorities and believe these questions should be settled openly and on the basis of evidence."""),
            P("""For generative AI, we support provenance standards and content credentials, classifiers that can
            flag synthetic material for priority review, and obligations on model hosting platforms to remove models
            that have been adapted to produce abuse material."""),
            H(quoted_heading("q8")),
            P("""In 2023 the Directorate convened a youth panel of 48 children aged 11 to 17 from five regions, who
            met four times to advise on the draft regulations. The panel redesigned the wording of the reporting
            button, asked that help pages be written without jargon, and told us that they wanted “less lecturing
            and more practical help”. Their recommendations were published alongside the consultation results."""),
            H(quoted_heading("q9")),
            P("""The Government supports the idea of a core global alliance and would favour a standing
            multi-stakeholder forum under United Nations auspices, with a small technical secretariat. It could
            maintain a common taxonomy of harms, a shared format for transparency reporting, and a register of
            points of contact in each State and in each major company, so that urgent requests reach the right desk
            at any time of day."""),
            H("Conclusion"),
            P("""We thank the Special Rapporteur for her attention to these questions and remain available for any
            further information. Contact: Dr Helena Marsh, Director-General, directorate.cos@gov-demo.example.org,
            telephone +1 555 0117."""),
        ),
    )


def cybercrime_unit_confidential() -> DemoDocument:
    """A police submission that asks to stay confidential; it carries a table of case numbers."""
    return DemoDocument(
        title="Northbridge Regional Cybercrime Unit: observations for the Special Rapporteur",
        subtitle="CONFIDENTIAL - not for publication",
        language="en",
        author="Northbridge Regional Cybercrime Unit",
        blocks=(
            H("Request for confidentiality"),
            P("""The Unit asks that this submission be treated as confidential and that it not be published on the
            mandate’s website, because it describes operational matters and case volumes that have not been released
            publicly. The Special Rapporteur is welcome to draw on it in her report without attributing it to the
            Unit."""),
            H("Caseload and trends"),
            P("""The Unit handles referrals concerning online child sexual exploitation for a region of around 2.4
            million people. The table below summarises the cases opened over the past three years. The numbers are
            rounded and should not be cited."""),
            TABLE(
                ("Case type", "2021", "2022", "2023"),
                ("Referrals from service providers", "1,210", "1,460", "1,790"),
                ("Grooming and enticement", "140", "185", "236"),
                ("Sextortion", "38", "96", "212"),
                ("AI-generated or altered material", "0", "4", "27"),
                ("Livestreamed abuse (viewers)", "11", "15", "19"),
            ),
            P("""Two trends stand out. Sextortion cases grew more than fivefold in two years, and almost all
            victims were teenage boys contacted through social media or gaming services. Cases involving
            AI-generated or altered images went from none to 27, most of them involving classmates who had used
            freely available applications on photographs of other pupils, which raises difficult questions about how
            to respond to children who cause harm to other children."""),
            H("Obstacles to investigation"),
            P("""Cross-border evidence remains the single largest obstacle. A request for subscriber data held by
            a provider in another jurisdiction takes on average four to nine months through mutual legal assistance,
            while the data we need are often kept for only 90 days. Voluntary disclosure by providers helps, but
            practices differ from one company to the next and change without notice."""),
            P("""End-to-end encryption by default means that evidence increasingly exists only on the devices of
            the suspect and of the victim. Device examination is slow, requires specialist staff and is not always
            possible. We do not argue against encryption; we ask that companies keep investing in the signals they
            can still act on, such as reports from users, account behaviour and public content."""),
            P("""The volume of referrals is itself a challenge. Many referrals concern material that is already known
            and has been circulating for years; others lack the information needed to act. Triage tools help, but
            AI-generated material now has to be checked for whether a real child is depicted, which takes analyst
            time away from identifying children at risk. Anonymisation services, rotating accounts and payments in
            crypto-assets further slow attribution."""),
            P("""Finally, staff welfare deserves mention. Officers reviewing abuse material need mandatory
            psychological support and limits on exposure; without them, experienced investigators leave."""),
            H("What would help"),
            UL(
                """Service providers must preserve data promptly when asked by law enforcement, and retain basic
                subscriber and connection data long enough for cross-border requests to succeed.""",
                """States should ratify and implement the Second Additional Protocol to the Budapest Convention so
                that direct requests to providers in other parties become routine.""",
                """Referrals from companies should follow a common minimum format, including time stamps, time zone
                and the account identifiers needed to act.""",
                """Technology companies should share classifiers for synthetic material with law enforcement and
                hotlines, so that triage can separate new victims from generated images.""",
                """Governments should fund specialist units adequately, including psychological support for staff.""",
            ),
            P("""Contact for follow-up (not for publication): Detective Inspector Daniel Okoro,
            d.okoro@northbridge-police.example.org."""),
        ),
    )


def ombudsperson_answers() -> DemoDocument:
    """The PDF attached to the NHRI's e-mail."""
    return DemoDocument(
        title="Submission of the Human Rights Commission of Kestrel Bay",
        subtitle="Children’s Rights Division - response to the call for input on digital technologies and "
        "generative AI",
        language="en",
        author="Human Rights Commission of Kestrel Bay",
        blocks=(
            H("About the Commission"),
            P("""The Human Rights Commission of Kestrel Bay is an independent national human rights institution.
            Its Children’s Rights Division receives complaints from children and from adults acting on their
            behalf, monitors places where children are deprived of liberty, and advises Parliament on legislation.
            Since 2021 it has received a growing number of complaints about harm that children experience online;
            data on those complaints are set out in the annex to this submission."""),
            H("A rights-based starting point"),
            P("""The Commission would encourage the Special Rapporteur to frame her recommendations around the full
            set of children’s rights recognised in General Comment No. 25: protection from exploitation and abuse,
            but also privacy, access to information, freedom of expression and participation. Children told us
            during our 2023 consultations that measures designed to protect them sometimes felt like surveillance,
            and that they would rather be trusted and given good tools than be shut out of online spaces."""),
            P("""In practice this means that States should assess the impact on children’s rights of every measure
            they propose, including measures for detecting abuse material, and should publish those assessments.
            Measures that interfere with privacy must be provided for by law, necessary, proportionate and subject
            to independent oversight."""),
            H("Gaps in protection and remedy"),
            P("""Complaints to the Commission reveal three recurring gaps. First, children who report sextortion or
            the sharing of their images to a platform often receive an automated answer or none at all, and do not
            know whether anything was removed. Second, there is no single public body that a child can turn to when
            a company does not respond; the police are rightly focused on criminal cases, and the consumer regulator
            is not set up to deal with children. Third, remedies are slow: by the time a complaint is resolved, the
            material has often been copied many times."""),
            P("""States should therefore establish, or designate, an independent body with the power to receive
            complaints from children about online services, to require companies to respond within fixed
            deadlines, and to order the removal of content. Where a national human rights institution performs this
            function, it needs the resources and the technical expertise to do so."""),
            H("Complaint and reporting processes that work"),
            P("""Among the companies that responded to our 2023 inquiry, the most effective reporting processes had
            a few things in common: a dedicated reporting route for sexual images of minors, a human review within 24
            hours, a clear message to the child about the outcome, and a way to appeal. The Commission recommends
            that technology companies adopt these elements as a minimum standard and that regulators audit them."""),
            H("Participation of children"),
            P("""The Commission’s Young Advisers, a group of 20 children aged 12 to 17, reviewed the draft of this
            submission. They asked us to stress that prevention education should start early, should involve parents
            without blaming children, and should be designed together with young people rather than for them."""),
            H("Encryption, AI and the balance of rights"),
            P("""The Commission does not take a position on any single technology. It does note that blanket
            scanning of private communications would raise serious concerns under article 16 of the Convention on
            the Rights of the Child, and that any detection system must be accurate, narrowly targeted and open to
            independent audit. On generative AI, developers must prevent their tools from producing sexualised
            images of children, and must act quickly when misuse is reported."""),
            H("Recommendations"),
            UL(
                "States should give children an accessible, independent complaint route against online services.",
                "Technology companies should tell children what happened to their report, within fixed deadlines.",
                "States should require child rights impact assessments for detection and age assurance measures.",
                "National human rights institutions should be resourced to monitor children’s rights online.",
            ),
        ),
    )


def ombudsperson_annex() -> DemoDocument:
    """The DOCX annex attached to the NHRI's e-mail: a table of complaint figures."""
    return DemoDocument(
        title="Annex: complaints about children’s rights online, 2021-2023",
        language="en",
        author="Human Rights Commission of Kestrel Bay",
        blocks=(
            P("""The table shows complaints received by the Children’s Rights Division that concerned the online
            environment. A complaint may concern more than one issue; figures are therefore not additive."""),
            TABLE(
                ("Issue raised", "2021", "2022", "2023"),
                ("Sharing of intimate images without consent", "22", "31", "47"),
                ("Sextortion or threats", "9", "18", "41"),
                ("No response from a platform to a report", "15", "26", "39"),
                ("Manipulated or AI-generated images", "0", "3", "14"),
                ("Concerns about monitoring by schools or parents", "6", "8", "11"),
            ),
            P("""Most complainants were aged 13 to 17. In 2023, 61 per cent of complaints were made by the child
            directly, up from 38 per cent in 2021, after the Division introduced a chat-based complaint form."""),
        ),
    )


OMBUDSPERSON_EMAIL_BODY = """Dear Special Rapporteur,

On behalf of the Human Rights Commission of Kestrel Bay, please find attached our submission to your call for
input on digital technologies, generative AI and the sexual exploitation and abuse of children, together with an
annex setting out the complaint data referred to in the submission.

We are content for both documents to be published on the mandate's website. Should you have any questions,
please contact me at the address below.

With kind regards,

Naledi Brooks
Head, Children's Rights Division
Human Rights Commission of Kestrel Bay
children@hrc-kestrelbay.example.org
+1 555 0134
"""


def un_regional_programme() -> DemoDocument:
    return DemoDocument(
        title="Children in Digital Environments: input from the Asia-Pacific regional office",
        subtitle="Inter-Agency Programme on Children in Digital Environments (a fictional UN inter-agency programme)",
        language="en",
        author="Inter-Agency Programme on Children in Digital Environments",
        blocks=(
            H("Summary"),
            P("""This note draws on the programme’s work with governments, child helplines and civil society in
            eleven countries of the region. It highlights how the risks children face differ where internet access
            is recent and mostly mobile, describes practical experiences that could be replicated, and makes
            proposals for international coordination."""),
            H("Patterns of exploitation in the region"),
            P("""In several countries where the programme works, the most serious form of online exploitation
            remains livestreamed abuse commissioned and paid for by offenders abroad, in which children are abused
            by people close to them. Payments are small and made through remittance services and mobile money, which
            makes them hard to tell apart from ordinary family transfers. At the same time, the same patterns seen
            elsewhere have arrived with cheap smartphones: grooming through social media, sextortion of adolescents,
            and, since 2023, the first reports of AI-altered images circulating in schools."""),
            P("""Many children come online for the first time on a shared or second-hand phone, with little adult
            guidance, and often in a language for which platforms have few moderators. Reporting tools that assume
            literacy in English, a personal account and a stable connection do not reach these children."""),
            H("What has worked"),
            UL(
                """Financial sector partnerships: in two countries, banks and remittance companies trained their
                compliance teams to recognise payment patterns linked to livestreamed abuse, leading to referrals to
                specialised police units.""",
                """Child helplines linked to hotlines: a shared referral protocol lets helpline counsellors pass on
                reports of images to the national hotline for removal, while the child keeps receiving support.""",
                """Community-based prevention: social workers and teachers trained together to recognise signs of
                exploitation within families, with referral to services rather than only to the police.""",
            ),
            H("Recommendations"),
            P("""States should include online exploitation in national child protection systems rather than
            treating it only as a cybercrime issue, so that social services, health and education share
            responsibility with the police. They should require financial institutions to report suspicious
            transactions linked to child sexual exploitation and give them the typologies needed to do so."""),
            P("""Technology companies and online service providers should invest in moderation and reporting in
            local languages, offer safety features that work on low-cost devices and with intermittent
            connectivity, and share signals of livestreamed abuse with each other and with law enforcement under
            clear legal safeguards."""),
            H("Consultation with children"),
            P("""In 2023 the programme supported national consultations with more than 600 children in four
            countries, using offline workshops as well as online surveys. Children’s views shaped a regional set of
            safety messages, which were tested with younger children before release. A lesson learned is that
            consultation must be followed by feedback: children asked what had changed because of what they said."""),
            H("An international coordination mechanism"),
            P("""The programme would support a global mechanism that brings together States, regional
            organisations, industry, financial institutions, hotlines and helplines. To be useful in this region it
            should fund technical assistance for countries with limited capacity, promote a common minimum legal
            framework based on the Optional Protocol, and host a shared platform for typologies and data on emerging
            threats. A mechanism that only convenes the largest companies and the wealthiest States would leave most
            of the region’s children outside the room."""),
            P("""Contact: Marcus Feld, Programme Coordinator, regional.office@iapcde.example.org."""),
        ),
    )


def prosecutors_network_note() -> DemoDocument:
    """A short text file sent without metadata; the importer has to read the signature."""
    return DemoDocument(
        title="Note from the Lakeside Network of Child Protection Prosecutors",
        language="en",
        author="Lakeside Network of Child Protection Prosecutors",
        blocks=(
            P("""To the Special Rapporteur on the sale, sexual exploitation and sexual abuse of children."""),
            P("""The Lakeside Network brings together prosecutors from five districts who specialise in offences
            against children. We write to share practical difficulties we meet when bringing online cases to
            court, in the hope that they will be reflected in your report."""),
            H("Evidence"),
            P("""Most of our cases now depend on electronic evidence held abroad. Even when we obtain it, defence
            lawyers challenge how it was collected and whether the chain of custody is intact, and our courts have
            little experience of such questions. We would welcome international guidance, perhaps in the form of
            model rules, on the admissibility of evidence received from foreign service providers."""),
            H("AI-generated material"),
            P("""We have one pending case in which the accused claims that the images were produced by software
            and do not depict a real child. Our law does not clearly cover such material. Whatever the outcome,
            the case shows that legislation needs to be updated and that prosecutors need access to forensic
            experts who can give evidence on how images were made."""),
            H("Victims in court"),
            P("""Children who have been groomed or threatened online are often reluctant to testify and feel that
            the images will follow them forever. Recorded interviews, intermediaries and support persons help, but
            are not available in every district. Judges and magistrates also need training on how online grooming
            works, so that a child’s delayed disclosure is not held against them."""),
            H("What we ask"),
            UL(
                "States should update offence definitions to cover AI-generated and altered material.",
                "States should fund forensic capacity that prosecutors in every district can call on.",
                "Judicial training institutes should include online exploitation in their core programmes.",
            ),
            P("""Yours faithfully,"""),
            P("""Grace Atieno, Coordinator, Lakeside Network of Child Protection Prosecutors
            (coordinator@lakeside-prosecutors.example.org)"""),
        ),
    )
