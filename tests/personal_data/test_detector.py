"""The detector: contact details in every language, names where a model is installed, an honest report where not,
and never the network."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest

from inputdesk.pipeline.personal_data import child_profile, load_detector, standard_profile

CONTACTS = {
    "en": "Write to maria.lopez@example.org or call +44 20 7946 0018.",
    "fr": "Écrivez à marie.dupont@example.org ou appelez le +33 1 99 00 12 34.",
    "es": "Escriba a maria.garcia@example.org o llame al +1 202-555-0142.",
    "ar": "راسلونا على info@example.org أو اتصلوا بالرقم +44 20 7946 0123.",
    "ru": "Пишите на info@example.org или звоните +44 20 7946 0456.",
    "zh": "请写信至 info@example.org 或致电 +44 20 7946 0789。",
    "de": "Schreiben Sie an anna@example.org oder rufen Sie +1 555 0117 an.",  # not configured: patterns only
}


@pytest.mark.parametrize("language", sorted(CONTACTS))
def test_e_mails_and_phones_are_found_in_every_language(detector, language):
    text = CONTACTS[language]
    types = sorted(f.entity_type for f in detector.detect(text, language, standard_profile()))
    assert types == ["EMAIL_ADDRESS", "PHONE_NUMBER"]


def test_bank_cards_ip_addresses_and_web_addresses(regex_detector):
    text = ("Pay to IBAN GB33BUKB20201555555555 or card 4111 1111 1111 1111. Logged from 192.0.2.10. "
            "Our report: https://www.example.org/report. Conference.It was long.")
    found = {(f.entity_type, text[f.start:f.end]) for f in regex_detector.detect(text, "en", standard_profile())}
    assert found == {("IBAN_CODE", "GB33BUKB20201555555555"), ("CREDIT_CARD", "4111 1111 1111 1111"),
                     ("IP_ADDRESS", "192.0.2.10"), ("URL", "https://www.example.org/report")}


def test_findings_carry_positions_not_text(detector):
    finding = detector.detect("Write to maria.lopez@example.org", "en", standard_profile())[0]
    assert (finding.start, finding.end) == (9, 32)
    assert "maria" not in repr(finding)


def test_names_are_found_with_a_model(detector, needs_ner):
    cases = {"en": ("We met Naledi Brooks and Grace Atieno last year.", {"Naledi Brooks", "Grace Atieno"}),
             "fr": ("Pierre Lambert et Nadia Benali animent les ateliers.", {"Pierre Lambert", "Nadia Benali"}),
             "es": ("Carmen Ruiz y Diego Torres coordinan los talleres.", {"Carmen Ruiz", "Diego Torres"})}
    for language, (text, names) in cases.items():
        found = {text[f.start:f.end] for f in detector.detect(text, language, standard_profile())
                 if f.entity_type == "PERSON"}
        assert names <= found, language


def test_places_only_on_the_child_path(detector, needs_ner):
    text = "Samira Haddad lives in Port Alba."
    standard = {f.entity_type for f in detector.detect(text, "en", standard_profile())}
    child = {f.entity_type for f in detector.detect(text, "en", child_profile())}
    assert "LOCATION" not in standard and "LOCATION" in child


def test_capabilities_say_where_names_are_not_detected(detector):
    report = {c.language: c for c in detector.capabilities()}
    assert set(report) == {"en", "fr", "es", "ar", "ru", "zh", "xx"}
    for language in ("ar", "ru", "zh", "xx"):
        assert report[language].patterns_only
        assert "names and places are NOT detected" in report[language].notice()
        assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE"} <= report[language].entities
    assert "no offline model exists" in report["ar"].notice()
    assert detector.capability("en-GB").language == "en"
    assert detector.capability("de").language == "xx"


def test_without_models_the_detector_degrades_to_patterns_and_says_so(regex_detector):
    english = regex_detector.capability("en")
    assert english.patterns_only and english.ner_model is None
    assert "switched off" in english.notice()
    text = "Maria Lopez (maria.lopez@example.org), aged 12."
    types = {f.entity_type for f in regex_detector.detect(text, "en", standard_profile())}
    assert types == {"EMAIL_ADDRESS", "CHILD_AGE"}  # the untitled name needs a model


def test_missing_model_packages_are_reported(monkeypatch):
    from inputdesk.pipeline.personal_data import models

    monkeypatch.setattr(models, "KNOWN_MODELS", {"en": ("en_core_web_nonexistent",)})
    from inputdesk.pipeline.personal_data import detector as module

    monkeypatch.setattr(module, "KNOWN_MODELS", models.KNOWN_MODELS)
    built = module.PresidioDetector(("en",))
    assert built.capability("en").patterns_only
    assert "no model package is installed" in built.capability("en").notice()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the personal-data detector tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_building_and_using_a_detector_needs_no_network(no_network):
    fresh = load_detector(("en", "ar"))
    assert fresh.detect("Write to maria.lopez@example.org", "en", standard_profile())[0].entity_type == "EMAIL_ADDRESS"


def test_a_fresh_process_never_reaches_for_the_network():
    """In a new interpreter with sockets blocked before anything is imported (tldextract fetches its suffix list
    when first imported unless told not to)."""
    script = textwrap.dedent("""
        import socket
        def refuse(*a, **k):
            raise SystemExit("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from inputdesk.pipeline.personal_data import load_detector, standard_profile
        d = load_detector(("en", "ar"), use_ner=False)
        found = d.detect("Mail maria.lopez@example.org, tel +44 20 7946 0018", "en", standard_profile())
        print(sorted(f.entity_type for f in found))
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLDEXTRACT")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['EMAIL_ADDRESS', 'PHONE_NUMBER']"


def test_name_squats_and_packages_that_are_not_models_are_refused(monkeypatch, tmp_path):
    from importlib import metadata

    from inputdesk.pipeline.personal_data import models

    class FakeDistribution:
        def __init__(self, version):
            self.version = version

        def locate_file(self, name):
            return tmp_path / name

    versions = {"ru_core_news_sm": "999.9.9", "en_core_web_fake": "3.8.0"}
    monkeypatch.setattr(models.metadata, "distribution", lambda name: FakeDistribution(versions[name])
                        if name in versions else (_ for _ in ()).throw(metadata.PackageNotFoundError(name)))
    info, problems = models.find_model("ru", ("ru_core_news_sm",))
    assert info is None and "name squat" in problems[0]
    info, problems = models.find_model("en", ("en_core_web_fake",))
    assert info is None and "no spaCy model data" in problems[0]
