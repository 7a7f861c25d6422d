"""Input that would hang or crash the build: Markdown that Python-Markdown renders in
super-linear time or by unbounded recursion, and a site folder that cannot be replaced. Each is
one clear problem with the file (and line) and the fix, a non-zero exit, no traceback, and the
previous site left as it was."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT, TinySite, build_project
from tests.test_hostile_input import page, refused
from travinh_site.content import limits

# ---- Markdown that would hang the build or crash it -------------------------------------------


def nested_list(levels: int) -> str:
    return "".join("    " * level + f"- cấp {level}\n" for level in range(levels))


@pytest.mark.parametrize("levels", [400, 5000])
def test_a_deeply_nested_list_is_one_line_and_fails_fast(tiny_site: TinySite, levels: int):
    tiny_site.write("docs/index.md", page(nested_list(levels)))
    started = time.monotonic()
    result = tiny_site.build()
    seconds = time.monotonic() - started
    refused(
        result,
        "docs/index.md:29: blocks are nested 21 levels deep here (lists in lists, quotes in "
        "quotes); pages may nest at most 20. Fix: flatten the list",
        "1 place(s) cannot be rendered (see above); nothing was built.",
    )
    assert "RecursionError" not in result.output
    assert seconds < 60  # generous: the check is linear; before it, 400 levels crashed


def test_thousands_of_unclosed_brackets_are_refused_before_markdown_scans_them(
    tiny_site: TinySite,
):
    tiny_site.write("docs/index.md", page("Mở đầu\n\n" + "![" * 30_000))
    started = time.monotonic()
    result = tiny_site.build()
    refused(
        result,
        "docs/index.md:10: this paragraph has 30000 '[' open at once (never closed, or "
        "nested); Markdown allows at most 100",
    )
    assert time.monotonic() - started < 60  # rendered, this paragraph took over 4 minutes here


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (nested_list(21), None),  # 21 levels: the first at no depth, the last 20 deep
        (nested_list(22), "nested 21 levels"),
        ("> " * 25 + "trích dẫn\n", "nested 25 levels"),
        ('<div markdown="1">\n' * 21 + "x\n" + "</div>\n" * 21, "nested 21 levels"),
        ("```json\n" + "[" * 500 + "\n```\n", None),  # code is not Markdown
        ("[a](" * 101 + "\n", "101 '(' open at once"),
        ("[a](b.md) " * 2000 + "\n", None),  # many links, each closed
        ("\\[" * 500 + "\n", None),  # escaped: text
        # A table's cells are rendered one by one: its rows are checked one by one.
        ("| a | b |\n|---|---|\n" + "| [x | y |\n" * 300, None),
    ],
)
def test_the_limits_count_what_markdown_would_recurse_or_scan_on(body: str, problem: str | None):
    found = limits.problems(page(body), "docs/x.md")
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0].english(), found


def test_every_page_of_the_project_is_within_the_limits():
    for folder in ("docs", "docs_en", "docs_km"):
        for path in sorted((PROJECT / folder).rglob("*.md")):
            assert limits.problems(path.read_text("utf-8"), str(path)) == []


# ---- a site folder that cannot be replaced ----------------------------------------------------


def immutable(path: Path) -> bool:
    """Make ``path`` immutable (root on a file system with attributes); False if impossible."""
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def test_an_immutable_site_folder_is_one_line_and_stays_as_it_was(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", encoding="utf-8")
    if not immutable(site):
        pytest.skip("chattr +i is not available here (needs root and ext4, as on CI)")
    try:
        result = build_project(site, "https://example.org/")
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=True)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert (
        f"{site}/: this folder cannot be written or replaced (Operation not permitted); the "
        "previous site is as it was. Fix: make it writable" in result.output
    )
    assert f"{site}/: không thể ghi hoặc thay thế thư mục này" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # no leftovers
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"
