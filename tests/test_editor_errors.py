"""Errors that teach: tiny sites with the common mistakes, built for real; every message is
asserted word for word, in Vietnamese and English, with its file, line and fix."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import DEFAULT_NAV, DEFAULT_PAGES, BuildResult, make_tiny_site

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """``text`` as Windows saves Vietnamese in its "ANSI" code page: base letters precomposed
    where the code page has them, tone marks as combining characters."""
    encoded = bytearray()
    for char in text:
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            encoded += base.encode("cp1258")
            encoded += "".join(c for c in parts if c in TONE_MARKS).encode("cp1258")
    return bytes(encoded)


def expect(output: str, vietnamese: str, english: str) -> None:
    """The problem appears once, as its two lines."""
    assert output.count(f"{vietnamese}\n  {english}\n") == 1, output


@pytest.fixture(scope="module")
def every_mistake_at_once(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_tiny_site(tmp_path_factory.mktemp("mistakes") / "project")
    site.write(
        "docs_en/index.md", "---\ntitle: Home\ndescription: Tra Vinh: the area\n---\n# Home\n"
    )
    pagoda = (
        "---\ntitle: Chùa Âng\ndescription: Chùa Khmer trong quần thể di tích Ao Bà Om.\n---\n\n"
        "# Chùa Âng\n\nChùa Âng nằm gần Ao Bà Om, trong cùng một quần thể di tích với Bảo tàng "
        "Văn hóa dân tộc Khmer.\n"
    )
    (site.root / "docs/du-lich/chua-ang.md").write_bytes(windows_1258(pagoda))
    site.write("docs_km/index.md", "---\ntittle: ទំព័រដើម\ndescription: ទំព័រដើម។\n---\n# ទំ\n")
    site.write("docs/du-lich/den-tho.md", "---\ntitle: Đền thờ\ndescription: Đền thờ.\n---\n# Đ\n")
    site.set_nav([*DEFAULT_NAV, {"Chùa Âng": "du-lich/chua-an.md"}])
    return site.build()


def nav_line(result: BuildResult, entry: str) -> int:
    lines = (result.site.parent / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.strip() == entry)


def test_every_mistake_is_reported_in_one_build_without_a_traceback(every_mistake_at_once):
    result = every_mistake_at_once
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert not result.site.exists()
    assert (
        "Không đọc được 2 tệp (xem ở trên); chưa có gì được tạo ra.\n"
        "  2 file(s) cannot be read (see above); nothing was built." in result.output
    )


def test_yaml_error_in_front_matter_gives_line_column_and_fix(every_mistake_at_once):
    expect(
        every_mistake_at_once.output,
        "docs_en/index.md:3: nội dung YAML không hợp lệ, cột 22: có dấu ':' ở chỗ không được "
        'phép. Cách sửa: đặt giá trị trong dấu ngoặc kép, ví dụ title: "Trà Vinh: các ngôi chùa '
        'Khmer".',
        "docs_en/index.md:3: is not valid YAML, column 22: mapping values are not allowed in "
        'this context. Fix: put the value in double quotes, for example title: "Trà Vinh: the '
        'Khmer pagodas".',
    )


def test_a_file_that_is_not_utf8_says_which_encoding_it_looks_like(every_mistake_at_once):
    expect(
        every_mistake_at_once.output,
        "docs/du-lich/chua-ang.md:2: tệp không được lưu ở dạng UTF-8. Có vẻ tệp dùng bảng mã "
        "Windows-1258 (tiếng Việt). Cách sửa: mở tệp trong trình soạn thảo và lưu lại với bảng mã "
        "'UTF-8' (trong VS Code: bấm vào tên bảng mã ở thanh trạng thái phía dưới, chọn 'Save "
        "with Encoding', rồi 'UTF-8').",
        "docs/du-lich/chua-ang.md:2: is not saved as UTF-8 text. It looks like Windows-1258 "
        "(Vietnamese). Fix: open it in your editor and save it again with the encoding 'UTF-8' "
        "(in VS Code: click the encoding in the status bar, then 'Save with Encoding', 'UTF-8').",
    )


def test_a_misspelt_field_gets_the_right_name(every_mistake_at_once):
    expect(
        every_mistake_at_once.output,
        "docs_km/index.md:2: phần đầu trang (front matter) có trường lạ 'tittle'. Cách sửa: có "
        "phải ý bạn là 'title'? (Tên trường viết bằng tiếng Anh.)",
        "docs_km/index.md:2: the front matter has an unknown field 'tittle'. Fix: did you mean "
        "'title'? (Field names are in English.)",
    )


def test_a_page_missing_from_the_menu_says_what_to_add(every_mistake_at_once):
    expect(
        every_mistake_at_once.output,
        "docs/du-lich/den-tho.md: trang này chưa có trong menu của trang web, nên người xem không "
        "tìm thấy nó. Cách sửa: chạy lệnh '.venv/bin/python scripts/new_page.py --add-to-nav "
        "docs/du-lich/den-tho.md' (scripts/new_page.py tự làm việc này cho các trang nó tạo), "
        "hoặc thêm dòng '- Đền thờ: du-lich/den-tho.md' dưới mục 'Du lịch' trong phần 'nav:' "
        "của mkdocs.yml.",
        "docs/du-lich/den-tho.md: this page is not in the site's menu, so visitors cannot find "
        "it. Fix: run '.venv/bin/python scripts/new_page.py --add-to-nav "
        "docs/du-lich/den-tho.md' (scripts/new_page.py does this for the pages it creates), or "
        "add the line '- Đền thờ: du-lich/den-tho.md' under 'Du lịch' in the 'nav:' of "
        "mkdocs.yml.",
    )
    assert "are not included in the" not in every_mistake_at_once.output  # MkDocs' own


def test_a_menu_entry_to_no_page_gets_the_closest_page(every_mistake_at_once):
    line = nav_line(every_mistake_at_once, "- Chùa Âng: du-lich/chua-an.md")
    expect(
        every_mistake_at_once.output,
        f"mkdocs.yml:{line}: mục menu 'Chùa Âng' trỏ tới 'du-lich/chua-an.md', nhưng docs/ không "
        "có trang đó. Cách sửa: có phải ý bạn là 'du-lich/chua-ang.md'?",
        f"mkdocs.yml:{line}: the menu entry 'Chùa Âng' points to 'du-lich/chua-an.md', which is "
        "not a page of docs/. Fix: did you mean 'du-lich/chua-ang.md'?",
    )


@pytest.fixture(scope="module")
def broken_references(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_tiny_site(tmp_path_factory.mktemp("references") / "project")
    for name in ("chua-ang-1.svg", "chua-ang-2.svg"):
        site.write(f"assets/images/{name}", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write(
        "docs/du-lich/ao-ba-om.md",
        "---\ntitle: Ao Bà Om\ndescription: Ao Bà Om.\n---\n\n# Ao Bà Om\n\n"
        "Xem [Chùa Âng](chua-ang.md) và [trang chủ](../indx.md).\n\n"
        "![Chùa Âng](../../assets/images/chua-ang.svg)\n",
    )
    return site.build()


def test_a_link_to_a_page_that_does_not_exist_suggests_the_closest_path(broken_references):
    assert broken_references.returncode != 0
    expect(
        broken_references.output,
        "docs/du-lich/ao-ba-om.md:8: liên kết '../indx.md' trỏ tới một tệp không tồn tại. Cách "
        "sửa: có phải ý bạn là '../index.md'?",
        "docs/du-lich/ao-ba-om.md:8: the link '../indx.md' points to a file that does not exist. "
        "Fix: did you mean '../index.md'?",
    )
    expect(
        broken_references.output,
        "docs/du-lich/ao-ba-om.md:8: liên kết 'chua-ang.md' trỏ tới một tệp không tồn tại. Cách "
        "sửa: sửa lại đường dẫn (tính từ tệp này) hoặc tạo trang đó.",
        "docs/du-lich/ao-ba-om.md:8: the link 'chua-ang.md' points to a file that does not "
        "exist. Fix: correct the path (it is relative to this file) or create the page.",
    )


def test_an_image_that_does_not_exist_suggests_similar_file_names(broken_references):
    expect(
        broken_references.output,
        "docs/du-lich/ao-ba-om.md:10: ảnh '../../assets/images/chua-ang.svg' trỏ tới một tệp "
        "không tồn tại. Cách sửa: có phải ý bạn là '../../assets/images/chua-ang-2.svg' hay "
        "'../../assets/images/chua-ang-1.svg'?",
        "docs/du-lich/ao-ba-om.md:10: the image '../../assets/images/chua-ang.svg' points to a "
        "file that does not exist. Fix: did you mean '../../assets/images/chua-ang-2.svg' or "
        "'../../assets/images/chua-ang-1.svg'?",
    )


def test_byte_order_mark_and_windows_line_endings_are_accepted_silently(tmp_path: Path):
    pages = dict(DEFAULT_PAGES)
    site = make_tiny_site(tmp_path / "project", pages)
    source = pages["docs/du-lich/ao-ba-om.md"]
    (site.root / "docs/du-lich/ao-ba-om.md").write_bytes(
        b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8")
    )
    result = site.build()
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    page = BeautifulSoup(result.text("du-lich/ao-ba-om.html"), "html.parser")
    assert page.title.get_text().startswith("Ao Bà Om")
    assert page.select_one('meta[name="description"]')["content"] == "Ao Bà Om là di tích."
