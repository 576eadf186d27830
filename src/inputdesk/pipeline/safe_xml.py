"""The one XML parser for parts of received files (Word, OpenDocument): no entity expansion, no DTD loading, no
network, no huge-tree mode, so a hostile document cannot blow up memory or fetch anything."""

from __future__ import annotations

from lxml import etree

SAFE_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
