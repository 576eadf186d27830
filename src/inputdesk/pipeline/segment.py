"""Cut an extracted document into paragraph-sized passages that remember their page and heading."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from inputdesk.domain.extraction import ExtractedDocument
from inputdesk.domain.submission import Passage

from .language import detect_languages
from .question_markers import starts_answer

# A sentence ends at . ! ? … or the Arabic question mark, then any closing quotes or brackets,
# then a space; Chinese and Japanese full stops need no space after them. Not before a lower-case
# letter: "e.g. the", "art. 5 of" are abbreviations (the spaces are taken whole, possessively,
# so that the check is made on the letter after them).
_SENTENCE_END = re.compile(r"(?:[.!?؟…]+[\"'”’»)\]]*\s++|[。！？]+[\"'”’」』)]*\s*+)(?![a-zà-öø-ÿ])")


def segment(
    doc: ExtractedDocument,
    *,
    max_chars: int = 1500,
    min_chars: int = 200,
    detect: Callable[[str], str | None] | None = None,
) -> list[Passage]:
    """Passages in reading order. Headings are not passages but label the passages under them;
    short neighbouring paragraphs on one page under one heading are merged up to `min_chars`,
    except that a paragraph opening with a question number ("Question 4: ...") starts a passage;
    a paragraph longer than `max_chars` is cut between sentences. `detect` gives each passage's
    language (pass `lambda text: None` to skip it); by default `detect_languages` labels them
    all in one go."""
    pieces: list[tuple[str, int | None, str | None]] = []  # text, page, heading
    pending: list[str] = []
    pending_page: int | None = None
    pending_heading: str | None = None
    pending_size = 0
    last_heading: str | None = None

    for block in doc.blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.is_heading:
            if pending:
                pieces.append(("\n".join(pending), pending_page, pending_heading))
                pending = []
            last_heading = text
            continue
        # Extractors that know headings set them on each block; others only mark the heading blocks.
        heading = block.heading if block.heading is not None else last_heading
        if len(text) > max_chars:
            if pending:
                pieces.append(("\n".join(pending), pending_page, pending_heading))
                pending = []
            pieces.extend((chunk, block.page, heading) for chunk in split_sentences(text, max_chars))
            continue
        if pending and (
            pending_size >= min_chars
            or pending_size + len(text) > max_chars
            or pending_page != block.page
            or pending_heading != heading
            or starts_answer(text)  # one passage answers one question (asked last: only short paragraphs get here)
        ):
            pieces.append(("\n".join(pending), pending_page, pending_heading))
            pending = []
        if not pending:
            pending_page, pending_heading, pending_size = block.page, heading, 0
        pending.append(text)
        pending_size += len(text) + 1
    if pending:
        pieces.append(("\n".join(pending), pending_page, pending_heading))
    texts = [text for text, _, _ in pieces]
    languages = detect_languages(texts) if detect is None else [detect(text) for text in texts]
    return [
        Passage(text=text, seq=seq, page=page, heading=heading, language=language)
        for seq, ((text, page, heading), language) in enumerate(zip(pieces, languages))
    ]


def split_sentences(text: str, max_chars: int) -> list[str]:
    """Chunks of at most `max_chars`, cut after whole sentences where possible."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    sentences = [text[begin:end].strip() for begin, end in zip([0, *ends], [*ends, len(text)])]
    chunks: list[str] = []
    current: list[str] = []  # the parts of the chunk being filled, and its length with joiners
    size = 0
    for sentence in sentences:
        if not sentence:
            continue
        for part in _hard_split(sentence, max_chars) if len(sentence) > max_chars else (sentence,):
            joiner = 0 if not current or _is_wide(current[-1][-1]) else 1
            if current and size + joiner + len(part) > max_chars:
                chunks.append(_joined(current))
                current, size = [part], len(part)
            else:
                current.append(part)
                size += joiner + len(part)
    if current:
        chunks.append(_joined(current))
    return chunks


def _joined(parts: list[str]) -> str:
    """Sentences joined by a space, or by nothing after a Chinese or Japanese one."""
    if len(parts) == 1:
        return parts[0]
    if not any(_is_wide(part[-1]) for part in parts[:-1]):
        return " ".join(parts)
    text = parts[0]
    for part in parts[1:]:
        text += part if _is_wide(text[-1]) else " " + part
    return text


def _hard_split(sentence: str, max_chars: int) -> list[str]:
    """A sentence longer than a passage (a run-on list, a table row) cut at spaces, or anywhere."""
    parts: list[str] = []
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", 0, max_chars + 1)
        if cut <= max_chars // 2:
            cut = max_chars
        parts.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        parts.append(sentence)
    return parts


def _is_wide(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def document_language(passages: list[Passage]) -> str | None:
    """The language most of the document's text is in, counted in characters."""
    weights: Counter[str] = Counter()
    for passage in passages:
        if passage.language:
            weights[passage.language] += len(passage.text)
    return weights.most_common(1)[0][0] if weights else None
