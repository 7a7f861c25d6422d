"""A tiny three-language site with images: the <picture> markup, credits, and the errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.conftest import DEFAULT_PAGES, BuildResult, TinySite, make_tiny_site
from tests.imagegen import SERIAL, encoded, exif_with_gps, quadrants

PAGE = "du-lich/ao-ba-om.html"
SIZES = (
    "(min-width: 125em) 826px, (min-width: 100em) 757px, (min-width: 76.25em) 688px, "
    "(min-width: 60em) calc(100vw - 274px), calc(100vw - 32px)"
)
PHOTO_MD = "![{alt}](../../assets/images/ao-ba-om.jpg)"
PAGES = {
    **DEFAULT_PAGES,
    "docs/du-lich/ao-ba-om.md": "---\ntitle: Ao Bà Om\ndescription: Ao Bà Om.\n---\n\n"
    "# Ao Bà Om\n\n" + PHOTO_MD.format(alt="Ao Bà Om lúc bình minh") + "\n\n"
    "Hoa văn ![](../../assets/images/hoa-van.svg){ .decorative } Khmer.\n\n"
    "![Bản đồ Trà Vinh](../../assets/images/ban-do.png)\n",
    "docs_en/du-lich/ao-ba-om.md": "---\ntitle: Ba Om Pond\ndescription: Ba Om.\n---\n\n"
    "# Ba Om Pond\n\n" + PHOTO_MD.format(alt="Ba Om Pond at dawn") + "\n",
    "docs_km/index.md": "---\ntitle: ទំព័រដើម\ndescription: ទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
    "![ស្រះ Ao Bà Om](../assets/images/ao-ba-om.jpg)\n",
}


def add_images(site: TinySite) -> None:
    folder = site.root / "assets/images"
    folder.mkdir(parents=True)
    photo = quadrants((1000, 700), [(200, 60, 40), (40, 160, 60), (30, 60, 200), (240, 240, 230)])
    (folder / "ao-ba-om.jpg").write_bytes(encoded(photo, "JPEG", exif=exif_with_gps(1)))
    (folder / "ao-ba-om.jpg.yml").write_text(
        "kind: photo\ncredit: Nguyễn Văn A\nlicence: CC BY 4.0\nsource: https://example.org/p\n",
        encoding="utf-8",
    )
    (folder / "hoa-van.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 20"><path d="M0 0h60v20z"/></svg>',
        encoding="utf-8",
    )
    (folder / "hoa-van.svg.yml").write_text("kind: illustration\ncredit: Team\n", "utf-8")
    (folder / "ban-do.png").write_bytes(
        encoded(Image.new("RGBA", (500, 900), (0, 90, 160, 255)), "PNG")
    )
    (folder / "ban-do.png.yml").write_text("kind: illustration\n", encoding="utf-8")
    (folder / "README.md").write_text("Notes for editors, never published.\n", "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_tiny_site(tmp_path_factory.mktemp("images") / "project", PAGES)
    add_images(site)
    return site


@pytest.fixture(scope="module")
def built(site: TinySite) -> BuildResult:
    result = site.build()
    assert result.returncode == 0, result.output
    return result


def soup(built: BuildResult, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.text(path), "html.parser")


def srcset(element) -> list[tuple[str, str]]:
    return [tuple(item.strip().split(" ")) for item in element["srcset"].split(",")]


@pytest.mark.parametrize(
    ("path", "prefix", "alt"),
    [
        (PAGE, "../", "Ao Bà Om lúc bình minh"),
        (f"en/{PAGE}", "../../", "Ba Om Pond at dawn"),
        (f"km/{PAGE}", "../../", "Ao Bà Om lúc bình minh"),  # not translated: Vietnamese text
        ("km/index.html", "../", "ស្រះ Ao Bà Om"),
    ],
)
def test_a_photo_becomes_a_picture_in_every_language(built, path: str, prefix: str, alt: str):
    figure = soup(built, path).select_one("article figure.tv-photo")
    picture = figure.picture
    avif, webp = picture.find_all("source")
    img = picture.img
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    for element, extension in ((avif, "avif"), (webp, "webp"), (img, "jpg")):
        candidates = srcset(element)
        assert [width for _url, width in candidates] == ["480w", "800w", "1000w"]
        for url, width in candidates:
            assert re.fullmatch(
                rf"{re.escape(prefix)}assets/images/ao-ba-om-{width[:-1]}\.[0-9a-f]{{8}}\.{extension}",
                url,
            ), url
            assert (built.site / url.removeprefix(prefix)).is_file(), url
        assert element["sizes"] == SIZES
    assert img["src"] == srcset(img)[1][0]  # the 800 px JPEG for browsers without srcset
    assert (img["width"], img["height"], img["alt"]) == ("1000", "700", alt)
    # The page's first image is its likely largest paint: loaded at once, first.
    assert img["fetchpriority"] == "high" and "loading" not in img.attrs
    assert img["decoding"] == "async"


@pytest.mark.parametrize(
    ("path", "caption"),
    [
        (PAGE, "Ảnh: Nguyễn Văn A · Giấy phép: CC BY 4.0 · Nguồn: example.org"),
        (f"en/{PAGE}", "Photo: Nguyễn Văn A · Licence: CC BY 4.0 · Source: example.org"),
        ("km/index.html", "រូបថត៖ Nguyễn Văn A · អាជ្ញាប័ណ្ណ៖ CC BY 4.0 · ប្រភព៖ example.org"),
    ],
)
def test_a_photo_shows_its_credit_in_the_language_of_the_text(built, path: str, caption: str):
    figcaption = soup(built, path).select_one("figure.tv-photo figcaption")
    assert figcaption.get_text() == caption
    assert figcaption.a["href"] == "https://example.org/p"


def test_other_images_are_lazy_and_decorative_ones_have_empty_alt(built):
    article = soup(built, PAGE).article
    ornament = article.select_one("p img.decorative")
    assert re.fullmatch(r"\.\./assets/images/hoa-van\.[0-9a-f]{8}\.svg", ornament["src"])
    assert (ornament["alt"], ornament["width"], ornament["height"]) == ("", "60", "20")
    assert ornament["loading"] == "lazy" and ornament["decoding"] == "async"
    assert ornament.find_parent("picture") is None  # an SVG is one file at every size
    chart = article.find("img", alt="Bản đồ Trà Vinh")
    assert chart.find_parent("figure") is None  # an illustration has no credit line
    assert chart["loading"] == "lazy" and "fetchpriority" not in chart.attrs
    assert [w for _u, w in srcset(chart)] == ["480w", "500w"]
    assert chart["src"].endswith(".jpg")  # opaque: JPEG fallback, though the source is PNG
    assert chart["style"] == "--tv-ratio: 0.5556"  # the style sheet keeps tall images on screen


def test_only_the_variants_are_published_never_originals_nor_metadata(built):
    published = sorted(p.name for p in (built.site / "assets/images").iterdir())
    assert "favicon.png" in published  # the theme's own, not ours
    ours = [name for name in published if name != "favicon.png"]
    assert len(ours) == 9 + 1 + 6  # photo: 3 widths x 3 formats; SVG; chart: 2 x 3
    assert not {"ao-ba-om.jpg", "ao-ba-om.jpg.yml", "hoa-van.svg", "README.md"} & set(published)
    assert not list(built.site.glob("*/assets/images"))  # once, not per language
    for name in ours:
        data = (built.site / "assets/images" / name).read_bytes()
        assert b"Exif" not in data and SERIAL.encode() not in data, name


def test_the_images_are_encoded_once_per_build(built):
    assert built.output.count("Images: 3 encoded, 0 cached") == 1


BROKEN = """---
title: Giới thiệu
description: Giới thiệu.
---

