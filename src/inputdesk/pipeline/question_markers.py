"""Where a submission says which of the call's questions it answers: "Question 2", "Q4", "Pregunta 3"...

Used by the segmenter (an answer starts a new passage, so one passage answers one question) and by the
structure mapper (which question it is)."""

from __future__ import annotations

import re

# "Question 2", "Q4", "Q.4", "Pregunta 3", "Cuestión 5", "Réponse à la question n° 6", "## Question 1: ...", and
# the same in the other UN languages and the call's likely neighbours, since a submission may come in any of them:
# "Вопрос № 3", "Ответ на вопрос 3", "السؤال 3", "سؤال رقم ٣", "问题3：", "問題 3", "第3题" (not "第3条", an
# article), "Pergunta 3", "Questão 3", "Frage 3". \d also takes Arabic-Indic and full-width digits, which int() reads;
# Chinese runs on without a space, so a Chinese character may follow the number.
QUESTION_MARKER = re.compile(
    r"^\W{0,4}(?:r[ée]ponse\s+[àa]\s+la\s+|respuesta\s+a\s+la\s+|answer\s+to\s+|resposta\s+[àa]\s+|"
    r"ответ\s+на\s+|(?:ال)?إجابة\s+(?:على|عن)\s+|回答|答复|对)?"
    r"(?:question|pregunta|cuesti[óo]n|pergunta|quest[ãa]o|frage|вопрос|(?:ال)?سؤال|问题|問題|第(?=\s*\d{1,2}\s*[题題])|q)"
    r"\s*(?:n[°ºo.]?\s*|no\.?\s*|núm\.?\s*|nr\.?\s*|№\s*|رقم\s*)?\.?\s*(\d{1,2})(?:\s*[题題])?(?:\b|(?=[\u3400-\u9fff]))(?!\s*%|[.,]\d)",
    re.IGNORECASE)


def starts_answer(text: str) -> bool:
    """Whether the text opens with a question number ("Question 4: ...", "问题4：...")."""
    return QUESTION_MARKER.match(text) is not None
