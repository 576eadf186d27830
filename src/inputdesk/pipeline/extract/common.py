"""Small helpers every format extractor shares: wording of failures, joining lines into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import PurePath

from inputdesk.domain.extraction import (
    ExtractionFailure,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    TextBlock,
)

# The one shape every format extractor has; the registry in `extract/__init__` maps kinds to these.
FormatExtractor = Callable[[bytes, str, ExtractionLimits], ExtractionOutcome]


def display_name(filename: str) -> str:
    """The file's own name, without whatever folders an upload or archive put in front."""
    return PurePath(filename.replace("\\", "/")).name or "The file"


def human_size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    for unit in ("KB", "MB", "GB"):
        n_bytes /= 1024
        if n_bytes < 1024 or unit == "GB":
            return f"{n_bytes:.1f} {unit}"
    raise AssertionError("unreachable")


def fail(reason: FailureReason, message: str) -> ExtractionFailure:
    return ExtractionFailure(reason=reason, message=message)


def corrupt(filename: str, what: str = "file") -> ExtractionFailure:
    return fail(
        FailureReason.CORRUPT,
        f"{display_name(filename)} could not be read: the {what} seems damaged or incomplete. "
        "Ask the submitter to send it again, or to save it in another format (PDF or Word).",
    )


# A line that starts a new item even without a blank line before it: "1.", "2)", "(a)", "12.3", bullets.
ITEM_START = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]\s|\(?[a-z]\)\s|\(?[ivx]{1,5}\)\s|[•▪◦●■–\-*]\s)")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def starts_item(line: str) -> bool:
    return bool(ITEM_START.match(line))


_TRICKY_ENDS = frozenset("-\ufffe\u00ad")


def is_wide(char: str) -> bool:
    # Chinese and Japanese lines wrap without spaces; adding one would split a word.
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_lines(lines: list[str]) -> str:
    """Undo hard wrapping: one paragraph from its printed lines."""
    stripped = [line.strip() for line in lines]
    # Most paragraphs need nothing but spaces; only the tricky line ends take the slow path.
    if all(line and line[-1] not in _TRICKY_ENDS and line[-1] < "\u1100" for line in stripped):
        return " ".join(stripped)
    text = ""
    for line in stripped:
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("\ufffe") or text.endswith("\u00ad"):
            # PDF soft hyphen at the end of a line: the word continues on the next line.
            text = text[:-1] + line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += line  # keep the hyphen; "co-\noperation" reads as "co-operation"
        elif is_wide(text[-1]) and is_wide(line[0]):
            text += line
        else:
            text += " " + line
    return text.replace("\ufffe", "").replace("\u00ad", "")


def plain_text_blocks(
    text: str, *, page: int | None = None, first_index: int = 0, markdown: bool = True
) -> list[TextBlock]:
    """Blocks from plain text: blank lines separate paragraphs, `#` lines are headings,
    numbered and bulleted lines start their own block."""
    blocks: list[TextBlock] = []
    heading: str | None = None
    pending: list[str] = []

    def flush() -> None:
        joined = join_lines(pending)
        pending.clear()
        if joined:
            blocks.append(TextBlock(joined, first_index + len(blocks), page=page, heading=heading))

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _MARKDOWN_HEADING.match(line) if markdown else None
        if match:
            flush()
            # A heading block records the heading above it; the blocks after it record it.
            blocks.append(
                TextBlock(match.group(2), first_index + len(blocks), page=page, heading=heading, is_heading=True)
            )
            heading = match.group(2)
        elif not line.strip():
            flush()
        else:
            if pending and starts_item(line):
                flush()
            if markdown and line.lstrip().startswith("\\#"):
                line = line.replace("\\#", "#", 1)  # Markdown's escaped '#': a line that starts with it, not a heading
            pending.append(line)
    flush()
    return blocks


def renumber(blocks: list[TextBlock], start: int = 0) -> list[TextBlock]:
    """Blocks with consecutive indexes (after blocks from several sources were combined)."""
    return [
        TextBlock(b.text, start + i, page=b.page, heading=b.heading, is_heading=b.is_heading)
        for i, b in enumerate(blocks)
    ]
