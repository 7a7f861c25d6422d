"""The news in Chromium, on the project's own site: each home page shows its language's latest
posts and leads to them, the language switcher on a post leads to the same post, and a Khmer
page's head links the Khmer feed, which a feed reader reads as Khmer entries only."""

from __future__ import annotations

import re

import feedparser
import pytest

from tests.browser.conftest import Watched
from tests.conftest import PROJECT, read_languages
from travinh_site.content import frontmatter

pytestmark = pytest.mark.browser

LANGUAGES = read_languages()
POST = "tin-tuc/2025/tra-vinh-thuoc-tinh-vinh-long.html"
KHMER = re.compile(r"[\u1780-\u17FF]")


def posts_of(content_dir: str) -> list[str]:
    """The titles of a content folder's posts, newest first, read from their files."""
    found = []
    for path in (PROJECT / content_dir / "tin-tuc").rglob("*.md"):
        meta = frontmatter.read(path, str(path))
        found.append((meta["date"], path.name, meta["title"]))
    return [title for _date, _name, title in sorted(found, key=lambda t: (-t[0].toordinal(), t[1]))]


def open_page(watched: Watched, path: str) -> None:
    response = watched.page.goto(watched.site.url(path), wait_until="load")
    assert response is not None and response.status == 200, path
    watched.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", list(LANGUAGES), ids=lambda language: language.code)
def test_the_home_page_shows_its_latest_posts_and_leads_to_them(watched: Watched, language):
    open_page(watched, f"{language.prefix}index.html")
    links = watched.page.locator(".tv-news-latest li > a")
    expected = posts_of(language.content_dir)[:3]
    assert expected, "the project has no posts in this language"
    assert links.all_inner_texts() == expected
    assert links.first.is_visible()
    links.first.click()
    watched.page.wait_for_load_state("load")
    assert watched.page.locator("h1").inner_text().startswith(expected[0])
    assert watched.page.evaluate("document.documentElement.lang") == language.code
    assert watched.foreign_requests() == [] and watched.console_errors == []


def test_the_switcher_on_a_post_leads_to_the_same_post(watched: Watched):
    open_page(watched, POST)
    page = watched.page
    for code in ("km", "en", "vi"):
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'.md-select__link[hreflang="{code}"]').click()
        language = LANGUAGES.get(code)
        page.wait_for_url(watched.site.url(f"{language.prefix}{POST}"))
        assert page.evaluate("document.documentElement.lang") == code
        source = PROJECT / language.content_dir / POST.replace(".html", ".md")
        title = frontmatter.read(source, str(source))["title"]
        assert page.locator("h1").inner_text().startswith(title)
        assert page.locator(".tv-untranslated").count() == 0  # a real translation each time
    assert watched.failures == [] and watched.csp_violations() == []


def test_a_khmer_page_links_the_khmer_feed(watched: Watched):
    open_page(watched, "km/du-lich/ao-ba-om.html")
    href = watched.page.evaluate(
        """() => document.querySelector('head link[rel="alternate"]'
                                         + '[type="application/atom+xml"]').href"""
    )
    assert href == watched.site.url("km/tin-tuc/atom.xml")
    response = watched.page.request.get(href)
    assert response.status == 200
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "km"
    assert [entry.title for entry in parsed.entries] == posts_of("docs_km")
    for entry in parsed.entries:
        assert KHMER.search(entry.title) and KHMER.search(entry.summary)
        assert entry.link.startswith(watched.site.url("km/tin-tuc/"))
