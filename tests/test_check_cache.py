"""The checks' memory of passed pages (content.checks.PassedPages): a page is not checked again
while its text is the same, and no problem is ever hidden by it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DEFAULT_NAV, LANGUAGES, make_tiny_site
from travinh_site.content import checks

GOOD = "---\ntitle: Chùa Âng\ndescription: Chùa Âng.\n---\n\n# Chùa Âng\n\nVăn bản.\n"


def test_a_page_that_passed_is_not_checked_again_until_its_text_changes(tmp_path: Path):
    site = make_tiny_site(tmp_path / "project")
    page = site.write("docs/du-lich/chua-ang.md", GOOD)
    site.set_nav([*DEFAULT_NAV, {"Chùa Âng": "du-lich/chua-ang.md"}])
    cache = tmp_path / "cache"
    first = checks.check_content(site.root, LANGUAGES, cache_dir=cache)
    stored = json.loads((cache / "vi.json").read_text("utf-8"))["pages"]
    assert stored["docs/du-lich/chua-ang.md"][1] == "Chùa Âng"
    # The record is what makes a page pass: a wrong one would hide nothing once the text
    # changes (its digest no longer matches).
    page.write_text(GOOD.replace("title: Chùa Âng", "tittle: Chùa Âng"), "utf-8")
    second = checks.check_content(site.root, LANGUAGES, cache_dir=cache)
    assert [p.file for p in first.problems] == []
    assert any("tittle" in problem.english() for problem in second.problems)
    # A page with a problem is never recorded: it is reported at every build.
    third = checks.check_content(site.root, LANGUAGES, cache_dir=cache)
    assert [p.english() for p in third.problems] == [p.english() for p in second.problems]
    assert (
        "docs/du-lich/chua-ang.md"
        not in json.loads((cache / "vi.json").read_text("utf-8"))["pages"]
    )


def test_a_new_glossary_checks_every_page_again(tmp_path: Path):
    site = make_tiny_site(tmp_path / "project")
    cache = tmp_path / "cache"
    checks.check_content(site.root, LANGUAGES, cache_dir=cache)
    before = json.loads((cache / "vi.json").read_text("utf-8"))["fingerprint"]
    glossary = site.root / "assets/data/thuat-ngu.yml"
    glossary.parent.mkdir(parents=True, exist_ok=True)
    glossary.write_text("# empty\n", encoding="utf-8")
    checks.check_content(site.root, LANGUAGES, cache_dir=cache)
    assert json.loads((cache / "vi.json").read_text("utf-8"))["fingerprint"] != before
