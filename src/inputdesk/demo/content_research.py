"""Fictional English submissions from researchers, hotlines and policy institutes."""

from __future__ import annotations

from inputdesk.demo.document import H, P, UL, DemoDocument

HOTLINE_COALITION = (
    "Safe Harbour Hotline",
    "Lantern Child Rights Network",
    "Open Circuit Digital Rights Lab",
)


def synthetic_harms_report() -> DemoDocument:
    """A research working paper written for another purpose; it ignores the call's questions entirely."""
    return DemoDocument(
        title="Synthetic Harms: Generative Models and the Changing Economy of Child Sexual Exploitation",
        subtitle="Working Paper 2024/03, Centre for Child Safety and Emerging Technology, University of Eastvale. "
        "Miriam Castell and Tomasz Rehn",
        language="en",
        author="Miriam Castell; Tomasz Rehn",
        blocks=(
            H("Abstract"),
            P("""This working paper examines how openly available generative image and text models have altered the
            production, distribution and use of child sexual abuse material (CSAM). Drawing on a review of 140
            public documents and on semi-structured interviews with 22 practitioners in hotlines, police units and
            trust-and-safety teams, we identify four pathways of misuse, assess the limits of current detection
            approaches, and discuss the implications for victim identification. We argue that the main effect of
            generative models so far has been less a flood of wholly new material than a change in the economics of
            abuse: lower costs, faster iteration and a blurring of the boundary between viewers and producers."""),
            H("1. Introduction"),
            P("""Research on technology-facilitated child sexual exploitation has long followed the technology itself:
            peer-to-peer networks in the early 2000s, social media and webcams in the 2010s, encrypted messaging and
            livestreaming more recently. Generative artificial intelligence is the latest chapter, but it differs from
            earlier shifts in one respect. Previous technologies changed how existing material circulated; generative
            models change how material comes into existence."""),
            P("""Public debate has tended to focus on headline numbers of synthetic images found on particular forums.
            Such figures are useful as indicators but say little about mechanisms. This paper asks a narrower
            question: in what concrete ways do offenders use generative models, and what follows for the people whose
            job is to find and protect children?"""),
            H("2. Method"),
            P("""We reviewed 140 documents published between January 2022 and December 2023, including transparency
            reports, hotline annual reports, court judgments available in English, and technical papers on model
            safety. We then interviewed 22 practitioners: eight hotline analysts, seven police officers or
            investigators, and seven trust-and-safety staff at online services of different sizes. Interviews were
            anonymised and analysed thematically. The study received ethical approval from the university’s research
            ethics board; no abuse material was viewed by the researchers at any stage."""),
            H("3. Findings"),
            H("3.1 Four pathways of misuse", level=2),
            UL(
                """Alteration of existing images of real children, for example by so-called nudification tools
                applied to photographs taken from social media. Interviewees described this as the most common
                pathway in school settings.""",
                """Generation of new material depicting known victims, using models adapted on existing abuse
                imagery. This re-victimises children whose abuse was recorded years ago.""",
                """Generation of material not based on an identifiable child. Though no specific child is depicted,
                such material is traded, used to normalise abuse and shown to children during grooming.""",
                """Use of text models to script grooming and sextortion conversations at scale, including
                translation into languages the offender does not speak.""",
            ),
            H("3.2 The limits of detection", level=2),
            P("""Hash matching, the backbone of industry detection for more than a decade, works only for material
            that has already been identified and catalogued. Newly generated images have no prior hash. Classifiers
            that estimate whether an image depicts a minor, and whether it is sexual, can flag new material, but
            interviewees reported high false-positive rates for some populations and a tendency of classifiers to
            degrade as generators improve. Provenance signals such as watermarks and content credentials are
            promising for lawful tools but are easily stripped, and open models can be run without them."""),
            P("""Several trust-and-safety interviewees stressed that behavioural signals were more stable than image
            signals: an adult account contacting many unconnected minors, rapid movement of a conversation to another
            service, or a sudden request for payment. These signals do not depend on whether an image is real or
            synthetic, and some can be observed without access to message content."""),
            H("3.3 The burden on victim identification", level=2),
            P("""Victim identification specialists described a new and time-consuming triage step: deciding whether an
            image depicts a real child who may be in danger. Because realistic synthetic images can take as long to
            assess as real ones, growth in synthetic material diverts scarce expertise from children who are being
            abused now. Some units have begun to deprioritise material that is confidently assessed as synthetic, a
            practical choice that nonetheless carries the risk of missing real children in altered images."""),
            H("4. Discussion"),
            P("""Our findings suggest that regulatory responses focused solely on the outputs of generative models will
            struggle, because outputs are numerous and hard to classify. Interventions earlier in the chain may be
            more effective: cleaning training data, preventing the distribution of models adapted for abuse, removing
            nudification services from app stores and payment systems, and making behavioural detection a standard
            part of platform safety. Legal clarity matters too. Where legislation defines abuse material by reference
            to a real child, prosecutions of synthetic material stall, and offenders learn quickly which jurisdictions
            are permissive."""),
            P("""The debate on end-to-end encryption intersects with these findings in an uncomfortable way. If
            synthetic material grows and known-material hash matching becomes less informative, the argument for
            scanning private messages weakens on its own terms, while the argument for investing in user reporting,
            metadata analysis and device-level safety features strengthens. We see this less as a resolution of the
            encryption debate than as a reason to broaden it beyond the single question of scanning."""),
            H("5. Limitations"),
            P("""The document review is biased towards English-language and high-income settings. Interviewees were
            recruited through professional networks and may not represent smaller services or under-resourced
            police forces. The field changes quickly; several observations may already be dated."""),
            H("6. Conclusion"),
            P("""Generative models have lowered the cost of producing abuse material and blurred familiar categories.
            Detection tools built for a world of known images need to be complemented by behavioural signals, by
            safety measures earlier in the model supply chain and by legal definitions that do not depend on whether
            a child in an image exists. Further research should follow victims’ experiences of synthetic
            re-victimisation, about which almost nothing is known."""),
            H("Selected references"),
            UL(
                "Castell, M. (2023). Safety by design in practice: a review of platform interventions. Eastvale "
                "Working Papers 2023/07.",
                "Rehn, T. & Osei, A. (2023). Classifier drift in synthetic image detection. Proceedings of the "
                "(fictional) Workshop on Trust and Safety Engineering, 41-52.",
                "Committee on the Rights of the Child (2021). General Comment No. 25 on children’s rights in relation "
                "to the digital environment. CRC/C/GC/25.",
            ),
        ),
    )


