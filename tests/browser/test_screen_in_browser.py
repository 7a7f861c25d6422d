"""The information screen (man-hinh.html in every language) in Chromium, on a full-HD display,
with Playwright's clock driving the page's time: it turns its slides every few seconds with a
progress bar, fetches nothing once loaded (and goes on offline), has nothing to click, shows
large type, and stays on its slide for a visitor who asked for reduced motion."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from tests.browser.conftest import Watched, launch, watch
from tests.static_host import ServedSite

pytestmark = pytest.mark.browser

PREFIXES = ["", "en/", "km/"]
FULL_HD = {"width": 1920, "height": 1080}
START = 1_767_225_600_000  # 1 January 2026, in milliseconds

STATE = """() => ({
  current: document.querySelector('.tv-progress__current').textContent,
  current_heading: document.querySelector('.tv-slide.is-current h2').textContent,
  shown: [...document.querySelectorAll('.tv-slide')]
           .filter((slide) => getComputedStyle(slide).visibility === 'visible')
           .map((slide) => slide.querySelector('h2').textContent),
  slides: document.querySelectorAll('.tv-slide').length,
  seconds: Number(document.body.dataset.seconds),
  progress: new DOMMatrix(getComputedStyle(document.querySelector('.tv-progress__bar'))
                            .transform).a,
})"""


@pytest.fixture(scope="module")
def browser(
    playwright: Playwright, chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """A browser of this module's own: Playwright's clock is installed in a whole context, and
    would stay in the pages of the other tests (their performance entries, their timers)."""
    context = launch(playwright, chromium_path, tmp_path_factory)
    yield context
    context.close()


@pytest.fixture
def screen(browser: BrowserContext, served_site: ServedSite) -> Iterator[Watched]:
    page = browser.new_page()
    page.set_viewport_size(FULL_HD)
    stop_the_clock(page)
    try:
        yield watch(page, served_site)
    finally:
        browser.set_offline(False)
        page.close()


def load(screen: Watched, prefix: str) -> dict:
    response = screen.page.goto(screen.site.url(prefix + "man-hinh.html"), wait_until="load")
    assert response is not None and response.status == 200
    screen.page.wait_for_load_state("networkidle")
    screen.page.evaluate("document.fonts.ready.then(() => true)")
    return screen.page.evaluate(STATE)


def stop_the_clock(page: Page) -> None:
    """The page's timers and animation frames run only when the test moves its time."""
    page.clock.install(time=START)
    page.clock.pause_at(START + 1000)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_screen_turns_its_slides_and_fetches_nothing_more(
    screen: Watched, browser: BrowserContext, prefix: str
):
    start = load(screen, prefix)
    loaded = list(screen.requests)
    assert start["slides"] >= 10 and start["current"] == "1"
    assert len(start["shown"]) == 1
    seconds = start["seconds"]
    assert 5 <= seconds <= 20  # "every few seconds"

    browser.set_offline(True)  # a display board's network may go: it keeps running
    screen.page.clock.run_for(seconds * 500)
    half = screen.page.evaluate(STATE)
    assert half["current"] == "1" and 0.45 <= half["progress"] <= 0.55, half  # the bar fills

    screen.page.clock.run_for(seconds * 500 + 100)
    screen.page.wait_for_timeout(1200)  # the cross-fade runs in real time, not the page's
    second = screen.page.evaluate(STATE)
    assert second["current"] == "2" and second["progress"] < 0.05, second
    assert second["shown"] == [second["current_heading"]] != start["shown"], second

    headings = {start["current_heading"], second["current_heading"]}
    for _ in range(start["slides"] - 1):  # once round: every slide, then the first again
        screen.page.clock.run_for(seconds * 1000)
        headings.add(screen.page.evaluate(STATE)["current_heading"])
    assert screen.page.evaluate(STATE)["current"] == "1"
    assert len(headings) >= start["slides"] - 1  # (two slides may share a heading)

    assert screen.requests == loaded, set(screen.requests) - set(loaded)
    assert screen.failures == [] and screen.console_errors == []
    assert screen.csp_violations() == []


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_screen_is_full_screen_large_and_has_nothing_to_click(screen: Watched, prefix: str):
    load(screen, prefix)
    facts = screen.page.evaluate(
        """() => {
            const size = (selector) => parseFloat(getComputedStyle(
                document.querySelector(`.tv-slide.is-current ${selector}`)).fontSize);
            return {
              interactive: document.querySelectorAll(
                  'a[href], button, input, select, textarea, [tabindex]').length,
              scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
              heading: size('h2'),
              text: size('.tv-slide__text'),
              cursor: getComputedStyle(document.body).cursor,
            };
        }"""
    )
    assert facts["interactive"] == 0
    assert facts["scroll"] == [FULL_HD["width"], FULL_HD["height"]]  # fills it, no scrolling
    assert facts["heading"] >= 0.10 * FULL_HD["height"]
    assert facts["text"] >= 0.06 * FULL_HD["height"]  # about 65 px on a 1080-line screen
    assert facts["cursor"] == "none"


def test_with_reduced_motion_the_screen_stays_on_its_slide(
    browser: BrowserContext, served_site: ServedSite
):
    page: Page = browser.new_page()
    try:
        page.set_viewport_size(FULL_HD)
        page.emulate_media(reduced_motion="reduce")
        stop_the_clock(page)
        watched = watch(page, served_site)
        start = load(watched, "km/")
        page.clock.run_for(start["seconds"] * 3000)
        after = page.evaluate(STATE)
        assert after["current"] == "1" and after["shown"] == start["shown"], after
        assert page.evaluate("document.body.classList.contains('is-still')")
        # Turned off again: it goes on.
        page.emulate_media(reduced_motion="no-preference")
        page.clock.run_for(start["seconds"] * 1000 + 100)
        assert page.evaluate(STATE)["current"] == "2"
    finally:
        page.close()
