"""The translation dashboard generated into the built site (travinh_site.translations.plugin)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult, make_tiny_site

DASHBOARD = "tien-do-ban-dich.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    # The default tiny site: ao-ba-om.md has no Khmer translation, the rest is unstamped.
    site = make_tiny_site(tmp_path_factory.mktemp("dashboard") / "project")
    result = site.build()
    assert result.returncode == 0, result.output
    return result


def test_the_dashboard_is_written_once_at_the_site_root(built: BuildResult):
    assert (built.site / DASHBOARD).is_file()
    assert not (built.site / "en" / DASHBOARD).exists()
    assert not (built.site / "km" / DASHBOARD).exists()


def test_the_dashboard_shows_each_state_and_links_to_the_pages(built: BuildResult):
    page = BeautifulSoup(built.text(DASHBOARD), "html.parser")
    assert page.html["lang"] == "vi"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    rows = page.select("table#todo tbody tr")
    todo = {
        row.find("code").text: [cell.get_text(" ", strip=True) for cell in row.select("td")[2:]]
        for row in rows
    }
    assert todo == {"docs/du-lich/ao-ba-om.md": ["✓ Đã dịch", "✗ Chưa dịch"]}
    links = [a["href"] for a in page.select("span.state a")]
    assert "en/du-lich/ao-ba-om.html" in links and "km/index.html" in links
    for href in links:
        assert (built.site / href).is_file(), href


def test_the_dashboard_is_not_a_page_of_the_site(built: BuildResult):
    assert DASHBOARD not in built.text("sitemap.xml")
    assert DASHBOARD not in built.text("search/search_index.json")
