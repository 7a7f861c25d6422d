"""The PDF brochures (travinh_site.brochures): read back from the project's own site with
poppler's tools and Tesseract, and rebuilt only when their pages change (a tiny site)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests import ocr
from tests.conftest import BuildResult, TinySite, make_tiny_site, read_languages
from tests.static_host import SiteHost
from travinh_site.brochures import document, printing
from travinh_site.brochures.plugin import size_label
from travinh_site.site import strings

LANGUAGES = read_languages()
BROCHURES = {  # file -> (its title's text, the page that offers it, the pages it holds)
    "an-pham/ho-so-dau-tu.pdf": ("brochure.investment", "dau-tu/index.html", ("dau-tu",)),
    "an-pham/cam-nang-du-lich.pdf": (
        "brochure.visitor",
        "du-lich/index.html",
        ("du-lich", "su-kien", "san-vat"),
    ),
}
FONTS = {"Brochure-Sans", "Brochure-Sans-Bold", "Brochure-Sans-Italic", "Brochure-Sans-Bold-Italic"}
FONTS |= {"Brochure-Khmer", "Brochure-Khmer-Bold"}
MERGER = {"vi": "1/7/2025", "en": "1 July 2025", "km": "ថ្ងៃទី 1 ខែកក្កដា ឆ្នាំ 2025"}
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make test` (it installs poppler-utils)")
    return path


def run(*command: str) -> str:
    result = subprocess.run(
        [tool(command[0]), *command[1:]], capture_output=True, text=True, check=True
    )
    return result.stdout


def comparable(text: str, code: str) -> str:
    """NFC, no invisible characters; no whitespace at all in Khmer (a wrap adds a newline where
    the text has none), one space between words otherwise."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return re.sub(r"\s+", "" if code == "km" else " ", text).strip()


def texts(code: str) -> dict[str, str]:
    from tests.conftest import PROJECT

    return strings.load(PROJECT / "overrides/strings.yml", LANGUAGES, "overrides/strings.yml")[code]


def page_titles(site: Path, code: str, sections: tuple[str, ...]) -> list[str]:
    """The titles of the built pages of ``sections`` in ``code`` (their <h1>)."""
    prefix = LANGUAGES.get(code).prefix
    found = []
    for section in sections:
        for page in sorted((site / prefix / section).glob("*.html")):
            heading = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article h1")
            assert heading is not None, page
            found.append(heading.get_text().removesuffix("¶").strip())
    return found


def brochures_of(site: Path) -> list[tuple[str, str, Path]]:
    return [
        (language.code, file, site / language.prefix / file)
        for language in LANGUAGES
        for file in BROCHURES
    ]


@pytest.fixture(scope="module")
def site(project_build: BuildResult) -> Path:
    return project_build.site


def test_each_language_has_both_brochures_linked_with_their_size(site: Path):
    for code, file, path in brochures_of(site):
        assert path.is_file(), path
        size = path.stat().st_size
        assert 10_000 < size <= 3_000_000, (path, size)
        title_key, offered_on, _sections = BROCHURES[file]
        page = site / LANGUAGES.get(code).prefix / offered_on
        offer = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".tv-brochures")
        assert offer is not None, page
        link = offer.find("a", string=texts(code)[title_key])
        assert link is not None, offer
        assert (page.parent / link["href"]).resolve() == path.resolve()
        assert f"({size_label(size, code)})" in offer.get_text(), offer.get_text()
        assert re.fullmatch(r"PDF, [\d.,]+ (KB|MB)", size_label(size, code))


def test_pdftotext_finds_the_titles_exactly(site: Path):
    for code, file, path in brochures_of(site):
        title_key, _offered_on, sections = BROCHURES[file]
        extracted = comparable(run("pdftotext", "-enc", "UTF-8", str(path), "-"), code)
        expected = [texts(code)[title_key], *page_titles(site, code, sections), MERGER[code]]
        missing = [title for title in expected if comparable(title, code) not in extracted]
        assert missing == [], f"{path}: not found exactly: {missing}"


