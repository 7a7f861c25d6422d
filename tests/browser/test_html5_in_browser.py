"""The parser the checks use (travinh_site.text.html5) builds what Chromium builds: each fragment
of tests/test_html5.py, put into an <article> of a page by Chromium (innerHTML, scripting on),
gives the same elements, attributes and script and style texts, in the same order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.test_html5 import CASES
from travinh_site.text import html5

pytestmark = pytest.mark.browser

# The elements in document order, then those of each <template>'s content, as html5 lists them.
BUILT = """(source) => {
    const article = document.querySelector("article");
    article.innerHTML = source;
    const all = (root) => {
        const found = [...root.querySelectorAll("*")];
        for (const template of root.querySelectorAll("template")) {
            found.push(...all(template.content));
        }
        return found;
    };
    return all(article).map((e) => [
        e.localName,
        [...e.attributes].map((a) => [a.name, a.value]),
        ["script", "style"].includes(e.localName) ? e.textContent : "",
    ]);
}"""


@pytest.fixture(scope="module")
def page(browser: BrowserContext) -> Iterator[Page]:
    page = browser.new_page()
    page.set_content("<!doctype html><html><head></head><body><article></article></body></html>")
    yield page
    page.close()


@pytest.mark.parametrize(("source", "elements", "left_open"), CASES)
def test_chromium_builds_the_same_elements(page: Page, source: str, elements, left_open):
    ours = [
        [element.name, [[name, value or ""] for name, value in element.attrs], element.text]
        for element in html5.fragment(source).elements
    ]
    assert page.evaluate(BUILT, source) == ours
