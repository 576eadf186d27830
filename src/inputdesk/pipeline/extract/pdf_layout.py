"""Paragraphs from a PDF page's printed lines, using where each line sits on the page.

This runs once per line of every PDF, so it works on plain tuples and local variables;
keep it lean (bench/ingest.py compares it with raw PDFium text extraction).
"""

from __future__ import annotations

import re

from .common import join_lines, starts_item
from .rtl import has_rtl, is_rtl_letter, visual_to_logical

# Control characters PDFium passes through from broken font maps (often a space glyph
# without a Unicode mapping); a space keeps the words apart. Line breaks are kept.
_CONTROLS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f]")

# (text, left, bottom, top, in_visual_order)
PrintedLine = tuple[str, float, float, float, bool]


def page_paragraphs(textpage) -> tuple[list[str], bool]:
    """The page's paragraphs in order, and whether right-to-left lines were reordered."""
    lines = printed_lines(textpage)
    reordered = False
    if any(line[4] for line in lines):
        reordered = True
        lines = [(visual_to_logical(line[0]), *line[1:]) if line[4] else line for line in lines]
    return [join_lines(group) for group in group_paragraphs(lines)], reordered


def printed_lines(textpage) -> list[PrintedLine]:
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    # Positions come from character indexes; they only line up with the string when
    # PDFium counted one character per UTF-16 unit (true unless the page has astral chars).
    geometry = len(text) == textpage.count_chars()
    page_has_rtl = has_rtl(text)
    cleaned = _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text
    rect = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    handle = textpage.raw
    lines: list[PrintedLine] = []
    offset = 0
    for raw in cleaned.split("\r\n"):
        start = offset
        offset += len(raw) + 2
        stripped = raw.strip()
        if not stripped:
            continue
        visual = page_has_rtl and has_rtl(stripped)
        if not geometry:
            lines.append((stripped, 0.0, 0.0, 0.0, visual))
            continue
        loose_box(handle, start + len(raw) - len(raw.lstrip()), rect)
        if visual:
            visual = _drawn_left_to_right(textpage, raw, start)
        lines.append((stripped, rect.left, rect.bottom, rect.top, visual))
    return lines


def _drawn_left_to_right(textpage, raw: str, start: int, max_pairs: int = 16) -> bool:
    """Whether the line's right-to-left letters come out in the order they sit on the page.

    PDFium puts most right-to-left text in reading order itself, but not all (a glyph
    whose text is a whole word or ligature comes out reversed). Where neighbouring
    letters stand tells which: in reading order each is left of the one before.
    """
    visual = logical = 0
    for i in range(len(raw) - 1):
        if not (is_rtl_letter(raw[i]) and is_rtl_letter(raw[i + 1])):
            continue
        here = textpage.get_charbox(start + i)[0]
        following = textpage.get_charbox(start + i + 1)[0]
        if following < here - 0.1:
            logical += 1
        else:
            visual += 1  # to the right, or the same glyph (a reversed multi-letter glyph)
        if visual + logical >= max_pairs:
            break
    return visual > logical


def group_paragraphs(lines: list[PrintedLine]) -> list[list[str]]:
    """Lines grouped into paragraphs. A new one starts after a wider gap than the page's
    usual line spacing, at a change of font size, at an indented first line, at a numbered
    or bulleted item, or where the text jumps back up the page (a new column)."""
    if not lines:
        return []
    heights = [max(top - bottom, 1.0) for _, _, bottom, top, _ in lines]
    gaps = sorted(
        gap for prev, cur, height in zip(lines, lines[1:], heights) if -height < (gap := prev[2] - cur[3]) < 3 * height
    )
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    margin = min(line[1] for line in lines)
    has_geometry = any(line[3] for line in lines)
    groups: list[list[str]] = [[lines[0][0]]]
    _, prev_left, prev_bottom, prev_top, _ = lines[0]
    prev_height = heights[0]
    for (text, left, bottom, top, _), height in zip(lines[1:], heights[1:]):
        new = starts_item(text)
        if not new and has_geometry:
            smaller = prev_height if prev_height < height else height
            new = (
                top > prev_top + smaller / 2  # moved up the page: next column or a text box
                or prev_bottom - top > usual_gap + 0.5 * smaller  # a blank between paragraphs
                or abs(prev_height - height) > 0.25 * (prev_height + height - smaller)  # heading, caption
                or (abs(prev_left - margin) < 1.0 and 0.8 * smaller < left - prev_left < 5 * smaller)  # indent
            )
        if new:
            groups.append([text])
        else:
            groups[-1].append(text)
        prev_left, prev_bottom, prev_top, prev_height = left, bottom, top, height
    return groups
