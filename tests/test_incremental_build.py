"""`make site` on a project with history: a warm build equals a cold one, a build with nothing
changed does nothing, and what counts as a change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, read_languages

SITE_URL = "https://example.org/travinh/"


def copy_of_project(folder: Path) -> Path:
    """The project's content, configuration and templates in ``folder``, as a git repository
    with one commit (the build speaks from its date), built with the project's command."""
    folder.mkdir(parents=True)
    shutil.copy(PROJECT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("assets", "overrides", *(language.content_dir for language in read_languages())):
        shutil.copytree(PROJECT / name, folder / name)
    (folder / "scripts").mkdir()
    shutil.copy(PROJECT / "scripts/build_site.py", folder / "scripts/build_site.py")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-11-30T10:00:00+07:00"}
    env |= {"GIT_COMMITTER_DATE": env["GIT_AUTHOR_DATE"]}
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content"],
    ):
        subprocess.run(command, cwd=folder, check=True, env=env)
    return folder


def make_site(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", str(site), "--jobs", "3"],
        cwd=project,
        env={**os.environ, "SITE_URL": SITE_URL, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_of_project(tmp_path_factory.mktemp("incremental") / "project")
    result = make_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


def warm_build_as_cold(built: Path) -> dict[str, bytes]:
    """Build ``built`` with its page cache, then without: the two sites are the same, file for
    file and byte for byte; returns the warm build's files."""
    warm = make_site(built, built / "site-warm")
    assert warm.returncode == 0, warm.stderr
    shutil.rmtree(built / ".cache" / "pages")
    cold = make_site(built, built / "site-cold")
    assert cold.returncode == 0, cold.stderr
    warm_files, cold_files = files_of(built / "site-warm"), files_of(built / "site-cold")
    assert sorted(warm_files) == sorted(cold_files)
    assert [path for path in cold_files if warm_files[path] != cold_files[path]] == []
    return warm_files


def test_a_warm_build_with_one_page_changed_equals_a_cold_build(built: Path):
    page = built / "docs_km/du-lich/ao-ba-om.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("ស្រះ", "ស្រះ​ធំ", 1), encoding="utf-8")
        warm_files = warm_build_as_cold(built)
        assert "ស្រះ​ធំ" in warm_files["km/du-lich/ao-ba-om.html"].decode("utf-8")
    finally:
        page.write_text(original, encoding="utf-8")


POST = """---
title: Thử nghiệm bộ nhớ đệm của các trang
description: Một tin chỉ có trong bài kiểm tra.
date: 2025-07-02
category: du-lich
languages: [vi]
---

# Thử nghiệm bộ nhớ đệm của các trang

Một tin chỉ có trong bài kiểm tra.
"""


def test_a_new_post_in_a_warm_build_is_listed_as_in_a_cold_build(built: Path):
    """The home page's latest posts and the listings come from other files than the page: a
    post added to a warm build shows on the home page exactly as after a cold build."""
    post = built / "docs/tin-tuc/2025/thu-nghiem-bo-nho-dem.md"
    assert make_site(built, built / "site-before").returncode == 0  # the cache is warm
    try:
        post.write_text(POST, encoding="utf-8")
        warm_files = warm_build_as_cold(built)
        home = warm_files["index.html"].decode("utf-8")
        assert "Thử nghiệm bộ nhớ đệm của các trang" in home
    finally:
        post.unlink(missing_ok=True)


def test_nothing_changed_means_nothing_built(built: Path):
    site = built / "site"
    first = make_site(built, site)  # up to date with the fixture's build, or built again here
    assert first.returncode == 0, first.stderr
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*")}
    again = make_site(built, site)
    assert again.returncode == 0, again.stderr
    assert "site/ is up to date: nothing changed since the last build." in again.stderr
    assert "site/ đã là bản mới nhất" in again.stderr
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*")} == before


@pytest.mark.parametrize(
    "change",
    ["a page", "an image's metadata", "a template", "the site's address", "a file of the site"],
)
def test_each_kind_of_change_builds_again(built: Path, change: str):
    site = built / "site"
    assert make_site(built, site).returncode == 0
    env: dict[str, str] = {}
    restore: list[tuple[Path, bytes]] = []

    def edit(path: Path, text: str) -> None:
        restore.append((path, path.read_bytes()))
        path.write_bytes(path.read_bytes() + text.encode("utf-8"))

    if change == "a page":
        edit(built / "docs_en/index.md", "\nOne more line.\n")
    elif change == "an image's metadata":
        edit(built / "assets/images/ao-ba-om.svg.yml", "\n")
    elif change == "a template":
        edit(built / "overrides/main.html", "\n")
    elif change == "the site's address":
        env["SITE_URL"] = "https://example.org/other/"
    else:
        (site / "404.html").unlink()
    try:
        result = make_site(built, site, **env)
        assert result.returncode == 0, result.stderr
        assert "is up to date" not in result.stderr
        assert "Built " in result.stderr
        assert (site / "404.html").is_file()
    finally:
        for path, data in restore:
            path.write_bytes(data)
