"""Comments and tracked changes taken out of the XML inside Word and OpenDocument files, with the changes accepted.

Text extraction and the personal-data check read only the visible text, so a comment, a deleted sentence or a
reviewer's name would reach the public unchecked. Parts are rewritten only when something was taken out, so every
other part stays byte-identical. An XML parser, not patterns, because tracked changes nest and carry mixed text.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from ..safe_xml import SAFE_XML_PARSER as _PARSER

COMMENTS = "comments"
TRACKED_CHANGES = "tracked changes (accepted)"

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Accepting a change: what was deleted or moved away goes with its content; the formatting history
# (the *Change elements hold the old properties and the reviewer's name) goes; the markers of ranges go.
_WORD_DROP = {_W + name: TRACKED_CHANGES for name in (
    "del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange",
    "numberingChange", "tblGridChange", "cellIns", "cellDel", "cellMerge",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd")} | {_W + "commentRangeStart": COMMENTS, _W + "commentRangeEnd": COMMENTS}
_WORD_UNWRAP = {_W + "ins", _W + "moveTo"}  # inserted or moved-here content stays, without the reviewer's name

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
# Deleted text lives inside text:tracked-changes, so dropping it and the markers in the text accepts every change.
_ODF_DROP = {_OFFICE + "annotation": COMMENTS, _OFFICE + "annotation-end": COMMENTS,
             _TEXT + "tracked-changes": TRACKED_CHANGES, _TEXT + "change-start": TRACKED_CHANGES,
             _TEXT + "change-end": TRACKED_CHANGES, _TEXT + "change": TRACKED_CHANGES}

_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"


def accept_word_changes(content: bytes) -> tuple[bytes, set[str]]:
    """A Word part (body, header, footer, footnotes...) with tracked changes accepted and comment anchors gone."""
    tree = _parse(content)
    removed: set[str] = set()
    for element in list(tree.iter(etree.Element)):
        tag = element.tag
        if tag == _W + "commentReference":  # the run that shows the comment's number goes with it
            run = element.getparent()
            _remove(run if run is not None and run.tag == _W + "r" else element)
            removed.add(COMMENTS)
        elif tag == _W + "del" and _parent_tag(element) == _W + "trPr":  # a deleted table row
            _remove(element.getparent().getparent())
            removed.add(TRACKED_CHANGES)
        elif tag in _WORD_DROP:
            # A deleted paragraph mark (pPr/rPr/del) only loses its marker: the paragraphs stay apart rather
            # than merging as Word would, which changes no text.
            _remove(element)
            removed.add(_WORD_DROP[tag])
        elif tag in _WORD_UNWRAP:
            _unwrap(element)
            removed.add(TRACKED_CHANGES)
    return (_serialise(tree, content), removed) if removed else (content, removed)


def accept_odf_changes(content: bytes) -> tuple[bytes, set[str]]:
    """An OpenDocument content.xml or styles.xml without annotations and with tracked changes accepted."""
    tree = _parse(content)
    removed: set[str] = set()
    for element in list(tree.iter(*_ODF_DROP)):
        _remove(element)
        removed.add(_ODF_DROP[element.tag])
    return (_serialise(tree, content), removed) if removed else (content, removed)


def drop_relationships(content: bytes, rels_name: str, parts: set[str]) -> bytes:
    """A .rels part without the relationships that point at `parts` (ZIP names, which are gone)."""
    tree = _parse(content)
    changed = False
    for relationship in list(tree.iter(_RELATIONSHIP)):
        if _target_part(relationship, rels_name) in parts:
            _remove(relationship)
            changed = True
    return _serialise(tree, content) if changed else content


def drop_overrides(content: bytes, parts: set[str]) -> bytes:
    """[Content_Types].xml without the overrides for `parts`; a Default by extension is harmless and stays."""
    tree = _parse(content)
    changed = False
    for override in list(tree.iter(_OVERRIDE)):
        if override.get("PartName", "").lstrip("/") in parts:
            _remove(override)
            changed = True
    return _serialise(tree, content) if changed else content


def overrides_matching(content: bytes, content_type: re.Pattern[str]) -> set[str]:
    """The parts (ZIP names) whose declared content type matches."""
    tree = _parse(content)
    return {override.get("PartName", "").lstrip("/") for override in tree.iter(_OVERRIDE)
            if content_type.search(override.get("ContentType", ""))}


def relationship_targets(content: bytes, rels_name: str, kind: re.Pattern[str]) -> set[str]:
    """The parts (ZIP names) that relationships of a matching type point at."""
    tree = _parse(content)
    targets = {_target_part(r, rels_name) for r in tree.iter(_RELATIONSHIP) if kind.search(r.get("Type", ""))}
    return targets - {None}


def _target_part(relationship: etree._Element, rels_name: str) -> str | None:
    """The ZIP name a relationship points at; None for a link outside the file."""
    if relationship.get("TargetMode") == "External":
        return None
    target = relationship.get("Target", "")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    source_folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/document.xml.rels -> word
    return posixpath.normpath(posixpath.join(source_folder, target))


def _parse(content: bytes) -> etree._ElementTree:
    tree = etree.fromstring(content, _PARSER).getroottree()
    if tree.docinfo.doctype:
        # Office packages never declare a DTD (Word refuses such files); its entities would hide text from the
        # checks, and rewriting the part would drop their definitions.
        raise ValueError("a part of the document declares a DTD")
    return tree


def _parent_tag(element: etree._Element) -> str | None:
    parent = element.getparent()
    return None if parent is None else parent.tag


def _keep_text_before(element: etree._Element, text: str | None) -> None:
    """In OpenDocument the text between elements is the document's text: it must survive their removal."""
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    _keep_text_before(element, element.tail)
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    if element.getparent() is None:
        return
    _keep_text_before(element, element.text)
    for child in list(element):
        element.addprevious(child)  # lxml moves the child's tail with it
    _remove(element)


def _serialise(tree: etree._ElementTree, original: bytes) -> bytes:
    declaration = _DECLARATION.match(original)
    body = etree.tostring(tree, encoding=tree.docinfo.encoding or "UTF-8", xml_declaration=False)
    return (declaration.group() if declaration else b"") + body