def hotline_coalition_submission() -> DemoDocument:
    """A joint submission by three organisations, with an infographic annex."""
    return DemoDocument(
        title="Joint submission of the Safe Harbour Coalition",
        subtitle="Safe Harbour Hotline, Lantern Child Rights Network and Open Circuit Digital Rights Lab",
        language="en",
        author="Safe Harbour Hotline",
        blocks=(
            H("Who we are"),
            P("""This is a joint submission by three organisations that work together as the Safe Harbour
            Coalition:"""),
            UL(
                "Safe Harbour Hotline, which receives public reports of child sexual abuse material and works to "
                "have it removed;",
                "Lantern Child Rights Network, a network of 34 child rights organisations;",
                "Open Circuit Digital Rights Lab, a research group working on privacy and security.",
            ),
            P("""We do not agree on everything, in particular on some aspects of encryption, and we say so where
            relevant. We believe that is a strength: protecting children online requires both child protection and
            digital rights expertise. An infographic with the hotline’s 2023 figures is attached as an annex."""),
            H("What the hotline sees"),
            P("""In 2023 the hotline received 9,325 reports, 62 per cent more than in 2022 (see annex). Almost half
            concerned material confirmed as child sexual abuse material. Twelve per cent concerned material that
            analysts assessed as AI-generated or AI-altered, a category we only began counting in 2023. Reports of
            sextortion, usually made by a young person or a parent, rose sharply in the second half of the year.
            The material we confirm is hosted in a small number of countries and is increasingly spread through
            links to file-hosting services and invitation-only groups on messaging apps."""),
            H("Recommendations"),
            H("For States", level=2),
            UL(
                """States should give hotlines a clear legal basis to receive, assess and report material,
                including AI-generated material, so that analysts are not exposed to legal risk.""",
                """States should require hosting providers to remove confirmed material within 24 hours of notice
                and publish data on their response times.""",
                """States should fund victim support services that help children have their images removed and
                deal with the consequences of sextortion.""",
            ),
            H("For technology companies and online service providers", level=2),
            UL(
                """Technology companies must stop offering, hosting or advertising nudification services and must
                remove models adapted to produce sexualised images of children.""",
                """Online service providers should use hash lists of known material on public and hosted content,
                and should contribute new hashes to shared lists.""",
                """Messaging services should invest in user reporting that includes the reported messages, in
                safety prompts for children and in behavioural signals that do not require access to content.""",
            ),
            H("Gaps in implementation"),
            P("""Notice-and-takedown still depends on the goodwill of hosting providers in several jurisdictions.
            Requests sent to some providers go unanswered for weeks, and the same material reappears on mirror sites
            within hours of removal. Image-based abuse of adolescents, including sextortion, falls between
            categories: it is not always treated as child sexual abuse material by platforms, and young people are
            sometimes afraid to report because they fear being prosecuted for having shared images themselves."""),
            H("Encryption and generative AI: where we differ"),
            P("""Lantern Child Rights Network considers that companies deploying end-to-end encryption should be
            required to detect known abuse material through privacy-preserving methods, subject to strict
            safeguards. Open Circuit Digital Rights Lab considers that client-side scanning would undermine the
            security of everyone’s communications, including children’s, and would be repurposed for other ends. All
            three organisations agree that encryption must not become an excuse for inaction: companies should
            strengthen every safety measure that does not break encryption, and States should fund research into new
            methods under independent scrutiny."""),
            P("""On generative AI, all three agree that developers must document training data, exclude abuse
            material from it, test models before release and cooperate with hotlines when misuse is found."""),
            H("International coordination"),
            P("""A global mechanism should build on the existing network of hotlines rather than duplicate it. We
            propose shared standards for assessing AI-generated material, a common reporting format between
            hotlines, companies and police, and a public register of hosting providers’ response times. Civil
            society and young people should sit at the table as full participants, not as observers."""),
            P("""Contact for the Coalition: Anouk Verbeek, Safe Harbour Hotline,
            coalition@safeharbour-hotline.example.org"""),
        ),
    )


