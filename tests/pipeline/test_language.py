"""Each passage is labelled with its language, preferring the six UN languages."""

import pytest

from inputdesk.pipeline.language import detect_language, detect_languages

SENTENCES = {
    "en": "The State should guarantee access to education for all children.",
    "fr": "L'État devrait garantir l'accès à l'éducation pour tous les enfants.",
    "es": "El Estado debería garantizar el acceso a la educación para todos los niños.",
    "ar": "ينبغي للدولة أن تضمن حصول جميع الأطفال على التعليم.",
    "ru": "Государство должно гарантировать доступ к образованию для всех детей.",
    "zh": "国家应保障所有儿童接受教育的权利。",
}


@pytest.mark.parametrize(("language", "sentence"), SENTENCES.items())
def test_un_languages(language, sentence):
    assert detect_language(sentence) == language


def test_a_confident_other_language_is_reported_as_itself():
    assert detect_language("Der Staat sollte allen Kindern den Zugang zu Bildung garantieren.") == "de"


def test_line_breaks_do_not_confuse_the_model():
    assert detect_language("Le comité recommande\nque l'État adopte\nune loi.") == "fr"


@pytest.mark.parametrize("text", ["", "Hello there", "12 34 56 78", "—"])
def test_too_little_text_has_no_language(text):
    assert detect_language(text) is None


def test_shouting_is_still_english():
    assert detect_language("WE DEMAND ACCESS TO CLEAN WATER FOR EVERY VILLAGE") == "en"


def test_placeholder_latin_is_not_taken_for_french():
    lorem = "Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor et dolore magna."
    assert detect_language(lorem) != "fr"  # "et" and "est" are French words too


def test_a_formula_line_takes_the_language_of_the_passages_around_it():
    german = "Der Staat sollte allen Kindern den Zugang zu Bildung garantieren, und die Schulen sind dafür zuständig."
    formula = "Für alle x ∈ X gilt f(x) = g(x) + 1"
    assert detect_languages([german, formula, german]) == ["de", "de", "de"]


def test_each_passage_of_a_mixed_document_gets_its_own_language():
    passages = [SENTENCES["en"], SENTENCES["fr"], SENTENCES["es"], SENTENCES["ar"], SENTENCES["zh"]]
    assert detect_languages(passages) == ["en", "fr", "es", "ar", "zh"]


def test_a_passage_of_symbols_takes_the_language_around_it_rather_than_a_guess():
    formula = "x = (1 : 0 : 0) ∈ U0 → R 2, y = (0 : 1 : 1) ∈ U2 → R 2, (a : b : c) ∈ V1 ∩ V2"
    english = SENTENCES["en"] + " " + SENTENCES["en"]
    assert detect_languages([english, formula, english]) == ["en", "en", "en"]
    # Real words are still read, whatever is around them.
    assert detect_languages([english, SENTENCES["ru"], english]) == ["en", "ru", "en"]


def test_a_greeting_takes_the_language_of_the_letter_it_opens():
    letter = "We are writing to share our views on the call for input and the questions it asks of all of us."
    assert detect_languages(["Dear Special Rapporteur,", letter]) == ["en", "en"]  # the model alone says French
    assert detect_languages([letter, "Председатель комитета ООН", letter])[1] == "ru"  # its script says enough
