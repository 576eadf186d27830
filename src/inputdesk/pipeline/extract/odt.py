"""OpenDocument text (.odt): paragraphs, lists, tables, text boxes and picture descriptions in order, under their
headings, then notes and page headers and footers. Comments and tracked deletions are not read."""

from __future__ import annotations

import io

from inputdesk.domain.extraction import (
    ExtractedDocument,
    ExtractionLimits,
    ExtractionOutcome,
    FileKind,
    TextBlock,
)

from .active_parts import flag, office_parts
from .common import corrupt
from .word_parts import NOTES_HEADING, PAGE_FURNITURE_HEADING, with_sections
from .zipguard import check_container

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_SVG_NS = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
# Not read: comments and deleted text (the cleaned copy drops both), and a note's number (its text goes to Notes).
_UNSEEN = {(_OFFICE_NS, "annotation"), (_OFFICE_NS, "annotation-end"), (_TEXT_NS, "tracked-changes"),
           (_TEXT_NS, "note-citation")}
_CHARACTERS = {(_TEXT_NS, "line-break"): "\n", (_TEXT_NS, "tab"): "\t", (_TEXT_NS, "s"): " "}
_DESCRIPTIONS = {(_SVG_NS, "title"), (_SVG_NS, "desc")}
_HEADERS = {(_STYLE_NS, "header"), (_STYLE_NS, "header-left"), (_STYLE_NS, "header-first")}
_FOOTERS = {(_STYLE_NS, "footer"), (_STYLE_NS, "footer-left"), (_STYLE_NS, "footer-first")}
# Elements whose children are read in order (sections, lists and their items).
_CONTAINERS = {(_TEXT_NS, "section"), (_TEXT_NS, "list"), (_TEXT_NS, "list-item"), (_TEXT_NS, "list-header"),
               (_STYLE_NS, "region-left"), (_STYLE_NS, "region-center"), (_STYLE_NS, "region-right")}


