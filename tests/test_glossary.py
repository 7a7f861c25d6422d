"""The glossary (assets/data/thuat-ngu.yml): reading it, finding its terms, and the check that
reports a variant to avoid with the preferred term as the fix, on tiny real sites."""

from __future__ import annotations

import pytest

from tests.conftest import DEFAULT_NAV, LANGUAGES, PROJECT, TinySite, make_tiny_site
from travinh_site.content import glossary, wording
from travinh_site.errors import SiteError

GLOSSARY = """\
terms:
  - id: song-hau
    vi: sông Hậu
    en: Hau River
    km: ទន្លេ Hậu
    avoid:
      en: [Hau river]
      km: [ទន្លេបាសាក់]
  - id: chi-dan-dia-ly
    vi: chỉ dẫn địa lý
    en: geographical indication
    km: សូចនាករភូមិសាស្ត្រ
    avoid:
      en: [geographic indication]
      km: [សញ្ញាសម្គាល់ភូមិសាស្ត្រ]
  - id: khu-kinh-te-dinh-an
    vi: Khu kinh tế Định An
    en: Dinh An Economic Zone
    km: តំបន់សេដ្ឋកិច្ច Định An
    also:
      vi: [Định An]
    subject: true
units:
  - id: area-hectare
    vi: ha
    en: ha
    km: ហិកតា
sources:
  vi: [Nguồn]
  en: [Sources]
  km: [ប្រភព]
label:
  vi: ":"
  en: ":"
  km: "៖"
"""


def parsed(text: str = GLOSSARY) -> glossary.Glossary:
    return glossary.parse(text, LANGUAGES)


def test_terms_are_found_leftmost_longest_whole_words_and_khmer_as_written():
    terms = parsed()
    found = terms.occurrences("Khu kinh tế Định An và Định An; không phải Định Anh.", "vi")
    # The long form is one occurrence, not "Định An" inside it; "Định Anh" is another word.
    assert [(o.written, o.term.id) for o in found] == [
        ("Khu kinh tế Định An", "khu-kinh-te-dinh-an"),
        ("Định An", "khu-kinh-te-dinh-an"),
    ]
    # The first letter may be a capital (a sentence's start); the rest is as written.
    assert [o.written for o in terms.occurrences("Geographic indication, geographic", "en")] == [
        "Geographic indication"
    ]
    assert [o.written for o in terms.occurrences("the Hau River, the Hau river", "en")] == [
        "Hau River",
        "Hau river",
    ]
    khmer = terms.occurrences("ចូលទន្លេបាសាក់។", "km")  # no spaces between Khmer words
    assert [(o.written, o.avoided) for o in khmer] == [("ទន្លេបាសាក់", True)]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("terms: []\nunit:\n  vi: [ha]\n", 2, "no section 'unit'"),
        ("terms:\n  - id: a\n    vi: x\n    fr: y\n", 4, "'fr' is neither a language"),
        ("terms:\n  - id: a\n    vi: x\n  - id: a\n    vi: y\n", 4, "written twice"),
        ("terms:\n  - vi: x\n", 2, "has no 'id'"),
        (
            "terms:\n  - id: a\n    vi: x\n  - id: b\n    vi: y\n    avoid:\n      vi: [x]\n",
            4,
            "'x' (vi) is listed under both 'a' and 'b'",
        ),
        ("terms:\n  - id: a\n    avoid: [x]\n", 3, "per language"),
        ("terms: [\n", 2, "not valid YAML"),
    ],
)
def test_a_broken_glossary_is_one_line_per_mistake(text: str, line: int, says: str):
    with pytest.raises(SiteError) as raised:
        parsed(text)
    problem = raised.value.problems[0]
    assert problem.file == glossary.GLOSSARY_FILE
    assert problem.line == line
    assert says in problem.problem
    assert problem.problem_vi and problem.fix and problem.fix_vi


def test_the_page_check_reads_what_visitors_read():
    terms = parsed()
    text = (
        "---\ntitle: Sông\ndescription: Nói về ទន្លេបាសាក់.\ntodo:\n  - ទន្លេបាសាក់ (ghi chú)\n---\n"
        "\n# ទំព័រ\n\nនាវាចូល[ទន្លេបាសាក់](x.md)។\n\n`ទន្លេបាសាក់`\n\n"
        "![ទន្លេ](ទន្លេបាសាក់.svg)\n"
    )
    found = wording.problems(terms, "km", "docs_km/x.md", text)
    # The description (line 3) and the link's text (line 10): not todo, code or a file name.
    assert [(p.line, p.fix) for p in found] == [(3, "write 'ទន្លេ Hậu'."), (10, "write 'ទន្លេ Hậu'.")]
    assert "ទន្លេបាសាក់" in found[0].problem and "thuat-ngu.yml" in found[0].problem
    assert found[0].fix_vi == "viết 'ទន្លេ Hậu'."


