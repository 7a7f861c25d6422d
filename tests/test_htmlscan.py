"""The regular-expression tokeniser (travinh_site.htmlscan) against the standard library's
HTML parser, on every page of the project's built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.conftest import BuildResult
from travinh_site import htmlscan


class Reference(HTMLParser):
    """Start tags (name, decoded attributes, line) and script/style bodies, as html.parser
    sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...], int]] = []
        self.raw: list[str] = []
        self._in_raw = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs), self.getpos()[0]))
        self._in_raw = tag in htmlscan.RAW_TEXT
        if self._in_raw:
            self.raw.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs), self.getpos()[0]))

    def handle_data(self, data: str) -> None:
        if self._in_raw:
            self.raw[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in_raw = False


def test_same_tags_attributes_and_scripts_as_html_parser(project_build: BuildResult):
    pages = sorted(project_build.site.rglob("*.html"))
    assert len(pages) > 90
    for path in pages:
        source = path.read_text(encoding="utf-8")
        reference = Reference()
        reference.feed(source)
        reference.close()
        document = htmlscan.parse(source)
        ours = [(e.name, e.attrs, e.line) for e in document.elements]
        assert ours == reference.tags, path
        assert [raw.text for raw in document.raw_texts] == reference.raw, path


def test_text_outside_tags_with_the_language_in_force():
    source = '<html lang="km"><body><p>ក <span lang="vi">Trà Vinh</span></p>\n <b>x</b></body>'
    document = htmlscan.parse(source)
    texts = [(source[t.start : t.end], t.lang, t.ancestors) for t in document.texts]
    assert texts == [
        ("ក ", "km", ("html", "body", "p")),
        ("Trà Vinh", "vi", ("html", "body", "p", "span")),
        ("x", "km", ("html", "body", "b")),
    ]


SKIPPED = frozenset({"code", "script", "style", "title"})
ANY_TEXT = re.compile(r"\S")


def prose_by_full_parse(source: str) -> list[tuple[int, int, str | None]]:
    """What texts_outside must give, from the elements of parse()."""
    return [
        (text.start, text.end, text.lang)
        for text in htmlscan.parse(source, text_filter=ANY_TEXT).texts
        if "body" in text.ancestors
        and not SKIPPED.intersection(text.ancestors)
        and not any(parent.has("aria-label") for parent in text.parents)
    ]


TRICKY = [
    '<html lang="km"><head><title>t</title></head><body><p>ក <span lang="vi">Trà</span></p>'
    '<code>x</code><b aria-label="n">named</b><i LANG="en">caps</i><img src=a alt="b"/>'
    "<script>if (a<b) {}</script>after<br/>tail<p lang>inherits</p></body></html>",
    '<body><div><p>one<p>two</div>three<style>p{}</style><svg/><a href="x" lang="">empty'
    "</a><!-- c --> <b>bold</b></body>",
]


def test_light_scan_gives_the_texts_of_the_full_parse(project_build: BuildResult):
    pages = [p.read_text(encoding="utf-8") for p in sorted(project_build.site.rglob("*.html"))]
    for source in [*TRICKY, *pages]:
        found = list(htmlscan.texts_outside(source, ANY_TEXT, SKIPPED, "aria-label"))
        assert found == prose_by_full_parse(source), source[:80]
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
