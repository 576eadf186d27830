"""Split a mailbox file (mbox) into its messages, so each can be imported as its own e-mail."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A message opens with an envelope line: "From <sender> <date>", e.g. "From contact@example.org Mon Jun  2 10:15:00
# 2025" (Thunderbird writes "From - Mon ...", some tools an RFC 2822 date). Asking for a time, a year and a day or
# month name, not just "From ", keeps body lines such as "From here on..." or "From January to March 2024" (left
# unescaped by careless exporters) from cutting a message in two.
_ENVELOPE = re.compile(rb"^From \S+ +(?=.*\b\d{1,2}:\d{2}\b)(?=.*\b(?:19|20)\d{2}\b)"
                       rb"(?=.*\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")


def split_mbox(data: bytes) -> list[bytes]:
    """Each message's raw bytes: the envelope line removed, mboxrd ">From " lines unescaped."""
    return list(mbox_messages(data.splitlines(keepends=True)))


def mbox_messages(lines: Iterable[bytes]) -> Iterator[bytes]:
    """`split_mbox` over lines read one by one (an open file), so a mailbox larger than the memory, or than the
    per-file limit, is split message by message."""
    current: list[bytes] | None = None
    for line in lines:
        if line.startswith(b"From ") and (current is None or _ENVELOPE.match(line)):
            if (message := _message(current)) is not None:
                yield message
            current = []
        elif current is not None:
            current.append(_ESCAPED_FROM.sub(rb"\1", line))
    if (message := _message(current)) is not None:
        yield message


def _message(lines: list[bytes] | None) -> bytes | None:
    if lines:
        raw = b"".join(lines).rstrip(b"\r\n")
        if raw:
            return raw + b"\n"
    return None
