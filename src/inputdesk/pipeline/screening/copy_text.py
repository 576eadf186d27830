"""Every word a published copy of a Word, OpenDocument or web file carries, wherever it sits.

The personal-data check reads what extraction read. A word in the copy that extraction never read (a chart's
labels, an equation, SmartArt, a mailto: link's address, a part we do not know yet) was never checked, so the
publication step compares the two and publishes no copy that holds such words (the submission's text is still
published, as the rebuilt PDF). Field instructions (`PAGE \\* MERGEFORMAT`) and numbers are not words a reader
sees as text, and are left out of the comparison.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ..safe_xml import SAFE_XML_PARSER as _PARSER

from inputdesk.domain.extraction import FileKind

_WORD = re.compile(r"[^\W\d_]+")
# Package parts that hold no reader-visible text (styles, settings, fonts, themes, relationships are read apart).
_STRUCTURAL = re.compile(r"(?:^|/)(?:_rels/|\[Content_Types\]\.xml$|styles\.xml$|settings\.xml$|fontTable\.xml$|"
                         r"webSettings\.xml$|numbering\.xml$|theme/|META-INF/|manifest\.rdf$|docProps/|meta\.xml$)")
_WORD_ML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SKIPPED = {f"{{{_WORD_ML}}}instrText", f"{{{_WORD_ML}}}delText"}
_TEXT_ATTRIBUTES = ("descr", "title", "alt")
# Link targets count when they are e-mail addresses (shown on hover, never in the text); web addresses do not, or
# every document citing a report would lose its copy.
_LINK_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href")
_MAILTO_TARGET = re.compile(rb'Target="mailto:([^"]*)"', re.IGNORECASE)


def visible_words(kind: FileKind, data: bytes) -> set[str]:
    """The words (letters only, case-folded) of every text node and text-bearing attribute of the copy."""
    if kind in (FileKind.DOCX, FileKind.ODT):
        return _package_words(data, odf=kind == FileKind.ODT)
    if kind == FileKind.HTML:
        return _words_of(etree.fromstring(data, etree.HTMLParser(no_network=True)))
    return set()


def words_of_text(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _package_words(data: bytes, *, odf: bool) -> set[str]:
    found: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            content = package.read(name)
            if name.endswith(".rels"):
                for match in _MAILTO_TARGET.finditer(content):
                    found |= words_of_text(match.group(1).decode("utf-8", "replace"))
            elif name.endswith(".xml") and not _STRUCTURAL.search(name) or (odf and name == "styles.xml"):
                found |= _words_of(etree.fromstring(content, _PARSER))
    return found


def _words_of(root) -> set[str]:
    found: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):  # an XML comment or instruction: in the copy, and its tail too
            found |= words_of_text(element.text or "") | words_of_text(element.tail or "")
            continue
        if element.tag not in _SKIPPED and element.text:
            found |= words_of_text(element.text)
        if element.tail:
            found |= words_of_text(element.tail)
        for attribute in _TEXT_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                found |= words_of_text(value)
        for attribute in _LINK_ATTRIBUTES:
            value = element.get(attribute) or ""
            if value[:7].lower() == "mailto:":
                found |= words_of_text(value[7:])
    return found
