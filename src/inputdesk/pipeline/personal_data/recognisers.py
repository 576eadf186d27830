"""The Presidio recognisers InputDesk registers, per language, with nothing that can reach the network."""

from __future__ import annotations

import os

# tldextract (used by Presidio's e-mail recogniser) reads this when first imported, and on first use fetches the
# public suffix list from the internet unless it is empty: empty means "use the snapshot inside the package".
# An operator's own value (a local file) is kept.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import regex  # noqa: E402  (Presidio's regex engine)
import tldextract  # noqa: E402
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
)

from inputdesk.pipeline.personal_data.entities import (  # noqa: E402
    LOCATION,
    NRP,
    ORGANIZATION,
    PERSON,
)
from inputdesk.pipeline.personal_data.patterns import rules_for  # noqa: E402

# Our own extractor, never the module-level one: even if something imported tldextract before the variable above
# was set, e-mail validation cannot trigger a download.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

# National formats are tried for these regions; numbers written with +country code are found for every country.
PHONE_REGIONS = ("GB", "US", "FR", "ES", "CA", "MX", "AR", "CO", "IN", "KE", "NG", "ZA", "AU", "RU", "CN", "EG", "MA")

# spaCy labels (OntoNotes for English, WikiNER for French and Spanish) to Presidio entity names
NER_LABELS = {"PERSON": PERSON, "PER": PERSON, "GPE": LOCATION, "LOC": LOCATION, "FAC": LOCATION,
              "ORG": ORGANIZATION, "NORP": NRP}
IGNORED_NER_LABELS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "EVENT", "LAW", "LANGUAGE",
                      "PRODUCT", "WORK_OF_ART", "MISC")


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""


class ValidPhoneRecognizer(PhoneRecognizer):
    # Presidio scores every phone number 0.4 unless a word like "phone" is near; phonenumbers has already checked the
    # number is valid for its country, and a missed phone number costs more here than a proposal a reviewer rejects.
    SCORE = 0.6


class InternationalNumberRecognizer(PatternRecognizer):
    """"+" and 7 to 15 digits is a phone number even when phonenumbers calls it invalid: fictional ranges
    (+1 555 01xx), numbers mangled by copying, countries whose plans change."""

    PATTERNS = [Pattern("+ and digits", r"(?<![\w+])\+\d{1,3}(?:[ .\-]?\(?\d{1,5}\)?){1,6}(?![\w])", 0.55)]

    def __init__(self, supported_language: str):
        super().__init__(supported_entity="PHONE_NUMBER", patterns=self.PATTERNS, supported_language=supported_language,
                         name="InternationalNumberRecognizer")

    def invalidate_result(self, pattern_text: str) -> bool:
        return not 7 <= sum(ch.isdigit() for ch in pattern_text) <= 15


def _url_recognizer(language: str) -> UrlRecognizer:
    # Presidio's default also flags bare "word.tld" strings ("Conference.It"); we keep only what is clearly a web
    # address: a scheme, or "www.".
    base = UrlRecognizer.BASE_URL_REGEX
    patterns = [Pattern("URL with scheme", r"(?i)(?:https?://)" + base, 0.6),
                Pattern("www. address", r"(?i)\bwww\d{0,3}[.]" + base, 0.5)]
    return UrlRecognizer(patterns=patterns, supported_language=language)


def contact_recognisers(language: str) -> list[EntityRecognizer]:
    """E-mail, phone, IP, URL, IBAN and card numbers: the same patterns in every language."""
    return [
        OfflineEmailRecognizer(supported_language=language),
        ValidPhoneRecognizer(supported_language=language, supported_regions=PHONE_REGIONS),
        InternationalNumberRecognizer(language),
        IpRecognizer(supported_language=language),
        _url_recognizer(language),
        IbanRecognizer(supported_language=language),
        CreditCardRecognizer(supported_language=language),
    ]


def detail_recognisers(language: str) -> list[EntityRecognizer]:
    """Children's ages, dates of birth, schools and addresses (patterns.py), where written for the language."""
    recognisers: list[EntityRecognizer] = []
    for entity, rules in rules_for(language).items():
        # case-sensitive rules (proper names) and the others need different flags, so one recogniser each
        for case_sensitive in (False, True):
            patterns = [Pattern(name, rx, score) for name, rx, score, cs in rules if cs == case_sensitive]
            if not patterns:
                continue
            flags = regex.DOTALL | regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
            recognisers.append(PatternRecognizer(
                supported_entity=entity, patterns=patterns, supported_language=language, global_regex_flags=flags,
                name=f"inputdesk_{entity.lower()}_{language}{'_names' if case_sensitive else ''}"))
    return recognisers


def ner_recogniser(language: str) -> EntityRecognizer:
    return SpacyRecognizer(supported_language=language, supported_entities=sorted(set(NER_LABELS.values())))
