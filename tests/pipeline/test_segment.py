"""Passages: paragraph-sized, with their page, heading and language."""

from inputdesk.domain.extraction import ExtractedDocument, FileKind, TextBlock
from inputdesk.domain.submission import Passage
from inputdesk.pipeline.segment import document_language, segment, split_sentences


def no_language(text):
    return None


def doc(*blocks: TextBlock) -> ExtractedDocument:
    return ExtractedDocument(kind=FileKind.PDF, blocks=list(blocks))


def test_short_paragraphs_on_one_page_under_one_heading_are_merged():
    passages = segment(
        doc(
            TextBlock("Access", 0, page=1, is_heading=True),
            TextBlock("1. Connect schools.", 1, page=1, heading="Access"),
            TextBlock("2. Train teachers.", 2, page=1, heading="Access"),
            TextBlock("3. Lend devices.", 3, page=2, heading="Access"),
            TextBlock("Privacy", 4, page=2, is_heading=True),
            TextBlock("Protect children's data.", 5, page=2, heading="Privacy"),
        ),
        detect=no_language,
    )
    assert passages == [
        Passage("1. Connect schools.\n2. Train teachers.", seq=0, page=1, heading="Access"),
        Passage("3. Lend devices.", seq=1, page=2, heading="Access"),
        Passage("Protect children's data.", seq=2, page=2, heading="Privacy"),
    ]


def test_an_answer_opening_with_its_question_number_starts_a_passage():
    passages = segment(
        doc(
            TextBlock("Our organisation answers the questions below.", 0, page=1),
            TextBlock("Question 1", 1, page=1),
            TextBlock("Nudify apps are used against pupils.", 2, page=1),
            TextBlock("Question 4: States should require safety by design.", 3, page=1),
            TextBlock("Вопрос 7. Дети должны участвовать.", 4, page=1),
            TextBlock("问题8：需要国际合作。", 5, page=1),
        ),
        detect=no_language,
    )
    assert [p.text for p in passages] == [
        "Our organisation answers the questions below.",
        "Question 1\nNudify apps are used against pupils.",
        "Question 4: States should require safety by design.",
        "Вопрос 7. Дети должны участвовать.",
        "问题8：需要国际合作。",
    ]


def test_a_paragraph_long_enough_stands_alone():
    long = "Schools in rural areas lack connectivity and devices. " * 5
    passages = segment(doc(TextBlock(long, 0), TextBlock("Short follow-up.", 1)), detect=no_language)
    assert [p.text for p in passages] == [long.strip(), "Short follow-up."]


def test_headings_set_by_the_extractor_or_only_marked_both_work():
    passages = segment(doc(TextBlock("Intro", 0, is_heading=True), TextBlock("Body text.", 1)), detect=no_language)
    assert passages == [Passage("Body text.", seq=0, heading="Intro")]


def test_long_paragraph_is_cut_between_sentences():
    sentence = "The committee recommends that States strengthen cooperation on digital rights. "
    passages = segment(doc(TextBlock(sentence * 40, 0, page=3)), max_chars=400, detect=no_language)
    assert len(passages) == 8  # five 79-character sentences fit in 400
    assert all(len(p.text) <= 400 and p.text.endswith("rights.") and p.page == 3 for p in passages)
    assert " ".join(p.text for p in passages) == (sentence * 40).strip()


def test_abbreviations_do_not_end_sentences():
    text = "Some laws, e.g. the data act, apply. Others do not."
    assert split_sentences(text, 40) == ["Some laws, e.g. the data act, apply.", "Others do not."]


def test_chinese_is_cut_after_full_stops():
    text = "我们支持该草案。" * 30
    chunks = split_sentences(text, 50)
    assert all(len(c) <= 50 and c.endswith("。") for c in chunks)
    assert "".join(chunks) == text


def test_a_sentence_longer_than_a_passage_is_cut_at_spaces():
    chunks = split_sentences("word " * 100, 50)
    assert all(len(c) <= 50 for c in chunks)
    assert " ".join(chunks).split() == ["word"] * 100


def test_language_per_passage_and_for_the_document():
    english = "The State should guarantee access to education for all children in every region. " * 3
    french = "L'État devrait garantir l'accès à l'éducation pour tous les enfants."
    passages = segment(doc(TextBlock(english, 0, page=1), TextBlock(french, 1, page=2)))
    assert [p.language for p in passages] == ["en", "fr"]
    assert document_language(passages) == "en"


def test_document_without_text_has_no_language():
    assert segment(doc()) == []
    assert document_language([]) is None