@pytest.fixture
def glossary_site(tiny_site: TinySite) -> TinySite:
    tiny_site.write(glossary.GLOSSARY_FILE, GLOSSARY)
    return tiny_site


def test_a_variant_fails_the_build_with_file_line_and_the_preferred_term(glossary_site: TinySite):
    glossary_site.write(
        "docs_km/index.md",
        "---\ntitle: ទំព័រដើម\ndescription: ការពិពណ៌នាទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
        "នាវាធំៗចូលទន្លេបាសាក់។\n\n[ស្រះ](du-lich/ao-ba-om.md)\n",
    )
    result = glossary_site.build()
    assert result.returncode != 0
    assert (
        "docs_km/index.md:8: 'ទន្លេបាសាក់' không phải thuật ngữ đã thống nhất trong bảng thuật "
        "ngữ (assets/data/thuat-ngu.yml, 'song-hau'). Cách sửa: viết 'ទន្លេ Hậu'." in result.output
    )
    assert "docs_km/index.md:8: 'ទន្លេបាសាក់' is not the glossary's term" in result.output
    assert "Traceback" not in result.output
    glossary_site.write(
        "docs_km/index.md",
        "---\ntitle: ទំព័រដើម\ndescription: ការពិពណ៌នាទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
        "នាវាធំៗចូលទន្លេ Hậu។\n\n[ស្រះ](du-lich/ao-ba-om.md)\n",
    )
    assert glossary_site.build().returncode == 0


def test_a_variant_in_a_data_record_is_reported_at_its_line(glossary_site: TinySite):
    glossary_site.write(
        "assets/data/co-quan.yml",
        "- id: ubnd\n  type: GovernmentOrganization\n  page: index.md\n"
        "  name: {vi: Ủy ban, en: Committee, km: គណៈកម្មាធិការ}\n"
        "  description:\n    vi: Ven sông Hậu.\n    en: By the Hau river.\n    km: ក្បែរទន្លេ Hậu។\n"
        "  source: example.vn\n",
    )
    result = glossary_site.build()
    assert result.returncode != 0
    # The line of the field's value (the description starts on line 6).
    assert "assets/data/co-quan.yml:6: 'Hau river' is not the glossary's term" in result.output
    assert "Fix: write 'Hau River'." in result.output


def test_a_broken_glossary_stops_the_build_before_anything_is_written(tmp_path):
    site = make_tiny_site(tmp_path / "project")
    site.write(glossary.GLOSSARY_FILE, "terms:\n  - id: a\n    vi: x\n    fr: y\n")
    result = site.build()
    assert result.returncode != 0
    assert "assets/data/thuat-ngu.yml:4: 'fr' is neither a language" in result.output
    assert "Traceback" not in result.output
    assert not (site.root / "site" / "index.html").exists()


def test_the_project_glossary_reads_and_its_khmer_terms_are_the_pages_own():
    """The project's glossary parses, and each Khmer term it prefers is one the Khmer pages
    use (it records the site's choice; it does not bring in new words)."""
    terms = glossary.load(PROJECT, LANGUAGES)
    assert terms is not None
    khmer_pages = "\n".join(
        path.read_text(encoding="utf-8") for path in (PROJECT / "docs_km").rglob("*.md")
    )
    data = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (PROJECT / "assets" / "data").glob("*.yml")
        if path.name != "thuat-ngu.yml"
    )
    for term in terms.terms:
        if term.avoid.get("km"):
            assert term.preferred["km"] in khmer_pages + data, term.id


def test_the_data_tables_write_units_and_labels_as_the_glossary_does(glossary_site: TinySite):
    glossary_site.write(
        "assets/data/khu-dau-tu.yml",
        "- id: khu-a\n  type: industrial-park\n  name: {vi: Khu A, en: Park A, km: តំបន់ A}\n"
        "  area: 100\n  source: example.vn (1)\n",
    )
    for folder, title in (("docs", "Đầu tư"), ("docs_en", "Investment"), ("docs_km", "វិនិយោគ")):
        glossary_site.write(
            f"{folder}/dau-tu.md",
            f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n"
            "{{ khu-dau-tu }}\n",
        )
    glossary_site.set_nav([*DEFAULT_NAV, {"Đầu tư": "dau-tu.md"}])
    result = glossary_site.build()
    assert result.returncode == 0, result.output
    khmer = result.text("km/dau-tu.html")
    assert 'ផ្ទៃដី៖ <span class="tv-data__value">100 ហិកតា</span>' in khmer
    assert "100 ha" not in khmer and "ផ្ទៃដី:" not in khmer
    assert 'Area: <span class="tv-data__value">100 ha</span>' in result.text("en/dau-tu.html")
