"""The portal's forms: reading what was typed, validating it server-side, and the typed-answers document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inputdesk.domain.call import Call
from inputdesk.web.i18n import format_number, is_country, language_of
from inputdesk.web.uploads import ReceivedForm

PUBLISH, CONFIDENTIAL = "publish", "confidential"
HONEYPOT = "website"  # a field people never see; bots that fill every input fill it too
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_LENGTHS = {"name": 200, "organisation": 300, "email": 254}
# The error summary lists problems in the order the fields appear on the page.
_ADULT_ORDER = ["name", "organisation", "category", "country", "email", "language", "answers", "content",
                "main_document", "annexes", "confidentiality", "consent"]


@dataclass(frozen=True)
class FieldError:
    field: str  # form field name
    anchor: str  # id of the element the error summary links to
    message: str


def answer_field(question_id: str) -> str:
    return f"answer_{question_id}"


def answer_anchor(question_id: str) -> str:
    return f"answer-{question_id}"


def word_count(text: str) -> int:
    # Whitespace-separated words, exactly as static/portal.js counts them, so the two never disagree.
    return len(text.split())


def read_answers(form: ReceivedForm, call: Call) -> dict[str, str]:
    answers = {}
    for q in call.questions:
        text = form.get(answer_field(q.id)).replace("\r\n", "\n").strip()
        if text:
            answers[q.id] = text
    return answers


def read_adult(form: ReceivedForm, call: Call) -> dict:
    values = {key: form.get(key).strip() for key in
              ("name", "organisation", "category", "country", "email", "language", "confidentiality")}
    values["consent"] = form.get("consent") == "yes"
    values["answers"] = read_answers(form, call)
    return values


def read_child(form: ReceivedForm, call: Call) -> dict:
    return {"country": form.get("country").strip(), "confidentiality": form.get("confidentiality").strip(),
            "consent": form.get("consent") == "yes", "answers": read_answers(form, call)}


def _check_answers(values: dict, call: Call, tr, errors: list[FieldError]) -> None:
    _, lang = tr.gettext, language_of(tr)
    total = sum(word_count(t) for t in values["answers"].values())
    if total > call.word_limit:
        first = next(q.id for q in call.questions if q.id in values["answers"])
        errors.append(FieldError("answers", answer_anchor(first), _(
            "Your answers have %(count)s words in total; the limit is %(limit)s. Shorten them, or attach a "
            "document instead.") % {"count": format_number(total, lang), "limit": format_number(call.word_limit, lang)}))


def _check_choice_and_consent(values: dict, first_choice: str, tr, errors: list[FieldError], *, child: bool) -> None:
    _ = tr.gettext
    if values["confidentiality"] not in (PUBLISH, CONFIDENTIAL):
        errors.append(FieldError("confidentiality", f"confidentiality-{first_choice}",
                                 _("Choose whether your answers can be shared or must stay private.") if child else
                                 _("Choose whether your submission may be published or must be kept confidential.")))
    if not values["consent"]:
        errors.append(FieldError("consent", "consent",
                                 _("Tick the box to say you understand what will happen to your answers.") if child
                                 else _("Tick the box to agree to the processing of your submission.")))


def validate_adult(values: dict, call: Call, *, has_main_file: bool, file_errors: list[FieldError],
                   tr) -> list[FieldError]:
    """Every problem with the adult form, in the order the fields appear on the page."""
    _ = tr.gettext
    errors: list[FieldError] = []
    if not values["name"]:
        errors.append(FieldError("name", "name", _("Enter your name.")))
    labels = {"name": _("Your name"), "organisation": _("Organisation"), "email": _("E-mail address")}
    for key, limit in MAX_LENGTHS.items():
        if len(values[key]) > limit:
            errors.append(FieldError(key, key, _("%(field)s: use at most %(limit)s characters (you have %(count)s).")
                                     % {"field": labels[key], "limit": limit, "count": len(values[key])}))
    if not values["category"]:
        errors.append(FieldError("category", "category", _("Choose the type of stakeholder you are.")))
    elif not call.has_category(values["category"]):
        errors.append(FieldError("category", "category", _("Choose a stakeholder type from the list.")))
    if values["country"] and not is_country(values["country"]):
        errors.append(FieldError("country", "country", _("Choose a country from the list.")))
    if not values["email"]:
        errors.append(FieldError("email", "email", _("Enter an e-mail address so that we can contact you.")))
    elif not _EMAIL.match(values["email"]) and len(values["email"]) <= MAX_LENGTHS["email"]:
        errors.append(FieldError("email", "email", _("Enter an e-mail address in the form name@example.org.")))
    if values["language"] not in call.languages:
        errors.append(FieldError("language", "language", _("Choose the language of your submission.")))
    _check_answers(values, call, tr, errors)
    first_q = answer_anchor(call.questions[0].id)
    if not values["answers"] and not has_main_file:
        errors.append(FieldError("content", first_q, _(
            "Answer at least one question, or attach your submission as a document.")))
    elif values["answers"] and has_main_file:
        errors.append(FieldError("content", "main_document", _(
            "You typed answers and also attached a main document. Keep one of them: remove the document (you can "
            "attach it as an annex instead) or clear your typed answers.")))
    errors.extend(file_errors)
    _check_choice_and_consent(values, PUBLISH, tr, errors, child=False)
    return sorted(errors, key=lambda e: _ADULT_ORDER.index(e.field))


def validate_child(values: dict, call: Call, tr) -> list[FieldError]:
    _ = tr.gettext
    errors: list[FieldError] = []
    _check_answers(values, call, tr, errors)
    if not values["answers"]:
        errors.append(FieldError("content", answer_anchor(call.questions[0].id),
                                 _("Answer at least one question.")))
    if values["country"] and not is_country(values["country"]):
        errors.append(FieldError("country", "country", _("Choose a country from the list.")))
    _check_choice_and_consent(values, CONFIDENTIAL, tr, errors, child=True)
    return errors


def answers_markdown(call: Call, answers: dict[str, str], *, child: bool = False) -> bytes:
    """The typed answers as one UTF-8 Markdown document, stored and extracted like any uploaded file.

    Headings use the call's original wording (for children, the wording they saw) and the question number,
    so passages map back to questions whatever language the form was shown in.
    """
    sections = []
    for q in call.questions:
        text = answers.get(q.id)
        if not text:
            continue
        wording = q.child_text if child and q.child_text else q.text
        # A line of the answer that starts with '#' would read as a new heading: escape it.
        body = "\n".join("\\" + line if line.lstrip().startswith("#") else line for line in text.splitlines())
        sections.append(f"## Question {q.number}: {wording}\n\n{body}\n")
    return "\n".join(sections).encode("utf-8")
