"""The cache of rendered pages (travinh_site.site.page_cache): a build renders only the pages
whose inputs changed, and its output is byte-identical to a cold build's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEFAULT_NAV, SOURCE_DATE_EPOCH, TinySite, make_tiny_site

PAGE = "---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"
PAGES = {
    "docs/du-lich/chua-ang.md": PAGE.format(
        title="Chùa Âng", body="## Lịch sử\n\nChùa gần [Ao Bà Om](ao-ba-om.md#ao-ba-om)."
    ),
    "docs/du-lich/chua-co.md": PAGE.format(title="Chùa Cò", body="Chùa của đàn cò."),
    "docs_en/du-lich/chua-ang.md": PAGE.format(
        title="Ang Pagoda", body="Near [the pond](ao-ba-om.md)."
    ),
    "docs_en/du-lich/chua-co.md": PAGE.format(title="Co Pagoda", body="The storks' pagoda."),
}
# Pages rendered by a build: 4 pages in each of the 3 languages (km translates only the home
# page: the other three are shown in Vietnamese at their km address).
RENDERED = 12
NAV = [
    *DEFAULT_NAV[:1],
    {
        "Du lịch": [
            {"Ao Bà Om": "du-lich/ao-ba-om.md"},
            {"Chùa Âng": "du-lich/chua-ang.md"},
            {"Chùa Cò": "du-lich/chua-co.md"},
        ]
    },
]


def project(root: Path) -> TinySite:
    site = make_tiny_site(root)
    for path, text in PAGES.items():
        site.write(path, text)
    site.set_nav(NAV)
    return site


def build(site: TinySite, into: str) -> tuple[int, str, Path]:
    """``mkdocs build --strict`` into ``into``; its output has the line that counts the pages the
    cache gave (``page cache: N pages reused, M stored``)."""
    out = site.root / into
    env = {
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        **os.environ,
        "SITE_URL": "https://example.org/",
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr, out


def counts(output: str) -> tuple[int, int]:
    """(pages reused, pages stored) of a build's debug output."""
    match = re.search(r"page cache: (\d+) pages reused, (\d+) stored", output)
    assert match, output[-2000:]
    return int(match.group(1)), int(match.group(2))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_as_cold(site: TinySite, warm: Path) -> None:
    """A cold build (no cache) of the same sources writes exactly what the warm one wrote."""
    shutil.rmtree(site.root / ".cache" / "pages")
    code, output, cold = build(site, "site-cold")
    assert code == 0, output
    assert counts(output)[0] == 0
    warm_files, cold_files = files_of(warm), files_of(cold)
    assert sorted(warm_files) == sorted(cold_files)
    different = [path for path in cold_files if warm_files[path] != cold_files[path]]
    assert different == []


@pytest.fixture
def warm(tmp_path: Path) -> TinySite:
    """A project built once: its cache holds every page."""
    site = project(tmp_path / "project")
    code, output, _ = build(site, "site-first")
    assert code == 0, output
    assert counts(output) == (0, RENDERED)
    return site


def test_a_second_build_renders_nothing_and_writes_the_same_site(warm: TinySite):
    code, output, second = build(warm, "site-second")
    assert code == 0, output
    assert counts(output) == (RENDERED, 0)
    assert files_of(second) == files_of(warm.root / "site-first")


def test_one_page_changed_renders_that_page_alone(warm: TinySite):
    page = warm.root / "docs_en/du-lich/chua-co.md"
    page.write_text(page.read_text("utf-8").replace("storks'", "white storks'"), "utf-8")
    code, output, after = build(warm, "site-after")
    assert code == 0, output
    assert counts(output) == (RENDERED - 1, 1)
    assert "white storks" in (after / "en/du-lich/chua-co.html").read_text("utf-8")
    assert_same_as_cold(warm, after)


def test_a_menu_label_changed_renders_the_pages_that_show_it(warm: TinySite):
    nav = [NAV[0], {"Du lịch": [*NAV[1]["Du lịch"][:2], {"Chùa Cò (Nodol)": "du-lich/chua-co.md"}]}]
    warm.set_nav(nav)
    code, output, after = build(warm, "site-after")
    assert code == 0, output
    reused, stored = counts(output)
    assert stored > 0 and reused > 0  # the tab's pages again, not the home pages
    assert "Chùa Cò (Nodol)" in (after / "du-lich/chua-ang.html").read_text("utf-8")
    assert_same_as_cold(warm, after)


def test_a_deleted_link_target_is_reported_though_the_linking_page_is_cached(warm: TinySite):
    for folder in ("docs", "docs_en"):
        (warm.root / folder / "du-lich/ao-ba-om.md").unlink()
    warm.write("docs/index.md", PAGE.format(title="Trang chủ", body="Trang chủ."))
    warm.write("docs_en/index.md", PAGE.format(title="Home", body="Home."))
    warm.set_nav([NAV[0], {"Du lịch": NAV[1]["Du lịch"][1:]}])
    code, output, _ = build(warm, "site-after")
    assert code != 0
    assert "docs/du-lich/chua-ang.md:10: the link 'ao-ba-om.md#ao-ba-om' points to" in output
    assert "docs_en/du-lich/chua-ang.md:8: the link 'ao-ba-om.md' points to" in output


def test_a_removed_anchor_is_reported_for_a_cached_page_that_links_to_it(warm: TinySite):
    target = warm.root / "docs/du-lich/ao-ba-om.md"
    target.write_text(target.read_text("utf-8").replace("# Ao Bà Om", "# Ao Bà Om xưa"), "utf-8")
    code, output, _ = build(warm, "site-after")
    assert code != 0
    assert "contains a link 'ao-ba-om.md#ao-ba-om', but the doc 'vi/du-lich/ao-ba-om.md'" in (
        output
    )


def test_templates_and_interface_texts_render_every_page_again(warm: TinySite):
    strings = warm.root / "overrides/strings.yml"
    strings.write_text(strings.read_text("utf-8") + "\n", "utf-8")
    code, output, after = build(warm, "site-after")
    assert code == 0, output
    assert counts(output) == (0, RENDERED)
    assert_same_as_cold(warm, after)


def test_a_new_translation_replaces_its_fallback_page(warm: TinySite):
    warm.write("docs_km/du-lich/chua-co.md", PAGE.format(title="វត្ត Nodol", body="វត្ត។"))
    code, output, after = build(warm, "site-after")
    assert code == 0, output
    html = (after / "km/du-lich/chua-co.html").read_text("utf-8")
    assert "វត្ត Nodol" in html and 'class="admonition info tv-untranslated"' not in html
    assert_same_as_cold(warm, after)


def test_a_failed_build_stores_nothing(warm: TinySite):
    page = warm.root / "docs/du-lich/chua-co.md"
    page.write_text(page.read_text("utf-8") + "\n[x](khong-co.md)\n", "utf-8")
    store = warm.root / ".cache/pages/build"
    before = sorted(store.rglob("*"))
    code, output, _ = build(warm, "site-after")
    assert code != 0
    assert sorted(store.rglob("*")) == before
    page.write_text(page.read_text("utf-8").replace("[x](khong-co.md)", "Sửa."), "utf-8")
    code, output, after = build(warm, "site-after")
    assert code == 0, output
    # The page and its Khmer fallback (km does not translate it): two new entries.
    assert counts(output) == (RENDERED - 2, 2)
    assert_same_as_cold(warm, after)
