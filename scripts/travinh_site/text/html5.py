"""HTML as browsers parse it: the HTML Standard's tokeniser and tree construction, by Lexbor (a
parser in C that follows the standard; PyPI ``selectolax``).

What a page runs, loads or styles is decided by how a browser parses it, and the standard's
rules are many: comments that end at ``<!-->`` or ``--!>``, raw text that ends at ``</style x>``,
``<style>`` that is markup inside ``<svg>`` (so ``<svg><style><img onerror>`` breaks out of the
SVG), the first of two attributes of one name, character references without a semicolon that
count in text but not before ``=`` in an attribute, NUL characters dropped. A parser that follows
the standard gets them right by construction, where a tokeniser of our own would have to chase
each one. Scripting is on, as in the browsers that could run what a page hides (``<noscript>``
content is then text).

The content safety check parses an editor's page as a fragment inside ``<article>``, which is
where it ends up (:func:`fragment`); the policy's hashes come from the elements of whole pages
(:func:`select`). Rewrites that must keep every other byte of a page use the offsets of
:mod:`.htmlscan`, whose tokens this parser's tree is checked against (tests/test_htmlscan.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose text a check reads (the rest need only their name and attributes).
TEXT_ELEMENTS = frozenset({"script", "style"})


@dataclass(frozen=True)
class Element:
    """An element of the tree: its name as the parser gives it (lower case for HTML, as
    written for SVG's ``foreignObject``), its attributes in source order (of two with one
    name, the first; ``None`` for one written without a value) and, for ``<script>`` and
    ``<style>``, its text as the browser reads it."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    text: str = ""

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


@dataclass(frozen=True)
class Fragment:
    """What a browser builds from a piece of HTML placed inside an element."""

    elements: list[Element]  # in document order, the content of <template> included
    # What swallowed the end of the fragment (and would swallow the page after it): "comment",
    # the name of an element whose content runs on ("style"), "tag" (a tag or a quoted
    # attribute value left open), or None when the fragment ends where it should.
    left_open: str | None


def _element(node: LexborNode) -> Element:
    name = node.tag or ""
    text = node.text(deep=True) if name in TEXT_ELEMENTS else ""
    return Element(name, tuple(node.attributes.items()), text)


def _with_templates(tree: LexborHTMLParser | LexborNode) -> Iterator[LexborNode]:
    """Every element under ``tree``, then those of each ``<template>``'s content (not part of
    the tree for ``css()``; inert, but a check should see what an editor wrote there)."""
    yield from tree.css("*")
    for content in tree.template_fragments():
        yield from _with_templates(content)


def fragment(source: str, context: str = "article") -> Fragment:
    """``source`` parsed as the content of a ``<context>`` element in a page's body (the HTML
    Standard's fragment parsing, as ``innerHTML`` does)."""
    tree = LexborHTMLParser(source, is_fragment=True, fragment_tag=context, scripting=True)
    elements = [_element(node) for node in _with_templates(tree)]
    # Parsed again with a mark after it: the mark is an element only if the source closed
    # everything that would swallow what follows (a comment, a <style>, a quoted value). It
    # carries a token made for this parse, so that no page can write it.
    token = secrets.token_hex(8)
    marked = LexborHTMLParser(
        f'{source}<tv-end data-end="{token}"></tv-end>',
        is_fragment=True,
        fragment_tag=context,
        scripting=True,
    )
    for node in _with_templates(marked):  # (an open <template> holds it in its content)
        if node.tag == "tv-end" and node.attributes.get("data-end") == token:
            return Fragment(elements, None)
    return Fragment(elements, _what_swallowed(marked, token))


def _what_swallowed(tree: LexborHTMLParser, token: str) -> str:
    root = tree.root
    for node in root.traverse(include_text=True) if root is not None else ():
        if node.is_comment_node and token in (node.comment_content or ""):
            return "comment"
        if node.is_text_node and token in (node.text_content or ""):
            parent = node.parent
            return parent.tag if parent is not None and parent.tag else "tag"
    return "tag"


def select(page: str, selectors: str) -> Iterable[Element]:
    """The elements of the whole page ``page`` that match the CSS ``selectors``, in document
    order (Lexbor's selector engine: only those become Python objects)."""
    tree = LexborHTMLParser(page, scripting=True)
    return [_element(node) for node in tree.css(selectors)]
