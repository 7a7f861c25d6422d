"""Every figure has a source line for it (content.figures): what counts as a figure, as a source
line and as the subject a figure is about, checked on page texts and on tiny real sites."""

from __future__ import annotations

import pytest

from tests.conftest import LANGUAGES, TinySite
from travinh_site.content import figures, frontmatter, glossary, wording

GLOSSARY = """\
terms:
  - id: chua-khmer
    vi: chùa Khmer
    en: Khmer pagodas
    km: វត្តខ្មែរ
    also:
      vi: [số chùa Khmer]
    subject: true
  - id: nguoi-khmer
    vi: người Khmer
    en: Khmer people
    km: ប្រជាជនខ្មែរ
    also:
      vi: [tỷ lệ người Khmer]
      km: [ជនជាតិខ្មែរ]
    subject: true
  - id: ao-ba-om
    vi: Ao Bà Om
    en: Ba Om Pond
    km: ស្រះ Ao Bà Om
    subject: true
  - id: ok-om-bok
    vi: Ok Om Bok
    en: Ok Om Bok
    km: បុណ្យអកអំបុក
    also:
      km: [អកអំបុក]
    subject: true
  - id: kenh-quan-chanh-bo
    vi: kênh Quan Chánh Bố
    en: Quan Chanh Bo channel
    km: ប្រឡាយ Quan Chánh Bố
    also:
      vi: [Quan Chánh Bố]
    subject: true
  - id: bang
    vi: bảng
    en: table
    km: តារាង
units:
  - id: length-kilometer
    vi: km
    en: km
    km: គីឡូម៉ែត្រ
  - id: area-hectare
    vi: ha
    en: ha
    km: ហិកតា
  - id: length-meter
    vi: m
    en: m
    km: ម៉ែត្រ
counted:
  vi: [DWT, ngôi, người, "tháng {}"]
  en: [DWT, pagodas, lunar month]
  km: [DWT, វត្ត, "ខែទី {}"]
sources:
  vi: [Nguồn]
  en: [Sources, Source]
  km: [ប្រភព]
"""
TERMS = glossary.parse(GLOSSARY, LANGUAGES)


def page(body: str, title: str = "Trang", description: str = "Mô tả.") -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}"


def found(text: str, code: str = "vi") -> list[tuple[str, str | None]]:
    meta, body, first = frontmatter.split(text, "x.md")
    read = figures.read(TERMS, code, meta, wording.meta_lines(text), body, first)
    return [(f.text, f.subject.id if f.subject else None) for f in read.figures]


def problems(text: str, code: str = "vi", shown_as: str = "docs/x.md") -> list:
    return wording.problems(TERMS, code, shown_as, text)


def test_what_counts_as_a_figure():
    body = (
        "Bờ biển dài 65 km. Ao rộng khoảng 500 × 300 m, tàu 10.000–20.000 DWT, 31–32% dân số.\n"
        "Di tích từ năm 1994; từ ngày 1/7/2025; mở cửa tháng 11/1997; rằm tháng 10 âm lịch.\n"
        "Không phải số liệu: Nghị quyết 202/2025/QH15, post982254, số 00142, mục II.5.2, "
        "Duyên Hải 1, 3 lần.\n\n"
        "## Tiêu đề năm 2025 không phải số liệu\n\n"
        "[Kế hoạch năm 2025](ke-hoach.md) và `1968` cũng không.\n"
    )
    assert [text for text, _ in found(page(body))] == [
        "65 km",
        "500 × 300 m",
        "10.000–20.000 DWT",
        "31–32%",
        "1994",
        "1/7/2025",
        "tháng 11/1997",
        "tháng 10",
    ]


