"""Rendering pages: the Jinja environment (autoescaped, gettext per request) and the per-request UI context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from inputdesk.web import i18n
from inputdesk.web.security import CSRF_COOKIE, Csrf

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pass_context
def _gettext(context, message: str) -> str:
    return context["ui"].tr.gettext(message)


@pass_context
def _ngettext(context, singular: str, plural: str, n: int) -> str:
    return context["ui"].tr.ngettext(singular, plural, n)


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, extensions=["jinja2.ext.i18n"], trim_blocks=True,
                      lstrip_blocks=True)
    # newstyle gettext escapes the %(name)s values it substitutes, so translated strings stay safe.
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(call_text=i18n.call_text, question_text=i18n.question_text,
                       category_label=i18n.category_label, confidentiality_text=i18n.confidentiality_text,
                       format_deadline=i18n.format_deadline, format_day=i18n.format_day,
                       countries=i18n.countries, country_name=i18n.country_name, language_name=i18n.language_name)
    env.filters["paragraphs"] = lambda text: [p.strip() for p in text.split("\n\n") if p.strip()]
    env.filters["thousands"] = _thousands
    env.filters["file_label"] = _file_label
    env.filters["filesize"] = _filesize
    env.filters["language_name_in"] = i18n.language_name
    return env


# Published files are labelled in English when they are built ("Annex 2 (cleaned copy)", never from a received file
# name: services.publication_files); the page shows each label in the reader's language.
_FILE_LABEL = re.compile(r"^(Text of the submission|Main document|Annex|Attachment|Document)(?: (\d+))?"
                         r"(?: \((personal data removed|cleaned copy)\))?$")


@pass_context
def _file_label(context, label: str) -> str:
    match = _FILE_LABEL.match(label)
    if match is None:
        return label
    _ = context["ui"].tr.gettext
    what, number, note = match.groups()
    names = {"Text of the submission": _("Text of the submission"), "Main document": _("Main document"),
             "Annex": _("Annex %(number)s"), "Attachment": _("Attachment %(number)s"),
             "Document": _("Document %(number)s")}
    text = names[what] % {"number": number} if number else names[what]
    notes = {"personal data removed": _("(personal data removed)"), "cleaned copy": _("(cleaned copy)")}
    return f"{text} {notes[note]}" if note else text


@pass_context
def _thousands(context, n: int) -> str:
    return i18n.format_number(n, context["ui"].lang)


@pass_context
def _filesize(context, size: int) -> str:
    return i18n.format_size(size, context["ui"].lang)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@dataclass
class Ui:
    """Everything a page needs to know about the person's browser: language, direction, CSRF token."""

    lang: str
    dir: str
    tr: object
    languages: tuple[str, ...]
    path: str
    query: dict[str, str]
    csrf_nonce: str
    csrf_token: str
    new_csrf_cookie: bool
    lang_from_query: bool

    def switcher(self, extra: dict[str, str] | None = None) -> list[LanguageLink]:
        links = []
        for code in self.languages:
            query = {**self.query, **(extra or {}), "lang": code}
            links.append(LanguageLink(code, i18n.autonym(code), f"{self.path}?{urlencode(query)}", code == self.lang))
        return links

    @property
    def owner(self) -> str:
        return Csrf.owner(self.csrf_nonce)


def build_ui(request: Request, portal) -> Ui:
    query_lang = request.query_params.get("lang")
    lang = i18n.negotiate(query_lang, request.cookies.get(i18n.LANG_COOKIE),
                          request.headers.get("accept-language"), portal.languages)
    nonce = portal.csrf.valid_nonce(request.cookies.get(CSRF_COOKIE))
    new_cookie = nonce is None
    nonce = nonce or portal.csrf.new_nonce()
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    return Ui(lang=lang, dir=i18n.text_direction(lang), tr=i18n.translations(lang), languages=portal.languages,
              path=request.url.path, query=query, csrf_nonce=nonce, csrf_token=portal.csrf.token(nonce),
              new_csrf_cookie=new_cookie, lang_from_query=bool(query_lang and query_lang.lower() == lang))


def render(env: Environment, request: Request, ui: Ui, template: str, context: dict | None = None,
           status: int = 200, *, switch_extra: dict[str, str] | None = None) -> HTMLResponse:
    html = env.get_template(template).render(ui=ui, switcher=ui.switcher(switch_extra), **(context or {}))
    response = HTMLResponse(html, status_code=status)
    # Pages with forms or personal data must not be kept by shared caches or the back-forward cache.
    response.headers["cache-control"] = "no-store"
    secure = request.url.scheme == "https"
    if ui.new_csrf_cookie:
        response.set_cookie(CSRF_COOKIE, ui.csrf_nonce, max_age=7 * 24 * 3600, httponly=True, samesite="strict",
                            secure=secure, path="/")
    if ui.lang_from_query:
        response.set_cookie(i18n.LANG_COOKIE, ui.lang, max_age=365 * 24 * 3600, httponly=True, samesite="lax",
                            secure=secure, path="/")
    return response
