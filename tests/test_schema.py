"""The front matter schema (travinh_site.content.schema): each mistake, its line and its fix, word
for word in both languages."""

from __future__ import annotations

import pytest

from travinh_site.content.schema import Page, check
from travinh_site.errors import SiteError

SOURCE = Page("docs/du-lich/x.md", is_source=True)
TRANSLATION = Page("docs_km/du-lich/x.md", is_source=False)
GOOD = "---\ntitle: Chùa Âng\ndescription: Chùa Khmer gần Ao Bà Om.\n---\n\n# Chùa Âng\n"


def lines(text: str, page: Page = SOURCE) -> list[tuple[str, str]]:
    """Each problem as (Vietnamese line, English line)."""
    return [(problem.vietnamese(), problem.english()) for problem in check(text, page)]


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        GOOD.replace("---\n\n", "todo:\n  - Giờ mở cửa (chưa có nguồn)\nhide:\n  - toc\n---\n\n"),
        GOOD.replace("---\n\n", "search:\n  exclude: true\n  boost: 2\n---\n\n"),
        "\ufeff" + GOOD.replace("\n", "\r\n"),  # a byte-order mark and Windows line endings
    ],
)
def test_a_correct_page_has_no_problem(text: str):
    assert lines(text) == []


# Columns: the page's text; the page (source or translation); the Vietnamese line; the English.
CASES = [
    (
        "---\ntittle: Chùa Âng\ndescription: Chùa Khmer.\n---\n",
        SOURCE,
        "docs/du-lich/x.md:2: phần đầu trang (front matter) có trường lạ 'tittle'. Cách sửa: có "
        "phải ý bạn là 'title'? (Tên trường viết bằng tiếng Anh.)",
        "docs/du-lich/x.md:2: the front matter has an unknown field 'tittle'. Fix: did you mean "
        "'title'? (Field names are in English.)",
    ),
    (
        "---\ntitle: Chùa Âng\nmô tả: Chùa Khmer.\ndescription: x\n---\n",
        SOURCE,
        "docs/du-lich/x.md:3: phần đầu trang (front matter) có trường lạ 'mô tả'. Cách sửa: có "
        "phải ý bạn là 'description'? (Tên trường viết bằng tiếng Anh.)",
        "docs/du-lich/x.md:3: the front matter has an unknown field 'mô tả'. Fix: did you mean "
        "'description'? (Field names are in English.)",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa Khmer.\nstatus: draft\n---\n",
        TRANSLATION,
        "docs_km/du-lich/x.md:4: 'status' không phải là một trường riêng: bản dịch chưa xong được "
        "đánh dấu trong khối 'translation:'. Cách sửa: viết 'translation:' và ở dòng sau "
        "'  status: draft'.",
        "docs_km/du-lich/x.md:4: 'status' is not a field of its own: a translation is marked "
        "unfinished inside its 'translation:' block. Fix: write 'translation:' and on the next "
        "line '  status: draft'.",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: " + "x" * 171 + "\n---\n",
        SOURCE,
        "docs/du-lich/x.md:3: phần mô tả dài 171 ký tự; kết quả tìm kiếm chỉ hiện tối đa 160. "
        "Cách sửa: rút ngắn ít nhất 11 ký tự.",
        "docs/du-lich/x.md:3: the description is 171 characters long; search results show at "
        "most 160. Fix: shorten it by at least 11 characters.",
    ),
    (
        "---\ndescription: Chùa Khmer.\n---\n",
        SOURCE,
        "docs/du-lich/x.md:3: phần đầu trang (front matter) thiếu trường 'title' (tiêu đề của "
        "trang). Cách sửa: thêm một dòng 'title: ...' phía trên dòng '---' đóng (dòng 3).",
        "docs/du-lich/x.md:3: the front matter has no 'title' (the page's title). Fix: add a line "
        "'title: ...' above the closing '---' (line 3).",
    ),
    (
        "---\ntitle: 1994\ndescription: Năm công nhận di tích.\n---\n",
        SOURCE,
        "docs/du-lich/x.md:2: 'title' phải là văn bản, nhưng YAML hiểu nó là một con số. Cách "
        'sửa: đặt văn bản trong dấu ngoặc kép: title: "...".',
        "docs/du-lich/x.md:2: 'title' must be text, but YAML reads it as a number. Fix: put the "
        'text in double quotes: title: "...".',
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\ntodo:\n  - Giờ mở cửa\n  - Năm xây: chưa rõ\n"
        "---\n",
        SOURCE,
        "docs/du-lich/x.md:6: mục 2 của 'todo' phải là văn bản, nhưng YAML hiểu nó là một nhóm "
        "trường (vì có ': '). Cách sửa: đặt mục đó trong dấu ngoặc kép: - \"...\".",
        "docs/du-lich/x.md:6: item 2 of 'todo' must be text, but YAML reads it as a group of "
        "fields (it contains ': '). Fix: put the item in double quotes: - \"...\".",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\nhide:\n  - navigation\n  - tocc\n---\n",
        SOURCE,
        "docs/du-lich/x.md:6: 'hide' không có phần 'tocc'. Cách sửa: có phải ý bạn là 'toc'?",
        "docs/du-lich/x.md:6: 'hide' has no part 'tocc'. Fix: did you mean 'toc'?",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\ntranslation:\n  status: draft\n---\n",
        SOURCE,
        "docs/du-lich/x.md:4: trang tiếng Việt là bản gốc của các bản dịch, nên không có "
        "'translation:'. Cách sửa: xóa khối 'translation:' (chỉ các bản dịch trong docs_en/ và "
        "docs_km/ mới có).",
        "docs/du-lich/x.md:4: a Vietnamese page is the source of the translations, so it has no "
        "'translation:'. Fix: delete the 'translation:' block (translations in docs_en/ and "
        "docs_km/ carry it).",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\ntranslation:\n  source_hash: 2a8bf3bc31854265"
        "\n  status: nháp\n---\n",
        TRANSLATION,
        "docs_km/du-lich/x.md:6: trạng thái bản dịch 'nháp' không hợp lệ; trạng thái duy nhất là "
        "'draft' (chưa dịch xong). Cách sửa: viết 'status: draft' khi chưa dịch xong; xóa dòng "
        "này khi đã dịch xong.",
        "docs_km/du-lich/x.md:6: the translation status 'nháp' is not known; the only status is "
        "'draft' (unfinished). Fix: write 'status: draft' while the translation is unfinished; "
        "delete the line when it is finished.",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\ntitle: Chùa Âng (Angkorajaborey)\n---\n",
        SOURCE,
        "docs/du-lich/x.md:4: trường 'title' được viết hai lần (dòng 2 và 4); chỉ lần sau cùng có "
        "hiệu lực. Cách sửa: xóa một trong hai.",
        "docs/du-lich/x.md:4: the field 'title' is written twice (lines 2 and 4); only the last "
        "one would count. Fix: delete one of them.",
    ),
    (
        "# Chùa Âng\n",
        SOURCE,
        "docs/du-lich/x.md:1: trang chưa có phần đầu trang (front matter: tiêu đề và mô tả). Cách "
        "sửa: mở đầu tệp bằng bốn dòng: '---', 'title: <tiêu đề trang>', 'description: <một câu, "
        "tối đa 160 ký tự>', '---'.",
        "docs/du-lich/x.md:1: the page has no front matter (its title and description). Fix: "
        "start the file with four lines: '---', 'title: <the page's title>', 'description: <one "
        "sentence, at most 160 characters>', '---'.",
    ),
    (
        "---\ntitle: Chùa Âng\ndescription: Chùa.\n\n# Chùa Âng\n",
        SOURCE,
        "docs/du-lich/x.md:1: phần đầu trang (front matter) chưa được đóng lại. Cách sửa: thêm "
        "một dòng '---' sau trường cuối cùng (ví dụ sau dòng 'description: ...').",
        "docs/du-lich/x.md:1: the front matter is not closed. Fix: add a line '---' after its "
        "last field (for example after 'description: ...').",
    ),
    (
        "\n---\ntitle: Chùa Âng\ndescription: Chùa.\n---\n",
        SOURCE,
        "docs/du-lich/x.md:1: phần đầu trang (front matter) phải bắt đầu ngay từ dòng đầu tiên "
        "của tệp. Cách sửa: xóa 1 dòng trống phía trên dòng '---' đầu tiên.",
        "docs/du-lich/x.md:1: the front matter must start on the very first line of the file. "
        "Fix: delete the 1 empty line(s) above the first '---'.",
    ),
]


