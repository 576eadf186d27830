"""The call's taxonomy (technologies, harms, measures, actors, instruments; countries from ISO 3166) and a tagger
that finds its terms in any passage, in English, French and Spanish, ignoring case, accents and plurals."""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .contracts import TagHit
from .text import fold, stem

COUNTRY = "country"
_RAW_WORD = re.compile(r"\w+", re.UNICODE)
# Many demonyms also name a language ("French", "español", "portugués"): "written in French" or "en español y en
# portugués" mention no country. Folded (lower case, no accents) words that show a demonym names a language: before
# it, after it, and other language names (a list: "in English, French and Spanish").
_BEFORE_A_LANGUAGE = frozenset({"in", "into", "en"})
_AFTER_A_LANGUAGE = frozenset({"language", "languages", "langue", "langues", "idioma", "idiomas", "lengua", "speaking",
                               "speakers", "translation", "traduction", "traduccion", "version", "subtitles"})
_LANGUAGE_LIST = frozenset({"and", "or", "et", "ou", "y", "e", "o", "u"})
_LANGUAGES = frozenset({"english", "anglais", "ingles", "french", "francais", "frances", "spanish", "espagnol",
                        "espanol", "castellano", "arabic", "arabe", "russian", "russe", "ruso", "chinese", "chinois",
                        "chino", "mandarin", "portuguese", "portugais", "portugues", "german", "allemand", "aleman"})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return _RAW_WORD.findall(_strip_accents(text).replace("’", " ").replace("'", " "))


@dataclass(frozen=True)
class _Term:
    key: tuple[str, ...]  # folded, stemmed tokens
    exact: tuple[str, ...] | None  # tokens as written, when case matters ("UN", "=States")
    capitalised: bool  # the text must write the first word with a capital (country names)
    kind: str
    tag: str
    surface: str
    demonym: bool = False  # may name a language instead (see _names_a_language)


