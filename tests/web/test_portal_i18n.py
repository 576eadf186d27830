"""The UI catalogues stay complete: every string the portal shows is translated in every shipped language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from inputdesk.config import Settings
from inputdesk.web import i18n

WEB = Path(i18n.__file__).parent
SHIPPED = sorted(p.name for p in i18n.LOCALES_DIR.iterdir() if p.is_dir())
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted_messages() -> set[str]:
    found = extract_from_dir(str(WEB), method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
                             options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
                             keywords=DEFAULT_KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str)}


def test_the_default_languages_all_ship_a_catalogue():
    assert SHIPPED == ["es", "fr"]
    assert set(i18n.parse_languages(Settings().web_languages)) == {"en", *SHIPPED}


def test_the_template_lists_every_message_the_code_uses():
    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    missing = extracted_messages() - template
    assert not missing, f"run the extract command in docs/web.md: {sorted(missing)[:5]}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    with (i18n.LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {m.id: m for m in catalog if m.id}
    problems = []
    for msgid in sorted(extracted_messages()):
        entry = translated.get(msgid)
        if entry is None or not entry.string or entry.fuzzy:
            problems.append(f"untranslated: {msgid!r}")
        elif set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(entry.string)):
            problems.append(f"placeholders differ: {msgid!r}")
    assert not problems, "\n".join(problems[:10])


def test_catalogues_compile_from_po_at_load_time():
    assert i18n.translations("fr").gettext("Submit your input") == "Soumettre votre contribution"
    assert i18n.translations("es").gettext("Submit your input") == "Enviar su contribución"
    assert i18n.translations("en").gettext("Submit your input") == "Submit your input"
    assert i18n.translations("de").gettext("Submit your input") == "Submit your input"  # no catalogue: English


def test_country_names_follow_the_ui_language():
    assert dict(i18n.countries("fr"))["DE"] == "Allemagne"
    assert dict(i18n.countries("es"))["DE"] == "Alemania"
    names = [name for _code, name in i18n.countries("fr")]
    assert names.index("Émirats arabes unis") < names.index("Espagne")  # accents do not sort after Z


def test_text_direction():
    assert i18n.text_direction("ar") == "rtl" and i18n.text_direction("he") == "rtl"
    assert i18n.text_direction("fr") == "ltr"
