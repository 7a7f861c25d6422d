"""'Edit this page' (travinh-editing): every page links its own source file in the repository,
in the page's language, never the staging folder; generated pages have none; no address, no
link; a malformed address is one clean line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TinySite

EDIT = "https://github.com/owner/travinh/edit/main/"
POST = (
    "---\ntitle: Hội chợ\ndescription: Tóm tắt.\ndate: 2026-11-30\ncategory: dau-tu\n---\n\n"
    "# Hội chợ\n"
)


def edit_link(html: str) -> tuple[str, str] | None:
    link = BeautifulSoup(html, "html.parser").select_one('a.md-content__button[rel="edit"]')
    return (link["href"], link["title"]) if link else None


def test_each_page_links_its_real_source_file(tiny_site: TinySite, monkeypatch):
    monkeypatch.setenv("EDIT_URL", EDIT)
    tiny_site.write("docs/tin-tuc/2026/hoi-cho.md", POST)
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert edit_link(result.text("index.html")) == (f"{EDIT}docs/index.md", "Chỉnh sửa")
    assert edit_link(result.text("en/du-lich/ao-ba-om.html")) == (
        f"{EDIT}docs_en/du-lich/ao-ba-om.md",
        "Edit this page",
    )
    assert edit_link(result.text("km/index.html")) == (
        f"{EDIT}docs_km/index.md",
        "កែសម្រួលទំព័រនេះ",
    )
    # Shown untranslated: the text on the page is the Vietnamese file's.
    assert edit_link(result.text("km/du-lich/ao-ba-om.html")) == (
        f"{EDIT}docs/du-lich/ao-ba-om.md",
        "កែសម្រួលទំព័រនេះ",
    )
    assert edit_link(result.text("tin-tuc/2026/hoi-cho.html"))[0] == (
        f"{EDIT}docs/tin-tuc/2026/hoi-cho.md"
    )
    assert edit_link(result.text("tin-tuc/index.html")) is None  # generated: no file to edit
    assert ".cache/stage" not in "".join(p.read_text("utf-8") for p in result.site.rglob("*.html"))


def test_without_an_address_there_is_no_link(tiny_site: TinySite, monkeypatch):
    monkeypatch.delenv("EDIT_URL", raising=False)
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert edit_link(result.text("index.html")) is None


@pytest.mark.parametrize("address", ["http://github.com/o/r/edit/main/", "https://github.com/o/r"])
def test_a_malformed_address_is_one_clean_line(tiny_site: TinySite, monkeypatch, address: str):
    monkeypatch.setenv("EDIT_URL", address)
    result = tiny_site.build()
    assert result.returncode == 1
    assert (
        f"mkdocs.yml: travinh-editing: edit_url '{address}' is not an https address ending in "
        "'/'." in result.output
    )
    assert "Traceback" not in result.output
