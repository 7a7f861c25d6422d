"""Khmer word segmentation (travinh_site.text.khmer): ICU's words, and the cut the browser
repeats."""

from __future__ import annotations

import pytest

from travinh_site.text.khmer import ZWSP, Segmenter, Vocabulary, cut, lengths_by_start, runs

# Real Khmer text of the site (docs_km/, and the province's Khmer names from FACTS.md).
KHMER_TEXTS = [
    "តំបន់ត្រាវិញ (Trà Vinh) គឺជាអតីតខេត្តត្រាវិញ ដែលជាផ្នែកមួយនៃខេត្តវិញឡុង (Vĩnh Long) "
    "ចាប់ពីថ្ងៃទី 1 ខែកក្កដា ឆ្នាំ 2025។ នេះជាតំបន់មាត់សមុទ្រនៃដីសណ្ដទន្លេមេគង្គ "
    "ដែលសហគមន៍ខ្មែរមានប្រមាណ 31–32% នៃចំនួនប្រជាជនសរុប។",
    "ស្រះ Ao Bà Om គឺជាទីតាំងបេតិកភណ្ឌថ្នាក់ជាតិតាំងពីឆ្នាំ 1994។ ស្រះនេះមានទំហំប្រមាណ "
    "500 × 300 ម៉ែត្រ ស្ថិតនៅក្នុងតំបន់ដែលមានផ្ទៃជាង 300 ហិកតា និងមានដើមទាលចាស់ៗជិត 500 ដើម។ "
    "ស្រះនេះជាទីកន្លែងសំខាន់នៃពិធីបុណ្យអកអំបុក។",
    "ឈ្មោះខ្មែររបស់ខេត្ត៖ ខេត្តត្រាវិញ។ ឈ្មោះប្រវត្តិសាស្ត្រគឺ ព្រះត្រពាំង។",
]


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def test_icu_cuts_a_run_into_words_that_make_it_up(segmenter: Segmenter):
    run = "ខេត្តត្រាវិញ"
    words = segmenter.words(run)
    assert "".join(words) == run
    assert words[0] == "ខេត្ត" and len(words) > 1  # "province" + the name


def test_icu_keeps_preah_trapeang_whole(segmenter: Segmenter):
    """Why the browser also looks for a query word inside the index's words."""
    assert segmenter.words("ព្រះត្រពាំង") == ["ព្រះត្រពាំង"]


def test_runs_end_at_khmer_punctuation_spaces_and_latin():
    found = [match.group() for match in runs("ខេត្ត៖ ស្រះ Ao Bà Om។ឆ្នាំ2025")]
    assert found == ["ខេត្ត", "ស្រះ", "ឆ្នាំ"]


# Columns: run, vocabulary, expected pieces — the rule is: fewest characters outside any word,
# then fewest words, then the longest first word; unknown characters stay together.
CUTS = [
    ("abc", {"a", "b", "c", "ab", "bc"}, ["ab", "c"]),  # 2 words either way: longest first
    ("abc", {"a", "bc", "abc"}, ["abc"]),  # fewest words
    ("abxyc", {"ab", "c"}, ["ab", "xy", "c"]),  # unknown characters kept as one piece
    ("xyz", set(), ["xyz"]),
    ("abcd", {"abc", "ab", "cd"}, ["ab", "cd"]),  # covering everything beats a longer word
    ("", {"a"}, []),
]


@pytest.mark.parametrize(("run", "vocabulary", "expected"), CUTS)
def test_cut_rule(run: str, vocabulary: set[str], expected: list[str]):
    assert cut(run, frozenset(vocabulary), lengths_by_start(vocabulary)) == expected


def test_cut_over_the_index_words_alone_gives_the_same_words(segmenter: Segmenter):
    """The browser knows only the words the index holds; cutting over them must give the
    build's words (the fixed point the browser's segmentation relies on)."""
    vocabulary = Vocabulary(segmenter, KHMER_TEXTS)
    all_runs = [match.group() for text in KHMER_TEXTS for match in runs(text)]
    build = {run: vocabulary.cut(run) for run in all_runs}
    used = frozenset(word for words in build.values() for word in words)
    assert {run: cut(run, used, lengths_by_start(used)) for run in all_runs} == build
    # and on real text the build's words are ICU's words
    assert all(build[run] == segmenter.words(run) for run in all_runs)


def test_mark_joins_words_with_zero_width_spaces_and_keeps_the_text(segmenter: Segmenter):
    text = "ខេត្តត្រាវិញ ឆ្នាំ2025 (Trà Vinh)"
    marked = Vocabulary(segmenter, [text]).mark(text)
    assert marked.replace(ZWSP, "") == text
    assert marked.startswith("ខេត្ត" + ZWSP)
    assert "ឆ្នាំ" + ZWSP + "2025" in marked  # a run touching digits is cut from them
    assert "(Trà Vinh)" in marked  # Latin text untouched
