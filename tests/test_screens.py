"""The information screen (travinh_site.screens): its slides from the project's own data, and
its page in a tiny real site (tests/browser/test_screen_in_browser.py drives it in Chromium)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PROJECT, TinySite, make_tiny_site, read_languages
from travinh_site.data import records
from travinh_site.screens import slides
from travinh_site.site import strings

LANGUAGES = read_languages()


def context(code: str, today: datetime.date) -> slides.Context:
    texts = strings.load(PROJECT / "overrides/strings.yml", LANGUAGES, "overrides/strings.yml")
    pages = {"du-lich/ao-ba-om.md": slides.PageText("Ao Bà Om", "Ao rộng khoảng 500 × 300 m.")}
    return slides.Context(
        code=code,
        texts=texts[code],
        site_name="Trà Vinh",
        description="Vùng Trà Vinh (thuộc tỉnh Vĩnh Long từ ngày 1/7/2025).",
        today=today,
        page_text=pages.get,
    )


@pytest.fixture(scope="module")
def data() -> records.Data:
    return records.load(PROJECT, LANGUAGES)


def test_the_slides_show_places_produce_investment_and_festivals_with_sources(
    data: records.Data,
):
    shown = slides.slides(data, context("vi", datetime.date(2026, 12, 1)))
    kinds = [slide.kind for slide in shown]
    assert kinds[0] == "welcome" and "1/7/2025" in shown[0].text
    places = [record for record in data["dia-danh"] if record.get("type") == "TouristAttraction"]
    # A place is named by its record or its page (only ao-ba-om's page is given here).
    assert 1 <= kinds.count("place") <= len(places)
    ao_ba_om = next(slide for slide in shown if slide.heading == "Ao Bà Om")
    assert ao_ba_om.text == "Ao rộng khoảng 500 × 300 m."
    assert ao_ba_om.figures[0].value == "Phường Nguyệt Hóa, tỉnh Vĩnh Long"
    assert kinds.count("produce") == len(data["san-vat"])
    zone = next(slide for slide in shown if slide.heading == "Khu kinh tế Định An")
    assert [(f.label, f.value) for f in zone.figures] == [
        ("Diện tích", "39.020 ha"),
        ("Giai đoạn 1", "15.403,7 ha"),
    ]
    assert zone.source == "Nguồn: nso.com.vn; vietnamplus.vn (115193)"
    parks = next(slide for slide in shown if slide.heading == "Các khu công nghiệp")
    assert ("100 ha", "Khu công nghiệp Long Đức") in parks.items
    # On 1 December 2026 the anniversaries of 2025 and Ok Om Bok 2026 are past; what comes is
    # the festivals' expected dates, marked, the soonest first: Chôl Chnăm Thmây in April 2027.
    [coming] = [slide for slide in shown if slide.kind == "events"]
    assert coming.items[0] == (
        "Giữa tháng 4 năm 2027, 3 ngày (có năm 4 ngày)",
        "Tết Chôl Chnăm Thmây (Tết cổ truyền của người Khmer)",
    )
    ok_om_bok = [when for when, name in coming.items if name == "Lễ hội Ok Om Bok"]
    assert ok_om_bok and all("2025" not in when and "2026" not in when for when in ok_om_bok)
    assert all("(dự kiến, theo âm lịch" in when for when in ok_om_bok)
    festivals = shown[-1]
    assert festivals.kind == "festivals" and len(festivals.items) == 3
    assert ("Rằm tháng Kattik theo lịch Khmer (tháng 10 âm lịch)", "Lễ hội Ok Om Bok") in (
        festivals.items
    )
    assert all(slide.source for slide in shown if slide.kind != "welcome")


def test_the_events_to_come_are_those_after_the_build_date_soonest_first(data: records.Data):
    shown = slides.slides(data, context("en", datetime.date(2025, 5, 1)))
    [coming] = [slide for slide in shown if slide.kind == "events"]
    assert coming.items[0] == (
        "May 19, 2025",
        "135 years since the birth of President Ho Chi Minh (1890–2025)",
    )
    assert all("(1975–2025)" not in name for _when, name in coming.items)  # 30 April: past
    assert len(coming.items) <= slides.MAX_EVENTS


def test_khmer_slides_keep_latin_digits_and_khmer_texts(data: records.Data):
    shown = slides.slides(data, context("km", datetime.date(2026, 12, 1)))
    zone = next(slide for slide in shown if slide.heading == "តំបន់សេដ្ឋកិច្ច Định An")
    assert zone.figures[0].value == "39,020 ha"
    assert zone.kicker == "ការវិនិយោគ"


def test_each_language_has_its_screen_page_with_its_policy_and_no_inline_script(
    tiny_site: TinySite,
):
    result = tiny_site.build("https://example.org/travinh/")
    assert result.returncode == 0, result.output
    for language in LANGUAGES:
        page = f"{language.prefix}man-hinh.html"
        html = BeautifulSoup(result.text(page), "html.parser")
        assert html.html["lang"] == language.code
        assert html.select_one('meta[name="robots"]')["content"] == "noindex"
        assert html.select_one('meta[http-equiv="Content-Security-Policy"]') is not None
        [script] = html.find_all("script")
        assert script["src"].endswith("assets/javascripts/screen.js") and not script.string
        assert len(html.select(".tv-slide")) >= 5 and len(html.find_all("h1")) == 1
        assert (result.site / language.prefix).joinpath(script["src"]).resolve().is_file()
        assert page not in result.text("sitemap.xml")


@pytest.fixture
def tiny_site(tmp_path: Path) -> TinySite:
    site = make_tiny_site(tmp_path / "project")
    data = site.root / "assets" / "data"
    data.mkdir(parents=True)
    for name in ("khu-dau-tu.yml", "san-vat.yml"):
        (data / name).write_bytes((PROJECT / "assets" / "data" / name).read_bytes())
    return site
