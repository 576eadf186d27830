"""A tiny, format-neutral model of a demo document: a title and a list of blocks every writer can render."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "bullets" or "table"
    text: str = ""
    level: int = 1  # heading level, 1 = section
    items: tuple[str, ...] = ()  # bullet items
    rows: tuple[tuple[str, ...], ...] = ()  # table rows, the first one is the header


def H(text: str, level: int = 1) -> Block:
    return Block("heading", text=text, level=level)


def P(text: str) -> Block:
    return Block("paragraph", text=" ".join(text.split()))


def UL(*items: str) -> Block:
    return Block("bullets", items=tuple(" ".join(item.split()) for item in items))


def TABLE(*rows: tuple[str, ...]) -> Block:
    return Block("table", rows=tuple(tuple(row) for row in rows))


@dataclass(frozen=True)
class DemoDocument:
    title: str
    language: str  # ISO 639-1
    blocks: tuple[Block, ...]
    author: str = ""
    subtitle: str = ""
    # Blocks appended by the corpus (the fictional-document notice); kept apart so word counts ignore them.
    trailer: tuple[Block, ...] = field(default=())

    def all_blocks(self) -> tuple[Block, ...]:
        return self.blocks + self.trailer

    def plain_text(self, *, with_trailer: bool = True) -> str:
        """The document as plain text: what an extractor should roughly recover."""
        parts = [self.title]
        if self.subtitle:
            parts.append(self.subtitle)
        for block in self.all_blocks() if with_trailer else self.blocks:
            if block.kind in ("heading", "paragraph"):
                parts.append(block.text)
            elif block.kind == "bullets":
                parts.extend(block.items)
            elif block.kind == "table":
                parts.extend(" ".join(row) for row in block.rows)
        return "\n\n".join(parts)

    def word_count(self) -> int:
        return len(re.findall(r"\w+(?:[-'’]\w+)*", self.plain_text(with_trailer=False)))

    def with_trailer(self, *blocks: Block) -> DemoDocument:
        return replace(self, trailer=self.trailer + blocks)

    def with_preface(self, *blocks: Block) -> DemoDocument:
        return replace(self, blocks=blocks + self.blocks)


FICTION_NOTICE = {
    "en": "Fictional document generated for the InputDesk demo corpus. All organisations, people, places "
    "and contact details in it are invented.",
    "fr": "Document fictif généré pour le corpus de démonstration d’InputDesk. Les organisations, personnes, "
    "lieux et coordonnées qui y figurent sont inventés.",
    "es": "Documento ficticio generado para el corpus de demostración de InputDesk. Todas las organizaciones, "
    "personas, lugares y datos de contacto que contiene son inventados.",
}


def with_fiction_notice(doc: DemoDocument) -> DemoDocument:
    return doc.with_trailer(P(f"[{FICTION_NOTICE[doc.language]}]"))
