"""A news post's front matter (content.schema, content.posts): every mistake an editor can make
with its date or category is refused with the file, the line and the fix, in Vietnamese and
English, word for word; the same messages stop a real build of a tiny site."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.conftest import TinySite
from travinh_site.content import frontmatter, posts, schema
from travinh_site.errors import SiteError

TODAY = datetime.date(2026, 12, 1)  # tests/conftest.SOURCE_DATE_EPOCH
CATEGORIES = ("du-lich", "dau-tu", "san-vat", "van-hoa", "hanh-chinh")
PAGE = "tin-tuc/2026/hoi-cho.md"
SHOWN = f"docs/{PAGE}"


def rules(page: str = PAGE) -> posts.Rules:
    return posts.Rules(TODAY, CATEGORIES, ("vi", "en", "km"), page, f"docs/{page}")


def problems_of(front: str, *, shown_as: str = SHOWN, source: bool = True, page: str = PAGE):
    text = f"---\n{front}---\n\n# Hội chợ\n"
    post = rules(page) if posts.is_post(page) else None
    return [str(p) for p in schema.check(text, schema.Page(shown_as, source, post))]


GOOD = "title: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-11-30\ncategory: dau-tu\n"


def test_a_complete_post_has_no_problem():
    assert problems_of(GOOD) == []
    image = "image:\n  file: x.svg\n  alt: Một hình\nsources:\n  - Báo Trà Vinh\n"
    assert problems_of(GOOD + image + "updated: 2026-12-01\nlanguages: [vi]\n") == []


def test_a_post_without_a_date():
    assert problems_of("title: Hội chợ\ndescription: Tóm tắt.\ncategory: dau-tu\n") == [
        "docs/tin-tuc/2026/hoi-cho.md:5: tin tức cần có 'date:', ngày đăng tin. Cách sửa: thêm "
        "một dòng 'date: 2026-12-01' (năm-tháng-ngày) phía trên dòng '---' đóng (dòng 5).\n"
        "  docs/tin-tuc/2026/hoi-cho.md:5: a news post needs 'date:', the day it is published. "
        "Fix: add a line 'date: 2026-12-01' (year-month-day) above the closing '---' (line 5)."
    ]


def test_an_impossible_date_is_refused_with_its_line():
    text = "---\ntitle: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-02-30\ncategory: dau-tu\n---\n"
    with pytest.raises(SiteError) as raised:
        schema.check(text, schema.Page(SHOWN, True, rules()))
    assert str(raised.value) == (
        "docs/tin-tuc/2026/hoi-cho.md:4: '2026-02-30' không phải là một ngày có thật: tháng 2 "
        "năm 2026 có 28 ngày. Cách sửa: viết đúng ngày theo dạng YYYY-MM-DD (năm-tháng-ngày).\n"
        "  docs/tin-tuc/2026/hoi-cho.md:4: '2026-02-30' is not a real date: February 2026 has "
        "28 days. Fix: write the real date as YYYY-MM-DD (year-month-day)."
    )
    with pytest.raises(SiteError) as raised:
        frontmatter.split("---\ndate: 2026-13-01\n---\n", SHOWN)
    assert "'2026-13-01' is not a real date: there is no month 13." in str(raised.value)


def test_a_date_with_only_a_month():
    assert problems_of(GOOD.replace("2026-11-30", "2026-06")) == [
        "docs/tin-tuc/2026/hoi-cho.md:4: 'date' phải là một ngày cụ thể; '2026-06' chỉ có "
        "tháng. Cách sửa: ghi ngày đăng tin (YYYY-MM-DD); khi chỉ biết tháng của sự việc, hãy "
        "ghi tháng đó trong bài, không ghi ở đây.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:4: 'date' must be a whole day; '2026-06' gives only the "
        "month. Fix: write the day the post is published (YYYY-MM-DD); when only the month of "
        "what it reports is known, say the month in the text, not here."
    ]


def test_a_date_written_otherwise():
    assert problems_of(GOOD.replace("2026-11-30", "30/11/2026")) == [
        "docs/tin-tuc/2026/hoi-cho.md:4: 'date' phải là một ngày viết theo dạng YYYY-MM-DD "
        "(năm-tháng-ngày), không phải '30/11/2026'. Cách sửa: viết ví dụ 'date: 2025-07-01'.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:4: 'date' must be a day written YYYY-MM-DD "
        "(year-month-day), not '30/11/2026'. Fix: write for example 'date: 2025-07-01'."
    ]
    # Without its zeros YAML reads it as text: the fix gives the same day as it must be written.
    assert (
        "Fix: write for example 'date: 2026-02-03'."
        in problems_of(GOOD.replace("2026-11-30", "2026-2-3"))[0]
    )


def test_a_date_far_in_the_future():
    assert problems_of(GOOD.replace("2026-11-30", "2062-11-30")) == [
        "docs/tin-tuc/2026/hoi-cho.md:4: ngày 2062-11-30 muộn hơn ngày của nội dung "
        "(2026-12-01, ngày của lần commit cuối cùng) quá 31 ngày: không đăng tin trước ngày "
        "của nó. Cách sửa: sửa lại ngày (gõ nhầm năm?); nếu ngày đúng, hãy chạy 'git pull' "
        "trước: việc tạo trang lấy ngày của nội dung theo lần commit cuối cùng.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:4: the date 2062-11-30 is more than 31 days after the "
        "content's date (2026-12-01, the date of the last commit): a post is not published "
        "before its date. Fix: correct the date (a mistyped year?); if it is right, run 'git "
        "pull' first: the build dates the content by its last commit."
    ]
    # A post being written (not committed yet) previews: 31 days ahead is still accepted.
    page = "tin-tuc/2027/hoi-cho.md"
    assert problems_of(GOOD.replace("2026-11-30", "2027-01-01"), page=page) == []
    assert problems_of(GOOD.replace("2026-11-30", "2027-01-02"), page=page) != []


def test_an_unknown_category():
    assert problems_of(GOOD.replace("dau-tu", "dautu")) == [
        "docs/tin-tuc/2026/hoi-cho.md:5: 'dautu' không phải là một chủ đề tin tức của trang "
        "web. Cách sửa: có phải ý bạn là 'dau-tu'? Dùng một trong các chủ đề: du-lich, dau-tu, "
        "san-vat, van-hoa, hanh-chinh (mỗi chủ đề là một mục 'news.category.<tên>' trong "
        "overrides/strings.yml, có tên ở mọi thứ tiếng).\n"
        "  docs/tin-tuc/2026/hoi-cho.md:5: 'dautu' is not one of the site's news categories. "
        "Fix: did you mean 'dau-tu'? Use one of: du-lich, dau-tu, san-vat, van-hoa, hanh-chinh "
        "(each is an entry 'news.category.<name>' of overrides/strings.yml, with its label in "
        "every language)."
    ]


def test_a_post_without_a_category():
    assert problems_of("title: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-11-30\n") == [
        "docs/tin-tuc/2026/hoi-cho.md:5: tin tức cần có 'category:' (chủ đề). Cách sửa: thêm "
        "một dòng 'category: ...' phía trên dòng '---' đóng (dòng 5), với một trong các chủ "
        "đề: du-lich, dau-tu, san-vat, van-hoa, hanh-chinh.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:5: a news post needs 'category:'. Fix: add a line "
        "'category: ...' above the closing '---' (line 5), with one of: du-lich, dau-tu, "
        "san-vat, van-hoa, hanh-chinh."
    ]


def test_a_date_outside_the_folder_of_its_year():
    assert problems_of(GOOD.replace("2026-11-30", "2025-07-01")) == [
        "docs/tin-tuc/2026/hoi-cho.md:4: tin ghi ngày 2025-07-01 nhưng nằm trong thư mục của "
        "năm 2026 (docs/tin-tuc/2026/). Cách sửa: chuyển tệp sang docs/tin-tuc/2025/ (ở mọi "
        "thứ tiếng), hoặc sửa lại ngày.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:4: the post is dated 2025-07-01 but is in the folder of "
        "2026 (docs/tin-tuc/2026/). Fix: move it to docs/tin-tuc/2025/ (in every language), or "
        "correct the date."
    ]


def test_post_fields_on_a_page_that_is_not_a_post():
    found = problems_of(
        "title: Ao Bà Om\ndescription: Di tích.\ndate: 2026-11-30\n",
        shown_as="docs/du-lich/ao-ba-om.md",
        page="du-lich/ao-ba-om.md",
    )
    assert found == [
        "docs/du-lich/ao-ba-om.md:4: 'date' là trường của tin tức (tin-tuc/<năm>/<tên>.md, tạo "
        "bằng scripts/new_post.py); trang này không phải là tin. Cách sửa: xóa dòng 'date: ...'.\n"
        "  docs/du-lich/ao-ba-om.md:4: 'date' is a field of news posts (tin-tuc/<year>/<name>.md, "
        "made with scripts/new_post.py); this page is not one. Fix: delete the line 'date: ...'."
    ]


def test_a_translation_may_repeat_the_date_and_category_but_not_choose_languages():
    shown = "docs_km/tin-tuc/2026/hoi-cho.md"
    front = "title: ពិព័រណ៍\ndescription: សេចក្ដីសង្ខេប។\n"
    assert problems_of(front, shown_as=shown, source=False) == []  # the source's date holds
    assert problems_of(GOOD, shown_as=shown, source=False) == []
    (found,) = problems_of(front + "languages: [vi]\n", shown_as=shown, source=False)
    assert found.endswith(
        "only the Vietnamese post says in which languages it is published. Fix: delete "
        "'languages:' here (it belongs in the Vietnamese post, docs/tin-tuc/2026/hoi-cho.md)."
    )


def test_languages_must_name_languages_of_the_site_and_the_source():
    assert problems_of(GOOD + "languages: [en]\n") == [
        "docs/tin-tuc/2026/hoi-cho.md:6: 'languages' phải có 'vi': bản tiếng Việt của tin luôn "
        "được đăng. Cách sửa: thêm 'vi' vào danh sách.\n"
        "  docs/tin-tuc/2026/hoi-cho.md:6: 'languages' must include 'vi': the Vietnamese post is "
        "always published. Fix: add 'vi' to the list."
    ]
    (found,) = problems_of(GOOD + "languages: [vi, kh]\n")
    assert found.endswith(
        "'kh' is not a language of the site (vi, en, km). Fix: use the codes vi, en, km."
    )


def test_an_image_needs_its_file_and_alt_text():
    (found,) = problems_of(GOOD + "image:\n  file: x.svg\n")
    assert found.endswith(
        "'image' has no 'alt:'. Fix: add '  alt: ...' under 'image:' (what the picture shows, "
        "in the page's language)."
    )
    missing = posts.Rules(TODAY, CATEGORIES, ("vi", "en", "km"), PAGE, SHOWN, Path("/nowhere"))
    text = f"---\n{GOOD}image:\n  file: x.svg\n  alt: Một hình\n---\n"
    (found,) = [str(p) for p in schema.check(text, schema.Page(SHOWN, True, missing))]
    assert "docs/tin-tuc/2026/hoi-cho.md:7: " in found
    assert "there is no picture 'x.svg' in assets/images/." in found


def test_a_headline_too_long_for_search_results():
    title = ("Hội chợ " + "dừa " * 26).strip()  # 7 + 1 + 26 × 4 - 1 = 111 characters
    assert problems_of(GOOD.replace("title: Hội chợ", f"title: {title}")) == [
        "docs/tin-tuc/2026/hoi-cho.md:2: tiêu đề của tin là dòng tiêu đề trong kết quả tìm "
        "kiếm, chỉ hiện tối đa 110 ký tự; tiêu đề này dài 111 ký tự. Cách sửa: rút ngắn ít nhất "
        "1 ký tự (phần tóm tắt thuộc về 'description').\n"
        "  docs/tin-tuc/2026/hoi-cho.md:2: a post's title is its headline in search results, "
        "which show at most 110 characters; this one has 111. Fix: shorten it by at least 1 "
        "characters (the summary belongs in 'description')."
    ]
    assert problems_of(GOOD.replace("title: Hội chợ", "title: " + "x" * 110)) == []


def test_updated_before_the_date():
    (found,) = problems_of(GOOD + "updated: 2026-11-01\n")
    assert found.startswith(
        "docs/tin-tuc/2026/hoi-cho.md:6: 'updated' (2026-11-01) sớm hơn 'date' (2026-11-30)."
    )


@pytest.mark.parametrize(
    ("page", "is_post"),
    [
        ("tin-tuc/2026/hoi-cho.md", True),
        ("tin-tuc/2026/index.md", False),  # the year's listing
        ("tin-tuc/2026/trang-2.md", False),
        ("tin-tuc/index.md", False),
        ("tin-tuc/2026/a/b.md", False),
        ("du-lich/ao-ba-om.md", False),
    ],
)
def test_what_is_a_post(page: str, is_post: bool):
    assert posts.is_post(page) is is_post


# ---- the same, in a build ------------------------------------------------------------------


def test_a_build_refuses_a_post_with_an_unknown_category_and_a_stray_page(tiny_site: TinySite):
    tiny_site.write(
        "docs/tin-tuc/2026/hoi-cho.md",
        "---\ntitle: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-11-30\ncategory: dautu\n---\n",
    )
    tiny_site.write("docs/tin-tuc/gioi-thieu.md", "---\ntitle: X\ndescription: Y.\n---\n")
    result = tiny_site.build()
    assert result.returncode == 1
    assert (
        "docs/tin-tuc/2026/hoi-cho.md:5: 'dautu' không phải là một chủ đề tin tức của trang web."
        in result.output
    )
    assert "docs/tin-tuc/gioi-thieu.md:1: only news posts go in docs/tin-tuc/" in result.output
    assert "Traceback" not in result.output


def test_a_build_stops_at_an_impossible_date_before_anything_is_written(tiny_site: TinySite):
    tiny_site.write(
        "docs/tin-tuc/2026/hoi-cho.md",
        "---\ntitle: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-02-30\ncategory: dau-tu\n---\n",
    )
    result = tiny_site.build()
    assert result.returncode == 1
    assert "docs/tin-tuc/2026/hoi-cho.md:4: '2026-02-30' is not a real date" in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists()


def test_a_posts_sources_in_its_front_matter_source_its_figures():
    from tests.conftest import LANGUAGES, PROJECT
    from travinh_site.content import glossary, wording

    terms = glossary.load(PROJECT, LANGUAGES)
    assert terms is not None
    text = (
        "---\ntitle: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-11-30\ncategory: dau-tu\n"
        "{sources}---\n\n# Hội chợ\n\nHội chợ mở cửa từ ngày 1/7/2025.\n"
    )
    sourced = text.format(sources="sources:\n  - Báo Trà Vinh\n")
    assert wording.problems(terms, "vi", SHOWN, sourced) == []
    (unsourced,) = wording.problems(terms, "vi", SHOWN, text.format(sources=""))
    assert "'1/7/2025' (line 10)" in str(unsourced) and "but no source for them" in str(unsourced)
