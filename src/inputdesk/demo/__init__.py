"""A clearly fictional, deterministic demo corpus of submissions to the seed call, with labels for tests and evals."""

from __future__ import annotations

from typing import Any

__all__ = ["DemoCorpus", "PlannedSubmission", "write_demo_corpus"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `python -m inputdesk.demo.corpus` does not find the module already loaded.
    if name == "write_demo_corpus":
        from inputdesk.demo.corpus import write_demo_corpus

        return write_demo_corpus
    if name in ("DemoCorpus", "PlannedSubmission"):
        from inputdesk.demo import plan

        return getattr(plan, name)
    raise AttributeError(f"module 'inputdesk.demo' has no attribute {name!r}")
