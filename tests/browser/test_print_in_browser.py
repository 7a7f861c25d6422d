"""Pages on paper (assets/stylesheets/publications.css, @media print): Chromium prints the
project's pages to PDF (page.pdf(), the site served on 127.0.0.1), and poppler's pdftotext reads
what is on each sheet: no menu, search or language switcher, each link's address after its
text, a table never cut across two sheets."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

INVESTMENT = "dau-tu/index.html"


def sheets(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each sheet of a PDF."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is not installed: run `make test` (it installs poppler-utils)")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f")[:-1]]  # "\f" ends each


def squeezed(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def printed(watched: Watched, path: str, tmp_path: Path) -> list[str]:
    watched.page.goto(watched.site.url(path), wait_until="load")
    watched.page.emulate_media(media="print")
    return sheets(watched.page.pdf(format="A4"), tmp_path)


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_a_printed_page_has_its_text_and_where_its_links_lead(
    watched: Watched, prefix: str, tmp_path: Path
):
    text = " ".join(printed(watched, prefix + INVESTMENT, tmp_path))
    # The menu, the search, the language switcher and the footer are not printed.
    hidden = watched.page.evaluate(
        """() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-search', '.md-select',
                  '.md-footer', '.tv-brochures']
            .map((s) => [s, [...document.querySelectorAll(s)]
                               .every((e) => getComputedStyle(e).display === 'none')])"""
    )
    assert all(gone for _selector, gone in hidden), hidden
    for shown_only_on_screen in ("English", "ខ្មែរ", "Tiếng Việt"):
        assert shown_only_on_screen not in text  # the switcher's languages
    # The page's text, and each link's absolute address after it.
    heading = watched.page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert " ".join(heading.split()) in text
    zone = watched.site.url(prefix + "dau-tu/khu-kinh-te-dinh-an.html")
    # (A long address may wrap anywhere, and pdftotext joins "dau-" and "tu" at a line's end:
    # compared without spaces and hyphens.)
    assert squeezed(f"({zone})") in squeezed(text), text[:600]


@pytest.mark.parametrize("prefix", ["", "km/"])
def test_a_table_is_never_cut_across_two_sheets(watched: Watched, prefix: str, tmp_path: Path):
    watched.page.goto(watched.site.url(prefix + INVESTMENT), wait_until="load")
    watched.page.emulate_media(media="print")
    # A mark in each row of the investment areas' table, found in the printed text.
    rows = watched.page.evaluate(
        """() => [...document.querySelectorAll('.tv-data tbody tr')].map((row, n) => {
            const mark = document.createElement('span');
            mark.textContent = ` ROWMARK${n} `;
            row.querySelector('th, td').append(mark);
            return `ROWMARK${n}`;
        })"""
    )
    assert len(rows) >= 5
    # Push the table down by a varying height, so that some position puts it across the end
    # of the first sheet: wherever it falls, all its rows are printed on one sheet.
    seen_sheets = set()
    for millimetres in range(60, 241, 15):
        watched.page.evaluate(
            """(height) => {
                const table = document.querySelector('.tv-data');
                let spacer = document.getElementById('test-spacer');
                if (!spacer) {
                    spacer = document.createElement('div');
                    spacer.id = 'test-spacer';
                    table.parentNode.insertBefore(spacer, table);
                }
                spacer.style.height = height + 'mm';
            }""",
            millimetres,
        )
        pages = sheets(watched.page.pdf(format="A4"), tmp_path)
        holding = {row: [n for n, sheet in enumerate(pages) if row in sheet] for row in rows}
        where = {tuple(found) for found in holding.values()}
        assert len(where) == 1 and all(len(found) == 1 for found in where), (millimetres, holding)
        seen_sheets |= where
    assert len(seen_sheets) >= 2  # the spacer did move the table from one sheet to the next


def test_printing_keeps_pictures_whole(watched: Watched):
    watched.page.goto(watched.site.url("du-lich/index.html"), wait_until="load")
    watched.page.emulate_media(media="print")
    breaks = watched.page.evaluate(
        "[...document.querySelectorAll('article img, article table')]"
        ".map((e) => getComputedStyle(e).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}, breaks
    assert re.search(r"\S", watched.page.locator("article").inner_text())
