"""`make serve` on a tiny site: a real `mkdocs serve` process, edits saved as an editor saves
them, and what the server then serves. Behaviour only: each wait is for an outcome, with a
generous limit so that a loaded machine does not fail it (the latency is measured in
benchmarks/preview_latency.py)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SOURCE_DATE_EPOCH, TinySite, make_tiny_site

LIMIT = 180.0  # seconds: a rebuild that has not shown after this never will
OTHER_PAGE = "docs/du-lich/chua-ang.md"
OTHER_TEXT = (
    "---\ntitle: Chùa Âng\ndescription: Chùa Âng là ngôi chùa Khmer.\n---\n\n# Chùa Âng\n\n"
    "Chùa nằm gần Ao Bà Om.\n"
)
# The pagoda's entry has no label: the menu shows the page's own title (its front matter).
NAV = [
    {"Trang chủ": "index.md"},
    {"Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}, "du-lich/chua-ang.md"]},
]
CSP = 'http-equiv="Content-Security-Policy"'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=LIMIT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


@dataclass
class Preview:
    site: TinySite
    base: str
    process: subprocess.Popen[str]

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.base + path)

    def wait_for(self, path: str, holds: Callable[[int, str], bool]) -> str:
        """The page at ``path`` once ``holds(status, html)``; fails after LIMIT seconds."""
        started = time.monotonic()
        status, html = self.page(path)
        while not holds(status, html):
            if self.process.poll() is not None:
                said = self.process.stdout.read() if self.process.stdout else ""
                pytest.fail(f"mkdocs serve ended:\n{said}")
            if time.monotonic() - started > LIMIT:
                pytest.fail(f"{path}: not as expected after {LIMIT:.0f} s (status {status})")
            time.sleep(0.2)
            status, html = self.page(path)
        return html


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = make_tiny_site(tmp_path / "project")
    site.write(OTHER_PAGE, OTHER_TEXT)
    site.set_nav(NAV)
    port = free_port()
    env = {
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        # as `make serve`
        "SITE_URL": f"http://127.0.0.1:{port}/",
        "TRAVINH_PREVIEW": "true",
        "TRAVINH_ONLY": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    served = Preview(site, f"http://127.0.0.1:{port}/", process)
    try:
        served.wait_for("du-lich/ao-ba-om.html", lambda status, html: status == 200)
        yield served
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def edit(path: Path, old: str, new: str) -> None:
    """Replace every ``old`` in the file with ``new``, as an editor's save."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_is_served_as_a_preview_every_time(preview: Preview):
    """The preview leaves the published site's rewrites out (its live-reload script is inline,
    which the pages' Content-Security-Policy would block) on every rebuild, not only the
    first: mkdocs serve makes new plugins for each rebuild."""
    first = preview.page("du-lich/ao-ba-om.html")[1]
    assert CSP not in first
    for number in (1, 2):
        edit(
            preview.site.root / "docs/du-lich/ao-ba-om.md",
            "Ao rộng khoảng" if number == 1 else "Lần sửa 1.",
            f"Lần sửa {number}. Ao rộng khoảng" if number == 1 else "Lần sửa 2.",
        )
        marker = f"Lần sửa {number}."
        html = preview.wait_for(
            "du-lich/ao-ba-om.html", lambda status, html, marker=marker: marker in html
        )
        assert CSP not in html
        assert "livereload" in html
    # The other languages are built again too: the English page is the preview's as well.
    english = preview.page("en/du-lich/ao-ba-om.html")[1]
    assert "Ba Om Pond" in english and CSP not in english


def test_the_preview_never_serves_a_stale_page_as_current(preview: Preview):
    """A title shown in other pages' menus changes: once the edited page shows it, every
    other page served shows it too: no page of the previous build is served as current."""
    # Pages of every language whose menu and footer show the pagoda's title.
    others = ("du-lich/ao-ba-om.html", "en/du-lich/ao-ba-om.html", "km/du-lich/ao-ba-om.html")
    for other in others:
        assert re.search(r">\s*Chùa Âng\s*<", preview.page(other)[1]), other
    # The title and the heading, which the menu shows (MkDocs takes a page's title from it).
    edit(preview.site.root / OTHER_PAGE, "Chùa Âng\n", "Chùa Âng Mới\n")
    preview.wait_for("du-lich/chua-ang.html", lambda status, html: "Chùa Âng Mới" in html)
    for other in others:
        status, html = preview.page(other)
        assert status == 200
        assert "Chùa Âng Mới" in html, other


def test_a_deleted_page_leaves_the_preview(preview: Preview):
    assert preview.page("du-lich/chua-ang.html")[0] == 200
    (preview.site.root / OTHER_PAGE).unlink()
    preview.site.set_nav([*NAV[:1], {"Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}]}])
    preview.wait_for("du-lich/chua-ang.html", lambda status, html: status == 404)
    status, html = preview.page("du-lich/ao-ba-om.html")
    assert status == 200 and "chua-ang.html" not in html
    assert preview.page("en/du-lich/chua-ang.html")[0] == 404


def test_a_new_page_joins_the_preview_and_its_menu(preview: Preview):
    preview.site.write(
        "docs/du-lich/bien-ba-dong.md",
        "---\ntitle: Biển Ba Động\ndescription: Bãi biển.\n---\n\n# Biển Ba Động\n\nBãi cát.\n",
    )
    preview.site.set_nav([*NAV[:1], {"Du lịch": [*NAV[1]["Du lịch"], "du-lich/bien-ba-dong.md"]}])
    preview.wait_for("du-lich/bien-ba-dong.html", lambda status, html: status == 200)
    assert "bien-ba-dong.html" in preview.page("du-lich/ao-ba-om.html")[1]
