"""Reading and validating call definitions (YAML) into domain `Call` objects."""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from inputdesk.domain.call import (
    AnnexRules,
    Call,
    ConfidentialityPolicy,
    HelpLink,
    Question,
    StakeholderCategory,
)
from inputdesk.domain.extraction import FileKind

SEED_CALL_ID = "sr-sale-children-digital-2024"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
_LANG = re.compile(r"^[a-z]{2,3}$")


class CallDefinitionError(ValueError):
    """A call file is not valid; `problems` lists each one as 'where: what'."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _QuestionModel(_Strict):
    id: str
    label: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=10)
    child_text: str | None = None
    translations: dict[str, dict[str, str]] = {}

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("must be lower-case letters, digits or '_' (e.g. 'q1')")
        return v


class _CategoryModel(_Strict):
    id: str
    label: str = Field(min_length=1)
    translations: dict[str, str] = {}

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("must be lower-case letters, digits or '_' (e.g. 'civil_society')")
        return v


class _ConfidentialityModel(_Strict):
    default: Literal["public", "confidential"]
    publish_label: str
    confidential_label: str
    notice: str


class _AnnexModel(_Strict):
    allowed_types: list[str] = Field(min_length=1)
    max_file_mb: int = Field(gt=0, le=500)
    max_files: int = Field(ge=0, le=50)

    @field_validator("allowed_types")
    @classmethod
    def _known_kinds(cls, v: list[str]) -> list[str]:
        known = {k.value for k in FileKind}
        unknown = [t for t in v if t not in known]
        if unknown:
            raise ValueError(f"unknown file type(s) {unknown}; use some of {sorted(known)}")
        return v


class _LinkModel(_Strict):
    label: str
    url: str
    translations: dict[str, str] = {}  # lang -> label


class _CallModel(_Strict):
    id: str
    mandate: str
    title: str
    report: str | None = None
    child_category: str | None = None
    reference_prefix: str = Field(default="SUB", pattern=r"^[A-Z][A-Z0-9]{1,9}$")
    background: str
    input_sought: str
    how_inputs_used: str
    deadline: datetime
    accept_late: bool = False
    early_submissions_encouraged: bool = True
    word_limit: int = Field(gt=0)
    languages: list[str] = Field(min_length=1)
    confidentiality: _ConfidentialityModel
    annex_rules: _AnnexModel
    stakeholder_categories: list[_CategoryModel] = Field(min_length=1)
    questions: list[_QuestionModel] = Field(min_length=1)
    help_links: list[_LinkModel] = []
    translations: dict[str, dict[str, str]] = {}

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError("must be a slug: lower-case letters, digits and '-', 2-80 characters")
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if not _LANG.match(x)]
        if bad:
            raise ValueError(f"not ISO 639 language codes: {bad} (write e.g. 'en', 'fr')")
        return v

    @field_validator("deadline")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError("needs a time zone, e.g. '2024-05-15T23:59:00+00:00'")
        return v

    @model_validator(mode="after")
    def _child_category_exists(self) -> "_CallModel":
        if self.child_category and self.child_category not in {c.id for c in self.stakeholder_categories}:
            raise ValueError(f"child_category {self.child_category!r} is not one of the stakeholder categories")
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> "_CallModel":
        for what, items in (("question", self.questions), ("stakeholder category", self.stakeholder_categories)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{what} id {item.id!r} is used twice")
                seen.add(item.id)
        return self


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~20x faster; same safe subset


@lru_cache(maxsize=32)
def parse_call(text: str, source: str = "<call>") -> Call:
    """Parse and validate a call definition; raise CallDefinitionError listing every problem.

    Cached by content: the intake reads the call for every submission.
    """
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CallDefinitionError(source, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from exc
    if not isinstance(raw, dict):
        raise CallDefinitionError(source, ["the file must be a YAML mapping with keys such as id, title, questions"])
    try:
        model = _CallModel.model_validate(raw)
    except ValidationError as exc:
        problems = [f"{_where(e['loc'])}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]
        raise CallDefinitionError(source, problems) from exc
    return _to_domain(model)


def _to_domain(m: _CallModel) -> Call:
    return Call(
        id=m.id,
        mandate=m.mandate,
        title=m.title,
        background=m.background,
        input_sought=m.input_sought,
        how_inputs_used=m.how_inputs_used,
        questions=tuple(
            Question(id=q.id, number=i + 1, label=q.label, text=q.text, child_text=q.child_text,
                     translations=q.translations)
            for i, q in enumerate(m.questions)
        ),
        stakeholder_categories=tuple(
            StakeholderCategory(id=c.id, label=c.label, translations=c.translations) for c in m.stakeholder_categories
        ),
        confidentiality=ConfidentialityPolicy(**m.confidentiality.model_dump()),
        languages=tuple(m.languages),
        deadline=m.deadline,
        word_limit=m.word_limit,
        annex_rules=AnnexRules(
            allowed_types=tuple(m.annex_rules.allowed_types),
            max_file_mb=m.annex_rules.max_file_mb,
            max_files=m.annex_rules.max_files,
        ),
        reference_prefix=m.reference_prefix,
        child_category=m.child_category,
        accept_late=m.accept_late,
        early_submissions_encouraged=m.early_submissions_encouraged,
        help_links=tuple(HelpLink(link.label, link.url, dict(link.translations)) for link in m.help_links),
        translations=m.translations,
    )


def load_call_file(path: Path) -> tuple[Call, str]:
    text = path.read_text(encoding="utf-8")
    return parse_call(text, source=str(path)), text


def seed_call_text() -> str:
    """The seed call shipped inside the package."""
    return (resources.files("inputdesk") / "calls" / f"{SEED_CALL_ID}.yaml").read_text(encoding="utf-8")
