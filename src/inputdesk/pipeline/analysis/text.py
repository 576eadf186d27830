"""Text normalisation shared by the analysis stages: accent- and case-insensitive word tokens, sentences, stop words."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces between words: kana, CJK ideographs, Thai.
_UNSPACED_RUN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A sentence ends at . ! ? ; or the end of a line that starts a bullet.
_SENTENCE = re.compile(r"(?<=[.!?؟。])\s+(?=[\"'“«(¿¡]?[A-ZÀ-ÖØ-Þ0-9•\-–])|\n+(?=\s*(?:[•\-–*]|\d+[.)]|[a-z][.)])\s)|\n{2,}")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both but
by can could did do does doing down during each either few for from further had has have having he her here hers
him his how i if in into is it its itself just may me might more most must my no nor not now of off on once only or
other our ours out over own per same shall she should so some such than that the their theirs them then there these
they this those through to too under until up upon us very via was we were what when where which while who whom why
will with within without would you your yours
au aux avec ce ces cet cette comme dans de des du elle elles en est et être eux il ils je la le les leur leurs lui
ma mais me mes moi mon même ne nos notre nous on ont ou où par pas pour qu que qui sa sans se ses si son sont sur ta
te tes toi ton tous tout toute toutes très tu un une vos votre vous été aussi ainsi afin entre lors dont plus peut
peuvent doit doivent être sont avoir cela celle celles ceux leurs ces
al algo como con contra cual cuando de del desde donde dos el ella ellas ellos en entre era es esa ese eso esta
estas este esto estos fue ha han hay la las le les lo los más me mi mis muy ni no nos nuestra nuestro o para pero
por que qué se sea ser si sin sobre su sus también tan te tiene tienen todo todos tu un una uno unos y ya puede
pueden debe deben son está están sus según cada otros otras
""".split())


def fold(text: str) -> str:
    """Lower case without accents: 'États' -> 'etats', so 'Etats' and 'États' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(token: str) -> str:
    """A deliberately light stem (plural -s/-x) that is safe in English, French and Spanish."""
    if len(token) > 3 and token[-1] in "sx" and token[-2] != "s":
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Folded word tokens, apostrophe prefixes ("l'", "d'") split off."""
    return _WORD.findall(fold(text).replace("’", " ").replace("'", " "))


def keyword_tokens(text: str) -> list[str]:
    """Tokens worth counting as keywords: no stop words, numbers or one-letter tokens."""
    return [t for t in tokens(text) if len(t) > 2 and t not in STOPWORDS and not t.isdigit()]


# Abbreviations a number follows ("General Comment No. 25", "art. 34", "para. 12"): no sentence ends there.
_BEFORE_A_NUMBER = re.compile(r"\b(?:No|Nos|no|nos|Nº|N°|Art|Arts|art|arts|para|paras|p|pp|Vol|vol|Res|Doc|Ch|ch)\.$")


def sentences(text: str) -> list[str]:
    """Sentences and bullet items, in order; good enough to find a recommendation inside a paragraph."""
    parts = [" ".join(p.split()) for p in _SENTENCE.split(text.strip()) if p and p.strip()]
    joined: list[str] = []
    for part in parts:
        if joined and part[:1].isdigit() and _BEFORE_A_NUMBER.search(joined[-1]):
            joined[-1] += " " + part
        else:
            joined.append(part)
    return joined


_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|\+\d[\d ().-]{7,}\d|\b\d{3}[ .-]\d{3,4}[ .-]\d{4}\b")
MIN_WORDS = 6  # shorter passages are page footers, headings or fragments: never mapped
_SIGN_OFF = re.compile(r"^\W*(contact|contacto|yours (sincerely|faithfully)|sincerely|kind regards|best regards|"
                       r"cordialement|veuillez agr[ée]er|nous vous (remercions|prions)|atentamente|saludos|"
                       r"dear |madame|monsieur|estimad[ao]s?)\b", re.IGNORECASE)


def is_boilerplate(text: str) -> bool:
    """Footers, greetings, sign-offs, contact lines and bracketed notes: text that answers no question.
    A passage that also holds a real sentence or two ("Governments should ... Contact: ...") is not one."""
    content = 0
    for line in text.splitlines():
        line = line.strip().lstrip("-–— ")
        words = word_count(line)
        if (line.startswith("[") and line.endswith("]")) or (_CONTACT.search(line) and words <= 30) \
                or (_SIGN_OFF.match(line) and words <= 25):
            continue
        content += words
    return content < MIN_WORDS


def word_count(text: str) -> int:
    """Words in the text. Chinese, Japanese and Thai are written without spaces, so a run of their characters
    is one \\w+ match however long; it counts as one word per two characters (about a word's length there),
    or a whole short answer in Chinese would read as a three-word fragment and never be mapped."""
    unspaced = sum(map(len, _UNSPACED_RUN.findall(text)))
    if not unspaced:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_UNSPACED_RUN.sub(" ", text))) + (unspaced + 1) // 2
