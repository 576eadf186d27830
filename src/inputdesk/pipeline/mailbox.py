"""Split a mailbox file (mbox) into its messages, so each can be imported as its own e-mail."""

from __future__ import annotations

import re

# A message opens with an envelope line: "From <sender> <asctime date>", e.g.
# "From contact@example.org Mon Jun  2 10:15:00 2025" (Thunderbird writes "From - Mon ...").
# Asking for that shape, not just "From ", keeps a body line such as "From here on..."
# (left unescaped by careless exporters) from cutting a message in two.
_ENVELOPE = re.compile(rb"^From \S+ +(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|.*\b\d{4}\s*$)")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")


def split_mbox(data: bytes) -> list[bytes]:
    """Each message's raw bytes: the envelope line removed, mboxrd ">From " lines unescaped."""
    messages: list[bytes] = []
    current: list[bytes] | None = None
    for line in data.splitlines(keepends=True):
        if line.startswith(b"From ") and (current is None or _ENVELOPE.match(line)):
            _keep(messages, current)
            current = []
        elif current is not None:
            current.append(_ESCAPED_FROM.sub(rb"\1", line))
    _keep(messages, current)
    return messages


def _keep(messages: list[bytes], lines: list[bytes] | None) -> None:
    if lines:
        raw = b"".join(lines).rstrip(b"\r\n")
        if raw:
            messages.append(raw + b"\n")
