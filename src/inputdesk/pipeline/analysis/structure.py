"""Question mapping by structure: numbered answers ("1.", "Question 2", "Pregunta 3", "Q4"), headings that quote or
paraphrase a question, and portal answer files (`## Question N: text`). A marker applies until the next one."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..question_markers import QUESTION_MARKER as _EXPLICIT
from .contracts import STRUCTURE, PassageText, QuestionAssignment, QuestionText
from .text import keyword_tokens, stem

QUESTION_TEXT = "question_text"  # the passage only repeats the question: a heading, not an answer

# A bare number opening a line: "2. --", "3)", "4 -"; only trusted when the document numbers its answers in order.
_BARE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(?:-{1,3}|–|—|:)?\s*(?:\n|$|(?=[A-ZÀ-ÖØ-Þ¿¡]))")
_ECHO_OVERLAP = 0.6  # share of a question's content words a passage must repeat to count as quoting it


class StructureQuestionMapper:
    """Follows the document's own structure. `heading_match(heading) -> (question id, confidence) | None` may be
    passed in to recognise paraphrased headings (e.g. by embedding similarity); without it only quotes count."""

    def __init__(self, questions: Sequence[QuestionText],
                 heading_match: Callable[[str], tuple[str, float] | None] | None = None):
        self.questions = list(questions)
        self.by_number = {q.number: q.id for q in questions}
        self.heading_match = heading_match
        self._words = {q.id: [set(map(stem, keyword_tokens(t))) for t in q.texts] for q in questions}

    def map_document(self, passages: Sequence[PassageText]) -> list[QuestionAssignment]:
        ordered = sorted(passages, key=lambda p: p.seq)
        bare_ok = self._numbers_answers_in_order(ordered)
        out: list[QuestionAssignment] = []
        current: tuple[str, float] | None = None
        last_heading: str | None = None
        heading_cache: dict[str, tuple[str, float] | None] = {}
        for passage in ordered:
            if passage.heading and passage.heading != last_heading:
                last_heading = passage.heading
                if passage.heading not in heading_cache:
                    heading_cache[passage.heading] = self._heading_question(passage.heading)
                found = heading_cache[passage.heading]
                if found is not None:
                    current = found
            echoed = self.quoted_question(passage.text)
            if echoed is not None:
                current = (echoed, 0.95)
                out.append(QuestionAssignment(passage.id, echoed, 1.0, QUESTION_TEXT))
                continue
            markers = self._line_markers(passage.text, bare_ok)
            if markers:
                first_offset, _ = markers[0]
                if current is not None and first_offset > 150:  # the previous answer ends inside this passage
                    out.append(QuestionAssignment(passage.id, current[0], current[1], STRUCTURE))
                for _, qid in markers:
                    out.append(QuestionAssignment(passage.id, qid, 0.95, STRUCTURE))
                current = (markers[-1][1], 0.95)
                continue
            if current is not None:
                out.append(QuestionAssignment(passage.id, current[0], current[1], STRUCTURE))
        return _unique(out)

    # --- markers -------------------------------------------------------------
    def _heading_question(self, heading: str) -> tuple[str, float] | None:
        explicit = _EXPLICIT.match(heading)
        if explicit and int(explicit.group(1)) in self.by_number:
            return self.by_number[int(explicit.group(1))], 0.95
        quoted = self.quoted_question(heading)
        if quoted is not None:
            return quoted, 0.95
        if self.heading_match is not None:
            return self.heading_match(heading)
        return None

    def _line_markers(self, text: str, bare_ok: bool) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        offset = 0
        for line in text.split("\n"):
            match = _EXPLICIT.match(line) or (_BARE.match(line + "\n") if bare_ok else None)
            if match and int(match.group(1)) in self.by_number:
                qid = self.by_number[int(match.group(1))]
                if not found or found[-1][1] != qid:
                    found.append((offset, qid))
            offset += len(line) + 1
        return found

    def _numbers_answers_in_order(self, passages: Sequence[PassageText]) -> bool:
        """Bare "3." is an answer number only in a document whose bare numbers rise through the questions,
        not in a numbered list of recommendations that restarts under each heading."""
        numbers = [int(m.group(1)) for p in passages for line in p.text.split("\n")
                   if (m := _BARE.match(line + "\n"))]
        if len(numbers) < 3:
            return False
        rising = sum(1 for a, b in zip(numbers, numbers[1:]) if b > a)
        return rising >= 0.8 * (len(numbers) - 1) and len(set(numbers)) == len(numbers)

    def quoted_question(self, text: str) -> str | None:
        """The question a short text repeats (most of its content words, in any wording we know), if any."""
        words = set(map(stem, keyword_tokens(text)))
        if not words or len(text) > 1200:
            return None
        best, best_score = None, 0.0
        for qid, variants in self._words.items():
            for variant in variants:
                if not variant:
                    continue
                covered = len(words & variant) / len(variant)
                extra = len(words - variant) / max(len(words), 1)
                if covered >= _ECHO_OVERLAP and extra <= 0.35 and covered > best_score:
                    best, best_score = qid, covered
        return best


class SkipStructureMapper:
    """Finds no structure: every passage is left to meaning-based mapping."""

    def map_document(self, passages: Sequence[PassageText]) -> list[QuestionAssignment]:
        return []


def _unique(assignments: list[QuestionAssignment]) -> list[QuestionAssignment]:
    seen: dict[tuple[int, str], QuestionAssignment] = {}
    for a in assignments:
        key = (a.passage_id, a.question_id)
        if key not in seen or a.confidence > seen[key].confidence:
            seen[key] = a
    return list(seen.values())
