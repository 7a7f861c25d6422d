"""The offset tokeniser (travinh_site.text.htmlscan) against the tree of the parser that follows
the HTML Standard (Lexbor, travinh_site.text.html5's), on every page of the project's built
site: the same elements with the same attributes, the same script and style texts, and the
same runs of text in the same language. (The rewrites insert markup at its offsets; what runs
is decided by the tree.)"""

from __future__ import annotations

import html
import re

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tests.conftest import BuildResult
from travinh_site.text import html5, htmlscan


def tree(source: str) -> LexborHTMLParser:
    return LexborHTMLParser(source, scripting=True)


def test_same_elements_attributes_and_scripts_as_the_tree(project_build: BuildResult):
    pages = sorted(project_build.site.rglob("*.html"))
    assert len(pages) > 90
    for path in pages:
        source = path.read_text(encoding="utf-8")
        document = htmlscan.parse(source)
        ours = [(e.name, dict(reversed(e.attrs))) for e in document.elements]
        # Lexbor keeps SVG's names as the standard adjusts them (viewBox); ours are lower case.
        nodes = tree(source).css("*")
        theirs = [(n.tag.lower(), {k.lower(): v for k, v in n.attributes.items()}) for n in nodes]
        assert ours == theirs, path
        raw = [node.text() for node in nodes if node.tag in ("script", "style")]
        assert [text.text for text in document.raw_texts] == raw, path


SKIPPED = frozenset({"code", "script", "style", "title"})
ANY_TEXT = re.compile(r"\S")


def texts_of_the_tree(source: str) -> list[tuple[str, str | None]]:
    """The oracle for texts_outside: each text of <body> (decoded, with something in it) that
    is outside SKIPPED elements and elements with an aria-label, with the lang of the nearest
    element that has one (written without a value, it counts as not written)."""
    found: list[tuple[str, str | None]] = []

    def walk(node: LexborNode, lang: str | None, left_out: bool) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                text = child.text_content or ""
                if not left_out and ANY_TEXT.search(text):
                    found.append((text, lang))
            elif child.is_element_node:
                own = child.attributes
                inner = own["lang"] if own.get("lang") is not None else lang
                walk(child, inner, left_out or child.tag in SKIPPED or "aria-label" in own)

    parsed = tree(source)
    lang: str | None = None
    for element in (parsed.css_first("html"), parsed.body):
        if element is not None and element.attributes.get("lang") is not None:
            lang = element.attributes["lang"]
    if parsed.body is not None:
        walk(parsed.body, lang, False)
    return found


def decoded_texts(source: str) -> list[tuple[str, str | None]]:
    return [
        (html.unescape(source[start:end]), lang)
        for start, end, lang in htmlscan.texts_outside(source, ANY_TEXT, SKIPPED, "aria-label")
    ]


TRICKY = [
    '<html lang="km"><head><title>t</title></head><body><p>ក <span lang="vi">Trà</span></p>'
    '<code>x</code><b aria-label="n">named</b><i LANG="en">caps</i><img src=a alt="b"/>'
    "<script>if (a<b) {}</script>after<br/>tail<p lang>inherits</p></body></html>",
    '<body><div><p>one<p>two</div>three<style>p{}</style><svg/><a href="x" lang="">empty'
    "</a><!-- c --> <b>bold</b></body>",
]


def test_texts_outside_agrees_with_the_tree(project_build: BuildResult):
    pages = [p.read_text(encoding="utf-8") for p in sorted(project_build.site.rglob("*.html"))]
    for source in [*TRICKY, *pages]:
        assert decoded_texts(source) == texts_of_the_tree(source), source[:80]
    first = TRICKY[0]
    texts = [
        (first[s:e], lang)
        for s, e, lang in htmlscan.texts_outside(first, ANY_TEXT, SKIPPED, "aria-label")
    ]
    assert texts == [
        ("ក ", "km"),
        ("Trà", "vi"),
        ("caps", "en"),
        ("after", "km"),
        ("tail", "km"),
        ("inherits", "km"),
    ]


# Attribute values as the standard decodes them (13.2.5.73): a named reference without ";"
# stays as written before "=" or a letter or digit; NUL becomes U+FFFD.
VALUES = ["&notit=x", "&notit;", "&not=", "&not x", "&amp", "&ampx", "&amp;x", "?a=1&copy=2"]
VALUES += ["&copy", "&#x41", "&#65;z", "a\x00b", "&lt&gt", "&zzz;", "&AMP;", "&#0;", "&#128;"]


@pytest.mark.parametrize("value", VALUES)
def test_attribute_values_are_decoded_as_the_tree_decodes_them(value: str):
    ours = htmlscan.parse(f'<p title="{value}">').elements[0].get("title")
    assert ours == html5.fragment(f'<p title="{value}">').elements[0].get("title")
