"""Joint submissions: one text sent on behalf of several organisations (from the manifest or from the text)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import fold, sentences

_JOINT = re.compile(
    r"\bjoint (submission|contribution|input|response|statement)\b|\bsubmitted jointly\b|\bjointly (submitted|"
    r"prepared)\b|\bco-?signed by\b|\bon behalf of the following\b|\bsignatory organi[sz]ations\b|"
    r"\b(soumission|contribution|reponse) conjointe\b|\bconjointement\b|\bcosignee?s? par\b|"
    r"\b(contribucion|presentacion|respuesta) conjunta\b|\bconjuntamente\b|\bfirmada por las siguientes\b")


def joint_evidence(joint_authors: Sequence[str], opening: Sequence[str]) -> str | None:
    """Why a submission counts as joint, or None. `opening`: its first passages (the claim is made up front)."""
    if len(joint_authors) > 1:
        return "co-authors: " + "; ".join(joint_authors)
    for text in opening:
        for sentence in sentences(text):
            if _JOINT.search(fold(sentence)):
                return sentence[:300]
    return None
