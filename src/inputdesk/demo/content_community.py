"""Fictional English submissions from practitioners, industry and communities, with a campaign and a youth group."""

from __future__ import annotations

from inputdesk.demo.document import H, P, UL, DemoDocument


def child_protection_numbered() -> DemoDocument:
    """Answers the questions by number only ("1.", "2." ...), without repeating them."""
    return DemoDocument(
        title="Response to the call for input - Meadowbrook County Child Protection Services",
        subtitle="Online Harms Team. Prepared by Thandiwe Mokoena, Senior Child Protection Officer",
        language="en",
        author="Meadowbrook County Child Protection Services",
        blocks=(
            P("""Our answers follow the numbering of the questions in the call. We work directly with children and
            families, so our answers are based on casework rather than research."""),
            H("1."),
            P("""Most of the children referred to our team were first contacted on social media or in online games.
            The adult usually pretends to be a slightly older teenager, builds trust over weeks, and then asks for
            images or for a meeting. A growing number of referrals involve sextortion: teenagers, mostly boys, who
            are threatened with the publication of images unless they pay. We also see children harmed by other
            children, for example when images are shared around a school or when classmates create fake sexual
            images with an app."""),
            H("2."),
            P("""Online service providers should make it impossible for unknown adults to send private messages to
            children by default. They should show a warning when a child is about to share an image with someone
            they have not met. States should make sure every child protection service has staff trained in online
            harm, because at present it depends on the interest of individual officers."""),
            H("3."),
            P("""The guidelines exist, but front-line staff do not know them. In our county, schools, health
            services and the police each have their own procedure for online incidents, and a child can be
            interviewed three times by three agencies. We need one joint protocol, and we need it to be simple
            enough to use at four o’clock on a Friday afternoon."""),
            H("4."),
            P("""We are not investigators, but we see the effect of delays. When the police cannot get data from a
            company abroad, the case stalls, and the family loses trust. Children also delete conversations out of
            shame, which destroys the evidence. We tell families to keep screenshots and not to pay, and to report to
            the platform and to the police at the same time."""),
            H("5."),
            P("""Laws should require companies to assess risks to children before they launch new features, not
            after harm has happened. Regulators should be able to check those assessments. There should also be a
            minimum set of rules that apply in every country, so that companies cannot offer weaker protection to
            children in poorer countries."""),
            H("6."),
            P("""Our county set up a multi-agency panel in 2022 that meets every week to review online cases. It
            includes child protection, police, schools and the local health service. Cases are discussed within
            days instead of weeks, and the child has one key worker. An independent evaluation found that children
            felt less blamed and families were more willing to come forward."""),
            H("7."),
            P("""We have no technical expertise on encryption. What we see is that children whose images were
            generated with AI feel the same shame and fear as children whose real images were shared. Services
            need to take these reports as seriously, remove the images quickly and refer the child for support."""),
            H("8."),
            P("""Our young people’s forum helped write the leaflet we give to families after a report. They asked us
            to remove words like “victim” and “indecent” and to explain what will happen next, step by step."""),
            H("9."),
            P("""Any international mechanism should include people who work with children every day, not only
            governments and companies. It could collect practical tools, such as referral protocols and leaflets,
            and make them available in many languages."""),
            P("""Contact: t.mokoena@meadowbrook-cps.example.org, +1 555 0188"""),
        ),
    )


def industry_forum_submission() -> DemoDocument:
    return DemoDocument(
        title="Safety by Design Industry Forum: submission to the Special Rapporteur",
        language="en",
        author="Safety by Design Industry Forum",
        blocks=(
            P("""The Safety by Design Industry Forum is an association of 41 small and medium-sized online
            service providers, including social platforms, game studios, hosting companies and education technology
            providers. Our members share a commitment to building services that are safe for children from the
            outset. We offer this submission to bring the perspective of smaller companies, which are often absent
            from discussions dominated by the largest platforms."""),
            H("Safety by design in smaller companies"),
            P("""Smaller companies cannot employ large trust-and-safety teams, but they can make design choices that
            prevent harm: limiting who can contact a child, switching off location sharing by default, and not
            recommending children’s profiles to adults. Our members have found that these choices cost little when
            made early and a great deal when retrofitted. We recommend that regulators publish practical safety by
            design guidance with examples, and that States support open-source safety tools that small companies can
            adopt."""),
            H("Detection and reporting"),
            P("""Hash matching of known child sexual abuse material is affordable for most members thanks to free
            services offered by non-profit organisations, and we encourage every online service provider that hosts
            user content to use it. Classifiers for new or AI-generated material are harder to obtain and to run,
            and their error rates worry our members. We would welcome an independent body that evaluates such
            tools and publishes the results, so that companies can choose with confidence."""),
            H("Regulation"),
            P("""Our members operate in many jurisdictions. Divergent requirements for risk assessments, reporting
            and age assurance multiply compliance costs without necessarily improving outcomes for children. We
            support minimum harmonisation of definitions and of reporting formats, mutual recognition of risk
            assessments between regulators, and proportionate obligations that take account of the size and risk
            profile of each service."""),
            H("End-to-end encryption and generative AI"),
            P("""Several members offer end-to-end encrypted messaging. They have invested in measures that work
            alongside encryption: user reporting that includes the reported messages, default settings that prevent
            unknown adults from contacting minors, and analysis of account behaviour. Members that build generative
            AI features apply filters to inputs and outputs, test their systems against attempts to produce
            sexualised images of minors, and remove accounts that try."""),
            H("Recommendations"),
            UL(
                "States should harmonise definitions and reporting formats, and recognise each other’s risk "
                "assessments.",
                "Regulators should publish practical safety by design guidance for small and medium-sized companies.",
                "Technology companies of every size should use hash matching for known material on hosted content.",
                "An independent body should evaluate detection tools and publish their accuracy.",
            ),
            P("""Contact: Jordan Ellis, Policy Director, policy@sbd-forum.example.com, +1 555 0142"""),
        ),
    )


