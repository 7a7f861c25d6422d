"""The regular-expression tokeniser (travinh_site.htmlscan) against the standard library's
HTML parser, on every page of the project's built site."""

from __future__ import annotations

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
