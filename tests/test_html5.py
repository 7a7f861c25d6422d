"""HTML as browsers parse it (travinh_site.text.html5, Lexbor): the HTML Standard's tokeniser
and tree construction rules that a check reading markup must not get wrong. Each case is what
the standard says (the section is named) and what Chromium builds: the same fragments are put
into an <article> by Chromium in tests/browser/test_html5_in_browser.py and must give the same
elements."""

from __future__ import annotations

import pytest

from travinh_site.text import html5

IMG = {"src": "a", "onerror": "b()"}

# Columns: a fragment (parsed inside <article>); the elements built, in document order, each
# as (name, attributes) or (name, attributes, text) for <script> and <style>; what was left
# open at its end (None: nothing).
CASES = [
    # 13.2.5.43 comment start state: "<!-->" and "<!--->" are whole (empty) comments, so what
    # follows them is markup; 13.2.5.52 comment end bang state: "--!>" ends a comment too.
    ("<!--><script>a()</script>", [("script", {}, "a()")], None),
    ("<!---><script>a()</script>", [("script", {}, "a()")], None),
    ("<!-- x --!><script>a()</script>", [("script", {}, "a()")], None),
    ("<!-- x -- y --><b>z</b>", [("b", {})], None),
    # 13.2.5.3 RAWTEXT: a <style> ends at "</style" followed by a space, "/" or ">".
    ("<style>p{}</style x><img src=a onerror=b()>", [("style", {}, "p{}"), ("img", IMG)], None),
    ("<style>p{}</style/><img src=a onerror=b()>", [("style", {}, "p{}"), ("img", IMG)], None),
    ("<style>p{}</styles><i>x</i>", [("style", {}, "p{}</styles><i>x</i>")], "style"),
    # Raw text and comments left open swallow the rest: of the fragment, and of the page.
    ("<style>p{color:red}\n\n<p>More</p>", [("style", {}, "p{color:red}\n\n<p>More</p>")], "style"),
    ("<p>a<!-- b <p>c</p>", [("p", {})], "comment"),
    ("<textarea><b>x</b>", [("textarea", {})], "textarea"),
    ("<title>x", [("title", {})], "title"),
    ("<script>a()", [("script", {}, "a()")], "script"),
    ('<p title="x>y</p>', [], "tag"),
    # 13.2.6.5 foreign content: in SVG and MathML, <script> and <style> hold markup (character
    # references decoded), and an HTML element such as <img> breaks out of them.
    ("<svg><script>a&#40;)</script></svg>", [("svg", {}), ("script", {}, "a()")], None),
    ("<math><script>a()</script></math>", [("math", {}), ("script", {}, "a()")], None),
    (
        "<svg><style>p{color:r&#101;d}</style></svg>",
        [("svg", {}), ("style", {}, "p{color:red}")],
        None,
    ),
    (
        "<svg><style><img src=a onerror=b()></style></svg>",
        [("svg", {}), ("style", {}, ""), ("img", IMG)],
        None,
    ),
    (
        "<math><mi><style><b>x</b></style></mi></math>",
        [("math", {}), ("mi", {}), ("style", {}, "<b>x</b>")],
        None,
    ),
    # 13.2.5.32-.40 attributes: the first of two with one name counts; values unquoted, a "/"
    # between attributes, a name alone (no value).
    ('<a href="x" HREF="y">z</a>', [("a", {"href": "x"})], None),
    ("<a href=x/y title=t>z</a>", [("a", {"href": "x/y", "title": "t"})], None),
    ("<a/href=x/title=t>z</a>", [("a", {"href": "x/title=t"})], None),
    ("<input/disabled/value=v>", [("input", {"disabled": None, "value": "v"})], None),
    # 13.2.5.1 and 13.2.6.4.7: NUL is dropped from text, and becomes U+FFFD in an attribute.
    ('<p title="a\x00b">c\x00d</p>', [("p", {"title": "a\ufffdb"})], None),
    # 13.2.5.73 named character references: without ";", a legacy name counts in text and in
    # an attribute, except in an attribute before "=" or a letter or digit.
    (
        '<a href="?a=1&copy=2&not=3" title="&amp &lt x &notit">z</a>',
        [("a", {"href": "?a=1&copy=2&not=3", "title": "& < x &notit"})],
        None,
    ),
    ("<a href=java&#x09;script:x>z</a>", [("a", {"href": "java\tscript:x"})], None),
    # With scripting on (as in a browser that would run what hides), <noscript> holds text.
    (
        '<noscript><p title="</noscript><img src=a onerror=b()>"></p></noscript>',
        [("noscript", {}), ("img", IMG), ("p", {})],
        None,
    ),
    # <template> content is no part of the tree, but a check still sees it.
    ("<template><img src=a onerror=b()></template>", [("template", {}), ("img", IMG)], None),
    ("<div><template><b>x", [("div", {}), ("template", {}), ("b", {})], None),
]


def shown(element: html5.Element) -> tuple:
    attributes = dict(element.attrs)
    if element.name in html5.TEXT_ELEMENTS:
        return (element.name, attributes, element.text)
    return (element.name, attributes)


@pytest.mark.parametrize(("source", "elements", "left_open"), CASES)
def test_a_fragment_is_parsed_as_the_html_standard_says(source, elements, left_open):
    parsed = html5.fragment(source)
    assert [shown(element) for element in parsed.elements] == elements
    assert parsed.left_open == left_open


def test_an_editors_copy_of_the_end_mark_does_not_hide_a_comment_left_open():
    # The mark after the fragment is told apart by a token made for each parse.
    parsed = html5.fragment('<tv-end data-end="0"></tv-end><!-- x')
    assert parsed.left_open == "comment"
    assert [element.name for element in parsed.elements] == ["tv-end"]


def test_a_whole_page_is_selected_from_its_tree():
    page = (
        "<!doctype html><html><head><meta charset=utf-8><script>if (a<b) c()</script></head>"
        '<body><p style="color: red">x</p><svg><style>i{color:r&#101;d}</style></svg></body>'
        "</html>"
    )
    found = [shown(element) for element in html5.select(page, "script, style, [style]")]
    assert found == [
        ("script", {}, "if (a<b) c()"),
        ("p", {"style": "color: red"}),
        ("style", {}, "i{color:red}"),
    ]
