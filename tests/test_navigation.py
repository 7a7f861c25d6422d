"""Reading and adding to the menu of mkdocs.yml (travinh_site.content.navigation): every other byte
of the file stays as it was, and the menu's problems are located and explained."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from travinh_site.content.navigation import SiteConfig, problems
from travinh_site.errors import SiteError

TINY = """\
site_name: x  # a comment that must survive
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {case: lower}
plugins:
  - i18n:
      languages:
        - locale: vi
          default: true
        - locale: km
          nav_translations:
            Du lịch: ទេសចរណ៍
nav:
- Trang chủ: index.md
# the tourism pages
- Du lịch:
  - Ao Bà Om: du-lich/ao-ba-om.md
  # more to come
# a trailing comment
"""


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if it changes or removes any."""
    diff = list(difflib.ndiff(before.split("\n"), after.split("\n")))
    assert not [line for line in diff if line.startswith("- ")], "a line was changed or removed"
    return [line[2:] for line in diff if line.startswith("+ ")]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_entries_carry_their_line_and_section(tiny: Path):
    entries = [(e.label, e.path, e.line, e.section) for e in SiteConfig(tiny).entries()]
    assert entries == [
        ("Trang chủ", "index.md", 16, ()),
        ("Ao Bà Om", "du-lich/ao-ba-om.md", 19, ("Du lịch",)),
    ]


def test_a_page_is_added_at_the_end_of_its_folder_s_section_and_nothing_else_changes(tiny: Path):
    config = SiteConfig(tiny)
    assert config.add_page("Chùa Âng: Angkorajaborey", "du-lich/chua-ang.md") == ("Du lịch",)
    config.save()
    after = tiny.read_text(encoding="utf-8")
    assert added_lines(TINY, after) == ["  - 'Chùa Âng: Angkorajaborey': du-lich/chua-ang.md"]
    assert after.index("chua-ang.md") < after.index("# more to come")


def test_a_new_section_and_a_top_level_page_follow_the_file_s_own_indentation(tiny: Path):
    config = SiteConfig(tiny)
    assert config.add_page("Dừa sáp", "san-vat/dua-sap.md", new_section="Sản vật") == ("Sản vật",)
    assert config.add_page("Liên hệ", "lien-he.md") == ()
    config.save()
    assert added_lines(TINY, tiny.read_text(encoding="utf-8")) == [
        "- Sản vật:",
        "  - Dừa sáp: san-vat/dua-sap.md",
        "- Liên hệ: lien-he.md",
    ]


def test_a_top_level_page_goes_into_a_menu_of_sections_only(tiny: Path):
    sections_only = TINY.replace("- Trang chủ: index.md\n", "")
    tiny.write_text(sections_only, encoding="utf-8")
    config = SiteConfig(tiny)
    assert config.add_page("Liên hệ", "lien-he.md") == ()
    config.save()
    after = tiny.read_text(encoding="utf-8")
    assert added_lines(sections_only, after) == ["- Liên hệ: lien-he.md"]
    assert [(e.label, e.section) for e in SiteConfig(tiny).entries()][-1] == ("Liên hệ", ())


def test_the_project_s_own_mkdocs_yml_keeps_every_byte(tmp_path: Path):
    path = tmp_path / "mkdocs.yml"
    shutil.copy(PROJECT / "mkdocs.yml", path)
    before = path.read_text(encoding="utf-8")
    config = SiteConfig(path)
    section = config.section_of("du-lich")
    assert section is not None  # the project's menu has a tourism section
    config.add_page("Đền thờ", "du-lich/den-tho.md")
    config.add_page("Dừa sáp", "zz-test/dua-sap.md", new_section="Zz test")
    config.add_nav_translation("km", "Đền thờ", "ទីសក្ការៈ")
    config.save()
    added = added_lines(before, path.read_text(encoding="utf-8"))
    assert [line.strip() for line in added] == [
        "Đền thờ: ទីសក្ការៈ",
        "- Đền thờ: du-lich/den-tho.md",
        "- Zz test:",
        "- Dừa sáp: zz-test/dua-sap.md",
    ]
    reread = SiteConfig(path)
    assert reread.nav_translation("km", "Đền thờ") == "ទីសក្ការៈ"
    assert ("Đền thờ", "du-lich/den-tho.md", section) in [
        (e.label, e.path, e.section) for e in reread.entries()
    ]


