"""Finding recommendations: sentences that ask someone to act, whom they address, and which measures they concern.

Rule-based on purpose: the cues are few, multilingual and explainable, and they were tuned on CDCP propositions
(evals/recommendations.py reports precision and recall on a part held out from tuning)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .contracts import PassageText, RecommendationHit
from .taxonomy import Taxonomy
from .text import fold, sentences

# (pattern on folded text, strength). Folded: lower case, no accents.
_CUES: list[tuple[re.Pattern, float]] = [(re.compile(p), s) for p, s in [
    # English
    # "they ask for photos" tells what others do; only the writer, or a named body, asks for action here
    (r"\b(we|i|the \w+) (strongly )?(recommend|urge|call on|call upon|propose|suggest|ask|encourage|invite)s?\b", 0.95),
    (r"\brecommend(s|ed)? (that|to)\b|\brecommendations?:", 0.9),
    (r"\b(should|ought to)\b", 0.85),
    (r"\b(must|need to|needs to|have to|has to)\b", 0.6),
    (r"\b(it is (essential|crucial|vital|necessary|important|imperative) (that|to))\b", 0.75),
    (r"\b(there is an? (urgent )?need (for|to))\b", 0.7),
    (r"\bplease (do|don t|make|consider|ensure|stop)\b", 0.7),
    # French
    (r"\b(nous|je|l \w+) (recommand\w*|demand\w*|appel\w*|exhort\w*|propos\w*|invit\w*|souhait\w* qu)", 0.9),
    (r"\b(devrai(en)?t|devrions|faudrait)\b", 0.85),
    (r"\b(doi(ven)?t|il faut|il convient de|il est (essentiel|necessaire|urgent|indispensable) de)\b", 0.65),
    # Spanish
    (r"\b(recomendamos|instamos|pedimos|proponemos|solicitamos|exhortamos|sugerimos|recomienda\w*)\b", 0.9),
    (r"\b(deberia[n]?|deberiamos)\b", 0.85),
    (r"\b(debe[n]?|es (necesario|preciso|urgente|fundamental|esencial)|hay que|tiene[n]? que)\b", 0.6),
]]
# A bullet or list item that opens with an infinitive or imperative: "- Adopt ...", "• Renforcer ...", "a) Crear ...".
# Verbs added from the UPR tuning years (2008-2009): continue, intensify, step up, pursue, accede ...
_IMPERATIVE = re.compile(
    r"^(?:[-•*–]|\(?[a-z0-9]{1,2}[.)])?\s*(?:(?:to|that|further|fully|effectively|urgently) )?"
    r"(adopt|ensure|establish|require|strengthen|develop|invest|provide|create|"
    r"introduce|ban|criminali[sz]e|fund|promote|consider|take|make|set up|support|prohibit|allow|enable|build|"
    r"harmoni[sz]e|include|train|raise|improve|increase|extend|review|amend|ratify|designate|mandate|stop|"
    r"continue|share|implement|intensify|step up|pursue|give|accede|seek|sign|abolish|accelerate|maintain|"
    r"reinforce|address|put|expedite|undertake|enhance|conduct|guarantee|investigate|speed up|redouble|submit|"
    r"explore|reconsider|incorporate|pay|eliminate|respect|complete|enact|bring|consolidate|reduce|protect|"
    r"combat|end|repeal|apply|prevent|remove|publish|require|fight|uphold|refrain|release|decriminali[sz]e|"
    r"adopter|garantir|renforcer|creer|etablir|mettre en place|veiller|interdire|financer|promouvoir|former|"
    r"ratifier|harmoniser|inclure|assurer|poursuivre|continuer|prendre|mettre fin|lutter|intensifier|envisager|"
    r"abolir|proteger|adoptar|garantizar|fortalecer|crear|establecer|promover|asegurar|continuar|seguir|"
    r"intensificar|considerar|firmar|tomar|aplicar|velar|proteger|"
    r"prohibir|financiar|incluir|ratificar|armonizar|capacitar|impulsar)\b")
_HEADING_CUE = re.compile(r"recommend|recomenda|recommanda|call on|appel|we ask|nous demandons|pedimos|propos|"
                          r"for states|pour les etats|para los estados|what should|que devraient|que deberian")
_QUESTION = re.compile(r"\?\s*$")
# Requests about the submission itself (keep it confidential, do not publish it) ask nobody to act on the issue.
_ABOUT_THE_SUBMISSION = re.compile(
    r"\b(this|our|the present) (submission|contribution|input|document|response)\b.{0,60}\b(confidential|publish\w*)"
    r"|\b(cette|notre) (contribution|soumission|reponse)\b.{0,60}\b(confidenti\w*|publi\w*)"
    r"|\b(esta|nuestra) (contribucion|presentacion|respuesta)\b.{0,60}\b(confidencial\w*|public\w*)")
_MIN_CONFIDENCE = 0.5


class RuleRecommendationDetector:
    """Sentence-level detector. `taxonomy` supplies the addressee lexicon and the measures to attach."""

    def __init__(self, taxonomy: Taxonomy, threshold: float = _MIN_CONFIDENCE):
        self.taxonomy = taxonomy
        self.threshold = threshold

    def sentence_confidence(self, sentence: str, heading: str | None = None) -> float:
        folded = fold(sentence).replace("'", " ").replace("’", " ")
        if _QUESTION.search(sentence) or len(folded.split()) < 4 or _ABOUT_THE_SUBMISSION.search(folded):
            return 0.0
        score = max((s for p, s in _CUES if p.search(folded)), default=0.0)
        if _IMPERATIVE.match(folded):
            score = max(score, 0.75)
        if heading and _HEADING_CUE.search(fold(heading)):
            score = min(1.0, score + 0.15) if score else 0.55
        return score

    def detect(self, passage: PassageText) -> list[RecommendationHit]:
        hits: list[RecommendationHit] = []
        context_addressees = self._addressees(passage.heading or "")
        for index, sentence in enumerate(sentences(passage.text)):
            confidence = self.sentence_confidence(sentence, passage.heading)
            if confidence < self.threshold:
                continue
            addressees = self._addressees(sentence) or context_addressees
            measures = tuple(sorted({h.key for h in self.taxonomy.tag(sentence) if h.kind == "measure"}))
            hits.append(RecommendationHit(passage.id, index, sentence, addressees, measures, round(confidence, 3)))
        return hits

    def _addressees(self, sentence: str) -> tuple[str, ...]:
        """Who is asked to act: the actors named before the verb come first ("States should ..."); when the
        sentence names none there, every actor it names ("we urge X and Y to ...")."""
        found = self.taxonomy.addressees_in(sentence)
        if not found:
            return ()
        folded = fold(sentence).replace("'", " ").replace("’", " ")
        verb = min((m.start() for p, _ in _CUES if (m := p.search(folded))), default=None)
        if verb is None:  # a list item under "We call on:": the actor it opens with
            return (found[0][0],)
        subject = [key for key, surface in found if fold(surface).replace("'", " ") in folded[:verb + 1]]
        keys = subject or [key for key, _ in found]
        return tuple(dict.fromkeys(keys))


class SkipRecommendationDetector:
    def detect(self, passage: PassageText) -> list[RecommendationHit]:
        return []


def detect_all(detector, passages: Sequence[PassageText]) -> tuple[list[RecommendationHit], list[tuple[int, str]]]:
    """Run a detector over passages; a passage that breaks it is reported, not raised."""
    hits, failed = [], []
    for passage in passages:
        try:
            hits.extend(detector.detect(passage))
        except Exception as exc:  # one odd passage must not stop the run
            failed.append((passage.id, f"recommendations: {exc}"))
    return hits, failed
