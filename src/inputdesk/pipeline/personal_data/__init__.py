"""Personal-data detection for redaction proposals (Presidio, offline). Importing this package is cheap: Presidio
and spaCy are loaded by `load_detector`, on first use."""

from __future__ import annotations

from functools import lru_cache

from inputdesk.pipeline.personal_data.entities import (
    ENTITY_LABELS,
    DetectionProfile,
    Finding,
    LanguageCapability,
    child_profile,
    standard_profile,
)

__all__ = ["DetectionProfile", "ENTITY_LABELS", "Finding", "LanguageCapability", "MissingDetector", "child_profile",
           "load_detector", "shared_detector", "standard_profile"]


class MissingDetector(RuntimeError):
    def __str__(self) -> str:
        return (f"personal-data detection needs Presidio, which is not installed ({self.args[0]}); "
                "run: pip install presidio-analyzer  (see docs/personal-data.md)")


def load_detector(languages: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh"), *, use_ner: bool = True):
    """A new PresidioDetector. Takes seconds (spaCy models); prefer `shared_detector` in long-lived processes."""
    try:
        from inputdesk.pipeline.personal_data.detector import PresidioDetector
    except ImportError as exc:
        raise MissingDetector(exc.name or str(exc)) from exc
    return PresidioDetector(languages, use_ner=use_ner)


@lru_cache(maxsize=4)
def shared_detector(languages: tuple[str, ...], use_ner: bool = True):
    """One detector per configuration and process: the web app, CLI commands and tests reuse it (it is read-only
    once built)."""
    return load_detector(languages, use_ner=use_ner)
