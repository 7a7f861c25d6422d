"""Content pages on a phone in Chromium: pictures of any shape (editors will replace the
illustrations with photographs) keep the layout usable."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def picture(width: int, height: int) -> str:
    """A plain picture of the given shape, as a data URL (no request leaves the page)."""
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'>"
        f"<rect width='{width}' height='{height}' fill='%23888'/></svg>"
    )
    return "data:image/svg+xml," + svg


def show(watched: Watched, path: str, pictures: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Open ``path`` on a phone, put pictures of the given shapes in its first images (with
    the size and ratio the image pipeline writes for them), return their boxes."""
    page = watched.page
    page.set_viewport_size(PHONE)
    response = page.goto(watched.site.url(path), wait_until="networkidle")
    assert response is not None and response.status == 200, path
    return page.evaluate(
        """async (pictures) => {
            const images = [...document.querySelectorAll("article img")];
            await Promise.all(pictures.map(([source, width, height], i) => {
                const image = images[i];
                image.closest("picture")?.querySelectorAll("source").forEach((s) => s.remove());
                image.width = width;
                image.height = height;
                image.style.setProperty("--tv-ratio", (width / height).toFixed(4));
                image.src = source;
                return image.decode();
            }));
            return images.slice(0, pictures.length).map((image) => {
                const box = image.getBoundingClientRect();
                const column = image.closest("article").getBoundingClientRect();
                return {width: box.width, height: box.height, column: column.width};
            });
        }""",
        [(picture(width, height), width, height) for width, height in pictures],
    )


def test_a_portrait_photo_keeps_its_shape_and_leaves_room_for_the_text(watched: Watched):
    (box,) = show(watched, "du-lich/ao-ba-om.html", [(600, 1800)])
    assert box["height"] <= 0.7 * PHONE["height"] + 1  # the text starts on the first screen
    assert box["width"] / box["height"] == pytest.approx(1 / 3, rel=0.02)  # not distorted
    assert watched.console_errors == []


def test_a_panorama_fits_the_column(watched: Watched):
    (box,) = show(watched, "en/du-lich/chua-co.html", [(3000, 500)])
    assert box["width"] <= box["column"] + 0.5
    assert box["width"] / box["height"] == pytest.approx(6, rel=0.02)


def test_cards_frame_pictures_of_any_shape_alike(watched: Watched):
    shapes = [(600, 1800), (800, 800), (3000, 500)]
    boxes = show(watched, "km/du-lich/index.html", shapes)
    sizes = {(round(box["width"]), round(box["height"])) for box in boxes}
    assert len(sizes) == 1, boxes  # the cards line up whatever each picture's shape
    ((width, height),) = sizes
    assert width == pytest.approx(2 * height, abs=2)
