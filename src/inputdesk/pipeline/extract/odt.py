"""OpenDocument text (.odt): paragraphs, lists and tables in order, under their headings."""

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
from .zipguard import check_container

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
# Elements whose children are read in order (sections, lists and their items).
_CONTAINERS = {(_TEXT_NS, "section"), (_TEXT_NS, "list"), (_TEXT_NS, "list-item"), (_TEXT_NS, "list-header")}


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
    result = ExtractedDocument(kind=FileKind.ODT, blocks=reader.blocks, metadata=_metadata(document))
    return flag(result, filename, office_parts(data))


class _Reader:
    def __init__(self, title_styles: set[str]):
        self.blocks: list[TextBlock] = []
        self.heading: str | None = None
        self.title_styles = title_styles

    def read(self, element) -> None:
        from odf import teletype

        for child in element.childNodes:
            qname = getattr(child, "qname", None)
            if qname is None:
                continue
            if qname in _CONTAINERS:
                self.read(child)
            elif qname == (_TEXT_NS, "h") or (
                qname == (_TEXT_NS, "p") and child.getAttrNS(_TEXT_NS, "style-name") in self.title_styles
            ):
                self._add(teletype.extractText(child), is_heading=True)
            elif qname == (_TEXT_NS, "p"):
                self._add(teletype.extractText(child))
            elif qname == (_TABLE_NS, "table"):
                for row in _table_rows(child):
                    self._add(row)

    def _add(self, raw: str, is_heading: bool = False) -> None:
        text = " ".join(raw.split())
        if not text:
            return
        self.blocks.append(TextBlock(text, len(self.blocks), heading=self.heading, is_heading=is_heading))
        if is_heading:
            self.heading = text


def _table_rows(table) -> list[str]:
    from odf import teletype
    from odf.table import TableRow

    rows: list[str] = []
    for row in table.getElementsByType(TableRow):
        cells = [
            " ".join(teletype.extractText(cell).split())
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