# Giới thiệu

![](../assets/images/ao-ba-om.jpg)

Văn bản ![Ao Bà Om](../assets/images/ao-ba-om.jpg) giữa dòng.

![Hoa văn](../assets/images/hoa-van.svg){ .decorative }

<img src="../assets/images/ban-do.png" alt="Bản đồ">

![Ảnh lạc](anh-lac.jpg)
"""


def test_image_mistakes_fail_the_build_with_page_and_line(site, built, tmp_path: Path):
    page = site.write("docs/gioi-thieu.md", BROKEN)
    (site.root / "docs/anh-lac.jpg").write_bytes(encoded(Image.new("RGB", (10, 10)), "JPEG"))
    site.set_nav(
        [
            {"Trang chủ": "index.md"},
            {"Giới thiệu": "gioi-thieu.md"},
            {"Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}]},
        ]
    )
    try:
        result = site.build(site_dir=str(tmp_path / "site"))
    finally:
        page.unlink()
        (site.root / "docs/anh-lac.jpg").unlink()
    assert result.returncode != 0
    expected = [
        "docs/gioi-thieu.md:8: the image '../assets/images/ao-ba-om.jpg' has no alt text (what "
        "a blind reader hears, and what shows when the image cannot load). Fix: describe what it "
        "shows between the brackets: ![…](../assets/images/ao-ba-om.jpg); if it is only "
        "decoration, write { .decorative } right after it.",
        "docs/gioi-thieu.md:10: the photo '../assets/images/ao-ba-om.jpg' stands inside a line of "
        "text, so its credit cannot be shown under it. Fix: put the photo on a line of its own, "
        "with an empty line before and after.",
        "docs/gioi-thieu.md:12: the image '../assets/images/hoa-van.svg' is marked decorative "
        "but has the alt text 'Hoa văn'. Fix: remove { .decorative } if the image says "
        "something, or empty the brackets if it does not.",
        "docs/gioi-thieu.md:14: the image '../assets/images/ban-do.png' is written as HTML "
        "(<img>), so it would not get its optimised versions. Fix: write it in Markdown: "
        "![what it shows](../assets/images/ban-do.png)",
        "docs/anh-lac.jpg: is an image outside assets/images/: it would be published as it is "
        "(full size, with its metadata, such as the GPS position of a phone photo). Fix: move it "
        "to assets/images/ with its .yml metadata, and update the links to it.",
    ]
    assert result.output.count("WARNING") == len(expected)
    for line in expected:  # the English line, under the Vietnamese one of the same warning
        assert f"\n  {line}\n" in result.output, line
    assert "Images: 0 encoded, 3 cached" in result.output  # the cache of the first build