def policy_brief_for_truncation() -> DemoDocument:
    """A policy brief whose PDF is cut short on purpose to demonstrate a failed extraction."""
    return DemoDocument(
        title="Policy Brief: Age Assurance Without Exclusion",
        subtitle="Bellhaven Institute for Technology Policy, May 2024",
        language="en",
        author="Bellhaven Institute for Technology Policy",
        blocks=(
            H("Key points"),
            UL(
                "Age assurance can reduce unwanted contact between adults and children, but it is not a substitute "
                "for safety by design.",
                "Methods differ widely in accuracy, privacy impact and inclusiveness; regulators should set outcome "
                "standards, not mandate a single technology.",
                "Children without identity documents, children with disabilities and children in care are most "
                "at risk of being wrongly excluded.",
            ),
            H("Why age assurance is back on the agenda"),
            P("""Regulators in several jurisdictions, including under the EU Digital Services Act and the UK Online
            Safety Act, now expect services that pose risks to children to know, with some level of confidence, which
            of their users are children. The aim is legitimate: many of the harms described in the call for input,
            from grooming to sextortion, begin with an adult being able to find and contact a child."""),
            P("""Yet age assurance methods carry their own risks. Document checks exclude those who have no
            documents and create honeypots of sensitive data. Facial age estimation is less accurate for some groups
            and raises concerns about biometric processing. Self-declaration is easily bypassed."""),
            H("Recommendations"),
            P("""States should adopt technology-neutral outcome standards for age assurance, require independent
            testing of accuracy across age groups and populations, and prohibit the reuse of age assurance data for
            any other purpose. Technology companies should combine proportionate age assurance with default
            protections for all younger users, so that a child wrongly classified as an adult is still protected by
            safe defaults. Standard-setting bodies should involve children and child rights organisations in the
            development of age assurance standards."""),
            H("International alignment"),
            P("""Companies operating globally face divergent requirements. An international baseline, developed
            through open technical standard-setting and endorsed by regulators, would reduce costs and raise the
            floor of protection for children in countries without their own rules. We suggest that the Special
            Rapporteur encourage such a baseline, anchored in the Convention on the Rights of the Child and General
            Comment No. 25."""),
            P("""Contact: Dr Lena Voss, Senior Fellow, l.voss@bellhaven-institute.example.org"""),
        ),
    )
