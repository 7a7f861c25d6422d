"""One pass over an HTML document, keeping every offset.

The checks and rewrites of the built pages (content safety, ``lang`` on passages in another
language, the link check) need the elements with their attributes and line, the exact text of
inline scripts and styles, and the text between tags with the language it is in, at its exact
place in the source, so that a rewrite can insert markup there and leave every other byte as it
was. A regular-expression tokeniser does it (attribute values decoded as browsers decode them,
``<script>``/``<style>`` content read up to their end tag): it gives the same tokens as
``html.parser`` on the well-formed pages our templates write, several times faster, which
matters because every page of every language goes through it in every build."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Elements with no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
# Elements whose content is not markup: the parser hands it over as it is.
RAW_TEXT = frozenset({"script", "style"})


class Element:
    """A start tag: its attributes (values decoded, as a browser reads them) and position.

    Attributes are decoded and ancestors listed only when asked for: a page has hundreds of
    tags, and most callers look at a few of them.
    """

    __slots__ = (
        "_attrs",
        "_attrs_text",
        "_line_starts",
        "_parent",
        "end",
        "lang",
        "name",
        "start",
    )

    def __init__(
        self,
        name: str,
        attrs_text: str,
        line_starts: list[int],
        start: int,
        end: int,
        parent: Element | None,
    ) -> None:
        self.name = name
        self._attrs_text = attrs_text
        self._attrs: tuple[tuple[str, str | None], ...] | None = None
        self._line_starts = line_starts  # the document's, to find the line when asked
        self.start = start  # offset of "<"
        self.end = end  # offset just after the start tag's ">"
        self._parent = parent
        # The language in force inside it: its own lang, or its ancestors'.
        own = self.get("lang") if "lang" in attrs_text.lower() else None
        self.lang = own if own is not None else (parent.lang if parent else None)

    @property
    def line(self) -> int:
        return bisect.bisect_right(self._line_starts, self.start)

    @property
    def attrs(self) -> tuple[tuple[str, str | None], ...]:
        if self._attrs is None:
            self._attrs = attributes(self._attrs_text)
        return self._attrs

    @property
    def ancestors(self) -> tuple[str, ...]:
        """Names of the open elements around it, outermost first."""
        names = []
        parent = self._parent
        while parent is not None:
            names.append(parent.name)
            parent = parent._parent
        return tuple(reversed(names))

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        if self._attrs is None and name not in self._attrs_text.lower():
            return False  # not even written: no need to decode the attributes
        return any(key == name for key, _ in self.attrs)


@dataclass(frozen=True)
class RawText:
    """The content of a ``<script>`` or ``<style>`` element, exactly as written."""

    element: Element
    text: str
    start: int


@dataclass(frozen=True)
class Text:
    """Text between two tags, other than whitespace only (character references as written)."""

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


# One token: a comment, a declaration (<!doctype>), a processing instruction, an end tag or a
# start tag (whose quoted attribute values may hold ">"). Anything else is text.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<![^>]*>"
    r"|<\?[^>]*>"
    r"|</(?P<end>[a-zA-Z][^\s/>]*)[^>]*>"
    r"|<(?P<start>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    """The attributes written after a tag's name, names lower-cased, values decoded."""
    found = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else html.unescape(value)))
    return tuple(found)


def attribute_map(text: str) -> dict[str, str | None]:
    """The attributes of ``text`` by name; of an attribute written twice, the first counts, as
    in browsers (and :meth:`Element.get`)."""
    return dict(reversed(attributes(text)))


