"""scripts/new_post.py: a dated post where the build expects it, and nothing else to edit; bad
arguments refused with the fix, nothing written. The post it makes builds and is listed."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, TinySite
from travinh_site.content import frontmatter
from travinh_site.editing import post as scaffold_post

spec = importlib.util.spec_from_file_location("new_post", PROJECT / "scripts" / "new_post.py")
assert spec and spec.loader
new_post = importlib.util.module_from_spec(spec)
sys.modules["new_post"] = new_post
spec.loader.exec_module(new_post)

TITLE = "Thông cáo báo chí về Khu kinh tế Định An"
FILE = "docs/tin-tuc/2026/thong-cao-bao-chi-ve-khu-kinh-te-dinh-an.md"


def run(site: TinySite, *arguments: str) -> int:
    return new_post.main([*arguments, "--project", str(site.root)])


@pytest.fixture
def news_site(tiny_site: TinySite, monkeypatch: pytest.MonkeyPatch) -> TinySite:
    # A tiny site is no git repository: the build's today is given (tests/conftest.py).
    from tests.conftest import SOURCE_DATE_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    return tiny_site


def test_a_dated_post_is_created_and_listed(news_site: TinySite, capsys: pytest.CaptureFixture):
    before = (news_site.root / "mkdocs.yml").read_text("utf-8")
    assert run(news_site, TITLE, "--category", "dau-tu", "--date", "2026-11-30") == 0
    assert (news_site.root / FILE).read_text("utf-8") == (
        "---\n"
        f"title: {TITLE}\n"
        f"description: {TITLE}\n"
        "date: 2026-11-30\n"
        "category: dau-tu\n"
        "todo:\n"
        "  - 'Viết phần mô tả (description): một hai câu, tối đa 160 ký tự.'\n"
        "  - Ghi nguồn của tin vào 'sources:' (mỗi nguồn một dòng, bắt đầu bằng '  - ').\n"
        "---\n"
        "\n"
        f"# {TITLE}\n"
        "\n"
        "<!-- Viết nội dung tin ở đây (hướng dẫn: EDITING.md). Mỗi con số, ngày tháng và tên "
        "riêng cần có nguồn: ghi nguồn vào 'sources:' ở phần đầu tin. -->\n"
    )
    meta = frontmatter.read(news_site.root / FILE, FILE)
    assert meta["todo"][1] == scaffold_post.TODO_SOURCES  # the YAML reads back as written
    assert (news_site.root / "mkdocs.yml").read_text("utf-8") == before  # nothing else to edit
    out = capsys.readouterr().out
    assert out.startswith(f"Đã tạo {FILE}.")
    assert "tin-tuc/2026/thong-cao-bao-chi-ve-khu-kinh-te-dinh-an.html" in out
    result = news_site.build()
    assert result.returncode == 0, result.output
    listing = result.text("tin-tuc/index.html")
    # (the printed page's absolute address rides along: brochures.printing)
    link = re.compile(r'<a href="2026/thong-cao-bao-chi-ve-khu-kinh-te-dinh-an\.html"[^>]*>')
    assert re.search(link.pattern + re.escape(TITLE) + "</a>", listing)
    assert "Traceback" not in result.output


def test_the_date_defaults_to_today(news_site: TinySite, monkeypatch: pytest.MonkeyPatch):
    import datetime

    class Today(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return datetime.date(2026, 11, 29)

    monkeypatch.setattr(new_post.datetime, "date", Today)
    assert run(news_site, "Tin hôm nay", "--category", "du-lich") == 0
    text = (news_site.root / "docs/tin-tuc/2026/tin-hom-nay.md").read_text("utf-8")
    assert "\ndate: 2026-11-29\n" in text


def test_an_unknown_category_is_refused_with_the_list(
    news_site: TinySite, capsys: pytest.CaptureFixture
):
    assert run(news_site, TITLE, "--category", "dautu", "--date", "2026-11-30") == 1
    assert capsys.readouterr().err == (
        "'dautu' không phải là một chủ đề tin tức của trang web. Cách sửa: có phải ý bạn là "
        "'dau-tu'? Dùng --category với một trong các chủ đề: du-lich, dau-tu, san-vat, van-hoa, "
        "hanh-chinh.\n"
        "  'dautu' is not one of the site's news categories. Fix: did you mean 'dau-tu'? Use "
        "--category with one of: du-lich, dau-tu, san-vat, van-hoa, hanh-chinh.\n"
    )
    assert not (news_site.root / "docs/tin-tuc").exists()


def test_a_date_far_ahead_is_refused(news_site: TinySite, capsys: pytest.CaptureFixture):
    assert run(news_site, TITLE, "--category", "dau-tu", "--date", "2062-11-30") == 1
    assert "the date 2062-11-30 is more than 31 days after" in capsys.readouterr().err
    assert not (news_site.root / "docs/tin-tuc").exists()


def test_an_existing_post_is_never_overwritten(news_site: TinySite, capsys):
    target = news_site.write(FILE, "mine\n")
    assert run(news_site, TITLE, "--category", "dau-tu", "--date", "2026-11-30") == 1
    assert f"{FILE}: tệp này đã có." in capsys.readouterr().err
    assert target.read_text("utf-8") == "mine\n"


@pytest.mark.parametrize("slug", ["index", "trang-2"])
def test_the_names_of_listing_pages_are_refused(news_site: TinySite, capsys, slug: str):
    assert (
        run(news_site, TITLE, "--category", "dau-tu", "--date", "2026-11-30", "--slug", slug) == 1
    )
    assert f"'{slug}' is the name of a generated listing page." in capsys.readouterr().err
    assert not Path(news_site.root / "docs/tin-tuc").exists()


def test_new_page_refuses_the_news_folder(news_site: TinySite, capsys):
    spec = importlib.util.spec_from_file_location("new_page", PROJECT / "scripts" / "new_page.py")
    assert spec and spec.loader
    new_page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(new_page)
    (news_site.root / "docs/tin-tuc").mkdir()
    code = new_page.main(["Tin", "--section", "tin-tuc", "--project", str(news_site.root)])
    assert code == 1
    assert "docs/tin-tuc/ holds news posts, not pages." in capsys.readouterr().err
