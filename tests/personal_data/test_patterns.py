"""InputDesk's own patterns find children's ages, dates of birth, schools, addresses and titled names in English,
French and Spanish (and ages in Arabic, Russian and Chinese) without flagging durations, ranges or policy limits."""

from __future__ import annotations

import pytest

from inputdesk.pipeline.personal_data import child_profile, standard_profile

FOUND = [
    ("en", "My daughter, aged 12, was contacted.", "CHILD_AGE", "aged 12"),
    ("en", "a 12-year-old girl told us", "CHILD_AGE", "12-year-old"),
    ("en", "a twelve year old boy", "CHILD_AGE", "twelve year old"),
    ("en", "He is 14 years old.", "CHILD_AGE", "14 years old"),
    ("en", "She was born on 3 May 2012.", "DATE_OF_BIRTH", "3 May 2012"),
    ("en", "Date of birth: 03/05/2012", "DATE_OF_BIRTH", "03/05/2012"),
    ("en", "She goes to Oakfield Primary School in town.", "SCHOOL", "Oakfield Primary School"),
    ("en", "They live at 12 Acacia Avenue, London.", "STREET_ADDRESS", "12 Acacia Avenue"),
    ("en", "Contact: Dr Helena Marsh, Director-General.", "PERSON", "Helena Marsh"),
    ("fr", "Ma fille, âgée de 12 ans, a été contactée.", "CHILD_AGE", "âgée de 12 ans"),
    ("fr", "un garçon de 12 ans", "CHILD_AGE", "12 ans"),
    ("fr", "née le 3 mai 2012", "DATE_OF_BIRTH", "3 mai 2012"),
    ("fr", "elle va à l'école Jean Jaurès", "SCHOOL", "école Jean Jaurès"),
    ("fr", "ils habitent au 12 rue des Lilas.", "STREET_ADDRESS", "12 rue des Lilas"),
    ("fr", "Contact : Mme Aminata Diallo-Ferrand, secrétaire", "PERSON", "Aminata Diallo-Ferrand"),
    ("es", "una niña de 13 años", "CHILD_AGE", "13 años"),
    ("es", "Mi hijo tiene 12 años", "CHILD_AGE", "12 años"),
    ("es", "nacida el 3 de mayo de 2012", "DATE_OF_BIRTH", "3 de mayo de 2012"),
    ("es", "va al colegio San José cada día", "SCHOOL", "colegio San José"),
    ("es", "vive en la calle Mayor 12", "STREET_ADDRESS", "calle Mayor 12"),
    ("es", "Atentamente, Sra. Lucía Ferrer", "PERSON", "Lucía Ferrer"),
    ("ru", "девочка 12 лет", "CHILD_AGE", "12 лет"),
    ("zh", "一个12岁的女孩", "CHILD_AGE", "12岁"),
    ("ar", "طفلة عمرها 12 سنة", "CHILD_AGE", "عمرها 12 سنة"),
]

NOT_PERSONAL = [
    ("en", "children aged 8 to 12 were surveyed"),
    ("en", "children aged 10-14 use these apps"),
    ("en", "platforms must ban users under the age of 13"),
    ("en", "between 10 and 14 years old"),
    ("en", "the London School of Economics published a study"),
    ("fr", "il y a 12 ans"),
    ("fr", "depuis 12 ans"),
    ("fr", "les enfants de 8 à 12 ans"),
    ("fr", "interdit aux moins de 13 ans"),
    ("fr", "12 ans d'expérience"),
    ("fr", "Madame la Rapporteuse spéciale"),
    ("es", "hace 12 años"),
    ("es", "menores de 13 años"),
    ("es", "niños de 8 a 12 años"),
    ("es", "en los últimos 10 años"),
    ("ru", "12 лет назад"),
    ("zh", "12岁以下的儿童"),
]


@pytest.mark.parametrize("language, text, entity, expected", FOUND, ids=[f"{c[0]}:{c[3]}" for c in FOUND])
def test_pattern_finds(regex_detector, language, text, entity, expected):
    found = {(f.entity_type, text[f.start:f.end]) for f in regex_detector.detect(text, language, standard_profile())}
    assert (entity, expected) in found


@pytest.mark.parametrize("language, text", NOT_PERSONAL, ids=[c[1][:30] for c in NOT_PERSONAL])
def test_no_proposal_for_general_statements(regex_detector, language, text):
    assert regex_detector.detect(text, language, child_profile()) == []


def test_weak_signals_only_count_on_the_child_path(regex_detector):
    text = "I'm 15 and I was born in 2009. I go to St Mary's School."
    standard = {text[f.start:f.end] for f in regex_detector.detect(text, "en", standard_profile())}
    child = {text[f.start:f.end] for f in regex_detector.detect(text, "en", child_profile())}
    assert standard == set()
    assert {"I'm 15", "2009", "St Mary's School"} <= child


def test_web_address_inside_an_e_mail_is_one_proposal(regex_detector):
    text = "Write to maria.lopez@example.org today."
    findings = regex_detector.detect(text, "en", child_profile())
    assert [(f.entity_type, text[f.start:f.end]) for f in findings] == [("EMAIL_ADDRESS", "maria.lopez@example.org")]