def test_what_a_figure_is_about():
    body = (
        "Người Khmer chiếm khoảng 31–32% dân số, và vùng có hơn 140 ngôi chùa Khmer.\n\n"
        "Lễ hội Ok Om Bok (rằm tháng 10 âm lịch) diễn ra bên Ao Bà Om.\n\n"
        "Từ ngày 1/7/2025, Ao Bà Om thuộc phường Nguyệt Hóa.\n\n"
        "Vùng có 65 km bờ biển.\n"
    )
    assert found(page(body)) == [
        ("31–32%", "nguoi-khmer"),  # the subject of its clause
        ("140 ngôi", "chua-khmer"),  # not "Người Khmer", in the clause before
        ("tháng 10", "ok-om-bok"),  # the term before its parenthesis
        ("1/7/2025", None),  # a year is about a subject of its own clause only
        ("65 km", None),  # a subject the glossary does not know
    ]
    khmer = "ជនជាតិខ្មែរមានប្រមាណ 31–32% ហើយតំបន់នេះមានវត្តខ្មែរជាង 140 វត្ត។\n"
    # Khmer writes spaces between phrases: the subject is the one before, in its phrase.
    assert found(page(khmer), "km") == [("31–32%", "nguoi-khmer"), ("140 វត្ត", "chua-khmer")]
    # ... even when the next phrase's term is nearer.
    assert found(page("ជនជាតិខ្មែរជាង 31–32% វត្តខ្មែរ។\n"), "km") == [("31–32%", "nguoi-khmer")]


SOURCED = "- Tỷ lệ người Khmer: english.vov.vn (post982254).\n"


def test_a_figure_whose_subject_no_source_line_names_is_reported():
    text = page(
        "Người Khmer chiếm khoảng 31–32% dân số; hơn 140 ngôi chùa Khmer.\n\n"
        "Hơn 140 ngôi chùa Khmer, một lần nữa.\n\n## Nguồn\n\n" + SOURCED
    )
    (problem,) = problems(text)
    assert problem.file == "docs/x.md" and problem.line == 8
    assert problem.problem == (
        "'140 ngôi' (line 8), '140 ngôi' (line 10): about 'chùa Khmer', but no source line of "
        "the page names 'chùa Khmer'."
    )
    assert problem.fix.startswith("add a line under '## Nguồn' such as '- chùa Khmer: <")
    assert problem.problem_vi.endswith(
        "nói về 'chùa Khmer', nhưng không dòng nguồn nào của trang nêu 'chùa Khmer'."
    )
    fixed = text + "- Số chùa Khmer: tổng hợp các nguồn (142, 143, gần 150 ngôi).\n"
    assert problems(fixed) == []


def test_a_page_with_figures_and_no_source_line_is_one_problem():
    text = page("Vùng có 65 km bờ biển.\n\nĐi 50 km.\n", description="Bờ biển 65 km.")
    (problem,) = problems(text)
    assert problem.line == 3  # the description's figure comes first
    assert problem.problem == (
        "the page gives figures ('65 km' (line 3), '65 km' (line 8), '50 km' (line 10)) but no "
        "source for them."
    )
    assert "'## Nguồn'" in problem.fix and "'## Nguồn'" in problem.fix_vi
    # Any source line will do for figures about no subject the glossary knows...
    assert problems(text + "\n## Nguồn\n\n- vir.com.vn.\n") == []
    # ... and so does a paragraph starting "Nguồn:", a footnote, or a data block.
    assert problems(text + "\nNguồn: vir.com.vn.\n") == []
    assert problems(text + "\n[^1]: vir.com.vn.\n") == []
    assert problems(text + "\n{{ khu-dau-tu }}\n") == []


