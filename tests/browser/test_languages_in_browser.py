"""The built site in Chromium: language switching, requests, console, fonts, 404 pages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

DEEP_PAGE = "du-lich/ao-ba-om.html"


def open_page(watched: Watched, path: str) -> None:
    response = watched.page.goto(watched.site.url(path), wait_until="load")
    assert response is not None and response.status == 200, path
    watched.page.wait_for_load_state("networkidle")


def test_switching_language_on_a_deep_page_stays_on_that_page(watched: Watched):
    open_page(watched, f"en/{DEEP_PAGE}")
    page = watched.page
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="km"]').click()
    page.wait_for_url(watched.site.url(f"km/{DEEP_PAGE}"))
    assert page.evaluate("document.documentElement.lang") == "km"
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="vi"]').click()
    page.wait_for_url(watched.site.url(DEEP_PAGE))
    assert page.evaluate("document.documentElement.lang") == "vi"


@pytest.mark.parametrize(
    "path", ["index.html", f"en/{DEEP_PAGE}", "km/index.html", f"km/{DEEP_PAGE}", "en/404.html"]
)
def test_pages_load_cleanly_from_this_host_only(watched: Watched, path: str):
    open_page(watched, path)
    assert watched.foreign_requests() == []
    assert watched.console_errors == []
    assert watched.failures == []


def test_khmer_pages_render_in_the_self_hosted_khmer_face(watched: Watched):
    open_page(watched, f"km/{DEEP_PAGE}")
    loaded = watched.page.evaluate(
        """async () => {
            await document.fonts.ready;
            return [...document.fonts]
                .filter((face) => face.status === "loaded")
                .map((face) => `${face.family.replaceAll('"', '')} ${face.weight}`);
        }"""
    )
    assert "Noto Sans Khmer 400" in loaded
    assert watched.page.evaluate("document.fonts.check('16px \"Noto Sans Khmer\"', 'ត្រាវិញ')")
    assert any("/assets/fonts/noto-sans-khmer-400.woff2" in url for url in watched.requests)


@pytest.mark.parametrize(
    ("prefix", "lang", "title"),
    [
        ("", "vi", "Không tìm thấy trang"),
        ("en/", "en", "Page not found"),
        ("km/", "km", "រកមិនឃើញទំព័រ"),
    ],
)
def test_a_missing_url_shows_the_404_page_of_its_language(
    watched: Watched, prefix: str, lang: str, title: str
):
    response = watched.page.goto(watched.site.url(f"{prefix}du-lich/no-such-page.html"))
    assert response is not None and response.status == 404
    assert watched.page.evaluate("document.documentElement.lang") == lang
    assert watched.page.locator("h1").inner_text() == title
    # The 404 page is served at any depth: its styles must still load.
    watched.page.wait_for_load_state("networkidle")
    assert [f for f in watched.failures if "no-such-page" not in f] == []
