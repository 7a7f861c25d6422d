"""Content checks of translations (travinh_site.translations.checks), one case per row."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LANGUAGES
from tests.coverage_helpers import page, stamped, write
from travinh_site.translations.coverage import Navigation, check
from travinh_site.translations.quantities import reader

SOURCE = page(
    "Ao Bà Om",
    "Ao Bà Om là di tích quốc gia từ năm 1994.",
    "# Ao Bà Om\n\n"
    "Ao rộng khoảng 500 × 300 m, được công nhận ngày 20/7/1994 và có 1.009 cây.\n\n"
    "![Ao Bà Om lúc bình minh](../assets/ao.svg)\n\n"
    "[Trang chủ](index.md)\n",
)
GOOD_EN = page(
    "Ba Om Pond",
    "Ba Om Pond has been a national relic since 1994.",
    "# Ba Om Pond\n\n"
    "The pond is about 500 × 300 m, recognised on 20 July 1994, with 1,009 trees.\n\n"
    "![Ba Om Pond at dawn](../assets/ao.svg)\n\n"
    "[Home](index.md)\n",
)
GOOD_KM = page(
    "ស្រះបាអុំ",
    "ស្រះបាអុំជាបេតិកភណ្ឌជាតិតាំងពីឆ្នាំ 1994។",
    "# ស្រះបាអុំ\n\n"
    "ស្រះមានទំហំប្រមាណ 500 × 300 ម៉ែត្រ ទទួលស្គាល់នៅថ្ងៃទី 20 ខែកក្កដា ឆ្នាំ 1994 "
    "និងមានដើមឈើ 1,009 ដើម។\n\n"
    "![ស្រះបាអុំពេលព្រឹក](../assets/ao.svg)\n\n"
    "[ទំព័រដើម](index.md)\n",
)

# (case, language, edit of the good translation, expected finding lines)
CASES = [
    ("a good English page", "en", {}, []),
    ("a good Khmer page", "km", {}, []),
    (
        "title left in Vietnamese",
        "en",
        {"title: Ba Om Pond": "title: Ao Bà Om"},
        [
            "docs_en/du-lich/ao.md:2: the title is the same as in the Vietnamese page. "
            "Fix: translate the title into English. [front-matter]",
            "docs_en/du-lich/ao.md:2: Vietnamese letters left in the English text: 'Bà'. Fix: "
            "translate it, or write names without diacritics as the other English pages do "
            "('Tra Vinh'). [script]",
        ],
    ),
    (
        "no description",
        "en",
        {"description: Ba Om Pond has been a national relic since 1994.\n": ""},
        [
            "docs_en/du-lich/ao.md:1: the front matter has no description. Fix: add "
            "'description: …' in English. [front-matter]",
            "docs_en/du-lich/ao.md:2: numbers or dates of the Vietnamese text are missing here: "
            "'1994'. Fix: check them against the source and write them the way this language "
            "does (digits kept, dates in full). [numbers]",
        ],
    ),
    (
        "alt text left in Vietnamese",
        "km",
        {"ស្រះបាអុំពេលព្រឹក": "Ao Bà Om lúc bình minh"},
        [
            "docs_km/du-lich/ao.md:10: the alt text of the image 'ao.svg' is the same as in the "
            "Vietnamese page ('Ao Bà Om lúc bình minh'). Fix: translate it into Khmer. [alt-text]",
        ],
    ),
    (
        "alt text removed, image dropped",
        "en",
        {"![Ba Om Pond at dawn](../assets/ao.svg)": "![](../assets/ao.svg)"},
        [
            "docs_en/du-lich/ao.md:10: the image 'ao.svg' has no alt text. Fix: describe the "
            "image in English between '![' and ']'. [alt-text]",
        ],
    ),
    (
        "image left out",
        "en",
        {"![Ba Om Pond at dawn](../assets/ao.svg)\n\n": ""},
        [
            "docs_en/du-lich/ao.md:5: the Vietnamese page shows the image 'ao.svg' (line 10 of "
            "docs/du-lich/ao.md); this translation does not. Fix: add it with the same path and "
            "an alt text in this language, or remove it from the source if it is no longer "
            "wanted. [image-missing]",
        ],
    ),
    (
        "paragraph copied from the source",
        "km",
        {
            "ស្រះមានទំហំប្រមាណ 500 × 300 ម៉ែត្រ ទទួលស្គាល់នៅថ្ងៃទី 20 ខែកក្កដា ឆ្នាំ 1994 "
            "និងមានដើមឈើ 1,009 ដើម។": "Ao rộng khoảng 500 × 300 m, được công nhận ngày "
            "20/7/1994 và có 1.009 cây."
        },
        [
            "docs_km/du-lich/ao.md:8: this paragraph is the same as in the Vietnamese page ('Ao "
            "rộng khoảng 500 × 300 m, được công nhận ngày 20/7/1994 v…'). Fix: translate it "
            "into Khmer. [identical-paragraph]",
            "docs_km/du-lich/ao.md:8: this paragraph has no Khmer letters ('Ao rộng khoảng 500 "
            "× 300 m, được công nhận ngày 20/7/1994 v…'). Fix: translate it into Khmer. "
            "[script]",
            # Khmer groups digits with ',' like Babel's km locale: '1.009' there is 1.009, not
            # the 1009 of the Vietnamese '1.009'. (20/7/1994 is day first in both locales.)
            "docs_km/du-lich/ao.md:6: numbers or dates of the Vietnamese text are missing here: "
            "'1.009'. Fix: check them against the source and write them the way this language "
            "does (digits kept, dates in full). [numbers]",
        ],
    ),
    (
        "Vietnamese words in English prose",
        "en",
        {"The pond is about": "Ao Bà Om is about"},
        [
            "docs_en/du-lich/ao.md:8: Vietnamese letters left in the English text: 'Bà'. Fix: "
            "translate it, or write names without diacritics as the other English pages do "
            "('Tra Vinh'). [script]",
        ],
    ),
    (
        "links to pages in other languages",
        "en",
        {
            "[Home](index.md)": "[Home](../../docs/index.md) [Khmer](../../km/index.md) "
            "[site](https://example.org/index.html)"
        },
        [
            "docs_en/du-lich/ao.md:12: the link '../../docs/index.md' leads to the Vietnamese "
            "version of a page. Fix: link to the page as the source does, relative to this file "
            "(for example '../du-lich/ao-ba-om.md'): the site then shows it in this page's "
            "language. [cross-language-link]",
            "docs_en/du-lich/ao.md:12: the link '../../km/index.md' leads to the Khmer version of "
            "a page. Fix: link to the page as the source does, relative to this file (for "
            "example '../du-lich/ao-ba-om.md'): the site then shows it in this page's language. "
            "[cross-language-link]",
            "docs_en/du-lich/ao.md:12: the link 'https://example.org/index.html' leads to the "
            "Vietnamese version of a page. Fix: link to the page as the source does, relative "
            "to this file (for example '../du-lich/ao-ba-om.md'): the site then shows it in "
            "this page's language. [cross-language-link]",
        ],
    ),
    (
        "a changed figure and a date shortened",
        "en",
        {"500 × 300 m": "600 × 300 m", "20 July 1994": "July 1994"},
        [
            "docs_en/du-lich/ao.md:6: numbers or dates of the Vietnamese text are missing here: "
            "'500', '20/7/1994' (this text has '600', 'July 1994' instead?). Fix: check them "
            "against the source and write them the way this language does (digits kept, dates "
            "in full). [numbers]",
        ],
    ),
    (
        "a summary (translation: summary: true) may leave figures out",
        "en",
        {
            "since 1994.\n": "since 1994.\ntranslation:\n  summary: true\n",
            "500 × 300 m": "600 × 300 m",
            "20 July 1994": "July 1994",
        },
        [],
    ),
]


@pytest.mark.parametrize(
    ("language", "edits", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_content_check(tmp_path: Path, language: str, edits: dict[str, str], expected: list[str]):
    text = GOOD_EN if language == "en" else GOOD_KM
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    folder = "docs_en" if language == "en" else "docs_km"
    write(
        tmp_path,
        {
            "docs/du-lich/ao.md": SOURCE,
            "docs/index.md": page("Trang chủ", "Trang chủ.", "Trang chủ.\n"),
            f"{folder}/du-lich/ao.md": text,
        },
    )
    report = check(tmp_path, LANGUAGES, use_git=False, site_url="https://example.org/")
    assert report.errors == []
    assert [f"{f.problem.english()} [{f.check}]" for f in report.findings] == expected
    assert all(f.problem.vietnamese() for f in report.findings)  # editors read Vietnamese


def test_only_the_checks_asked_for_are_reported(tmp_path: Path):
    # A figure changed, the image dropped and the description left in Vietnamese: three kinds.
    text = GOOD_EN.replace("500 × 300 m", "600 × 300 m").replace(
        "![Ba Om Pond at dawn](../assets/ao.svg)\n\n", ""
    )
    text = text.replace(
        "Ba Om Pond has been a national relic since 1994.",
        "Ao Bà Om là di tích quốc gia từ năm 1994.",
    )
    write(tmp_path, {"docs/du-lich/ao.md": SOURCE, "docs_en/du-lich/ao.md": text})

    def kinds(checks: tuple[str, ...] | None) -> list[str]:
        options = {} if checks is None else {"checks": checks}
        report = check(tmp_path, LANGUAGES, use_git=False, **options)
        return sorted({finding.check for finding in report.findings})

    assert kinds(None) == ["front-matter", "image-missing", "numbers", "script"]
    assert kinds(("numbers",)) == ["numbers"]
    assert kinds(("alt-text",)) == []  # the same check finds missing images: not asked for
    assert kinds(("image-missing", "script")) == ["image-missing", "script"]


def test_navigation_labels_need_a_translation_per_language(tmp_path: Path):
    write(tmp_path, {"docs/index.md": page("Trang chủ", "Trang chủ.", "Trang chủ.\n")})
    navigation = Navigation(
        labels=(("Trang chủ", 41), ("Du lịch", 42), ("Chùa Âng", 43)),
        translations={
            "en": {"Trang chủ": "Home", "Du lịch": "Du lịch", "Chùa Âng": "Ang Pagoda"},
            "km": {"Trang chủ": "ទំព័រដើម", "Du lịch": "ទេសចរណ៍"},
        },
    )
    report = check(tmp_path, LANGUAGES, navigation, use_git=False)
    assert [finding.problem.english() for finding in report.findings] == [
        "mkdocs.yml:42: the English navigation label for 'Du lịch' ('Du lịch') has Vietnamese "
        "letters. Fix: translate it, or write names without diacritics ('Tra Vinh').",
        "mkdocs.yml:43: the navigation label 'Chùa Âng' has no Khmer translation. Fix: add "
        "'Chùa Âng: …' under 'nav_translations:' of language 'km' (plugins > i18n > languages).",
    ]


def test_navigation_of_the_project_names_each_label_line():
    from tests.conftest import PROJECT
    from travinh_site.translations.coverage import navigation_of

    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation = navigation_of(text, None, [])
    lines = text.split("\n")
    labels = [label for label, _line in navigation.labels]
    assert {"Du lịch", "Đầu tư", "Sản vật"} <= set(labels)  # sections of the menu are labels
    for label, line in navigation.labels:
        assert lines[line - 1].strip().startswith(f"- {label}:"), (label, line)


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("vi", "ngày 1 tháng 7 năm 2025", ["2025-07-01"]),
        ("vi", "Tháng 12 năm 2024 và tháng 1/2025", ["2024-12", "2025-01"]),
        ("vi", "1.009.168 người, 3,5 ha, 31–32%", ["1009168", "3.5", "31", "32"]),
        ("en", "1 July 2025; July 1, 2025; 2025-07-01", ["2025-07-01"] * 3),
        ("en", "you may visit in 2025", ["2025"]),  # "may" is no month
        ("en", "1,009,168 people on 3.5 ha", ["1009168", "3.5"]),
        ("km", "ថ្ងៃទី 20 ខែកក្កដា ឆ្នាំ 1994", ["1994-07-20"]),
        ("km", "1,009,168 នាក់", ["1009168"]),
        ("km", "ថ្ងៃទី 1\nខែកក្កដា ឆ្នាំ 2025", ["2025-07-01"]),  # a soft line break inside
        ("km", "ថ្ងៃទី 1\n\nខែកក្កដា ឆ្នាំ 2025", ["1", "2025-07"]),  # not across a paragraph
        ("vi", "giữa tháng 4 dương lịch", ["--04"]),  # a month of no given year
        ("en", "in mid-April; on 1 July", ["--04", "--07-01"]),
        ("vi", "Công nghiệp 4.0, mục 4.3", ["4.0", "4.3"]),  # not numbers in vi: labels
        ("vi", "Nghị quyết 202/2025/QH15 (sap-xep-124-xa, 111250701123506887)", ["202", "2025"]),
    ],
)
def test_numbers_and_dates_are_read_the_way_each_language_writes_them(language, text, values):
    assert [quantity.value for quantity in reader(language).read(text)] == values


def test_a_stamped_page_with_content_problems_is_still_current(tmp_path: Path):
    """Checks report problems; the state says only whether the translation follows the source."""
    write(
        tmp_path,
        {
            "docs/index.md": SOURCE,
            "docs_en/index.md": stamped(GOOD_EN.replace("Ba Om Pond", "Ao Bà Om"), SOURCE),
        },
    )
    report = check(tmp_path, LANGUAGES, use_git=False)
    assert report.status("index.md", "en").state == "translated"
    assert {finding.check for finding in report.findings} == {
        "front-matter",  # the title
        "script",  # 'Bà' in the title and heading (headings are names often: not compared)
    }


def test_a_khmer_page_mostly_in_latin_letters(tmp_path: Path):
    english = "Ba Om Pond, a national relic since 1994, recognised on 20 July 1994."
    text = GOOD_KM.replace("ស្រះបាអុំជាបេតិកភណ្ឌជាតិតាំងពីឆ្នាំ 1994។", english)
    text = text.replace(
        "ស្រះមានទំហំប្រមាណ 500 × 300 ម៉ែត្រ ទទួលស្គាល់នៅថ្ងៃទី 20 ខែកក្កដា ឆ្នាំ 1994 និងមានដើមឈើ 1,009 ដើម។",
        "ស្រះ " + english.replace("1994.", "1994, 500 × 300 m, 1,009 trees."),
    )
    write(tmp_path, {"docs/du-lich/ao.md": SOURCE, "docs_km/du-lich/ao.md": text})
    report = check(tmp_path, LANGUAGES, use_git=False)
    [finding] = report.findings_of("script")  # (its English date is a "numbers" finding)
    share = int(finding.problem.problem.split("%")[0].removeprefix("only "))
    assert share < 60
    assert finding.problem.english() == (
        f"docs_km/du-lich/ao.md:5: only {share}% of its letters are Khmer (at least 60% "
        "expected): parts of it are probably not translated yet. Fix: translate the remaining "
        "text into Khmer; keep only names in Latin letters."
    )
