"""Social cards (travinh_site.cards): layout, drawing, the cache and its lock, and the tags a
tiny real site's pages get."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops

from tests.conftest import TinySite, make_tiny_site
from travinh_site.cards import layout, render
from travinh_site.cards.cache import Store
from travinh_site.cards.render import TITLE_BOX, Card, Painter
from travinh_site.errors import SiteError
from travinh_site.text import fonts

LONG_TITLES = {
    "en": "Tra Vinh: Khmer culture and the Mekong coast, pagodas, coconut groves, festivals, "
    "the sea dykes of Ba Dong and a great many other things to see and do all year long",
    "vi": "Ốc đảo xanh giữa đồng bằng: Ao Bà Om, những cây dầu cổ thụ, lễ hội Ok Om Bok, đua "
    "ghe ngo, thả đèn nước, chùa Âng, bảo tàng và biết bao điều khác nữa để khám phá quanh năm",
    "km": "ប្រវត្តិសាស្ត្រ វប្បធម៌ និងប្រពៃណីរបស់ជនជាតិខ្មែរនៅខេត្តត្រាវិញ ដែលបានបន្តពីជំនាន់មួយ"
    "ទៅជំនាន់មួយអស់រាប់រយឆ្នាំមកហើយ ព្រមទាំងពិធីបុណ្យអកអំបុក និងការប្រណាំងទូកង",
}


@pytest.fixture(scope="module")
def painter() -> Painter:
    return Painter(fonts.font_set())


def card(title: str, language: str, section: str = "Du lịch") -> Card:
    names = {"vi": "Trà Vinh", "en": "Tra Vinh", "km": "ត្រាវិញ"}
    return Card(title, names[language], section, language, "#1b5e20")


def white_pixels_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The bounding box of the title's pixels: nothing else on a card is white."""
    red, green, blue = image.convert("RGB").split()
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    return darkest.point(lambda value: 255 if value >= 245 else 0).getbbox()


@pytest.mark.parametrize("language", ["en", "vi", "km"])
def test_a_long_title_is_cut_after_three_lines_with_an_ellipsis_inside_its_box(
    painter: Painter, language: str
):
    lines = render.title_lines(card(LONG_TITLES[language], language), painter)
    assert lines.truncated and len(lines.lines) == 3
    assert lines.lines[-1].endswith(layout.ELLIPSIS)
    for line in lines.lines:
        assert painter.width(line, lines.size) <= TITLE_BOX.width
    # What is drawn: the white title pixels stay inside the title's box.
    image = render.draw(card(LONG_TITLES[language], language), painter)
    left, top, right, bottom = white_pixels_box(image) or (0, 0, 0, 0)
    assert TITLE_BOX.left <= left and right <= TITLE_BOX.right, (left, right)
    assert TITLE_BOX.top <= top and bottom <= TITLE_BOX.bottom, (top, bottom)


def test_a_box_too_low_for_three_lines_gets_fewer_never_an_overflow(painter: Painter):
    low = layout.Box(80, 150, 1120, 250)  # room for one line of the smallest size
    lines = layout.fit(LONG_TITLES["vi"], "vi", low, (72, 50), painter.width, painter.ink)
    assert lines.truncated and len(lines.lines) == 1
    for line, baseline in zip(lines.lines, lines.baselines, strict=True):
        top, bottom = painter.ink(line, lines.size)
        assert low.top <= baseline + top and baseline + bottom <= low.bottom


def test_a_short_title_is_one_line_at_the_largest_size(painter: Painter):
    lines = render.title_lines(card("Ao Bà Om", "vi"), painter)
    assert (lines.size, lines.lines, lines.truncated) == (
        render.TITLE_SIZES[0],
        ("Ao Bà Om",),
        False,
    )