def extract_odt(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    refusal = check_container(data, filename, limits)
    if refusal is not None:
        return refusal
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - odfpy reports damage as KeyError, SAX or zip errors alike
        return corrupt(filename, "OpenDocument file")
    reader = _Reader(_title_styles(document))
    reader.read(document.text)
    blocks = with_sections(
        reader.blocks,
        [(NOTES_HEADING, reader.notes), (PAGE_FURNITURE_HEADING, _headers_and_footers(document, reader.title_styles))],
    )
    result = ExtractedDocument(kind=FileKind.ODT, blocks=blocks, metadata=_metadata(document))
    return flag(result, filename, office_parts(data))


class _Reader:
    """Reads paragraphs, lists and tables in order; collects the notes met on the way for the end."""

    def __init__(self, title_styles: set[str], notes: list[str] | None = None):
        self.blocks: list[TextBlock] = []
        self.heading: str | None = None
        self.title_styles = title_styles
        self.notes: list[str] = [] if notes is None else notes

    def read(self, element) -> None:
        for child in element.childNodes:
            qname = getattr(child, "qname", None)
            if qname is None or qname in _UNSEEN:
                continue
            if qname in _CONTAINERS:
                self.read(child)
            elif qname == (_TEXT_NS, "h") or (
                qname == (_TEXT_NS, "p") and child.getAttrNS(_TEXT_NS, "style-name") in self.title_styles
            ):
                self._add_paragraph(child, is_heading=True)
            elif qname == (_TEXT_NS, "p") or qname[0] == _DRAW_NS:
                # A drawing anchored to the page stands between paragraphs; its text is read where it stands.
                self._add_paragraph(child)
            elif qname == (_TABLE_NS, "table"):
                for row in _table_rows(child, self):
                    self._add(row)

    def texts(self, element) -> list[str]:
        """The text of a text box, note or page header read on its own, one entry per paragraph or row."""
        reader = _Reader(self.title_styles, self.notes)
        reader.read(element)
        return [block.text for block in reader.blocks]

    def visible_text(self, element) -> tuple[str, list[str]]:
        """What a paragraph shows inline, and its text boxes and picture descriptions; notes go to self.notes."""
        own: list[str] = []
        anchored: list[str] = []
        self._collect(element, own, anchored)
        return "".join(own), anchored

    def _collect(self, element, own: list[str], anchored: list[str]) -> None:
        description = _description(element)
        if description:
            anchored.append(description)
        for child in element.childNodes:
            if child.nodeType == child.TEXT_NODE:
                own.append(child.data)
                continue
            qname = getattr(child, "qname", None)
            if qname is None or qname in _UNSEEN or qname in _DESCRIPTIONS:
                continue
            if qname in _CHARACTERS:
                # One space for <text:s c="..."/>: spaces are collapsed anyway, and a huge count must not be built.
                own.append(_CHARACTERS[qname])
            elif qname == (_TEXT_NS, "note"):
                for body in child.childNodes:
                    if getattr(body, "qname", None) == (_TEXT_NS, "note-body"):
                        self.notes.extend(self.texts(body))
            elif qname == (_DRAW_NS, "text-box"):
                anchored.extend(self.texts(child))
            else:
                self._collect(child, own, anchored)

    def _add_paragraph(self, element, is_heading: bool = False) -> None:
        text, anchored = self.visible_text(element)
        self._add(text, is_heading=is_heading)
        for extra in anchored:
            self._add(extra)

    def _add(self, raw: str, is_heading: bool = False) -> None:
        text = " ".join(raw.split())
        if not text:
            return
        self.blocks.append(TextBlock(text, len(self.blocks), heading=self.heading, is_heading=is_heading))
        if is_heading:
            self.heading = text


def _description(element) -> str:
    """A picture's or drawing's title and description (its alternative text), as "title: description"."""
    found: dict[str, None] = {}
    for child in getattr(element, "childNodes", []):
        if getattr(child, "qname", None) in _DESCRIPTIONS:
            from odf import teletype

            text = " ".join(teletype.extractText(child).split())
            if text:
                found[text] = None
    return ": ".join(found)


def _headers_and_footers(document, title_styles: set[str]) -> list[str]:
    """Each distinct text of the master pages' headers, then footers (first, left and right pages)."""
    reader = _Reader(title_styles)
    texts: dict[str, None] = {}
    for kinds in (_HEADERS, _FOOTERS):
        for page in document.masterstyles.childNodes:
            for part in getattr(page, "childNodes", []):
                if getattr(part, "qname", None) in kinds:
                    texts.update(dict.fromkeys(reader.texts(part)))
    return list(texts)


def _table_rows(table, reader: _Reader) -> list[str]:
    from odf.table import TableRow

    rows: list[str] = []
    for row in table.getElementsByType(TableRow):
        cells = [
            " ".join(" ".join(reader.texts(cell)).split())
            for cell in row.childNodes
            if getattr(cell, "qname", None) == (_TABLE_NS, "table-cell")
        ]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _title_styles(document) -> set[str]:
    """Paragraph styles that are, or derive from, the built-in Title style."""
    names = {"Title"}
    for style in document.automaticstyles.childNodes:
        if (
            getattr(style, "qname", None) == (_STYLE_NS, "style")
            and style.getAttrNS(_STYLE_NS, "parent-style-name") == "Title"
        ):
            names.add(style.getAttrNS(_STYLE_NS, "name"))
    return names


def _metadata(document) -> dict[str, str]:
    from odf import teletype

    found: dict[str, str] = {}
    wanted = {"title": "title", "creator": "author", "initial-creator": "author", "subject": "subject"}
    for element in document.meta.childNodes:
        key = wanted.get(getattr(element, "tagName", "").split(":")[-1])
        value = " ".join(teletype.extractText(element).split())
        if key and value and key not in found:
            found[key] = value
    return found
