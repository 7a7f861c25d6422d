"""Every internal link, anchor and file reference of the built site resolves
(travinh_site.site.sitecheck, scripts/check_site.py): on small hand-made sites that break each rule,
and on the project's own site, every page of every language, built under a sub-path."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PROJECT, BuildResult
from tests.static_host import SiteHost
from travinh_site.site.sitecheck import check_site

SITE_URL = "https://example.org/travinh/"


def write_site(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>\n{body}\n</body></html>\n"


GOOD = {
    "index.html": page(
        '<h1 id="top">Home</h1><a href="en/x.html#part">x</a> <a href="#top">top</a>'
        ' <img src="assets/a.png" srcset="assets/a.png 1x, assets/a2.png 2x" alt="">'
        ' <a href="https://elsewhere.example/">other site</a> <a href="mailto:a@b.c">mail</a>'
        ' <a href="en/">English</a>',
        head=f'<link rel="canonical" href="{SITE_URL}index.html">'
        '<link rel="stylesheet" href="assets/site.css">',
    ),
    "en/index.html": page("<h1>Home</h1>"),
    "en/x.html": page('<h2 id="part">Part</h2><a href="../index.html">home</a>'),
    "en/404.html": page(
        '<a href="/travinh/en/index.html">home</a> <a href="#main">skip</a>'
        '<h1 id="main">Not found</h1>'
    ),
    "assets/a.png": "png",
    "assets/a2.png": "png",
    "assets/font.woff2": "font",
    "assets/site.css": '@font-face { src: url("font.woff2") }\n.i { background: url(data:x) }',
    "sitemap.xml": f"<urlset><url><loc>{SITE_URL}index.html</loc>"
    f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/index.html"/></url></urlset>',
    "robots.txt": f"User-agent: *\nSitemap: {SITE_URL}sitemap.xml\n",
}


def test_a_sound_site_has_no_broken_reference(tmp_path: Path):
    assert check_site(write_site(tmp_path, GOOD), SITE_URL) == []


# Columns: file, what replaces it, the start of the report expected.
BREAKAGES = [
    (
        "en/x.html",
        page('<a href="../indx.html">home</a>'),
        "en/x.html:2: '../indx.html' points to 'indx.html', which the site does not have",
    ),
    (
        "en/x.html",
        page('<a href="../index.html#nowhere">home</a>'),
        "en/x.html:2: '../index.html#nowhere' points to '#nowhere', which 'index.html' does not",
    ),
    (
        "en/x.html",
        page('<a href="#gone">up</a>'),
        "en/x.html:2: '#gone' points to '#gone', which this page does not have",
    ),
    (
        "en/x.html",
        page('<img src="../assets/b.png" srcset="../assets/b2.png 2x" alt="">'),
        "en/x.html:2: '../assets/b.png' points to 'assets/b.png'",
    ),
    # A root-relative link leaves the sub-path the site is published under.
    (
        "en/x.html",
        page('<a href="/en/index.html">home</a>'),
        "en/x.html:2: '/en/index.html' leaves the site's path /travinh/",
    ),
    (
        "assets/site.css",
        '@font-face { src: url("missing.woff2") }',
        "assets/site.css:1: 'missing.woff2' points to 'assets/missing.woff2'",
    ),
    # The site was built for another address.
    (
        "index.html",
        page("", head='<link rel="canonical" href="http://127.0.0.1:8000/index.html">'),
        "index.html:1: 'http://127.0.0.1:8000/index.html' is not on the site's address",
    ),
    (
        "sitemap.xml",
        "<urlset><url><loc>https://example.org/travinh/old.html</loc></url></urlset>",
        "sitemap.xml:1: 'https://example.org/travinh/old.html' points to 'old.html'",
    ),
    # A 404 page is shown at any missing address: a relative link there leads astray.
    (
        "en/404.html",
        page('<a href="index.html">home</a>'),
        "en/404.html:2: 'index.html' points to 'en/missing/deeper/index.html'",
    ),
]


@pytest.mark.parametrize(("file", "text", "expected"), BREAKAGES)
def test_each_kind_of_broken_reference_is_reported_with_file_and_line(
    tmp_path: Path, file: str, text: str, expected: str
):
    broken = check_site(write_site(tmp_path, {**GOOD, file: text}), SITE_URL)
    assert [str(b) for b in broken if str(b).startswith(expected)], [str(b) for b in broken]


def test_the_project_site_under_a_sub_path_has_no_broken_reference(
    project_build: BuildResult, site_host: SiteHost
):
    assert "/travinh/" in site_host.base
    broken = check_site(project_build.site, site_host.base)
    assert [str(b) for b in broken] == []
    pages = list(project_build.site.rglob("*.html"))
    assert len(pages) >= 90  # every page of every language was looked at


def test_check_site_command_reads_the_address_from_robots_txt(
    tmp_path: Path, project_build: BuildResult
):
    command = [sys.executable, "scripts/check_site.py", "--site-dir"]
    ok = subprocess.run(
        [*command, str(project_build.site)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "every link, anchor and file resolves" in ok.stdout
    broken_site = write_site(tmp_path, {**GOOD, "en/x.html": page('<a href="gone.html">x</a>')})
    bad = subprocess.run(
        [*command, str(broken_site)], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert "en/x.html:2: 'gone.html' points to 'en/gone.html'" in bad.stderr
