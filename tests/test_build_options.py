"""Build behaviours of tiny sites: broken references, drafts, sub-paths, reproducibility."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import PROJECT, SOURCE_DATE_EPOCH, BuildResult, TinySite, build_project
from tests.static_host import SiteHost

PAGE = "du-lich/ao-ba-om.html"


def test_broken_link_fails_the_build_with_file_line_and_suggestion(tiny_site: TinySite):
    tiny_site.write(
        "docs_en/du-lich/ao-ba-om.md",
        "---\ntitle: Ba Om Pond\n---\n\n# Ba Om Pond\n\nSee [home](../indx.md).\n",
    )
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        "docs_en/du-lich/ao-ba-om.md:7: the link '../indx.md' points to a file that does not "
        "exist. Fix: did you mean '../index.md'?"
    ) in result.output
    assert "Traceback" not in result.output


def test_missing_image_fails_the_build_with_file_and_line(tiny_site: TinySite):
    tiny_site.write("assets/images/ao-ba-om.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    tiny_site.write(
        "docs/index.md",
        "# Trang chủ\n\n```\n![not an image](in-code.png)\n```\n\n"
        "![Ao Bà Om](../assets/images/ao-ba-om.svg)\n\n![Ao](../assets/images/ao-ba-on.svg)\n",
    )
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        "docs/index.md:9: the image '../assets/images/ao-ba-on.svg' points to a file that does "
        "not exist. Fix: did you mean '../assets/images/ao-ba-om.svg'?"
    ) in result.output
    assert "in-code.png" not in result.output  # code blocks are not links
    assert "docs/index.md:7" not in result.output  # the correct image passes


def test_absolute_link_is_refused_because_it_breaks_sub_paths(tiny_site: TinySite):
    tiny_site.write("docs/index.md", "# Trang chủ\n\n[Ao](/du-lich/ao-ba-om.md)\n")
    result = tiny_site.build()
    assert result.returncode != 0
    assert "docs/index.md:3: the link '/du-lich/ao-ba-om.md' starts with '/'" in result.output


def test_draft_translation_is_shown_as_untranslated(tiny_site: TinySite):
    tiny_site.write(
        "docs_en/du-lich/ao-ba-om.md",
        "---\ntitle: Ba Om Pond\ntranslation:\n  status: draft\n---\n\n# Ba Om Pond (draft)\n",
    )
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    page = BeautifulSoup(result.text(f"en/{PAGE}"), "html.parser")
    assert page.select_one(".tv-untranslated") is not None
    assert "(draft)" not in page.get_text()
    assert page.select_one("link[rel=canonical]")["href"] == f"https://example.org/{PAGE}"
    assert f"en/{PAGE}" not in result.text("sitemap.xml")


def test_site_published_under_a_sub_path(tiny_site: TinySite):
    result = tiny_site.build("https://example.org/travinh/")
    assert result.returncode == 0, result.output
    page = BeautifulSoup(result.text(f"km/{PAGE}"), "html.parser")
    assert page.select_one("link[rel=canonical]")["href"] == f"https://example.org/travinh/{PAGE}"
    for link in page.select("a[href], link[href], script[src]"):
        target = link.get("href") or link.get("src")
        assert not target.startswith("/"), f"root-relative link {target} breaks under /travinh/"
    not_found = BeautifulSoup(result.text("en/404.html"), "html.parser")
    assert not_found.select_one('link[rel="stylesheet"]')["href"].startswith("/travinh/assets/")
    assert "Sitemap: https://example.org/travinh/sitemap.xml" in result.text("robots.txt")


def differences(first: Path, second: Path) -> list[str]:
    """Files present in one tree only or whose bytes differ (compared byte by byte)."""
    left = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    right = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    found = sorted(left ^ right)
    for path in sorted(left & right):
        if (first / path).read_bytes() != (second / path).read_bytes():
            found.append(path)
    return found


def test_two_builds_of_the_same_content_are_byte_identical(tiny_site: TinySite):
    first = tiny_site.build(site_dir="first")
    second = tiny_site.build(site_dir="second")
    assert first.returncode == second.returncode == 0
    assert differences(first.site, second.site) == []


def test_two_builds_of_the_project_are_byte_identical(
    project_build: BuildResult, site_host: SiteHost, tmp_path: Path
):
    """The real project, built again by another process (another hash seed, another folder),
    and in one process where `make site` runs one per language: every file of the site,
    _headers and the images included, is the same."""
    second = build_project(tmp_path / "again" / "site", site_host.base, "--jobs", "1")
    assert second.returncode == 0, second.output
    files = [p for p in project_build.site.rglob("*") if p.is_file()]
    assert len(files) > 100 and (project_build.site / "_headers").is_file()
    assert differences(project_build.site, second.site) == []


def test_missing_interface_text_names_the_file_and_language(tiny_site: TinySite):
    strings = tiny_site.root / "overrides/strings.yml"
    strings.write_text(
        strings.read_text("utf-8").replace("  km: រកមិនឃើញទំព័រ\n", ""), encoding="utf-8"
    )
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        "overrides/strings.yml: the text 'notfound.title' has no 'km' (ខ្មែរ) version."
    ) in result.output


def test_front_matter_yaml_error_names_line_and_column(tiny_site: TinySite):
    tiny_site.write("docs_en/index.md", "---\ntitle: Home\ndescription: a: b\n---\n\n# Home\n")
    result = tiny_site.build()
    assert result.returncode != 0
    assert "docs_en/index.md:3: is not valid YAML, column 15" in result.output
    assert "Traceback" not in result.output


def _build_command(site: TinySite) -> Callable[..., subprocess.CompletedProcess[str]]:
    """The project's own build command (``make site``), run against the tiny project."""
    script = site.root / "scripts" / "build_site.py"
    script.parent.mkdir(exist_ok=True)
    script.write_bytes((PROJECT / "scripts" / "build_site.py").read_bytes())

    # A tiny site is no git repository: its content's date is given, as in TinySite.build.
    env = {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **os.environ}

    def build(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(script), *options],
            cwd=site.root,
            capture_output=True,
            text=True,
            env=env,
        )

    return build


def test_failed_build_leaves_the_previous_site_untouched(tiny_site: TinySite):
    site = tiny_site
    build = _build_command(site)
    first = build()
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    site.write("docs/index.md", "# Trang chủ\n\n[broken](nowhere.md)\n")
    second = build()
    assert second.returncode != 0
    assert "Build failed: site/ was left as it was." in second.stderr
    after = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    assert after == before


def test_more_processes_than_languages_build_the_same_site(tiny_site: TinySite):
    build = _build_command(tiny_site)
    assert build("--jobs", "1", "--site-dir", "one").returncode == 0
    many = build("--jobs", "4", "--site-dir", "four")  # three languages
    assert many.returncode == 0, many.stderr
    one, four = tiny_site.root / "one", tiny_site.root / "four"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(four) for p in four.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (four / f).read_bytes() for f in files)
    refused = build("--jobs", "0")
    assert refused.returncode == 2 and "--jobs must be 1 or more" in refused.stderr


def test_an_unreadable_configuration_is_one_clear_line(tiny_site: TinySite):
    config = tiny_site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnav: [\n", encoding="utf-8")
    result = _build_command(tiny_site)()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml" in result.stderr  # MkDocs names the file and the line
    assert "Build failed: nothing was written." in result.stderr
    assert not (tiny_site.root / "site").exists()
