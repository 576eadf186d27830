"""The text a reader of a Word file sees outside python-docx's plain paragraphs: tracked insertions, form fields,
text boxes, picture descriptions, notes, page headers and footers. What the cleaned copy drops (tracked
deletions, comments) is not read, and what is written twice for older programs (mc:Fallback) is read once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from ..safe_xml import SAFE_XML_PARSER as _PARSER

from inputdesk.domain.extraction import TextBlock

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_VML = "urn:schemas-microsoft-com:vml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOTES_HEADING = "Notes"
PAGE_FURNITURE_HEADING = "Page headers and footers"

# Never read: tracked deletions and moves away (dropped when changes are accepted), comment marks, field codes.
_UNSEEN = {f"{{{W}}}{name}" for name in ("del", "moveFrom", "delText", "instrText", "commentReference", "rPr", "pPr")}
_CHARACTERS = {f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n", f"{{{W}}}noBreakHyphen": "-"}
# Block-level wrappers whose children are read as if they stood in their place.
_WRAPPERS = {f"{{{W}}}{name}" for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
# Notes Word writes itself to draw the line above the notes; they hold no text of the submitter.
_SEPARATOR_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
# The parser for parts python-docx leaves as bytes: no entities, no network, default size limits.


def paragraph_parts(paragraph) -> tuple[str, list[str]]:
    """A paragraph's own visible text, and the text boxes and picture descriptions anchored in it, in order."""
    own: list[str] = []
    anchored: list[str] = []
    _collect(paragraph, own, anchored)
    return "".join(own).strip(), anchored


def block_elements(container) -> Iterator:
    """The paragraphs and tables of a body, note, header or text box in order, form fields unwrapped."""
    for child in container.iterchildren():
        if child.tag in _WRAPPERS:
            yield from block_elements(child)
        elif child.tag in (f"{{{W}}}p", f"{{{W}}}tbl"):
            yield child


def story_texts(container) -> list[str]:
    """The text of a note, header, footer or text box, one entry per paragraph or table row."""
    texts: list[str] = []
    for element in block_elements(container):
        if element.tag == f"{{{W}}}p":
            own, anchored = paragraph_parts(element)
            texts.extend(t for t in [own, *anchored] if t)
        else:
            texts.extend(table_rows(element))
    return texts


def table_rows(table) -> list[str]:
    """One line per row, cells joined by " | ". A merged cell is said once per row, as python-docx reports
    it: a cell spanning columns once, a cell spanning rows again on each row it covers."""
    rows: list[str] = []
    above: dict[int, str] = {}  # grid column -> text of the cell there in the row above
    for row in _children(table, "tr"):
        cells: list[str] = []
        column = 0
        for cell in _children(row, "tc"):
            properties = cell.find(f"{{{W}}}tcPr")
            span = _grid_span(properties)
            merge = properties.find(f"{{{W}}}vMerge") if properties is not None else None
            if merge is not None and merge.get(f"{{{W}}}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = " ".join(" ".join(story_texts(cell)).split())
            above[column] = text
            column += span
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def notes(document) -> list[str]:
    """Footnotes then endnotes, in the order they are stored."""
    texts: list[str] = []
    for kind in ("footnotes", "endnotes"):
        for part in _related_parts(document.part, f"{_RELS}/{kind}"):
            root = etree.fromstring(part.blob, _PARSER)
            for note in root.iterchildren(f"{{{W}}}{kind[:-1]}"):
                if note.get(f"{{{W}}}type") not in _SEPARATOR_NOTES:
                    texts.extend(story_texts(note))
    return texts


def headers_and_footers(document) -> list[str]:
    """Each distinct text of every section's headers, then footers (first-page, even and default pages)."""
    parts = []
    for kind in ("header", "footer"):
        for reference in document.element.body.iter(f"{{{W}}}{kind}Reference"):
            parts.append(document.part.related_parts.get(reference.get(f"{{{_RELS}}}id")))
        # Parts no section points at are not shown, but they stay in the published copy.
        parts.extend(_related_parts(document.part, f"{_RELS}/{kind}"))
    texts: dict[str, None] = {}
    seen = set()
    for part in parts:
        if part is None or id(part) in seen:
            continue
        seen.add(id(part))
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob, _PARSER)
        texts.update(dict.fromkeys(" ".join(text.split()) for text in story_texts(root)))
    return list(texts)


def with_sections(blocks: list[TextBlock], sections: Iterable[tuple[str, list[str]]]) -> list[TextBlock]:
    """The body's blocks followed by each non-empty (heading, texts) section, the texts under their heading."""
    result = list(blocks)
    heading = next((b.text for b in reversed(result) if b.is_heading), None)
    for title, texts in sections:
        texts = [" ".join(t.split()) for t in texts]
        texts = [t for t in texts if t]
        if not texts:
            continue
        result.append(TextBlock(title, len(result), heading=heading, is_heading=True))
        heading = title
        result += [TextBlock(text, len(result) + i, heading=title) for i, text in enumerate(texts)]
    return result


def _collect(element, own: list[str], anchored: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _UNSEEN:
            continue
        if tag == f"{{{W}}}t":
            own.append("".join(child.itertext()))  # an XML comment inside may split the text: read on past it
        elif tag in _CHARACTERS:
            own.append(_CHARACTERS[tag])
        elif tag == f"{{{W}}}txbxContent":
            anchored.extend(story_texts(child))
        elif tag == f"{{{_MC}}}AlternateContent":
            _collect_alternatives(child, own, anchored)
        elif tag == f"{{{_WP}}}docPr" or (tag.startswith(f"{{{_VML}}}") and child.get("alt")):
            description = _description(child.get("title"), child.get("descr") or child.get("alt"))
            if description:
                anchored.append(description)
            _collect(child, own, anchored)
        else:
            _collect(child, own, anchored)


def _collect_alternatives(content, own: list[str], anchored: list[str]) -> None:
    """The same drawing written twice, for newer (mc:Choice) and older programs (mc:Fallback), is read once.
    Which one a program shows depends on the program, so a version that says something else is read too."""
    seen_own: set[str] = set()
    seen_anchored: set[str] = set()
    for version in content.iterchildren(f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"):
        version_own: list[str] = []
        version_anchored: list[str] = []
        _collect(version, version_own, version_anchored)
        text = " ".join("".join(version_own).split())
        if text and text not in seen_own:
            seen_own.add(text)
            own.extend(version_own)
        for extra in version_anchored:
            if " ".join(extra.split()) not in seen_anchored:
                seen_anchored.add(" ".join(extra.split()))
                anchored.append(extra)


def _description(title: str | None, description: str | None) -> str:
    found = [" ".join(value.split()) for value in (title, description) if value and value.strip()]
    if len(found) == 2 and found[0] == found[1]:
        found = found[:1]
    return ": ".join(found)


def _children(element, name: str) -> Iterator:
    """Rows of a table or cells of a row, looking through form fields and custom XML around them."""
    for child in element.iterchildren():
        if child.tag in _WRAPPERS:
            yield from _children(child, name)
        elif child.tag == f"{{{W}}}{name}":
            yield child


def _grid_span(properties) -> int:
    span = properties.find(f"{{{W}}}gridSpan") if properties is not None else None
    try:
        return max(1, int(span.get(f"{{{W}}}val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _related_parts(part, relationship_type: str) -> list:
    return [rel.target_part for rel in part.rels.values() if rel.reltype == relationship_type and not rel.is_external]
