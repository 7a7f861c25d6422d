"""The offsets of a page's tokens, for the rewrites that must leave every other byte as it was.

The page rewrites (``lang`` on passages in another language, the policy's ``<meta>`` after
``<meta charset>``) and the link check of the built site need the elements with their
attributes, offsets and line, and the text between tags with the language it is in, at its
exact place in the source. The parser that follows the HTML Standard (:mod:`.html5`, Lexbor)
builds the tree but keeps no source positions, so this thin layer finds the tokens with regular
expressions, on the pages our templates write; tests/test_htmlscan.py checks on every built page
that it finds the elements, attributes and texts Lexbor's tree has. What runs, loads or styles
(the content safety check, the policy's hashes) is decided by the tree, never by these tokens.
Attribute values are decoded as the standard decodes them in attributes (a named reference
without ";" stays as written before "=" or a letter or digit; NUL becomes U+FFFD), and comments
end where the standard ends them (``<!-->``, ``<!--->``, ``--!>``).
"""

from __future__ import annotations

import bisect
import html
import html.entities
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

    Attributes are decoded only when asked for: a page has hundreds of tags, and most callers
    look at a few of them.
    """

    __slots__ = ("_attrs", "_attrs_text", "_line_starts", "end", "name", "start")

    def __init__(self, name: str, attrs_text: str, line_starts: list[int], start: int, end: int):
        self.name = name
        self._attrs_text = attrs_text
        self._attrs: tuple[tuple[str, str | None], ...] | None = None
        self._line_starts = line_starts  # the document's, to find the line when asked
        self.start = start  # offset of "<"
        self.end = end  # offset just after the start tag's ">"

    @property
    def line(self) -> int:
        return bisect.bisect_right(self._line_starts, self.start)

    @property
    def attrs(self) -> tuple[tuple[str, str | None], ...]:
        if self._attrs is None:
            self._attrs = attributes(self._attrs_text)
        return self._attrs

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


@dataclass
class Document:
    source: str
    elements: list[Element] = field(default_factory=list)
    raw_texts: list[RawText] = field(default_factory=list)


# One token: a comment, a declaration (<!doctype>), a processing instruction, an end tag or a
# start tag (whose quoted attribute values may hold ">"). Anything else is text. Comments end
# where the HTML Standard ends them: "<!-->" and "<!--->" at once, else at "-->" or "--!>".
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))"
    r"|<![^>]*>"
    r"|<\?[^>]*>"
    r"|</(?P<end>[a-zA-Z][^\s/>]*)[^>]*>"
    r"|<(?P<start>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Where the content of a raw-text element ends: at "</style" followed by a space, "/" or ">",
# whatever comes before the ">" (as in browsers: "</style x>" ends it too).
_RAW_END = {
    name: re.compile(rf"</{name}(?:[\t\n\f\r /][^>]*)?>", re.IGNORECASE) for name in RAW_TEXT
}


# A character reference: numeric, or named (the longest known name counts, ";" or not).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|([A-Za-z][A-Za-z0-9]*;?))")


def _attribute_value(value: str) -> str:
    """An attribute value decoded as the HTML Standard decodes it: a named reference without
    ";" followed by "=" or a letter or digit is left as written ("?a=1&copy=2" stays)."""
    if "\0" in value:
        value = value.replace("\0", "\ufffd")
    if "&" not in value:
        return value

    def decoded(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:  # numeric
            return html.unescape(match.group())
        if name.endswith(";") and name in html.entities.html5:  # a name with its ";"
            return html.entities.html5[name]
        for length in range(len(name.rstrip(";")), 0, -1):  # the longest known without ";"
            if name[:length] in _LEGACY_NAMES:
                after = name[length:] or value[match.end() : match.end() + 1]
                if after and (after[0] == "=" or (after[0].isascii() and after[0].isalnum())):
                    return match.group()
                return _LEGACY_NAMES[name[:length]] + name[length:]
        return match.group()

    return _REFERENCE.sub(decoded, value)


_LEGACY_NAMES = {name: text for name, text in html.entities.html5.items() if not name.endswith(";")}


def attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    """The attributes written after a tag's name, names lower-cased, values decoded."""
    found = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else _attribute_value(value)))
    return tuple(found)


def attribute_map(text: str) -> dict[str, str | None]:
    """The attributes of ``text`` by name; of an attribute written twice, the first counts, as
    in browsers (and :meth:`Element.get`)."""
    return dict(reversed(attributes(text)))


def _raw_text_end(source: str, name: str, position: int) -> tuple[int, int]:
    """Where the content of the raw-text element ``name`` opened before ``position`` ends, and
    where its end tag ends (the end of the source when it is never closed)."""
    closing = _RAW_END[name].search(source, position)
    return (closing.start(), closing.end()) if closing else (len(source), len(source))


def parse(source: str) -> Document:
    """Every start tag of ``source`` and the content of every inline script and style."""
    document = Document(source)
    for element in elements(source, document):
        document.elements.append(element)
    return document


def elements(source: str, document: Document | None = None) -> Iterator[Element]:
    """The start tags of ``source`` in order, as they are found (a caller looking for one of
    the first stops early); the content of scripts and styles goes to ``document``."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
    position = 0
    while match := _TOKEN.search(source, position):
        position = match.end()
        name = match.group("start")
        if not name:  # an end tag, a comment, a declaration: nothing to keep
            continue
        name = name.lower()
        attributes_text = match.group("attrs").rstrip()
        self_closing = attributes_text.endswith("/")
        element = Element(
            name,
            attributes_text.removesuffix("/") if self_closing else attributes_text,
            line_starts,
            match.start(),
            match.end(),
        )
        yield element
        if name in RAW_TEXT and not self_closing:  # its content is not markup
            start = position
            body_end, position = _raw_text_end(source, name, position)
            if document is not None:
                document.raw_texts.append(RawText(element, source[start:body_end]))


def texts_outside(
    source: str, text_filter: re.Pattern[str], skip: frozenset[str], naming_attribute: str
) -> Iterator[tuple[int, int, str | None]]:
    """``(start, end, lang)`` of each run of text inside ``<body>`` in which ``text_filter``
    finds something, leaving out the text inside an element named in ``skip`` or carrying
    ``naming_attribute``; ``lang`` is the language in force there.

    The tokens of :func:`parse`, with a stack of the open elements' state instead of an
    element object per tag (the rewrite of every built page that needs this, ``lang`` on
    passages, is a tenth of a build).
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
                position = _raw_text_end(source, name, position)[1]
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
