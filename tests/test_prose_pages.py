"""The prose sections (home, about the area, tourism, press, the 2025 plan) of the project's
own site, built once: every page really translated, the 2025 merger stated plainly, the plan
reproduced in full, pictures with alt text and metadata, figures with their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from tests.conftest import PROJECT, BuildResult
from travinh_site.content.languages import Language, Languages, languages_from_i18n

# The sections written as prose (the investment, produce and events sections are data pages).
PROSE = ("index.md", "gioi-thieu/", "du-lich/", "bao-chi/", "ke-hoach-2025/")
# Pages whose body cites no figure (a licence version is not a figure).
WITHOUT_FIGURES = {"bao-chi/hinh-anh.md"}

# What each language says; a new language must add its wording here.
MERGER = {
    "vi": ("1 tháng 7 năm 2025", "Vĩnh Long"),
    "en": ("1 July 2025", "Vinh Long"),
    "km": ("ថ្ងៃទី 1 ខែកក្កដា ឆ្នាំ 2025", "វិញឡុង"),
}
SOURCES = {"vi": "Nguồn", "en": "Sources", "km": "ប្រភព"}
SIDECAR_FIELDS = {"kind", "credit", "licence"}
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]+)\)")


@pytest.fixture(scope="module")
def languages() -> Languages:
    config = load_config(str(PROJECT / "mkdocs.yml"))
    table = languages_from_i18n(config.plugins["i18n"].config.languages)
    assert set(MERGER) == set(SOURCES) == set(table.codes), "add the new language's wording"
    return table


@pytest.fixture(scope="module")
def site(project_build: BuildResult) -> Path:
    """The project's own site, built once for the whole run (tests/conftest.py)."""
    return project_build.site


def prose_pages(languages: Languages) -> list[str]:
    folder = PROJECT / languages.default.content_dir
    pages = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.md")
        if path.relative_to(folder).as_posix().startswith(PROSE)
    )
    assert "du-lich/ao-ba-om.md" in pages
    return pages


def html_of(site: Path, language: Language, page: str) -> BeautifulSoup:
    path = site / language.prefix / page.removesuffix(".md")
    soup = BeautifulSoup(path.with_suffix(".html").read_text("utf-8"), "html.parser")
    for anchor in soup.select("a.headerlink"):  # the ¶ after each heading
        anchor.decompose()
    return soup


def article(soup: BeautifulSoup) -> BeautifulSoup:
    found = soup.select_one("article.md-content__inner")
    assert found is not None
    return found


def test_every_prose_page_is_a_real_translation_with_the_same_sections(
    languages: Languages, site: Path
):
    for page in prose_pages(languages):
        shapes = {}
        for language in languages:
            soup = html_of(site, language, page)
            where = f"{language.prefix}{page}"
            assert soup.html["lang"] == language.code, where
            assert soup.select_one(".tv-untranslated") is None, f"{where} is not translated"
            shapes[language.code] = [h.name for h in article(soup).find_all(["h1", "h2", "h3"])]
        assert len({tuple(shape) for shape in shapes.values()}) == 1, (page, shapes)


@pytest.mark.parametrize(
    "page", ["index.md", "gioi-thieu/index.md", "gioi-thieu/thay-doi-hanh-chinh-nam-2025.md"]
)
def test_the_2025_merger_is_stated_before_anything_else(
    languages: Languages, site: Path, page: str
):
    for language in languages:
        lead = []
        for element in article(html_of(site, language, page)).find(["h1"]).find_next_siblings():
            if element.name == "h2":
                break
            lead.append(element.get_text(" ", strip=True))
        text = re.sub(r"\s+", " ", " ".join(lead))
        date, province = MERGER[language.code]
        assert date in text and province in text, f"{language.prefix}{page}: {text[:200]}"


def plan_text() -> str:
    """The province's plan as issued (shared/content beside the project or a parent)."""
    for folder in (PROJECT, *PROJECT.parents):
        candidate = folder / "shared" / "content" / "PLAN-2025.vi.txt"
        if candidate.is_file():
            return candidate.read_text("utf-8")
    pytest.skip("shared/content/PLAN-2025.vi.txt is not beside this checkout")


def comparable(text: str) -> str:
    text = re.sub(r"[()]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_the_plan_page_reproduces_every_paragraph_of_the_plan(languages: Languages, site: Path):
    page = comparable(article(html_of(site, languages.default, "ke-hoach-2025/index.md")).text)
    paragraphs = [p for p in re.split(r"\n\s*\n", plan_text()) if p.strip()]
    assert len(paragraphs) > 80
    for paragraph in paragraphs:
        # Numbering and list dashes are markup on the page (headings, lists); words are not.
        words = re.sub(r"^(?:- |[IVX]+\. |\d+(?:\.\d+)*\. )", "", paragraph.strip())
        assert comparable(words) in page, paragraph[:120]


def test_every_picture_has_alt_text_and_metadata_in_every_language(languages: Languages):
    for page in prose_pages(languages):
        per_language = {}
        for language in languages:
            source = PROJECT / language.content_dir / page
            images = IMAGE.findall(source.read_text("utf-8"))
            for alt, path in images:
                where = f"{language.content_dir}/{page}: {path}"
                assert alt.strip(), f"{where} has no alt text"
                image = (source.parent / path).resolve()
                assert image.is_file() and image.parent == PROJECT / "assets" / "images", where
                sidecar = yaml.safe_load(Path(f"{image}.yml").read_text("utf-8"))
                assert set(sidecar) >= SIDECAR_FIELDS and all(sidecar.values()), where
            per_language[language.code] = [Path(path).name for _alt, path in images]
        assert len({tuple(names) for names in per_language.values()}) == 1, (page, per_language)


def test_pages_with_figures_end_with_their_sources(languages: Languages, site: Path):
    for page in prose_pages(languages):
        if page in WITHOUT_FIGURES:
            continue
        for language in languages:
            headings = article(html_of(site, language, page)).find_all("h2")
            where = f"{language.prefix}{page}"
            assert headings, where
            assert headings[-1].get_text(strip=True) == SOURCES[language.code], where
            assert headings[-1].find_next_sibling("ul") is not None, where
