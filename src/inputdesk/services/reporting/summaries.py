"""Optional machine-drafted summaries of themes, from an OpenAI-compatible endpoint (off unless configured).

The model sees only the theme's quotable passages (redacted text of citable submissions), each tagged [P<id>].
Every sentence it writes must end with citations of those ids; a sentence that cites nothing, or any other passage,
is dropped. What survives is marked as machine-drafted wherever it is shown."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from inputdesk.services.reporting.corpus import Corpus
from inputdesk.services.reporting.model import Digest, Summary, SummarySentence

MAX_PASSAGES = 12  # per theme: the nearest to its centre first, enough for a paragraph
CITATION = re.compile(r"\[\s*P?\s*\d+(?:\s*[,;]\s*P?\s*\d+)*\s*\]", re.IGNORECASE)
PROMPT = (
    "You draft one paragraph (two to four sentences) summarising what submissions to a UN call for input say "
    "about the theme \"{title}\" (question: {question}). Use only the passages below. End every sentence with the "
    "ids of the passages it rests on, in square brackets, e.g. [P12] or [P12, P40]. Do not name organisations or "
    "people. Write in English.\n\n{passages}")


class SummaryError(RuntimeError):
    """The endpoint could not be reached or gave no usable answer."""


class Summarizer(Protocol):
    model: str

    def complete(self, prompt: str) -> str: ...


@dataclass
class OpenAICompatibleSummarizer:
    """POSTs to <url>/chat/completions (OpenAI, llama.cpp server, vLLM, Ollama's /v1 ...)."""

    url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 60.0

    def complete(self, prompt: str) -> str:
        body = json.dumps({"model": self.model, "temperature": 0,
                           "messages": [{"role": "user", "content": prompt}]}).encode("utf-8")
        request = urllib.request.Request(self.url.rstrip("/") + "/chat/completions", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        if self.api_key:
            request.add_header("Authorization", f"Bearer {self.api_key}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 (configured URL)
                answer = json.loads(response.read().decode("utf-8"))
            return answer["choices"][0]["message"]["content"]
        except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError, TypeError) as e:
            raise SummaryError(f"the summary endpoint {self.url} gave no usable answer: {e}") from e


def checked_summary(answer: str, allowed: dict[int, object], model: str) -> Summary:
    """Keep the sentences whose citations are all among `allowed` (passage id -> Citation), and cite something."""
    kept, dropped = [], 0
    for sentence in _sentences(answer):
        ids = [int(n) for group in CITATION.findall(sentence) for n in re.findall(r"\d+", group)]
        text = " ".join(CITATION.sub("", sentence).split()).replace(" .", ".").strip()
        if not ids or not text or any(i not in allowed for i in ids):
            dropped += 1
            continue
        kept.append(SummarySentence(text, tuple(allowed[i] for i in dict.fromkeys(ids))))
    return Summary(tuple(kept), model, dropped)


def attach_summaries(digest: Digest, corpus: Corpus, summarizer: Summarizer) -> None:
    """A summary for each theme with at least two quotable passages; a failure leaves a note, not a broken report."""
    for q in digest.questions:
        for theme in q.themes:
            pids = [p for p in theme.evidence.passage_ids if p in corpus.texts][:MAX_PASSAGES]
            if len(pids) < 2:
                continue
            allowed = {p: corpus.citation(p) for p in pids}
            passages = "\n\n".join(f"[P{p}] {corpus.texts[p]}" for p in pids)
            try:
                answer = summarizer.complete(PROMPT.format(title=theme.title, question=q.label, passages=passages))
            except SummaryError as problem:
                digest.notes.append(f"No machine-drafted summaries: {problem}")
                return
            summary = checked_summary(answer, allowed, summarizer.model)
            theme.summary = summary if summary.sentences else None


def _sentences(text: str) -> list[str]:
    # a sentence ends after its citations: "... rose. [P3]" and "... rose [P3]." are both one sentence
    parts = re.split(r"(?<=[.!?])\s+(?!\[)|(?<=\])\s+(?=[A-Z\u00C0-\u024F])", " ".join(text.split()))
    return [p.strip() for p in parts if p.strip()]
