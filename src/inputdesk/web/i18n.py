"""UI language: choosing it per request, the gettext catalogues, and localised names, dates and call texts."""

from __future__ import annotations

import gettext
import io
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from babel.units import format_unit
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # msgids are English; English needs no catalogue
LANG_COOKIE = "inputdesk_lang"


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for `lang`, compiled from its .po in memory with Babel.

    Compiling at load (not at build) means a plain `pip install -e .` or a fresh clone works with no
    build step, and the .po stays the only file a translator edits. Fuzzy entries are left out on purpose:
    an unreviewed guess must fall back to English rather than show a wrong translation.
    """
    po = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == SOURCE_LANGUAGE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def parse_languages(setting: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.strip().lower() for c in setting.split(",") if c.strip()))
    return codes or (SOURCE_LANGUAGE,)


def negotiate(query: str | None, cookie: str | None, accept_language: str | None,
              available: tuple[str, ...]) -> str:
    """?lang= wins, then the cookie the switcher set, then the browser's preference, then the first configured."""
    for candidate in (query, cookie):
        if candidate and candidate.lower() in available:
            return candidate.lower()
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag[:2] in available:
            return tag[:2]
        if tag in available:
            return tag
    return available[0]


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def text_direction(lang: str) -> str:
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


def autonym(lang: str) -> str:
    """A language named in itself ("français"), as a switcher must show it."""
    name = _locale(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def language_name(code: str, ui_lang: str) -> str:
    name = _locale(ui_lang).languages.get(code) or code
    return name[:1].upper() + name[1:]


def format_deadline(moment: datetime, lang: str) -> str:
    moment = moment.astimezone(UTC)
    return f"{format_date(moment, 'long', locale=_locale(lang))}, {format_time(moment, 'HH:mm', locale=_locale(lang))} UTC"


def format_number(n: int, lang: str) -> str:
    """3,000 in English, 3 000 in French, 3.000 in Spanish: "3,000" reads as three to many readers."""
    return format_decimal(n, locale=_locale(lang))


def format_size(size: int, lang: str) -> str:
    """A file size in the reader's units and numbers ("12 KB", "12 ko", "1,5 Mo")."""
    locale = _locale(lang)
    if size < 1024:
        return f"{format_decimal(size, locale=locale)} {'o' if locale.language == 'fr' else 'B'}"
    if size < 1024 * 1024:
        return format_unit(round(size / 1024), "digital-kilobyte", length="short", locale=locale)
    return format_unit(size / (1024 * 1024), "digital-megabyte", length="short", format="#,##0.0", locale=locale)


def language_of(tr: gettext.NullTranslations) -> str:
    """The language of a catalogue from `translations` (English when it has none)."""
    return (tr.info().get("language") if isinstance(tr, gettext.GNUTranslations) else None) or SOURCE_LANGUAGE


def format_day(moment: datetime, lang: str) -> str:
    return format_date(moment.astimezone(UTC), "long", locale=_locale(lang))


def _collation_key(name: str) -> str:
    # Good enough for sorting a list people scan by eye: "Émirats" sorts with "E", not after "Z".
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=None)
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """(ISO 3166-1 alpha-2, name in `lang`) sorted by name; names come from the catalogues pycountry ships."""
    names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    items = [(c.alpha_2, names.gettext(c.name)) for c in pycountry.countries]
    return tuple(sorted(items, key=lambda item: _collation_key(item[1])))


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None if len(code) == 2 else False


def country_name(code: str | None, lang: str) -> str:
    return dict(countries(lang)).get(code or "", code or "")


@dataclass(frozen=True)
class Localised:
    """A call text in the best language available, and which language that is (for a lang= attribute)."""

    text: str
    lang: str


def call_text(call, key: str, lang: str) -> Localised:
    """A field of the call (title, background, ...) from the call file's `translations`, else the original."""
    translated = (call.translations.get(lang) or {}).get(key)
    if translated:
        return Localised(translated, lang)
    return Localised(getattr(call, key), call.languages[0] if call.languages else SOURCE_LANGUAGE)


def confidentiality_text(call, key: str, lang: str) -> Localised:
    translated = (call.translations.get(lang) or {}).get(f"confidentiality.{key}")
    if translated:
        return Localised(translated, lang)
    return Localised(getattr(call.confidentiality, key), call.languages[0] if call.languages else SOURCE_LANGUAGE)


def question_text(call, question, lang: str, *, child: bool = False) -> Localised:
    key = "child_text" if child and question.child_text else "text"
    translated = (question.translations.get(lang) or {}).get(key)
    if translated:
        return Localised(translated, lang)
    return Localised(getattr(question, key), call.languages[0] if call.languages else SOURCE_LANGUAGE)


def category_label(call, category, lang: str) -> Localised:
    if lang in category.translations:
        return Localised(category.translations[lang], lang)
    return Localised(category.label, call.languages[0] if call.languages else SOURCE_LANGUAGE)
