"""Paragraphs from a PDF page's printed lines, using where each line sits on the page.

This runs for every page of every PDF, and bench/ingest.py holds the whole PDF path to 90% of
the speed of bare PDFium text extraction. So the page's text is fetched once and split with
string methods, and a line's position (a call into PDFium) is only asked for where the text
leaves the break in doubt: not between a full line that stops mid-sentence and a line that goes
on in lower case, which is most lines of running English, French or Spanish. (A paragraph that
begins in lower case right after such a line is therefore joined to it.) Whole-list operations
and plain list comprehensions are used on purpose: per-line Python is what this costs.
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import operator
import re
from itertools import accumulate, compress, islice, repeat
from operator import itemgetter
from typing import NamedTuple

from .common import ITEM_START, is_wide, join_lines
from .pdf_rtl import reading_order
from .rtl import has_rtl

# Control characters PDFium passes through from broken font maps (often a space glyph
# without a Unicode mapping); a space keeps the words apart. Line breaks are kept.
_CONTROLS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x0A), 0x0B, 0x0C, *range(0x0E, 0x20)])
_ASCII_BYTES = bytes(range(0x80))
# A line ending in one of these may end its paragraph, so the break is measured.
_MAY_END_PARAGRAPH = frozenset(".!?:;…。！？؟)]}\"'”’»")
# Line ends that `join_lines` treats specially (hyphens, soft hyphens, wide characters).
_PLAIN_JOIN_LIMIT = "\u1100"
_TRICKY_ENDS = frozenset("-\ufffe\u00ad")
# A line this much shorter than the page's full lines may end a paragraph.
_FULL_LINE = 0.85
# Gaps between lines known (from their text) to run on, measured to learn the page's spacing.
_SPACING_SAMPLES = 3
# First characters that can begin a numbered or bulleted item (see `common.starts_item`).
_ITEM_FIRST = frozenset("0123456789(•▪◦●■–-*")
# Where a bracket marks an item ("a)", "iv)", "12)") if the line starts with one.
_ITEM_MARK = slice(1, 7)


class Boxes(NamedTuple):
    """Where the page's lines' first characters sit, by line number (0 for lines not measured);
    `margin` is the leftmost measured line start; `spacing` holds lines whose gap to the line
    before is the page's usual one."""

    left: list[float]
    bottom: list[float]
    top: list[float]
    height: list[float]
    margin: float
    spacing: list[int]


def page_text(textpage, count: int) -> str:
    """All the text PDFium found on the page, lines separated by CRLF."""
    if count <= 0:
        return ""
    # PDFium writes at most `count` characters and a terminating NUL; the margin is cheap
    # insurance against older builds that wrote generated characters past it.
    buffer, address = pdfium_buffer(2 * (count + 64))
    written = _get_text()(_address_of(textpage), 0, count, address)
    if written <= 1:
        return ""
    return codecs.decode(memoryview(buffer)[: 2 * (written - 1)], "utf-16-le", "ignore")


def pdfium_buffer(size: int) -> tuple[bytearray, int]:
    """A zeroed buffer of `size` bytes for PDFium to write into, and its address. A ctypes array
    (`c_ushort * n`) would do, but each new length makes a new ctypes type, which costs more than
    the call it serves (some 20 µs), and ctypes keeps the type only while something uses it, so
    every page made one."""
    buffer = bytearray(size)
    return buffer, ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def _address_of(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value


def page_paragraphs(textpage) -> tuple[list[str], bool]:
    """The paragraphs of a page (a raw FPDF_TEXTPAGE handle) in order, and whether
    right-to-left lines were reordered."""
    import pypdfium2.raw as pdfium_c  # imported when a PDF is read, like the rest of PDFium

    count = pdfium_c.FPDFText_CountChars(textpage)
    text = page_text(textpage, count)
    if not text or text.isspace():
        return [], False
    # Positions come from character indexes; they only line up with the string when
    # PDFium counted one character per UTF-16 unit (true unless the page has astral chars).
    geometry = len(text) == count
    # Both checks below look at the UTF-8 bytes: deleting bytes is much faster than a
    # regular expression over every character, and most pages have neither.
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded):
        text = _CONTROLS.sub(" ", text)
    raw_lines = text.split("\r\n")
    # Where each line starts: the lengths of the lines before it and a CRLF after each, and
    # then its indent, where it has one.
    starts = list(map(operator.add, accumulate(map(len, raw_lines), initial=0), range(0, 2 * len(raw_lines), 2)))
    lines = list(map(str.lstrip, raw_lines))
    if lines != raw_lines:  # lstrip returns the very same string when there is nothing to strip
        indents = map(operator.sub, map(len, raw_lines), map(len, lines))
        starts = list(map(operator.add, starts, indents))
    lines = list(map(str.rstrip, lines))
    if not all(lines):
        starts = list(compress(starts, lines))
        lines = list(filter(None, lines))
    reordered = False
    if not text.isascii():
        foreign = encoded.translate(None, _ASCII_BYTES)  # whole characters, as UTF-8 keeps them
        if has_rtl(foreign.decode("utf-8", "surrogatepass")):
            lines, reordered = reading_order(textpage, lines, starts, geometry)
    return _paragraphs(textpage, lines, starts, geometry), reordered


