"""One pass over an HTML document with the standard library's parser, keeping every offset.

The checks and rewrites of the built pages (content safety, Content-Security-Policy hashes,
``lang`` on passages in another language, the link check) need the elements with their
attributes and line, the exact text of inline scripts and styles, and the text between tags
with the language it is in, at its exact place in the source, so that a rewrite can insert
markup there and leave every other byte as it was. ``html.parser`` tokenises (attribute values
decoded as browsers decode them, ``<script>``/``<style>`` content read up to their end tag);
this module records where each token starts and ends, and which elements are open around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements with no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
# Elements whose content is not markup: the parser hands it over as it is.
RAW_TEXT = frozenset({"script", "style"})


@dataclass(frozen=True)
class Element:
    """A start tag: its attributes (values decoded, as a browser reads them) and position."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int
    start: int  # offset of "<"
    end: int  # offset just after the start tag's ">"
    lang: str | None  # the language in force inside it: its own lang, or its ancestors'
    ancestors: tuple[str, ...]  # names of the open elements around it, outermost first

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


@dataclass(frozen=True)
class RawText:
    """The content of a ``<script>`` or ``<style>`` element, exactly as written."""

    element: Element
    text: str
    start: int


@dataclass(frozen=True)
class Text:
    """Text between two tags (character references left as written)."""

    start: int
    end: int
    line: int
    lang: str | None
    parents: tuple[Element, ...]  # the open elements around it, outermost first

    @property
    def ancestors(self) -> tuple[str, ...]:
        return tuple(element.name for element in self.parents)


@dataclass
class Document:
    source: str
    elements: list[Element] = field(default_factory=list)
    raw_texts: list[RawText] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    def find(self, *names: str) -> Iterator[Element]:
        return (element for element in self.elements if element.name in names)

    @property
    def lang(self) -> str | None:
        """The document's language (``<html lang>``)."""
        return next((e.get("lang") for e in self.find("html")), None)


class _Scanner(HTMLParser):
    """Records positions: while an event is handled, ``getpos()`` is where its token starts."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document(source)
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._open: list[Element] = []
        self._text_from = 0  # where the text after the last token starts
        self._raw: Element | None = None  # the <script> or <style> being read

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _text_until(self, end: int) -> None:
        if end > self._text_from and self._raw is None:
            line = bisect.bisect_right(self._line_starts, self._text_from)
            lang = self._open[-1].lang if self._open else None
            text = Text(self._text_from, end, line, lang, tuple(self._open))
            self.document.texts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        start = self._offset()
        self._text_until(start)
        own = dict(attrs).get("lang")
        inherited = self._open[-1].lang if self._open else None
        element = Element(
            tag,
            tuple(attrs),
            self.getpos()[0],
            start,
            start + len(self.get_starttag_text() or ""),
            own if own is not None else inherited,
            tuple(open_element.name for open_element in self._open),
        )
        self.document.elements.append(element)
        self._text_from = element.end
        if tag in VOID or self_closing:
            return
        self._open.append(element)
        if tag in RAW_TEXT:
            self._raw = element

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if self._raw is not None and tag == self._raw.name:
            raw = self._raw
            body = self.document.source[raw.end : start]
            self.document.raw_texts.append(RawText(raw, body, raw.end))
            self._raw = None
        else:
            self._text_until(start)
        self._text_from = self.document.source.index(">", start) + 1
        # Close up to the matching element; an end tag with no open element is ignored.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].name == tag:
                del self._open[index:]
                break

    def _skip(self, end_marker: str) -> None:
        start = self._offset()
        self._text_until(start)
        found = self.document.source.find(end_marker, start)
        self._text_from = len(self.document.source) if found < 0 else found + len(end_marker)

    def handle_comment(self, data: str) -> None:
        self._skip("-->")

    def handle_decl(self, decl: str) -> None:
        self._skip(">")

    def handle_pi(self, data: str) -> None:
        self._skip(">")

    def unknown_decl(self, data: str) -> None:
        self._skip(">")

    def close(self) -> None:
        super().close()
        self._text_until(len(self.document.source))


def parse(source: str) -> Document:
    """Every element, inline script or style and run of text of ``source``."""
    scanner = _Scanner(source)
    scanner.feed(source)
    scanner.close()
    return scanner.document
