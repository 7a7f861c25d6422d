"""The regular-expression tokeniser (travinh_site.text.htmlscan) against the standard library's
HTML parser, on every page of the project's built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.conftest import BuildResult
from travinh_site.text import htmlscan


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


SKIPPED = frozenset({"code", "script", "style", "title"})
ANY_TEXT = re.compile(r"\S")


class TextReference(HTMLParser):
    """The oracle for texts_outside, from html.parser: (start, end, lang) of each run of text
    between two tokens, inside <body>, outside SKIPPED elements and elements with an
    aria-label, with the lang of the innermost element that has one (the first of a name)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # a character reference stays in its run
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, str | None, bool, bool]] = []
        self.lang: str | None = None
        self.in_body = self.left_out = self.in_raw = False
        self.run: int | None = None  # where the text run being read started
        self.found: list[tuple[int, int, str | None]] = []

    def here(self) -> int:  # offset of the current token in the source
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def text(self) -> None:
        if self.run is None and not self.in_raw:
            self.run = self.here()

    handle_data = handle_entityref = handle_charref = lambda self, _data: self.text()

    def token(self) -> None:  # a tag, comment or declaration ends the run before it
        if self.run is not None:
            end = self.here()
            if self.in_body and not self.left_out and ANY_TEXT.search(self.source, self.run, end):
                self.found.append((self.run, end, self.lang))
            self.run = None

    handle_comment = handle_decl = handle_pi = lambda self, _data: self.token()

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.token()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.token()
        if tag in htmlscan.VOID:
            return
        if tag in htmlscan.RAW_TEXT:
            self.in_raw = True
            return
        self.stack.append((tag, self.lang, self.in_body, self.left_out))
        own = dict(reversed(attrs))
        self.lang = own["lang"] if own.get("lang") is not None else self.lang
        self.in_body = self.in_body or tag == "body"
        self.left_out = self.left_out or tag in SKIPPED or "aria-label" in own

    def handle_endtag(self, tag: str) -> None:
        self.token()
        self.in_raw = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                _tag, self.lang, self.in_body, self.left_out = self.stack[index]
                del self.stack[index:]
                break

    def texts(self) -> list[tuple[int, int, str | None]]:
        self.feed(self.source)
        self.close()
        if self.run is not None:  # text up to the end of the document
            end = len(self.source)
            if self.in_body and not self.left_out and ANY_TEXT.search(self.source, self.run, end):
                self.found.append((self.run, end, self.lang))
        return self.found


TRICKY = [
    '<html lang="km"><head><title>t</title></head><body><p>ក <span lang="vi">Trà</span></p>'
    '<code>x</code><b aria-label="n">named</b><i LANG="en">caps</i><img src=a alt="b"/>'
    "<script>if (a<b) {}</script>after<br/>tail<p lang>inherits</p></body></html>",
    '<body><div><p>one<p>two</div>three<style>p{}</style><svg/><a href="x" lang="">empty'
    "</a><!-- c --> <b>bold</b></body>",
]


def test_texts_outside_agrees_with_html_parser(project_build: BuildResult):
    pages = [p.read_text(encoding="utf-8") for p in sorted(project_build.site.rglob("*.html"))]
    for source in [*TRICKY, *pages]:
        found = list(htmlscan.texts_outside(source, ANY_TEXT, SKIPPED, "aria-label"))
        assert found == TextReference(source).texts(), source[:80]
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
