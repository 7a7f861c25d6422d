"""What a first visit downloads, in Chromium on the project's site: no search index before the
visitor types, no Khmer face on Vietnamese and English pages but the one of the Khmer
language's name, no stylesheet that styles nothing (figures: benchmarks/page_weight.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser.conftest import Watched
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser


def first_visit(watched: Watched, path: str) -> list[str]:
    """The paths (from the site's root) of what the page downloads when it loads."""
    watched.page.goto(watched.site.url(path), wait_until="load")
    watched.page.wait_for_load_state("networkidle")
    watched.page.evaluate("document.fonts.ready")
    root = urlsplit(watched.site.base).path
    return [urlsplit(url).path.removeprefix(root) for url in watched.requests]


@pytest.mark.parametrize("path", ["index.html", "du-lich/ao-ba-om.html", "en/index.html"])
def test_a_vietnamese_or_english_page_takes_only_the_khmer_name_face(watched: Watched, path):
    fetched = first_visit(watched, path)
    fonts = sorted(name for name in fetched if name.endswith(".woff2"))
    assert "assets/fonts/noto-sans-khmer-name-400.woff2" in fonts  # ខ្មែរ, in the menu
    assert not any("noto-sans-khmer-4" in name or "noto-sans-khmer-7" in name for name in fonts)
    # The menu's word is drawn, and with that face (its letters are all in it).
    page = watched.page
    link = page.locator('.md-select__link[hreflang="km"]').first
    assert link.evaluate("link => getComputedStyle(link).fontFamily").startswith(
        '"Noto Sans Khmer Name"'
    )
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer Name\"', 'ខ្មែរ')")


def test_a_khmer_page_takes_the_khmer_faces(watched: Watched):
    fetched = first_visit(watched, "km/index.html")
    assert "assets/fonts/noto-sans-khmer-400.woff2" in fetched
    assert "assets/fonts/noto-sans-khmer-name-400.woff2" not in fetched


@pytest.mark.parametrize("path", ["index.html", "km/du-lich/ao-ba-om.html"])
def test_a_page_load_takes_no_search_index_and_no_palette(watched: Watched, path: str):
    fetched = first_visit(watched, path)
    searched = [name for name in fetched if "search/" in name and "/assets/" not in "/" + name]
    assert [name.rsplit("/", 1)[-1] for name in searched] == ["search_index.json"]
    assert not any("/palette." in name for name in fetched)
    assert not any(name.endswith(("engine.js", "text.js", "stemmer.js")) for name in fetched)


@pytest.mark.parametrize("path", ["index.html", "km/du-lich/ao-ba-om.html"])
def test_a_page_load_takes_two_stylesheets_material_s_and_the_site_s(watched: Watched, path):
    # Each stylesheet delays the first paint (site.stylesheets): the site's own are one file.
    fetched = first_visit(watched, path)
    sheets = [name.rsplit("/", 1)[-1] for name in fetched if name.endswith(".css")]
    assert len(sheets) == 2 and sheets[0].startswith("main.") and sheets[1] == "extra.css"
    # ... with every rule of each of mkdocs.yml's stylesheets, as the browser parses them.
    sources = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    counts = watched.page.evaluate(
        """async (sources) => {
          const combined = [...document.styleSheets].find(s => s.href.endsWith("/extra.css"));
          const base = new URL(combined.href);
          let separate = 0;
          for (const source of sources) {
            const text = await (await fetch(new URL(source.split("/").pop(), base))).text();
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(text);
            separate += sheet.cssRules.length;
          }
          return [combined.cssRules.length, separate];
        }""",
        sources["extra_css"],
    )
    assert counts[0] == counts[1] > 0