def _paragraphs(textpage, lines: list[str], starts: list[int], geometry: bool) -> list[str]:
    """Lines grouped into paragraphs. A new one starts at a numbered or bulleted item; and,
    unless the text shows the line runs on, after a wider gap than the page's usual line
    spacing, at a change of font size, at an indented first line, or where the text jumps
    back up the page (a new column)."""
    n = len(lines)
    if n == 1:
        return [join_lines(lines)]
    lengths = list(map(len, lines))
    full = sorted(lengths)[n * 4 // 5] * _FULL_LINE
    firsts = list(map(itemgetter(0), lines))
    lasts = list(map(itemgetter(-1), lines))
    items = _items(lines, firsts)
    may_end = _MAY_END_PARAGRAPH
    # Line i runs on from line i - 1 when that one is full and stops mid-sentence, and this
    # one goes on in lower case; every other break is in doubt, except before an item, which
    # starts a paragraph wherever it sits.
    doubtful = [
        i
        for i, first, last, size in zip(range(1, n), islice(firsts, 1, None), lasts, lengths)
        if not first.islower() or last in may_end or size < full
    ]
    if items:
        item_lines = set(items)
        doubtful = [i for i in doubtful if i not in item_lines]
    starts_new = items
    if geometry and doubtful:
        boxes = _boxes(textpage, starts, doubtful, items)
        if boxes is not None:  # else PDFium placed nothing
            starts_new = _breaks(boxes, doubtful)
            if items:
                starts_new = sorted(item_lines.union(starts_new))
    # join_lines undoes hyphenation and joins wide (CJK) characters; paragraphs with none of
    # those line ends, most of them, are simply joined with spaces.
    bounds = list(zip([0, *starts_new], [*starts_new, n]))
    tricky_ends = _tricky_ends(lasts)
    if not tricky_ends:
        return [" ".join(lines[begin:end]) for begin, end in bounds]
    tricky = list(map(tricky_ends.__contains__, lasts))
    return [
        join_lines(lines[begin:end]) if any(tricky[begin:end]) else " ".join(lines[begin:end]) for begin, end in bounds
    ]


def _tricky_ends(lasts: list[str]) -> set[str]:
    """The line ends on the page that `join_lines` treats specially: hyphens and wide (Chinese,
    Japanese) characters. Each distinct character is looked at once: a maths text ends many
    lines in symbols, which are not wide."""
    distinct = set(lasts)
    tricky = distinct.intersection(_TRICKY_ENDS)
    if max(distinct) >= _PLAIN_JOIN_LIMIT:
        tricky.update(char for char in distinct if char >= _PLAIN_JOIN_LIMIT and is_wide(char))
    return tricky


def _items(lines: list[str], firsts: list[str]) -> list[int]:
    """The lines (after the first) that start a numbered or bulleted item: those that begin
    like one (a digit, a bracket, a bullet, or "a)", "iv)" within the first characters) and are."""
    candidates = map(_ITEM_FIRST.__contains__, firsts)
    if any(map(operator.contains, lines, repeat(")"))):
        bracketed = map(operator.contains, map(itemgetter(_ITEM_MARK), lines), repeat(")"))
        candidates = map(operator.or_, candidates, bracketed)
    return [i for i in compress(range(1, len(lines)), islice(candidates, 1, None)) if ITEM_START.match(lines[i])]


def _boxes(textpage, starts: list[int], doubtful: list[int], items: list[int]) -> Boxes | None:
    """Where PDFium placed the lines on both sides of each doubtful break, and around a few
    lines that run on (their gaps give the page's usual line spacing); when most lines are
    needed anyway, all of them. None when PDFium placed none of them."""
    n = len(starts)
    doubts = set(doubtful).union(items)  # gaps before items are not the usual line spacing either
    if len(doubts) * 4 < n * 3:
        # Spacing samples: a line that runs on just before a doubtful break costs one more box
        # (the paragraph's last two lines), a pair elsewhere two.
        samples = [i - 1 for i in doubtful if i >= 2 and i - 1 not in doubts]
        if len(samples) < _SPACING_SAMPLES:
            samples = [i for i in range(1, n) if i not in doubts]
        step = max(1, len(samples) // _SPACING_SAMPLES)
        samples = samples[step // 2 :: step][:_SPACING_SAMPLES]
        measured = sorted({i - 1 for i in doubtful}.union(doubtful, [i - 1 for i in samples], samples))
        first_chars = [starts[i] for i in measured]
    else:
        measured = None
        first_chars = starts
        samples = [i for i in range(1, n) if i not in doubts]
        if len(samples) < 2:  # headings, formulas, a table: every gap tells the spacing
            samples = list(range(1, n))
    # PDFium writes each line's box (left, top, right, bottom) into one array, read back at once.
    count = len(first_chars)
    rects, first = pdfium_buffer(16 * count)
    addresses = range(first, first + 16 * count, 16)
    list(map(_loose_char_box(), repeat(_address_of(textpage), count), first_chars, addresses))
    values = memoryview(rects).cast("f").tolist()
    left, top, bottom = values[0::4], values[1::4], values[3::4]
    if not any(top):
        return None
    margin = min(left)
    if measured is not None:
        # Spread over the page's lines, so a line's number is its place (unmeasured ones stay 0).
        spread = [0.0] * n, [0.0] * n, [0.0] * n
        for column, measured_values in zip(spread, (left, top, bottom)):
            list(map(column.__setitem__, measured, measured_values))
        left, top, bottom = spread
    height = [size if size > 1.0 else 1.0 for size in map(operator.sub, top, bottom)]
    return Boxes(left, bottom, top, height, margin, samples)


@functools.cache
def _get_text():
    """FPDFText_GetText(textpage, start, count, buffer), called with plain addresses (see below)."""
    import pypdfium2.raw as pdfium_c

    signature = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p)
    return signature(ctypes.cast(pdfium_c.FPDFText_GetText, ctypes.c_void_p).value)


@functools.cache
def _loose_char_box():
    """FPDFText_GetLooseCharBox(textpage, index, rect), called with plain addresses. pypdfium2's
    binding checks and wraps every argument, which costs more than PDFium's own work; this one
    is called for most lines of every page."""
    import pypdfium2.raw as pdfium_c

    signature = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    return signature(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)


def _breaks(boxes: Boxes, doubtful: list[int]) -> list[int]:
    """The doubtful breaks where the lines sit apart, shift or change size."""
    left, bottom, top, height, margin = boxes.left, boxes.bottom, boxes.top, boxes.height, boxes.margin
    gaps = sorted(
        gap for k in boxes.spacing if -height[k - 1] < (gap := bottom[k - 1] - top[k]) < 3 * height[k - 1]
    )
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    starts_new = []
    for i in doubtful:
        j = i - 1
        prev_height, this_height = height[j], height[i]
        smaller = prev_height if prev_height < this_height else this_height
        prev_left = left[j]
        if (
            top[i] > top[j] + smaller / 2  # moved up the page: next column or a text box
            or bottom[j] - top[i] > usual_gap + 0.5 * smaller  # a blank between paragraphs
            or abs(prev_height - this_height) > 0.25 * (prev_height + this_height - smaller)  # heading
            or (abs(prev_left - margin) < 1.0 and 0.8 * smaller < left[i] - prev_left < 5 * smaller)  # indent
        ):
            starts_new.append(i)
    return starts_new
