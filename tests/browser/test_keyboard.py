"""Keyboard use in Chromium: the skip link comes first, shows itself and moves on to the
content; every control reached with Tab shows a focus ring that stands out from what is
behind it (3:1, WCAG 2.2's focus appearance)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched
from tests.conftest import read_languages

pytestmark = pytest.mark.browser

LANGUAGES = list(read_languages())
DEEP_PAGE = "du-lich/ao-ba-om.html"
TABS = 30  # controls visited per page: the header, tabs, navigation and the start of the text

# The focused element, whether it is on screen, its focus ring and the colour behind it.
FOCUSED = r"""() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  // The colour behind it: its and its ancestors' backgrounds, composited up to an opaque one.
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const [r, g, b, a = 1] = getComputedStyle(e).backgroundColor.match(/[\d.]+/g).map(Number);
    if (a > 0) layers.unshift([r, g, b, a]);
    if (a === 1) break;
  }
  const behind = layers.reduce(([R, G, B], [r, g, b, a]) =>
    [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)], [255, 255, 255]);
  return {
    tag: element.tagName.toLowerCase(),
    text: (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 40),
    classes: element.className && element.className.baseVal === undefined
             ? element.className : "",
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
              && box.top < innerHeight && box.left < innerWidth
              && Number(style.opacity) > 0.9,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    background: `rgb(${behind.map(Math.round).join(", ")})`,
  };
}"""


def luminance(colour: str) -> float:
    """Relative luminance of a CSS rgb()/rgba() colour (a translucent one over white)."""
    values = [float(x) for x in colour[colour.index("(") + 1 : -1].split(",")]
    alpha = values[3] if len(values) == 4 else 1.0
    channels = [alpha * c + (1 - alpha) * 255 for c in values[:3]]

    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)") == pytest.approx(21)
    assert contrast("rgb(255, 255, 255)", "rgb(0, 105, 92)") == pytest.approx(6.6, abs=0.05)
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)


def open_fresh(watched: Watched, url: str) -> None:
    watched.page.goto(url, wait_until="load")
    watched.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(
    "path",
    [f"{language.prefix}{page}" for language in LANGUAGES for page in ("index.html", DEEP_PAGE)]
    + ["en/du-lich/no-such-page.html"],  # a 404 page, served at a deeper address
)
def test_the_skip_link_comes_first_shows_itself_and_moves_focus_to_the_content(
    watched: Watched, path: str
):
    page = watched.page
    open_fresh(watched, watched.site.url(path))
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # Material fades it in
    first = page.evaluate(FOCUSED)
    assert "md-skip" in first["classes"] and first["onScreen"], first
    target = page.evaluate("document.activeElement.hash")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    page.keyboard.press("Tab")
    # The next stop comes after the target (the heading), inside the page's content.
    after = page.evaluate(
        """(hash) => {
            const target = document.getElementById(decodeURIComponent(hash.slice(1)));
            const focused = document.activeElement;
            const after = Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY;
            return Boolean(focused.closest("main")) &&
                   Boolean(target.compareDocumentPosition(focused) & after);
        }""",
        target,
    )
    assert after, page.evaluate(FOCUSED)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_control_reached_by_tab_shows_a_focus_ring_that_stands_out(
    watched: Watched, language
):
    page = watched.page
    open_fresh(watched, watched.site.url(f"{language.prefix}{DEEP_PAGE}"))
    faint = []
    for _ in range(TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        ring = focused["outlineStyle"] not in ("none", "") and focused["outlineWidth"] >= 2
        ratio = contrast(focused["outlineColor"], focused["background"]) if ring else 0
        if not ring or ratio < 3:
            faint.append({**focused, "contrast": round(ratio, 2)})
    assert faint == [], "\n".join(map(str, faint))