def test_khmer_lines_break_between_words_never_inside_a_cluster(painter: Painter):
    title = LONG_TITLES["km"]
    lines = render.title_lines(card(title, "km"), painter)
    joined = "".join(lines.lines).removesuffix(layout.ELLIPSIS).replace(" ", "")
    assert title.replace(" ", "").startswith(joined)
    clusters = layout.graphemes(title)
    boundaries, at = set(), 0
    for cluster in clusters:
        at += len(cluster)
        boundaries.add(at)
    position = 0
    for line in lines.lines[:-1]:
        position = title.index(line, position) + len(line)
        assert position in boundaries, f"a line ends inside a cluster: {line[-3:]!r}"


def test_a_name_is_not_left_alone_on_the_last_line(painter: Painter):
    lines = render.title_lines(card("មជ្ឈមណ្ឌលថាមពលអគ្គិសនី Duyên Hải", "km"), painter)
    assert lines.lines == ("មជ្ឈមណ្ឌលថាមពលអគ្គិសនី Duyên Hải",)


def test_runs_give_latin_letters_and_digits_of_a_khmer_title_their_own_font():
    assert layout.runs("ស្រះ Ao Bà Om 2025") == [
        (fonts.Script.KHMER, "ស្រះ"),
        (fonts.Script.LATIN, " Ao Bà Om 2025"),
    ]
    # A combining mark stays with its letter, whatever its script.
    assert layout.runs("Ba\u0300") == [(fonts.Script.LATIN, "Ba\u0300")]


def test_a_card_is_a_small_png_of_1200_by_630(painter: Painter, tmp_path: Path):
    data = render.png(card("Vì sao đầu tư vào vùng Trà Vinh", "vi"), painter)
    (tmp_path / "card.png").write_bytes(data)
    with Image.open(tmp_path / "card.png") as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(data) <= 150_000


def test_without_raqm_the_cards_stop_with_what_to_install(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(render.features, "check", lambda name: name != "raqm")
    with pytest.raises(SiteError) as raised:
        Painter(fonts.font_set())
    assert "libfribidi0" in str(raised.value) and "apt-get install" in str(raised.value)


def test_missing_fonts_name_the_debian_package(tmp_path: Path):
    with pytest.raises(SiteError) as raised:
        fonts.font_set(tmp_path)
    assert "fonts-noto-core" in str(raised.value) and "NotoSansKhmer-Bold.ttf" in str(raised.value)


def test_characters_no_font_has_are_found():
    font_set = fonts.font_set()
    assert render.missing_characters("Ao Bà Om 🌴", font_set) == ["🌴"]
    assert render.missing_characters("ស្រះ Ao Bà Om", font_set) == []


def test_colour_contrast():
    assert render.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert render.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


# ---- the cache ------------------------------------------------------------------------------


def test_the_key_changes_with_each_input_and_only_then(tmp_path: Path):
    store = Store(tmp_path, fonts.font_set())
    base = card("Ao Bà Om", "vi")
    assert store.key(base) == store.key(card("Ao Bà Om", "vi"))
    changed = [
        card("Ao Bà Om!", "vi"),
        Card(base.title, "Tra Vinh", base.section, "vi", base.colour),
        Card(base.title, base.site_name, "Điểm đến", "vi", base.colour),
        Card(base.title, base.site_name, base.section, "en", base.colour),
        Card(base.title, base.site_name, base.section, "vi", "#0d47a1"),
    ]
    assert len({store.key(base), *(store.key(other) for other in changed)}) == 6


def _ensure_at_once(folder: Path, titles: list[str], barrier: Any, results: Any) -> None:
    store = Store(folder, fonts.font_set())
    barrier.wait()  # every process at once, as the parallel build's processes start
    for title in titles:
        store.ensure(card(title, "vi"))
    results.put(store.rendered)


def test_processes_drawing_the_same_cards_at_once_draw_each_once(tmp_path: Path):
    titles = [f"Trang số {n}" for n in range(6)]
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(4), context.Queue()
    workers = [
        context.Process(target=_ensure_at_once, args=(tmp_path, titles, barrier, results))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    counts = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert sum(counts) == len(titles), counts  # each card drawn once, by one of them
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.is_file()) == [".png"] * len(titles)


# ---- in a built site ------------------------------------------------------------------------


def head_card(site: Path, page: str) -> dict[str, str]:
    html = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
    tags = html.select('head meta[property^="og:image"], head meta[name^="twitter:"]')
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in tags}


