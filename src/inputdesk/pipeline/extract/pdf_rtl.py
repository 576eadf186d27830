"""Right-to-left lines of a PDF page in reading order. PDFium puts most of them in reading order itself, but not all:
a glyph whose text is a whole word comes out reversed, and a Latin or numeric run inside an Arabic or Hebrew line
can come out backwards. Where the characters sit on the page tells which."""

from __future__ import annotations

import ctypes
import re

from .rtl import has_rtl, is_rtl_letter, visual_to_logical


def reading_order(textpage, lines: list[str], starts: list[int], geometry: bool) -> tuple[list[str], bool]:
    """The page's lines (`starts`: where each begins among PDFium's characters) in reading order, and whether any
    had to be changed. Without `geometry` (positions do not line up with the text), a line with right-to-left
    letters is taken to be in visual order."""
    reordered = False
    result = []
    for line, start in zip(lines, starts):
        if has_rtl(line):
            if not geometry or _drawn_left_to_right(textpage, line, start):
                line = visual_to_logical(line)
                reordered = True
            elif _LTR_CHAR.search(line):
                mended = _mend_left_to_right_runs(textpage, line, start)
                reordered = reordered or mended != line
                line = mended
        result.append(line)
    return result, reordered


_LTR_CHAR = re.compile(r"[A-Za-z0-9]")
_TOKEN = re.compile(r"\S+")


def _mend_left_to_right_runs(textpage, line: str, start: int) -> str:
    """A right-to-left line PDFium put in reading order can still hold its left-to-right runs backwards ("Corp
    Example" for "Example Corp", "%45" for "45%"): within each run of Latin or numeric words, the words and their
    characters are put in the order they sit on the page, left to right."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(line)]
    runs: list[list[tuple[int, str]]] = []
    for offset, token in tokens:
        if _LTR_CHAR.search(token) and not has_rtl(token):
            if runs and runs[-1] and runs[-1][-1][0] + len(runs[-1][-1][1]) + 1 == offset:
                runs[-1].append((offset, token))
                continue
            runs.append([(offset, token)])
        else:
            runs.append([])  # a right-to-left word ends any run
    mended = line
    for run in reversed([r for r in runs if r]):  # from the end, so earlier offsets stay valid
        words = []
        for offset, token in run:
            lefts = _char_lefts(textpage, range(start + offset, start + offset + len(token)))
            ordered = "".join(char for _, char in sorted(zip(lefts, token), key=lambda pair: pair[0]))
            words.append((min(lefts), ordered))
        begin, end = run[0][0], run[-1][0] + len(run[-1][1])
        mended = mended[:begin] + " ".join(word for _, word in sorted(words, key=lambda w: w[0])) + mended[end:]
    return mended


def _char_lefts(textpage, indexes) -> list[float]:
    import pypdfium2.raw as pdfium_c

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    lefts = []
    for index in indexes:
        pdfium_c.FPDFText_GetCharBox(textpage, index, *boxes)
        lefts.append(left.value)
    return lefts


def _drawn_left_to_right(textpage, line: str, start: int, max_pairs: int = 16) -> bool:
    """Whether the line's right-to-left letters come out in the order they sit on the page.

    PDFium puts most right-to-left text in reading order itself, but not all (a glyph
    whose text is a whole word or ligature comes out reversed). Where neighbouring
    letters stand tells which: in reading order each is left of the one before.
    """
    def left_of(index: int) -> float:
        return _char_lefts(textpage, (index,))[0]

    visual = logical = 0
    for i in range(len(line) - 1):
        if not (is_rtl_letter(line[i]) and is_rtl_letter(line[i + 1])):
            continue
        here, following = left_of(start + i), left_of(start + i + 1)
        if following < here - 0.1:
            logical += 1
        else:
            visual += 1  # to the right, or the same glyph (a reversed multi-letter glyph)
        if visual + logical >= max_pairs:
            break
    return visual > logical