class TermMatcher:
    """Longest-match lookup of multi-word terms over word tokens; a few thousand terms cost one dict probe per word."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Term]] = defaultdict(list)

    def add(self, surface: str, kind: str, tag: str, *, capitalised: bool = False, demonym: bool = False) -> None:
        exact_case = surface.startswith("=")
        surface = surface.lstrip("=")
        words = _words(surface)
        if not words:
            return
        letters = "".join(words)
        acronym = letters.isupper() and len(letters) <= 6
        key = tuple(stem(fold(w)) for w in words)
        exact = tuple(words) if (exact_case or acronym) else None
        self._by_first[key[0]].append(_Term(key, exact, capitalised, kind, tag, surface, demonym))
        self._by_first[key[0]].sort(key=lambda t: -len(t.key))

    def find(self, text: str) -> list[_Term]:
        raw = _words(text)
        folded = [stem(fold(w)) for w in raw]
        found: list[_Term] = []
        spoken: set[int] = set()  # positions of demonyms that name a language here
        counted: set[int] = set()  # positions of demonyms that name a country
        i = 0
        while i < len(folded):
            match = None
            for term in self._by_first.get(folded[i], ()):
                n = len(term.key)
                if tuple(folded[i:i + n]) != term.key:
                    continue
                if term.exact is not None and tuple(raw[i:i + n]) != term.exact:
                    continue
                if term.capitalised and not raw[i][:1].isupper():
                    continue
                match = term
                break
            if match is None:
                i += 1
                continue
            end = i + len(match.key)
            if not match.demonym:
                found.append(match)
            elif _names_a_language(raw, i, end, spoken, counted):
                spoken.add(end - 1)
            else:
                counted.add(end - 1)
                found.append(match)
            i = end
        return found


def _names_a_language(raw: list[str], i: int, end: int, spoken: set[int], counted: set[int]) -> bool:
    """Whether the demonym raw[i:end] names a language here: "in French", "en español", "French-speaking", "la
    langue française", or a list that began as languages ("English, French and Spanish", "anglais et espagnol"),
    but not "French and Spanish police". `spoken` and `counted`: where earlier demonyms of the text end, by use."""
    before = fold(raw[i - 1]) if i else ""
    after = fold(raw[end]) if end < len(raw) else ""
    if after in _AFTER_A_LANGUAGE or before in _BEFORE_A_LANGUAGE or before in _AFTER_A_LANGUAGE:
        return True
    if before in _LANGUAGES:
        return i - 1 not in counted
    if before in _LANGUAGE_LIST and i >= 2:
        return i - 2 in spoken or (fold(raw[i - 2]) in _LANGUAGES and i - 2 not in counted)
    return False


@dataclass
class Taxonomy:
    kinds: dict[str, str]  # kind -> label
    labels: dict[tuple[str, str], str]  # (kind, key) -> label
    matcher: TermMatcher
    addressee_labels: dict[str, str]
    addressees: TermMatcher
    question_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    call_id: str | None = None

    def tag(self, text: str) -> list[TagHit]:
        """Every taxonomy entry and country the text mentions, with how often and in which words."""
        counts: dict[tuple[str, str], list[str]] = defaultdict(list)
        for term in self.matcher.find(text):
            counts[(term.kind, term.tag)].append(term.surface)
        return [TagHit(kind, key, self.labels.get((kind, key), key), len(s), tuple(sorted(set(s))))
                for (kind, key), s in sorted(counts.items())]

    def addressees_in(self, text: str) -> list[tuple[str, str]]:
        """(addressee key, words) in order of appearance."""
        return [(t.tag, t.surface) for t in self.addressees.find(text)]


class SkipTagger:
    """Tags nothing: for runs that leave tagging out."""

    def tag(self, text: str) -> list[TagHit]:
        return []


def load_taxonomy(path: Path | str | None = None, *, countries: bool = True) -> Taxonomy:
    """Read a taxonomy YAML (default: the seed call's, shipped with InputDesk)."""
    if path is None:
        source = (resources.files("inputdesk") / "calls" / "sr-sale-children-digital-2024.taxonomy.yaml").read_text(
            encoding="utf-8")
        where = "sr-sale-children-digital-2024.taxonomy.yaml"
    else:
        source, where = Path(path).read_text(encoding="utf-8"), str(path)
    data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # C loader: 20x faster
    if not isinstance(data.get("kinds"), dict):
        raise ValueError(f"{where}: a taxonomy needs a 'kinds' mapping (see docs/analysis.md)")
    matcher = TermMatcher()
    kinds: dict[str, str] = {}
    labels: dict[tuple[str, str], str] = {}
    for kind, spec in data["kinds"].items():
        kinds[kind] = spec.get("label", kind)
        for key, tag in (spec.get("tags") or {}).items():
            if "terms" not in tag:
                raise ValueError(f"{where}: kinds.{kind}.tags.{key} has no 'terms'")
            labels[(kind, key)] = tag.get("label", key)
            for term in _all_terms(tag["terms"]):
                matcher.add(term, kind, key)
    addressees = TermMatcher()
    addressee_labels: dict[str, str] = {}
    for key, spec in (data.get("addressees") or {}).items():
        addressee_labels[key] = spec.get("label", key)
        for term in _all_terms(spec.get("terms", {})):
            addressees.add(term, "addressee", key)
    if countries:
        kinds[COUNTRY] = "Countries"
        for code, name, surface, capitalised in _country_terms(data.get("countries") or {}):
            labels[(COUNTRY, code)] = name
            matcher.add(surface, COUNTRY, code, capitalised=capitalised, demonym=not capitalised)
    cues = {q: tuple(v) for q, v in (data.get("question_cues") or {}).items()}
    return Taxonomy(kinds, labels, matcher, addressee_labels, addressees, cues, data.get("call"))


def _all_terms(terms) -> list[str]:
    if isinstance(terms, dict):
        return [str(t) for values in terms.values() for t in (values or [])]
    return [str(t) for t in terms or []]


def _country_terms(spec: dict) -> list[tuple[str, str, str, bool]]:
    """(alpha-2, English name, surface form, must be capitalised) for every country name and demonym."""
    import pycountry

    ignore = {fold(w) for w in spec.get("ignore", [])}
    out: list[tuple[str, str, str, bool]] = []
    for country, fr, es in _localised_countries():
        code = country.alpha_2
        name = getattr(country, "common_name", None) or country.name
        names = {country.name, name, getattr(country, "official_name", country.name), fr(country.name),
                 es(country.name)} | set(spec.get("extra_names", {}).get(code, []))
        for surface in names:
            surface = surface.split(",")[0].split("(")[0].strip()
            if surface and fold(surface) not in ignore and len(surface) > 2:
                out.append((code, name, surface, True))
        for words in (spec.get("demonyms", {}).get(code) or {}).values():
            out.extend((code, name, w, False) for w in words)
    del pycountry
    return out


@functools.lru_cache(maxsize=1)
def _localised_countries():
    import pycountry

    def translator(lang):
        try:
            return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:  # a pycountry build without that catalogue: English names only
            return lambda s: s

    fr, es = translator("fr"), translator("es")
    return [(c, fr, es) for c in pycountry.countries]
