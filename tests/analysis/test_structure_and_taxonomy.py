"""Structure mapping, taxonomy tags and recommendations: small stories in English, French and Spanish."""

from __future__ import annotations

import pytest

from inputdesk.pipeline.analysis.contracts import PassageText, QuestionText
from inputdesk.pipeline.analysis.recommendations import RuleRecommendationDetector
from inputdesk.pipeline.analysis.structure import QUESTION_TEXT, StructureQuestionMapper
from inputdesk.pipeline.analysis.taxonomy import load_taxonomy
from inputdesk.pipeline.analysis.text import is_boilerplate

Q = [QuestionText(f"q{n}", n, f"label {n}", (t,)) for n, t in enumerate([
    "Please provide information on how technologies are used to facilitate the sexual exploitation and abuse of "
    "children.",
    "What practical recommendations would you propose for States, the technology industry and online service "
    "providers to prevent the sexual exploitation and abuse of children in the digital environment?",
    "What are the remaining gaps that limit the effective implementation of existing laws and policies?",
    "What are the challenges that inhibit the work of law enforcement across jurisdictions?"], start=1)]
TAXONOMY = load_taxonomy()


def passages(*items):
    return [PassageText(i + 1, 1, 1, i, text, heading) for i, (heading, text) in enumerate(items)]


def mapped(assignments):
    return {(a.passage_id, a.question_id) for a in assignments if a.method != QUESTION_TEXT}


def test_numbered_answers_map_each_paragraph_to_its_question():
    doc = passages((None, "Our answers follow the numbering of the call."),
                   (None, "1. --\nMost children were first contacted on gaming platforms."),
                   (None, "Some were then moved to encrypted messaging."),
                   (None, "3. --\nThe guidelines exist but staff do not know them."),
                   (None, "4. --\nThe police cannot get data from companies abroad in time."))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == {(2, "q1"), (3, "q1"), (4, "q3"), (5, "q4")}


@pytest.mark.parametrize("heading", ["Pregunta 2", "Question 2", "Q2", "Q.2", "Réponse à la question n° 2",
                                     "## Question 2: What practical recommendations would you propose?"])
def test_explicit_question_headings_in_several_languages(heading):
    doc = passages((heading, "Los Estados deberían invertir en educación digital desde la primaria."))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == {(1, "q2")}


@pytest.mark.parametrize("heading", ["Вопрос 2", "Ответ на вопрос № 2", "السؤال 2", "سؤال رقم ٢", "问题2", "第2题",
                                     "Pergunta 2", "Questão 2", "Frage 2"])
def test_question_numbers_in_the_other_un_languages_and_neighbours(heading):
    doc = passages((heading, "Los Estados deberían invertir en educación digital desde la primaria."))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == {(1, "q2")}


def test_chinese_answers_numbered_inside_one_passage_each_reach_their_question():
    text = "问题1：生成式人工智能被用来制作材料。\n问题3：法律仍有空白。\n第4题：执法机构需要国际合作。"
    assert mapped(StructureQuestionMapper(Q).map_document(passages((None, text)))) == {(1, "q1"), (1, "q3"), (1, "q4")}


def test_a_short_chinese_answer_is_long_enough_to_be_mapped():
    # Chinese runs on without spaces: a 30-character answer is one regex "word" but some fifteen real ones.
    assert not is_boilerplate("执法机构需要更多资源和国际合作来调查网络上的性勒索案件。")
    doc = passages(("问题4", "执法机构需要更多资源和国际合作来调查网络上的性勒索案件。"))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == {(1, "q4")}


def test_article_numbers_and_percentages_are_not_question_numbers():
    doc = passages((None, "第3条规定了刑事责任。\n问题12%的儿童\nВопрос 3,5 процента"))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == set()


def test_a_heading_quoting_the_question_starts_its_answer_and_is_not_an_answer_itself():
    doc = passages((None, Q[2].texts[0]), (None, "The Criminal Code still describes abuse material as photographs."))
    result = StructureQuestionMapper(Q).map_document(doc)
    assert mapped(result) == {(2, "q3")}
    assert any(a.passage_id == 1 and a.method == QUESTION_TEXT for a in result)


def test_a_numbered_list_of_recommendations_is_not_taken_for_answer_numbers():
    doc = passages(("Question 2", "We recommend:"), (None, "1. Ban nudify apps.\n2. Fund hotlines.\n1. Train police."))
    assert mapped(StructureQuestionMapper(Q).map_document(doc)) == {(1, "q2"), (2, "q2")}


def test_a_paraphrased_heading_is_recognised_through_the_matcher_passed_in():
    mapper = StructureQuestionMapper(Q, heading_match=lambda h: ("q3", 0.8) if "lacunes" in h else None)
    doc = passages(("Les lacunes qui persistent", "La plupart des États n'ont pas transposé les textes."))
    assert mapped(mapper.map_document(doc)) == {(1, "q3")}


