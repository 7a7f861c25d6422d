"""What the content check lets through, shown harmless in Chromium: a page with quotes and
ampersands in its title and description (a description even spelling a script with character
references), an inline SVG with a <style> of its own (where a character reference counts, so the
policy must hash the text as decoded), a link to another site, a data: image and
a local url() in a style attribute. On 127.0.0.1: no request leaves the site, no dialog opens,
no script fails or is refused, and nothing lies over Material's header or search box. (What is
refused at build time: test_safety.py and test_hostile_input.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext

from tests.browser.conftest import Watched, watched_page
from tests.conftest import make_tiny_site
from tests.static_host import ServedSite, serve_built

pytestmark = pytest.mark.browser

PAGE = "du-lich/ao-ba-om.html"
TITLE = 'Chùa "Cò" & ao Bà Om'
DESCRIPTION = "Chùa \"Cò\" & ao 'Bà Om' &lt;script&gt;alert(1)&lt;/script&gt; &amp; cò trắng"
DOT_PNG = (  # 2×2 pixels of the site's green
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgyIwBIQgFABQqAxWp44KLAAAAAElFTkSuQmCC"
)
OTHER_SITE = "https://example.org/du-lich/"
BODY = f"""
# Chùa "Cò" & ao Bà Om

<svg width="40" height="40" viewBox="0 0 10 10" role="img" aria-label="Chấm xanh"><style>
.tv-cham {{ fill: &#35;00695c }}</style><circle class="tv-cham" cx="5" cy="5" r="4"/></svg>

Xem thêm [một trang khác]({OTHER_SITE}).

<img src="data:image/png;base64,{DOT_PNG}" alt="Một chấm xanh" width="20" height="20">

<p class="tv-nen" style="background: url(../assets/images/favicon.png) no-repeat;
padding-left: 3em">Nền là một ảnh của trang web.</p>
"""


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    site = make_tiny_site(tmp_path_factory.mktemp("tricky") / "project")
    site.write(
        "docs/du-lich/ao-ba-om.md",
        f"---\ntitle: {yaml_quoted(TITLE)}\ndescription: {yaml_quoted(DESCRIPTION)}\n---\n{BODY}",
    )
    with serve_built(site.build) as served:
        yield served


@pytest.fixture
def shown(browser: BrowserContext, tricky_site: ServedSite) -> Iterator[Watched]:
    """The tricky page open in Chromium, loaded, every dialog it opens recorded (and closed)."""
    with watched_page(browser, tricky_site) as watched:
        dialogs: list[str] = []
        watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        watched.page.set_viewport_size({"width": 1280, "height": 900})  # search box in header
        watched.page.goto(tricky_site.url(PAGE), wait_until="load")
        watched.page.wait_for_load_state("networkidle")
        yield watched
        assert dialogs == []


def test_nothing_leaves_the_site_and_nothing_runs_or_is_refused(shown: Watched):
    assert shown.foreign_requests() == []
    assert shown.console_errors == []
    assert shown.failures == []
    assert shown.csp_violations() == []
    # What the page does load, it loads from the site: the style attribute's background.
    own = urlsplit(shown.site.base).netloc
    background = [url for url in shown.requests if url.endswith("/assets/images/favicon.png")]
    assert background and all(urlsplit(url).netloc == own for url in background)


def test_the_content_is_shown_as_written_and_stays_text(shown: Watched):
    page = shown.page
    assert page.title() == f"{TITLE} - Trà Vinh"
    meta = page.evaluate(
        """() => [...document.querySelectorAll(
                      'meta[name="description"], meta[property="og:description"]')]
                 .map((meta) => meta.content)"""
    )
    assert meta == [DESCRIPTION, DESCRIPTION]
    # The description's "&lt;script&gt;" is text everywhere: in the page's data block
    # (JSON-LD, never run) as written, in no script that runs.
    for kind, text in page.evaluate("[...document.scripts].map((s) => [s.type, s.text])"):
        if "alert" in text:
            assert kind == "application/ld+json"
            assert json.loads(text)["@graph"][0]["description"] == DESCRIPTION
    shown_content = page.evaluate(
        """(link) => ({
            fill: getComputedStyle(document.querySelector("circle.tv-cham")).fill,
            image: document.querySelector("img[src^='data:image/png']").naturalWidth,
            link: document.querySelector(`a[href="${link}"]`).textContent,
            background: getComputedStyle(document.querySelector("p.tv-nen")).backgroundImage,
        })""",
        OTHER_SITE,
    )
    assert shown_content["fill"] == "rgb(0, 105, 92)"  # the SVG's own style applies
    assert shown_content["image"] == 2
    assert shown_content["link"] == "một trang khác"
    assert shown_content["background"].endswith('/assets/images/favicon.png")')


# The centre of each of Material's controls must be Material's: nothing lies over it.
ON_TOP = """(selector) => {
    const control = document.querySelector(selector);
    const box = control.getBoundingClientRect();
    const found = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {visible: box.width > 0 && box.height > 0, own: control.contains(found),
            found: found && found.outerHTML.slice(0, 80)};
}"""


@pytest.mark.parametrize(
    "selector",
    ["a.md-header__button.md-logo", ".md-header__title", ".md-search__input", ".md-tabs__link"],
)
def test_nothing_lies_over_the_header_or_the_search_box(shown: Watched, selector: str):
    found = shown.page.evaluate(ON_TOP, selector)
    assert found["visible"] and found["own"], found