def test_every_font_is_embedded_subset_and_mapped_to_text(site: Path):
    for code, _file, path in brochures_of(site):
        lines = run("pdffonts", str(path)).splitlines()[2:]
        names = set()
        for line in lines:
            columns = line.split()
            name, emb, sub, uni = columns[0], columns[-5], columns[-4], columns[-3]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), line
            names.add(name.split("+", 1)[1])
        assert names <= FONTS, f"{path}: another font stood in: {names - FONTS}"
        if code == "km":
            assert {"Brochure-Khmer", "Brochure-Khmer-Bold"} <= names


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_a_printed_page_shows_its_heading(site: Path, code: str, tmp_path: Path):
    path = site / LANGUAGES.get(code).prefix / "an-pham/ho-so-dau-tu.pdf"
    first = site / LANGUAGES.get(code).prefix / "dau-tu/index.html"  # the first chapter
    h1 = BeautifulSoup(first.read_text("utf-8"), "html.parser").select_one("article h1")
    heading = h1.get_text().removesuffix("¶").strip()
    page = "3"  # after the cover and the contents
    text = run("pdftotext", "-f", page, "-l", page, "-enc", "UTF-8", str(path), "-")
    assert comparable(heading, code) in comparable(text, code)
    subprocess.run(
        [
            tool("pdftoppm"),
            "-r",
            "150",
            "-png",
            "-f",
            page,
            "-l",
            page,
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    [image_path] = tmp_path.glob("p*.png")
    with Image.open(image_path) as image:
        # The first line of text below the running header (which repeats the title, 11 mm
        # from the top; the page's margin is 22 mm): the heading, alone (Tesseract reads a
        # line of large type badly when a line of small type is in the same picture).
        below_header = round(16 / 25.4 * 150)
        heading_line = first_text_line(image.convert("RGB"), below_header)
    reading = ocr.compare(heading, heading_line, code)
    assert reading.passes, reading


def first_text_line(image: Image.Image, top: int, gap: int = 10) -> Image.Image:
    """The band of rows holding the first line of text below ``top`` (rows of ink separated
    from the next by ``gap`` white rows), with a white margin."""
    grey = image.convert("L").point(lambda value: 255 if value < 200 else 0)
    inked = [grey.crop((0, y, grey.width, y + 1)).getbbox() is not None for y in range(grey.height)]
    start = next(y for y in range(top, grey.height) if inked[y])
    end = start
    while end < grey.height and any(inked[end : end + gap]):
        end += 1
    return image.crop((0, max(0, start - 12), image.width, min(image.height, end + 12)))


def test_every_link_leads_to_a_file_of_the_site_or_a_page_of_the_pdf(
    site: Path, site_host: SiteHost
):
    root = site_host.base  # the address the project's site is built for
    own_host = urlsplit(root).netloc
    for _code, _file, path in brochures_of(site):
        pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))
        xml = run("pdftohtml", "-xml", "-stdout", "-i", str(path))
        links = set(re.findall(r'<a href="([^"]*)"', xml))
        internal = {link for link in links if not re.match(r"[a-z]+:", link)}
        assert internal and links - internal, path
        for link in internal:  # "<name>.html#<page>": a page of the PDF itself
            assert 1 <= int(link.rsplit("#", 1)[1]) <= pages, link
        for link in links - internal:
            if urlsplit(link).netloc != own_host:
                continue  # another site, named in a page's text
            assert link.startswith(root), f"{path}: {link} is not under {root}"
            relative = urlsplit(link).path.removeprefix(urlsplit(root).path)
            target = (
                site / relative
                if relative and not relative.endswith("/")
                else (site / relative / "index.html")
            )
            assert target.is_file(), f"{path}: {link} leads to nothing in the site"


# ---- without a browser or a built project ---------------------------------------------------


def test_a_chapter_links_to_chapters_and_the_site_and_keeps_ids_apart():
    chapters = [
        document.Chapter(
            page="km/dau-tu/index.html",
            title="ហេតុអ្វីត្រូវវិនិយោគ",
            url="https://example.org/km/dau-tu/index.html",
            language="km",
            content='<h1 id="t">ហេតុអ្វីត្រូវវិនិយោគ<a class="headerlink" href="#t">¶</a></h1>\n'
            '<p><a href="khu.html#nguon">x</a> <a href="../san-vat/index.html">y</a> '
            '<a href="#t">z</a> <a href="https://other.example/">w</a></p>\n'
            '<p><img alt="a" src="../../assets/images/dau-tu.1a2b3c4d.svg" loading="lazy"></p>',
        ),
        document.Chapter(
            page="km/dau-tu/khu.html",
            title="តំបន់",
            url="https://example.org/km/dau-tu/khu.html",
            language="km",
            content='<h1 id="t">តំបន់</h1>\n<h2 id="nguon">ប្រភព</h2>',
        ),
    ]
    words = document.Texts("T", "ត្រាវិញ", "D", "C", "O:", "{url}")
    html = document.document(
        chapters, words, "km", "https://example.org/", "https://example.org/km/", ""
    )
    assert "headerlink" not in html and "¶" not in html
    assert 'id="c1-t"' in html and 'id="c2-t"' in html and 'id="c2-nguon"' in html
    assert 'href="#c2-nguon"' in html  # a page of the brochure: its chapter
    assert 'href="https://example.org/km/san-vat/index.html"' in html  # the site
    assert 'href="#c1-t"' in html and 'href="https://other.example/"' in html
    assert 'src="https://site.invalid/assets/images/dau-tu.1a2b3c4d.svg"' in html
    assert "loading=" not in html
    assert "ហេតុអ្វី\u200bត្រូវ\u200bវិនិយោគ" in html  # Khmer words, breakable for Pango
    assert 'O: <a href="https://example.org/km/dau-tu/index.html">' in html


def test_no_break_is_put_before_the_khmer_repetition_sign():
    assert "\u200b\u17d7" not in document.breaks("ដើមទាលចាស់ៗជិត 500 ដើម")


