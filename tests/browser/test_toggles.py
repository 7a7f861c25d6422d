"""Material's drawer and search are checkboxes; overrides/base.html gives them a form owner with
autocomplete="off" (valid HTML, where Material puts the attribute on the checkboxes). It must
still keep the browser from restoring them: going Back to a page shows it with the drawer and
the search closed, as Material's markup does, not as the visitor left them."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}  # the drawer is a menu button's on a phone
TOGGLES = "['__drawer', '__search'].map((id) => document.getElementById(id).checked)"


def test_back_shows_the_page_with_the_drawer_and_the_search_closed(watched: Watched):
    page = watched.page
    page.set_viewport_size(PHONE)
    page.goto(watched.site.url("du-lich/chua-ang.html"), wait_until="load")
    page.click("label.md-header__button[for=__drawer]")  # open the drawer as a visitor does
    page.evaluate("document.getElementById('__search').checked = true")
    assert page.evaluate(TOGGLES) == [True, True]
    page.goto(watched.site.url("du-lich/chua-co.html"), wait_until="load")
    page.go_back(wait_until="load")
    # A new document, whose form state the browser may restore (a page kept whole in the
    # back-forward cache would keep its first entry, "navigate", and its open drawer, whatever
    # the markup).
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "back_forward"
    page.wait_for_load_state("networkidle")
    assert page.evaluate(TOGGLES) == [False, False]
    assert watched.console_errors == []