def keys(text, kind=None):
    return {h.key for h in TAXONOMY.tag(text) if kind is None or h.kind == kind}


@pytest.mark.parametrize("text", ["Sextortion is rising.", "La sextorsion progresse.", "La sextorsión aumenta.",
                                  "Le chantage sexuel touche les adolescents."])
def test_sextortion_is_tagged_in_english_french_and_spanish(text):
    assert "sextortion" in keys(text, "harm")


def test_terms_match_across_hyphens_accents_case_and_plurals():
    assert "e2ee_messaging" in keys("END TO END ENCRYPTED chats")
    assert "hash_matching" in keys("Hash-matching tools")
    assert "states" in keys("Los Estados deben actuar", "actor")


def test_ambiguous_words_are_not_tagged():
    assert "trafficking" not in keys("Se trata de un problema grave.")
    assert "international_orgs" not in keys("Un enfant sur cinq a reçu un message.")  # "un", not the UN
    assert "states" not in keys("the state of the art")


def test_countries_by_name_and_demonym_in_three_languages():
    assert {"FR", "NO", "PE"} <= keys("France, the Norwegian directorate and Perú", "country")
    assert "SN" in keys("au Sénégal", "country") and "MX" in keys("las autoridades mexicanas", "country")


@pytest.mark.parametrize("text", [
    "We answer in French.", "Nous répondons en français.", "Respondemos en español y en portugués.",
    "Materials in English, French and Spanish.", "Des ressources en anglais et espagnol.",
    "French-speaking children", "la langue française", "un sitio en lengua española"])
def test_a_demonym_that_names_a_language_is_no_country(text):
    assert not keys(text, "country")


def test_demonyms_still_name_countries_around_those_words():
    assert {"FR", "ES"} <= keys("French and Spanish police worked together.", "country")
    assert "FR" in keys("les autorités françaises", "country")


def test_a_taxonomy_without_kinds_is_refused_with_the_file_named(tmp_path):
    bad = tmp_path / "x.taxonomy.yaml"
    bad.write_text("tags: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.taxonomy.yaml: a taxonomy needs a 'kinds' mapping"):
        load_taxonomy(bad)


DETECT = RuleRecommendationDetector(TAXONOMY)


def detect(text, heading=None):
    return DETECT.detect(PassageText(1, 1, 1, 0, text, heading))


@pytest.mark.parametrize("text,addressee", [
    ("States should criminalise AI-generated child sexual abuse material.", "states"),
    ("Les fournisseurs de services en ligne devraient adapter leurs outils de signalement.", "service_providers"),
    ("Los Estados deberían invertir en educación digital.", "states"),
    ("We urge technology companies to deploy hash matching.", "tech_industry"),
    ("Police forces must be trained to take reports from children.", "law_enforcement"),
    ("Les autorités devraient mettre à disposition des écoles des ressources pédagogiques.", "states")])
def test_recommendations_and_whom_they_address(text, addressee):
    hits = detect(text)
    assert len(hits) == 1 and hits[0].addressees[0] == addressee


@pytest.mark.parametrize("text", [
    "They are nice at first and then they ask for photos.",  # what others do, told by a child
    "The Unit asks that this submission be treated as confidential and not published.",  # about the submission
    "Nous souhaitons vous faire part de ce que nous avons appris cette année."])  # "we wish to share"
def test_reports_and_requests_about_the_submission_are_not_recommendations(text):
    assert detect(text) == []


def test_a_recommendation_citing_a_numbered_instrument_is_quoted_whole():
    [hit] = detect("States should apply General Comment No. 25 on children's rights in the digital environment.")
    assert hit.text.endswith("digital environment.")


def test_facts_and_questions_are_not_recommendations():
    assert detect("In 2023 the hotline received 9,325 reports, 62 per cent more than in 2022.") == []
    assert detect("What should States do about encryption?") == []


def test_items_under_a_call_on_heading_are_recommendations_to_the_actor_they_open_with():
    hits = detect("States to make technology companies responsible for children's safety.",
                  "We ask the Special Rapporteur to call on:")
    assert hits and hits[0].addressees == ("states",)


def test_measures_come_from_the_taxonomy():
    assert detect("Platforms should use hash matching and age assurance.")[0].measures == (
        "age_assurance", "hash_matching")


@pytest.mark.parametrize("text,expected", [
    ("Fictional demo document - InputDesk 1", True), ("[This document is confidential.]", True),
    ("Contact: Jane Doe, jane@example.org, +1 555 0100", True), ("Yours sincerely,\nMargaret Hollis", True),
    ("Governments should fund specialist units for online abuse.\nContact: Daniel Okoro, d.okoro@example.org.", False),
    ("Children spend hours every day on phones and games consoles.", False)])
def test_boilerplate_is_recognised(text, expected):
    assert is_boilerplate(text) is expected
