"""Turn right-to-left lines that a PDF gave us in visual order back into reading order."""

from __future__ import annotations

import re
import unicodedata

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic supplements and presentation forms.
_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def has_rtl(text: str) -> bool:
    return _RTL_CHAR.search(text) is not None


def is_rtl_letter(char: str) -> bool:
    # Combining marks (harakat) sit on their letter's box and say nothing about order.
    return _RTL_CHAR.match(char) is not None and not unicodedata.combining(char)


def visual_to_logical(line: str) -> str:
    """One line from visual (left-to-right as drawn) into logical (reading) order.

    PDFium reports glyphs as they sit on the page. The Unicode bidirectional algorithm
    is its own inverse for a single line, so running it on the visual line gives the
    logical one; the base direction is the one most of the line's letters have.
    """
    from bidi import get_display

    rtl = sum(1 for char in _RTL_CHAR.findall(line) if not unicodedata.combining(char))
    ltr = len(_LTR_LETTER.findall(line))
    return get_display(line, base_dir="R" if rtl >= ltr else "L")