RESEND_COVER_NOTE = (
    "Resending our submission below, as we have not received an acknowledgement of our e-mail of 10 May; "
    "apologies if it reaches you twice."
)

CAMPAIGN_TEMPLATE = (
    P("""We are writing as members of a local community group to support the call for stronger protection of
    children online. We are parents, grandparents, teachers, youth workers and neighbours. Many of us grew up
    without the internet, and we do not always understand the apps our children use, but we understand very well
    what it means to worry about them."""),
    P("""Children in our community spend hours every day on phones, tablets and games consoles. They use them to
    learn, to talk to friends and to relax, and we do not want to take that away. But we hear more and more stories
    of children being contacted by strangers, of teenagers being threatened after sharing a photo, and of fake
    pictures made with artificial intelligence being passed around schools. When this happens, families do not know
    where to go, and the companies behind the apps are very hard to reach."""),
    H("We ask the Special Rapporteur to call on:"),
    UL(
        "States to make technology companies responsible for the safety of children on their services, with an "
        "independent regulator that can act when they fail;",
        "technology companies to switch on the safest settings for children by default and to answer every report "
        "from a child or parent quickly and clearly;",
        "companies that make artificial intelligence tools to stop them being used to create sexual images of "
        "children;",
        "governments to fund support for families and schools, so that no parent has to face this alone.",
    ),
    P("""We also ask that communities like ours are consulted when new rules are written. We know our children, and
    we would like to be part of the solution."""),
)


def campaign_letter(group: str, addition: str, signatory: str) -> DemoDocument:
    """The shared campaign text with a group's own short paragraph; the two letters are near-duplicates."""
    return DemoDocument(
        title=f"Letter from the {group}",
        language="en",
        author=group,
        blocks=(
            P("Dear Special Rapporteur,"),
            *CAMPAIGN_TEMPLATE,
            H("In our own words"),
            P(addition),
            P(f"Yours sincerely, {signatory}, on behalf of the {group}"),
        ),
    )


RIVERSIDE_ADDITION = """At our last meeting, three families told us about messages their children had received
from adults pretending to be other children in an online game. In one case the school helped, in the others the
families did not know who to tell. Our group has since started monthly evenings where parents and teenagers try
out the safety settings together, which has taught the parents more than any leaflet."""

HILLCREST_ADDITION = """Our neighbourhood has many families who arrived recently and speak little English. The
safety information on apps and from the authorities is almost always in English only. We ask that help for parents
and children be offered in the languages people actually speak, and through the community centres, mosques,
churches and sports clubs where they already go."""


def youth_council_voices() -> DemoDocument:
    """A short contribution in simple words from a youth group (the child path)."""
    return DemoDocument(
        title="What we want adults to know",
        subtitle="From the Bright Path Youth Council (we are 12 to 16 years old)",
        language="en",
        author="Bright Path Youth Council",
        blocks=(
            P("""We talked about this in our youth council. Here is what we think."""),
            H("What happens to young people online"),
            P("""Some people online pretend to be our age but they are not. They are nice at first and then they
            ask for photos. Some of our friends got messages saying "pay or we will send your pictures to everyone".
            That is really scary. Now people can also make fake pictures with AI, and everyone at school thinks they
            are real."""),
            H("What we want"),
            UL(
                "Make it easy to block and report someone, with one button.",
                "When we report something, tell us what happened. Don't just ignore us.",
                "Don't let adults we don't know send us messages.",
                "Teach us about this at school, but don't just try to scare us.",
                "Don't blame the person who got tricked.",
            ),
            H("Please listen to us"),
            P("""Adults make the rules but we are the ones using the apps every day. Ask us before you decide.
            Thank you for reading this."""),
            P("""From the members of the Bright Path Youth Council, with help from our youth worker."""),
        ),
    )
