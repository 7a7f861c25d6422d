"""The investment, produce and events pages in Chromium, in every language: they load from
this host only without errors, their tables are readable on a phone, and their downloads work."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.browser.conftest import Watched
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

SECTIONS = ("dau-tu/", "san-vat/", "su-kien/")
PAGES = sorted(
    path.relative_to(PROJECT / "docs").with_suffix(".html").as_posix()
    for path in (PROJECT / "docs").rglob("*.md")
    if path.relative_to(PROJECT / "docs").as_posix().startswith(SECTIONS)
)


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_data_pages_load_cleanly_in_every_language(watched: Watched, prefix: str):
    assert len(PAGES) >= 14
    for path in PAGES:
        response = watched.page.goto(watched.site.url(prefix + path), wait_until="load")
        assert response is not None and response.status == 200, prefix + path
        # The switcher offers this very page in each language.
        hrefs = watched.page.eval_on_selector_all(
            ".md-select__link", "links => links.map(link => link.href)"
        )
        assert {watched.site.url(p + path) for p in ("", "en/", "km/")} == set(hrefs)
    watched.page.wait_for_load_state("networkidle")
    assert watched.foreign_requests() == []
    assert watched.console_errors == []
    assert watched.failures == []


def test_tables_scroll_inside_the_page_on_a_phone(watched: Watched):
    watched.page.set_viewport_size({"width": 360, "height": 740})
    watched.page.goto(watched.site.url("km/dau-tu/index.html"), wait_until="load")
    widths = watched.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]  # the page itself never scrolls sideways
    assert watched.page.locator(".tv-data table").first.is_visible()


@pytest.mark.parametrize(
    ("page", "download", "starts"),
    [
        ("en/su-kien/index.html", "du-lieu/su-kien.ics", b"BEGIN:VCALENDAR"),
        ("km/dau-tu/index.html", "du-lieu/khu-dau-tu.csv", b"\xef\xbb\xbfid,name"),
        ("dau-tu/index.html", "du-lieu/khu-dau-tu.json", b"{"),
    ],
)
def test_download_links_work(watched: Watched, page: str, download: str, starts: bytes):
    watched.page.goto(watched.site.url(page), wait_until="load")
    link = watched.page.locator(f'a[download][href$="{download.split("/")[-1]}"]').first
    href = link.evaluate("link => link.href")
    response = watched.page.request.get(href)
    assert response.status == 200 and response.body().startswith(starts), href


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_each_event_row_downloads_its_own_calendar_file(watched: Watched, prefix: str):
    """A visitor presses "Add to calendar (.ics)" in a row of the events page: the browser
    downloads one event, the one of that row, from this host."""
    watched.page.goto(watched.site.url(prefix + "su-kien/index.html"), wait_until="load")
    links = watched.page.locator("a.tv-events__ics")
    assert links.count() >= 3  # the upcoming ones, the festivals' years, the anniversaries
    link = links.first
    row_date = link.locator("xpath=ancestor::td[1]//time").first.get_attribute("datetime")
    with watched.page.expect_download() as started:
        link.click()
    download = started.value
    assert download.failure() is None
    assert download.url.startswith(watched.site.url(prefix + "du-lieu/su-kien/"))
    assert download.suggested_filename == download.url.rsplit("/", 1)[1]
    (event,) = Calendar.from_ical(Path(download.path()).read_text("utf-8")).walk("VEVENT")
    assert str(event.decoded("dtstart")) == row_date.split("/")[0]
    assert str(event["summary"].params["LANGUAGE"]) == (prefix.rstrip("/") or "vi")
    response = watched.page.request.get(download.url)
    assert response.headers["content-type"].startswith("text/calendar")
    assert watched.foreign_requests() == [] and watched.console_errors == []
