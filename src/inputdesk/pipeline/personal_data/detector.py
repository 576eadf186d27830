"""The personal-data detector: Presidio configured explicitly, offline, with a capability report per language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from inputdesk.pipeline.personal_data import recognisers as rec  # first: sets up tldextract for offline use
from inputdesk.pipeline.personal_data.entities import (
    CONTACT_ENTITIES,
    NER_ENTITIES,
    PERSON,
    URL,
    DetectionProfile,
    Finding,
    LanguageCapability,
    drop_contained,
)
from inputdesk.pipeline.personal_data.models import KNOWN_MODELS, blank_pipeline, find_model, load_pipeline
from inputdesk.pipeline.personal_data.patterns import rules_for
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

DEFAULT_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
OTHER = "xx"  # any language we were not configured for: contact patterns only
NO_MODEL_EXISTS = "no offline model exists for this language"
SINGLE_WORD_NAME_SCORE = 0.45
BATCH_SIZE = 32
# "Madame la Rapporteuse", "Dear Special Rapporteur": how submissions address the mandate holder, not a person's name
_FORMS_OF_ADDRESS = re.compile(r"^(?:(?:Madame|Monsieur|Mesdames|Messieurs|Señora|Señor)\s+(?:la|le|les|el)\b|"
                               r"(?:Dear\s+)?Special\s+Rapporteur)", re.IGNORECASE)


class _PreloadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, handed pipelines we loaded ourselves: its load() would download missing models."""

    def __init__(self, pipelines: dict, ner_config: NerModelConfiguration):
        super().__init__(models=[{"lang_code": lang, "model_name": "preloaded"} for lang in pipelines],
                         ner_model_configuration=ner_config)
        self.nlp = dict(pipelines)

    def load(self) -> None:  # already loaded; never fetch anything
        return None


class PresidioDetector:
    """Finds personal data in passages. Construct once per process (loading spaCy models takes seconds)."""

    def __init__(self, languages: Iterable[str] = DEFAULT_LANGUAGES, *, use_ner: bool = True):
        self.languages = tuple(dict.fromkeys(lang for lang in languages if lang != OTHER)) + (OTHER,)
        pipelines: dict = {}
        self._capabilities: dict[str, LanguageCapability] = {}
        registry = RecognizerRegistry(supported_languages=list(self.languages))
        for lang in self.languages:
            nlp, model_label, problems = self._pipeline_for(lang, use_ner)
            pipelines[lang] = nlp
            entities = set(CONTACT_ENTITIES) | set(rules_for(lang))
            for recogniser in rec.contact_recognisers(lang) + rec.detail_recognisers(lang):
                registry.add_recognizer(recogniser)
            if model_label:
                registry.add_recognizer(rec.ner_recogniser(lang))
                entities |= set(NER_ENTITIES)
            self._capabilities[lang] = LanguageCapability(lang, frozenset(entities), model_label, tuple(problems))
        ner_config = NerModelConfiguration(model_to_presidio_entity_mapping=dict(rec.NER_LABELS),
                                           labels_to_ignore=rec.IGNORED_NER_LABELS,
                                           low_score_entity_names={"ORGANIZATION"}, default_score=0.85)
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=_PreloadedSpacyEngine(pipelines, ner_config),
                                        supported_languages=list(self.languages))

    @staticmethod
    def _pipeline_for(lang: str, use_ner: bool):
        if lang not in KNOWN_MODELS:
            return blank_pipeline(lang), None, ([] if lang == OTHER else [NO_MODEL_EXISTS])
        if not use_ner:
            return blank_pipeline(lang), None, ["named-entity models are switched off in the settings"]
        info, problems = find_model(lang)
        if info is None:
            return blank_pipeline(lang), None, problems + [
                "no model package is installed; see docs/personal-data.md"]
        try:
            return load_pipeline(info), info.label, problems
        except Exception as exc:  # a broken model must not stop screening: fall back to patterns, and say so
            return blank_pipeline(lang), None, problems + [f"{info.label} could not be loaded: {exc}"]

    # --- what it can do --------------------------------------------------------
    def resolve_language(self, language: str | None) -> str:
        """'en-GB' -> 'en'; anything not configured -> 'xx' (contact patterns only)."""
        code = (language or "").lower().replace("_", "-").split("-")[0]
        return code if code in self.languages else OTHER

    def capability(self, language: str | None) -> LanguageCapability:
        return self._capabilities[self.resolve_language(language)]

    def capabilities(self) -> list[LanguageCapability]:
        return [self._capabilities[lang] for lang in self.languages]

    # --- detection ----------------------------------------------------------
    def detect(self, text: str, language: str | None, profile: DetectionProfile) -> list[Finding]:
        return self.detect_many([text], language, profile)[0]

    def detect_many(self, texts: list[str], language: str | None, profile: DetectionProfile) -> list[list[Finding]]:
        """Findings for each text, all in one language; the model reads them in batches (faster than one by one)."""
        lang = self.resolve_language(language)
        entities = sorted(profile.entities & self._capabilities[lang].entities)
        out: list[list[Finding]] = [[] for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not entities or not todo:
            return out
        batch = self._analyzer.nlp_engine.process_batch([texts[i] for i in todo], lang, batch_size=BATCH_SIZE)
        for i, (_, artifacts) in zip(todo, batch):
            results = self._analyzer.analyze(text=texts[i], language=lang, entities=entities, score_threshold=0.0,
                                             nlp_artifacts=artifacts)
            findings = [Finding(r.entity_type, r.start, _end(r, texts[i]), _score(r, texts[i]),
                                (r.recognition_metadata or {}).get("recognizer_name", "unknown")) for r in results]
            out[i] = drop_contained([f for f in findings if f.score > 0 and f.score >= profile.score_threshold])
        return out


def _end(result, text: str) -> int:
    """A web address ends before the full stop or comma that follows it in a sentence."""
    end = result.end
    if result.entity_type == URL:
        while end > result.start + 1 and text[end - 1] in ".,;:!?)]'\"":
            end -= 1
    return end


def _score(result, text: str) -> float:
    """Presidio's score, corrected where small name models are known to be wrong (measured on the demo corpus)."""
    score = float(result.score)
    found = text[result.start:result.end].strip()
    if result.entity_type != PERSON:
        return round(score, 3)
    if _FORMS_OF_ADDRESS.match(found):
        return 0.0
    # Small models call many one-word, sentence-initial capitalised words names ("Además", "Victim", "Document");
    # real one-word mentions are mostly cited authors. Below the standard threshold, above the child one.
    recogniser = (result.recognition_metadata or {}).get("recognizer_name")
    if recogniser == "SpacyRecognizer" and not any(ch.isspace() for ch in found):
        score = min(score, SINGLE_WORD_NAME_SCORE)
    return round(score, 3)