def test_menu_labels_are_added_replaced_or_given_a_new_block(tiny: Path):
    config = SiteConfig(tiny)
    config.add_nav_translation("km", "Ao Bà Om", "ស្រះ Ao Bà Om")
    config.add_nav_translation("km", "Du lịch", "ទេសចរណ៍ថ្មី")  # replaces the existing label
    config.add_nav_translation("vi", "Ao Bà Om", "Ao Bà Om")  # a language without the block
    config.save()
    after = tiny.read_text(encoding="utf-8")
    assert "            Du lịch: ទេសចរណ៍ថ្មី\n            Ao Bà Om: ស្រះ Ao Bà Om\n" in after
    assert (
        "          default: true\n          nav_translations:\n            Ao Bà Om: Ao Bà Om\n"
        in (after)
    )
    with pytest.raises(SiteError, match="the i18n plugin has no language 'fr'"):
        config.add_nav_translation("fr", "Ao Bà Om", "Étang")


def test_a_new_folder_without_a_section_label_is_refused(tiny: Path):
    with pytest.raises(SiteError) as raised:
        SiteConfig(tiny).add_page("Dừa sáp", "san-vat/dua-sap.md")
    assert raised.value.problems[0].english() == (
        "mkdocs.yml: no section of the menu holds pages of 'san-vat/' yet. Fix: name the new "
        "section: add --section-title 'Its label' to the command."
    )
    assert tiny.read_text(encoding="utf-8") == TINY


def test_pages_missing_from_the_menu_and_entries_to_no_page(tiny: Path):
    pages = ["index.md", "du-lich/ao-ba-on.md", "du-lich/den-tho.md"]
    found = problems(SiteConfig(tiny), pages, {"du-lich/den-tho.md": "Đền thờ"}, "docs")
    assert [(p.vietnamese(), p.english()) for p in found] == [
        (
            "mkdocs.yml:19: mục menu 'Ao Bà Om' trỏ tới 'du-lich/ao-ba-om.md', nhưng docs/ không "
            "có trang đó. Cách sửa: có phải ý bạn là 'du-lich/ao-ba-on.md'?",
            "mkdocs.yml:19: the menu entry 'Ao Bà Om' points to 'du-lich/ao-ba-om.md', which is "
            "not a page of docs/. Fix: did you mean 'du-lich/ao-ba-on.md'?",
        ),
        (
            "docs/du-lich/ao-ba-on.md: trang này chưa có trong menu của trang web, nên người xem "
            "không tìm thấy nó. Cách sửa: chạy lệnh '.venv/bin/python scripts/new_page.py "
            "--add-to-nav docs/du-lich/ao-ba-on.md' (scripts/new_page.py tự làm việc này cho các "
            "trang nó tạo), hoặc thêm dòng '- ao-ba-on: du-lich/ao-ba-on.md' dưới mục 'Du lịch' "
            "trong phần 'nav:' của mkdocs.yml.",
            "docs/du-lich/ao-ba-on.md: this page is not in the site's menu, so visitors cannot "
            "find it. Fix: run '.venv/bin/python scripts/new_page.py --add-to-nav "
            "docs/du-lich/ao-ba-on.md' (scripts/new_page.py does this for the pages it creates), "
            "or add the line '- ao-ba-on: du-lich/ao-ba-on.md' under 'Du lịch' in the 'nav:' of "
            "mkdocs.yml.",
        ),
        (
            "docs/du-lich/den-tho.md: trang này chưa có trong menu của trang web, nên người xem "
            "không tìm thấy nó. Cách sửa: chạy lệnh '.venv/bin/python scripts/new_page.py "
            "--add-to-nav docs/du-lich/den-tho.md' (scripts/new_page.py tự làm việc này cho các "
            "trang nó tạo), hoặc thêm dòng '- Đền thờ: du-lich/den-tho.md' dưới mục 'Du lịch' "
            "trong phần 'nav:' của mkdocs.yml.",
            "docs/du-lich/den-tho.md: this page is not in the site's menu, so visitors cannot "
            "find it. Fix: run '.venv/bin/python scripts/new_page.py --add-to-nav "
            "docs/du-lich/den-tho.md' (scripts/new_page.py does this for the pages it creates), "
            "or add the line '- Đền thờ: du-lich/den-tho.md' under 'Du lịch' in the 'nav:' of "
            "mkdocs.yml.",
        ),
    ]