def card_counts(output: str) -> tuple[int, int]:
    """Cards rendered and cached in a build's output, summed over its languages."""
    found = re.findall(r"Cards \(\w+\): (\d+) rendered, (\d+) cached", output)
    assert found, output
    return sum(int(r) for r, _ in found), sum(int(c) for _, c in found)


@pytest.fixture
def tiny(tmp_path: Path) -> TinySite:
    return make_tiny_site(tmp_path / "project")


def test_every_page_names_its_card_and_a_rebuild_draws_only_what_changed(tiny: TinySite):
    first = tiny.build("https://example.org/travinh/")
    assert first.returncode == 0, first.output
    pages = ["index.html", "du-lich/ao-ba-om.html", "en/index.html", "km/index.html"]
    pages += ["en/du-lich/ao-ba-om.html", "km/du-lich/ao-ba-om.html"]
    for page in pages:
        tags = head_card(first.site, page)
        url = tags["og:image"]
        assert url.startswith("https://example.org/travinh/assets/cards/"), url
        assert re.search(r"\.[0-9a-f]{12}\.png$", url), url  # fingerprinted: cached for ever
        published = first.site / url.removeprefix("https://example.org/travinh/")
        with Image.open(published) as image:
            assert image.size == (1200, 630)
        assert published.stat().st_size <= 150_000
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["twitter:card"] == "summary_large_image"
    assert head_card(first.site, "km/index.html")["og:image:alt"] == "ទំព័រដើម – ត្រាវិញ"
    assert head_card(first.site, "en/index.html")["og:image:alt"] == "Home – Tra Vinh"
    # The Khmer translation of ao-ba-om is missing: its page shows the Vietnamese text, and its
    # card is the Vietnamese page's.
    fallback = head_card(first.site, "km/du-lich/ao-ba-om.html")
    assert fallback == head_card(first.site, "du-lich/ao-ba-om.html")
    assert fallback["og:image:alt"] == "Ao Bà Om – Trà Vinh"
    assert card_counts(first.output)[0] >= 5

    again = tiny.build("https://example.org/travinh/")
    assert again.returncode == 0, again.output
    assert card_counts(again.output)[0] == 0
    assert head_card(again.site, "index.html") == head_card(first.site, "index.html")

    tiny.write(
        "docs_en/index.md", "---\ntitle: Welcome\ndescription: Home page.\n---\n\n# Welcome\n"
    )
    changed = tiny.build("https://example.org/travinh/")
    assert changed.returncode == 0, changed.output
    assert card_counts(changed.output)[0] == 1
    assert head_card(changed.site, "en/index.html")["og:image:alt"] == "Welcome – Tra Vinh"
    assert head_card(changed.site, "index.html") == head_card(first.site, "index.html")


def test_a_title_the_fonts_cannot_draw_stops_the_build_at_its_line(tiny: TinySite):
    tiny.write("docs/index.md", "---\ntitle: Trang chủ 🌴\ndescription: Mô tả.\n---\n\n# Trang\n")
    result = tiny.build()
    assert result.returncode != 0
    assert "docs/index.md:2: tiêu đề có ký tự" in result.output
    assert "'🌴' (U+1F334)" in result.output
    assert "Traceback" not in result.output


def test_a_colour_too_light_for_the_text_is_refused(tiny: TinySite):
    config = tiny.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace(
            "  - travinh-cards\n", '  - travinh-cards:\n      colours: {du-lich: "#ffee58"}\n'
        ),
        encoding="utf-8",
    )
    result = tiny.build()
    assert result.returncode != 0
    assert "mkdocs.yml: travinh-cards: màu '#ffee58' của 'du-lich' quá sáng" in result.output
    assert "Traceback" not in result.output