def test_printed_links_get_their_address_unless_it_is_shown():
    html = (
        '<p><a href="../san-vat/index.html#x">Sản vật</a> <a href="#here">here</a> '
        '<a href="https://vir.com.vn/a">vir</a> <a href="https://vir.com.vn/b">'
        'https://vir.com.vn/b</a> <a class="headerlink" href="#t">¶</a></p>'
    )
    annotated = printing.annotate(html, "en/dau-tu/index.html", "https://example.org/travinh/")
    assert 'data-print-url="https://example.org/travinh/en/san-vat/index.html#x"' in annotated
    assert 'data-print-url="https://vir.com.vn/a"' in annotated
    assert annotated.count("data-print-url") == 2


def test_sizes_are_written_in_the_language():
    assert size_label(1_234_567, "vi") == "PDF, 1,2 MB"
    assert size_label(1_234_567, "en") == "PDF, 1.2 MB"
    assert size_label(43_365, "km") == "PDF, 43 KB"


# ---- made again only when their pages change (a tiny site) ---------------------------------

INVESTMENT = {
    "docs/dau-tu/index.md": "---\ntitle: Vì sao đầu tư\ndescription: Đầu tư.\n---\n\n"
    "# Vì sao đầu tư\n\nKhu kinh tế Định An rộng 39.020 ha.\n",
    "docs_en/dau-tu/index.md": "---\ntitle: Why invest\ndescription: Investment.\n---\n\n"
    "# Why invest\n\nThe Dinh An Economic Zone covers 39,020 ha.\n",
    "docs_km/dau-tu/index.md": "---\ntitle: ហេតុអ្វីត្រូវវិនិយោគ\ndescription: ការវិនិយោគ។\n---"
    "\n\n# ហេតុអ្វីត្រូវវិនិយោគ\n\nតំបន់សេដ្ឋកិច្ច Định An មានផ្ទៃដី 39,020 ហិកតា។\n",
}


def made(output: str) -> tuple[int, int]:
    found = re.findall(r"Brochures \(\w+\): (\d+) made, (\d+) cached", output)
    assert found, output
    return sum(int(m) for m, _ in found), sum(int(c) for _, c in found)


@pytest.fixture
def tiny(tmp_path: Path) -> TinySite:
    from tests.conftest import DEFAULT_NAV, DEFAULT_PAGES

    site = make_tiny_site(tmp_path / "project", {**DEFAULT_PAGES, **INVESTMENT})
    site.set_nav([*DEFAULT_NAV, {"Đầu tư": [{"Vì sao đầu tư": "dau-tu/index.md"}]}])
    return site


def test_a_brochure_is_made_again_only_when_one_of_its_pages_changes(tiny: TinySite):
    first = tiny.build()
    assert first.returncode == 0, first.output
    assert made(first.output) == (3, 0)  # the investment profile in each language
    pdf = first.site / "km/an-pham/ho-so-dau-tu.pdf"
    before = pdf.read_bytes()
    assert not (first.site / "an-pham/cam-nang-du-lich.pdf").exists()  # no du-lich/index.md
    again = tiny.build()
    assert made(again.output) == (0, 3)
    assert (again.site / "km/an-pham/ho-so-dau-tu.pdf").read_bytes() == before

    tiny.write("docs/index.md", "---\ntitle: Trang chủ\ndescription: Khác.\n---\n\n# Trang chủ\n")
    outside = tiny.build()
    assert made(outside.output) == (0, 3)  # not one of its pages

    tiny.write(
        "docs_km/dau-tu/index.md",
        INVESTMENT["docs_km/dau-tu/index.md"].replace("39,020", "39,021"),
    )
    changed = tiny.build()
    assert changed.returncode == 0, changed.output
    assert made(changed.output) == (1, 2)
    after = (changed.site / "km/an-pham/ho-so-dau-tu.pdf").read_bytes()
    assert after != before
    shutil.rmtree(tiny.root / ".cache" / "brochures")
    cold = tiny.build()  # made again from nothing: the same bytes
    assert made(cold.output) == (3, 0)
    assert (cold.site / "km/an-pham/ho-so-dau-tu.pdf").read_bytes() == after


def test_the_guides_name_the_publications_where_they_are(site: Path):
    from tests.conftest import PROJECT

    for guide in ("EDITING.md", "EDITING.en.md"):
        text = (PROJECT / guide).read_text("utf-8")
        named = set(re.findall(r"`((?:en/|km/)?(?:an-pham/[\w-]+\.pdf|man-hinh\.html))`", text))
        assert {"an-pham/ho-so-dau-tu.pdf", "an-pham/cam-nang-du-lich.pdf"} <= named, guide
        assert {"man-hinh.html", "en/man-hinh.html", "km/man-hinh.html"} <= named, guide
        for path in named:  # an-pham/… is in every language; the rest as written
            prefixes = [lang.prefix for lang in LANGUAGES] if path.startswith("an-pham/") else [""]
            for prefix in prefixes:
                assert (site / prefix / path).is_file(), f"{guide}: {prefix}{path}"