def test_what_else_gives_a_figure_its_source():
    # The page's own topic (its title names the subject): any source line of the page.
    on_topic = page(
        "Ao Bà Om là di tích quốc gia, rộng khoảng 500 × 300 m.\n\n"
        "## Nguồn\n\n- truyenhinhvov.vn.\n",
        title="Ao Bà Om",
    )
    assert problems(on_topic) == []
    # ... and a sentence that names the topic is about it, whatever else it names.
    near_a_pagoda = page(
        "Ao Bà Om nằm gần một ngôi chùa Khmer, cách thành phố khoảng 40 km.\n\n"
        "## Nguồn\n\n- x.vn.\n",
        title="Ao Bà Om",
    )
    assert found(near_a_pagoda) == [("40 km", "ao-ba-om")]
    assert problems(near_a_pagoda) == []
    # A footnote right after the figure.
    footnoted = page(
        "Kênh Quan Chánh Bố dài khoảng 40 km[^1].\n\n## Nguồn\n\n- Khác: x.vn.\n\n[^1]: portcoast."
        "com.vn.\n"
    )
    assert problems(footnoted) == []
    # A table row whose "Nguồn" column is filled (the fact sheet).
    table = page(
        "| Nội dung | Số liệu | Nguồn |\n|---|---|---|\n| Chùa Khmer | hơn 140 ngôi | tổng hợp |\n"
        "| Kênh Quan Chánh Bố | 40 km | |\n\n## Nguồn\n\n- Khác: x.vn.\n"
    )
    (problem,) = problems(table)
    assert problem.line == 11 and "'40 km'" in problem.problem  # its source cell is empty
    # A data block names no subject: the channel's figures still need their own line.
    block = page("{{ khu-dau-tu }}\n\nKênh Quan Chánh Bố dài khoảng 40 km.\n")
    (problem,) = problems(block)
    assert "about 'kênh Quan Chánh Bố'" in problem.problem


@pytest.mark.parametrize(
    ("code", "body", "subject"),
    [
        (
            "en",
            "Ok Om Bok is held at the full moon of the 10th lunar month.\n\n## Sources\n\n"
            "- Chol Chnam Thmay: vietnamplus.vn.\n",
            "Ok Om Bok",
        ),
        (
            "km",
            "វត្តខ្មែរជាង 140 វត្ត។\n\n## ប្រភព\n\n- ភាគរយនៃប្រជាជនខ្មែរ៖ english.vov.vn។\n",
            "វត្តខ្មែរ",
        ),
    ],
)
def test_every_language_is_checked_in_its_own_words(code: str, body: str, subject: str):
    (problem,) = problems(page(body), code, f"docs_{code}/x.md")
    assert f"about '{subject}'" in problem.problem
    heading = "## Sources" if code == "en" else "## ប្រភព"
    assert f"'{heading}'" in problem.fix


HOME = """---
title: Vùng Trà Vinh
description: Vùng Trà Vinh ven biển.
---

# Vùng Trà Vinh

Người Khmer chiếm khoảng 31–32% dân số; hơn 140 ngôi chùa Khmer làm nên bản sắc của vùng.

[Ao Bà Om](du-lich/ao-ba-om.md)

## Nguồn

- Tỷ lệ người Khmer: english.vov.vn (post982254).
"""


@pytest.fixture
def figure_site(tiny_site: TinySite) -> TinySite:
    tiny_site.write(glossary.GLOSSARY_FILE, GLOSSARY)
    # The default pages give "500 × 300 m" about Ao Bà Om, on the Ao Bà Om page.
    for folder, source in (("docs", "Nguồn"), ("docs_en", "Sources")):
        path = tiny_site.root / folder / "du-lich" / "ao-ba-om.md"
        path.write_text(path.read_text() + f"\n## {source}\n\n- truyenhinhvov.vn.\n")
    return tiny_site


def test_the_build_fails_on_a_figure_without_its_source_and_passes_once_it_has_one(
    figure_site: TinySite,
):
    """The issue's case: the home page says "more than 140 pagodas", and its sources say
    nothing about pagodas."""
    figure_site.write("docs/index.md", HOME)
    result = figure_site.build()
    assert result.returncode != 0
    assert (
        "docs/index.md:8: '140 ngôi' (dòng 8): nói về 'chùa Khmer', nhưng không dòng nguồn nào "
        "của trang nêu 'chùa Khmer'. Cách sửa: thêm dưới '## Nguồn' một dòng như '- chùa Khmer: "
        in result.output
    )
    assert "  docs/index.md:8: '140 ngôi' (line 8): about 'chùa Khmer'" in result.output
    assert "Traceback" not in result.output
    figure_site.write(
        "docs/index.md", HOME + "- Chùa Khmer: tổng hợp các nguồn (142, 143, gần 150 ngôi).\n"
    )
    result = figure_site.build()
    assert result.returncode == 0, result.output
