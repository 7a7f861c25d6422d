"""The site's own stylesheets (mkdocs.yml extra_css) reach the pages as one file, the same
rules in the same order (travinh_site.site.stylesheets); the browser side of it (one
render-blocking request, the same look) is in tests/browser/test_page_weight.py."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from tests.conftest import PROJECT, TinySite
from travinh_site.site.stylesheets import combine


def extra_css() -> list[str]:
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    return list(yaml.load(text, Loader=yaml.BaseLoader)["extra_css"])  # no !ENV tags in it


def stylesheets_of(html: str) -> list[str]:
    links = BeautifulSoup(html, "html.parser").find_all("link", rel="stylesheet")
    return [str(link["href"]) for link in links]


def test_files_of_one_folder_become_one_in_their_order():
    texts = {"css/a.css": "a { color: red }\n", "css/b.css": "\nb { color: blue }"}
    combined = combine(["css/a.css", "css/b.css"], texts.get)
    assert combined is not None and combined.path == "css/extra.css"
    assert combined.content.index("color: red") < combined.content.index("color: blue")


def test_files_stay_apart_when_combining_could_change_their_meaning():
    texts = {
        "css/a.css": "a { color: red }",
        "other/b.css": "b { background: url(x.png) }",  # url() relative to other/
        "css/c.css": '@import "d.css";',  # valid only at the top of a stylesheet
        "css/e.css": "e { color: blue }",
    }
    assert combine(["css/a.css", "other/b.css"], texts.get) is None
    assert combine(["css/a.css", "css/c.css"], texts.get) is None
    assert combine(["css/a.css", "https://example.org/x.css"], texts.get) is None
    assert combine(["css/a.css", "css/missing.css"], texts.get) is None
    assert combine(["css/a.css"], texts.get) is None  # one file: nothing to gain
    assert combine(["css/a.css", "css/e.css"], texts.get) is not None


def test_every_language_links_one_stylesheet_of_its_own_with_every_rule(tiny_site: TinySite):
    built = tiny_site.build()
    assert built.returncode == 0, built.output
    sources = extra_css()
    assert len(sources) > 1
    combined = built.text("assets/stylesheets/extra.css")
    # Each file whole, in the order of mkdocs.yml (the cascade depends on it).
    positions = [combined.index(built.text(path).strip()) for path in sources]
    assert positions == sorted(positions)
    for page, prefix in (("index.html", ""), ("en/index.html", "../"), ("km/index.html", "../")):
        linked = stylesheets_of(built.text(page))
        own = [href for href in linked if "/main." not in href]
        assert own == [prefix + "assets/stylesheets/extra.css"], (page, linked)


def test_an_edited_stylesheet_reaches_the_combined_one_on_the_next_build(tiny_site: TinySite):
    assert tiny_site.build().returncode == 0
    site_css = tiny_site.root / "assets/stylesheets/site.css"
    site_css.write_text(
        site_css.read_text(encoding="utf-8") + "\n.tv-test { color: #123456; }\n", "utf-8"
    )
    built = tiny_site.build()  # the pages come from the page cache this time
    assert built.returncode == 0, built.output
    # The file the (cached) home page links holds the new rule.
    own = [href for href in stylesheets_of(built.text("index.html")) if "/main." not in href]
    assert len(own) == 1
    assert (built.site / own[0]).is_file(), own
    assert re.search(r"\.tv-test \{ color: #123456; \}", built.text(own[0]))