class _Scanner:
    """A regular-expression tokeniser: the HTML our templates write is well formed, and this is
    an order of magnitude faster than ``html.parser`` (every built page goes through it)."""

    def __init__(self, source: str, text_filter: re.Pattern[str] | None = None) -> None:
        self.source = source
        self.document = Document(source)
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._open: list[Element] = []
        self._text_filter = text_filter

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def _text(self, start: int, end: int) -> None:
        # Whitespace between tags carries no language: only real text is recorded (and, with
        # a filter, only text the filter finds something in).
        if end <= start:
            return
        if self._text_filter is not None:
            if not self._text_filter.search(self.source, start, end):
                return
        elif self.source[start:end].isspace():
            return
        lang = self._open[-1].lang if self._open else None
        text = Text(start, end, self._line(start), lang, tuple(self._open))
        self.document.texts.append(text)

    def run(self) -> Document:
        source = self.source
        position = 0
        while True:
            match = _TOKEN.search(source, position)
            if match is None:
                self._text(position, len(source))
                return self.document
            self._text(position, match.start())
            position = match.end()
            if match.group("start"):
                position = self._start(match)
            elif match.group("end"):
                self._end(match.group("end").lower())

    def _start(self, match: re.Match[str]) -> int:
        tag = match.group("start").lower()
        attributes_text = match.group("attrs")
        self_closing = attributes_text.rstrip().endswith("/")
        if self_closing:
            attributes_text = attributes_text.rstrip().removesuffix("/")
        element = Element(
            tag,
            attributes_text,
            self._line_starts,
            match.start(),
            match.end(),
            self._open[-1] if self._open else None,
        )
        self.document.elements.append(element)
        if tag in VOID or self_closing:
            return match.end()
        if tag in RAW_TEXT:  # its content is not markup: read it up to its end tag
            closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(self.source, match.end())
            body_end = closing.start() if closing else len(self.source)
            body = self.source[match.end() : body_end]
            self.document.raw_texts.append(RawText(element, body, match.end()))
            return closing.end() if closing else len(self.source)
        self._open.append(element)
        return match.end()

    def _end(self, tag: str) -> None:
        # Close up to the matching element; an end tag with no open element is ignored.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].name == tag:
                del self._open[index:]
                break


# A text_filter for callers that need no text: elements and scripts only, quicker.
NO_TEXT = re.compile(r"(?!)")


def parse(source: str, text_filter: re.Pattern[str] | None = None) -> Document:
    """Every element, inline script or style and run of text of ``source``; with a
    ``text_filter``, only the runs of text in which it finds something."""
    return _Scanner(source, text_filter).run()


def texts_outside(
    source: str, text_filter: re.Pattern[str], skip: frozenset[str], naming_attribute: str
) -> Iterator[tuple[int, int, str | None]]:
    """``(start, end, lang)`` of each run of text inside ``<body>`` in which ``text_filter``
    finds something, leaving out the text inside an element named in ``skip`` or carrying
    ``naming_attribute``; ``lang`` is the language in force there.

    The same tokens and rules as :func:`parse`, without building an element per tag: the
    rewrite of every built page that needs only this (``lang`` on passages) is a tenth of a
    build, and most of its time went into elements nobody looked at.
    """
    # For each open element, the state outside it: (name, lang, inside body, left out).
    stack: list[tuple[str, str | None, bool, bool]] = []
    lang: str | None = None
    in_body = left_out = False
    position = 0
    while True:
        match = _TOKEN.search(source, position)
        text_end = match.start() if match else len(source)
        if (
            text_end > position
            and in_body
            and not left_out
            and text_filter.search(source, position, text_end)
        ):
            yield position, text_end, lang
        if match is None:
            return
        position = match.end()
        name = match.group("start")
        if name:
            name = name.lower()
            attributes_text = match.group("attrs").rstrip()
            if name in VOID or attributes_text.endswith("/"):
                continue
            if name in RAW_TEXT:
                closing = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(source, position)
                position = closing.end() if closing else len(source)
                continue
            stack.append((name, lang, in_body, left_out))
            lowered = attributes_text.lower()
            if "lang" in lowered or naming_attribute in lowered:
                found = attribute_map(attributes_text)
                own = found.get("lang")
                lang = own if own is not None else lang
                left_out = left_out or naming_attribute in found
            in_body = in_body or name == "body"
            left_out = left_out or name in skip
        elif match.group("end"):
            tag = match.group("end").lower()
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == tag:
                    _name, lang, in_body, left_out = stack[index]
                    del stack[index:]
                    break