@pytest.mark.parametrize(("text", "page", "vietnamese", "english"), CASES)
def test_each_mistake_is_located_and_explained(text, page, vietnamese, english):
    assert lines(text, page) == [(vietnamese, english)]


def test_a_draft_translation_need_not_be_complete_but_what_it_has_is_checked():
    draft = "---\ntitle: ស្រះ\ntranslation:\n  status: draft\n---\n"
    assert lines(draft, TRANSLATION) == []
    finished = draft.replace("  status: draft\n", "  source_hash: 2a8bf3bc31854265\n")
    assert [english for _vi, english in lines(finished, TRANSLATION)] == [
        "docs_km/du-lich/x.md:5: the front matter has no 'description' (a short summary for "
        "search results, at most 160 characters). Fix: add a line 'description: ...' above the "
        "closing '---' (line 5).",
    ]
    wrong = draft.replace("title: ស្រះ", "title: ស្រះ\nhide: toc")
    assert [english for _vi, english in lines(wrong, TRANSLATION)] == [
        "docs_km/du-lich/x.md:3: 'hide' must be a list. Fix: write each part on its own line "
        "under 'hide:', as '  - toc' (parts: navigation, toc, footer, path, tags, feedback).",
    ]


@pytest.mark.parametrize(
    ("text", "vietnamese", "english"),
    [
        (
            "---\ntitle: Chùa Âng\ndescription: Chùa Âng: ngôi chùa Khmer\n---\n",
            "docs/du-lich/x.md:3: nội dung YAML không hợp lệ, cột 22: có dấu ':' ở chỗ không được "
            'phép. Cách sửa: đặt giá trị trong dấu ngoặc kép, ví dụ title: "Trà Vinh: các ngôi '
            'chùa Khmer".',
            "docs/du-lich/x.md:3: is not valid YAML, column 22: mapping values are not allowed in "
            'this context. Fix: put the value in double quotes, for example title: "Trà Vinh: the '
            'Khmer pagodas".',
        ),
        (
            "---\ntitle: Chùa Âng\n\tdescription: Chùa.\n---\n",
            "docs/du-lich/x.md:3: nội dung YAML không hợp lệ, cột 1: có ký tự Tab. Cách sửa: thay "
            "ký tự Tab bằng dấu cách: YAML chỉ thụt lề bằng dấu cách.",
            "docs/du-lich/x.md:3: is not valid YAML, column 1: found a tab character that violates "
            "indentation. Fix: replace the Tab with spaces: YAML indents with spaces only.",
        ),
    ],
)
def test_yaml_syntax_errors_give_line_column_and_the_usual_fix(text, vietnamese, english):
    with pytest.raises(SiteError) as raised:
        check(text, SOURCE)
    (problem,) = raised.value.problems
    assert (problem.vietnamese(), problem.english()) == (vietnamese, english)
    assert str(problem) == f"{vietnamese}\n  {english}"
