"""Web pages (HTML): visible text, one block per paragraph-like element, under h1-h6 headings."""

from __future__ import annotations

from html.parser import HTMLParser

from inputdesk.domain.extraction import ExtractedDocument, ExtractionLimits, ExtractionOutcome, FileKind, TextBlock

from .active_parts import flag, html_parts
from .common import corrupt
from .encoding import decode_text

# Never shown to a reader, so never part of the submission's text.
_HIDDEN = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "p",
    "div",
    "li",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "br",
    "form",
    "fieldset",
    "legend",
    "caption",
    "details",
    "summary",
    "body",
    "html",
}
_CELLS = {"td", "th"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self.title = ""
        self._heading: str | None = None
        self._buffer: list[str] = []
        self._hidden_depth = 0
        self._in_title = False
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _HIDDEN:
            self._hidden_depth += 1
        elif tag in _BLOCKS:
            self._flush()
            self._in_heading = tag in _HEADINGS
        elif tag in _CELLS and self._buffer:
            self._buffer.append(" | ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCKS:
            self._flush()
            if tag in _HEADINGS:
                self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if not text or text == "|":
            return
        text = text.strip(" |")
        self.blocks.append(TextBlock(text, len(self.blocks), heading=self._heading, is_heading=self._in_heading))
        if self._in_heading:
            self._heading = text


def html_to_blocks(html: str) -> tuple[list[TextBlock], str]:
    """Blocks of visible text and the page title."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.blocks, " ".join(parser.title.split())


def extract_html(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
    html = decode_text(data)
    if html is None:
        return corrupt(filename, "web page (its characters could not be decoded)")
    blocks, title = html_to_blocks(html)
    document = ExtractedDocument(kind=FileKind.HTML, blocks=blocks, metadata={"title": title} if title else {})
    return flag(document, filename, html_parts(html))
