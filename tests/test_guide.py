"""The editors' guide is run, not just read: the commands of EDITING.md (the same as those of
EDITING.en.md) are taken from its ```sh blocks and run in order, as an editor would, in a tiny
project that is a git repository with a remote: the preview is served and reloads, a new page
and its Khmer translation are made, both are visible in the preview, and the change is pushed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PROJECT, make_tiny_site
from travinh_site.content.schema import FIELD_NAMES

GUIDE = PROJECT / "EDITING.md"
GUIDE_EN = PROJECT / "EDITING.en.md"
REPORT_SCRIPT = "scripts/check_translations.py"
_SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def commands(guide: Path) -> list[str]:
    """Every line of every ```sh block, in order."""
    text = guide.read_text(encoding="utf-8")
    return [line for block in _SH_BLOCK.findall(text) for line in block.splitlines() if line]


def test_both_guides_show_the_same_commands():
    assert commands(GUIDE) == commands(GUIDE_EN)
    assert len(commands(GUIDE)) >= 10


def test_the_guides_document_every_front_matter_field():
    for guide in (GUIDE, GUIDE_EN):
        table = guide.read_text(encoding="utf-8")
        for name in FIELD_NAMES:
            assert f"| `{name}` |" in table, f"{guide.name} does not document '{name}'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(url: str, contains: str = "", timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, text = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, text = 0, ""
        if status == 200 and contains in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {contains!r} within {timeout} s")


@dataclass
class Walkthrough:
    project: Path
    env: dict[str, str]
    ran: list[tuple[str, int, str]] = field(default_factory=list)  # command, exit code, output
    served: dict[str, dict[str, str]] = field(default_factory=dict)  # command -> url -> html
    reloaded: bool = False

    @contextmanager
    def serving(self, command: str) -> Iterator[str]:
        port = free_port()  # the Makefile's PORT ?= 8000 gives way to the environment
        process = subprocess.Popen(
            command,
            shell=True,
            cwd=self.project,
            env={**self.env, "PORT": str(port)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_for(base + "index.html")
            yield base
        finally:
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C does
            output, _ = process.communicate(timeout=30)
            self.ran.append((command, 0, output))
        assert "Traceback" not in output, output


def translate_to_khmer(project: Path) -> None:
    """What the translator does between start_translation and finish_translation."""
    path = project / "docs_km/du-lich/di-lai-den-tra-vinh.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Đi lại đến Trà Vinh", "title: ការធ្វើដំណើរទៅត្រាវិញ")
    text = text.replace(
        "description: Cách đến vùng Trà Vinh và đi lại trong vùng.",
        "description: របៀបធ្វើដំណើរទៅតំបន់ត្រាវិញ និងធ្វើដំណើរក្នុងតំបន់។",
    )
    text = text[: text.index("# Đi lại")] + "# ការធ្វើដំណើរទៅត្រាវិញ\n"
    path.write_text(text, encoding="utf-8")


def copy_project_tools(project: Path) -> None:
    """The project's Makefile, scripts and pins beside a tiny site, sharing the project's .venv.

    The copied pins are dated back so that make never reinstalls into the shared .venv from
    the copy (that would point its editable install at this temporary folder)."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml", ".gitignore"):
        shutil.copy(PROJECT / name, project / name)
    for pins in ("requirements.txt", "pyproject.toml"):
        os.utime(project / pins, (0, 0))
    shutil.copytree(
        PROJECT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    (project / ".venv").symlink_to(PROJECT / ".venv")


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory) -> Walkthrough:
    root = tmp_path_factory.mktemp("guide")
    project = make_tiny_site(root / "project").root
    copy_project_tools(project)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Biên tập viên",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Biên tập viên",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    env.pop("MAKEFLAGS", None)
    for setup in (
        ["git", "init", "--quiet", "--bare", "-b", "main", str(root / "shared.git")],
        ["git", "init", "--quiet", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "--quiet", "-m", "The site"],
        ["git", "remote", "add", "origin", str(root / "shared.git")],
        ["git", "push", "--quiet", "-u", "origin", "main"],
    ):
        subprocess.run(setup, cwd=project, env=env, check=True, capture_output=True)

    walk = Walkthrough(project, env)
    for command in commands(GUIDE):
        if command.startswith("make serve"):
            with walk.serving(command) as base:
                pages = ["index.html", "km/index.html", "en/index.html"]
                walk.served[command] = {page: fetch(base + page)[1] for page in pages}
                if not walk.reloaded:  # edit a page and wait for the preview to show it
                    index = project / "docs/index.md"
                    original = index.read_text(encoding="utf-8")
                    index.write_text(original + "\nDòng vừa thêm.\n", encoding="utf-8")
                    wait_for(base + "index.html", "Dòng vừa thêm.", timeout=30)
                    index.write_text(original, encoding="utf-8")
                    walk.reloaded = True
            continue
        result = subprocess.run(
            command, shell=True, cwd=project, env=env, capture_output=True, text=True
        )
        walk.ran.append((command, result.returncode, result.stdout + result.stderr))
        if "start_translation.py" in command and result.returncode == 0:
            translate_to_khmer(project)
    # Finally, what the guide promises: the new page and its translation, in the preview.
    with walk.serving("make serve") as base:
        walk.served["at the end"] = {
            page: wait_for(base + page)
            for page in (
                "du-lich/di-lai-den-tra-vinh.html",
                "km/du-lich/di-lai-den-tra-vinh.html",
                "tin-tuc/index.html",  # the post of the guide's news section
            )
        }
    return walk


def test_every_command_of_the_guide_succeeds(walkthrough: Walkthrough):
    failed = [(c, code, out) for c, code, out in walkthrough.ran if code != 0]
    assert failed == []
    assert "Traceback" not in "".join(output for _c, _code, output in walkthrough.ran)


def test_make_serve_shows_every_language_and_reloads_after_an_edit(walkthrough: Walkthrough):
    pages = walkthrough.served["make serve"]
    assert '<html lang="vi"' in pages["index.html"]
    assert '<html lang="km"' in pages["km/index.html"]
    assert '<html lang="en"' in pages["en/index.html"]
    assert walkthrough.reloaded


def test_make_serve_only_km_previews_khmer_alone(walkthrough: Walkthrough):
    pages = walkthrough.served["make serve ONLY=km"]
    assert '<html lang="km"' in pages["km/index.html"]
    assert pages["en/index.html"] == ""  # not built: 404


def test_the_new_page_and_its_khmer_translation_are_both_in_the_preview(walkthrough):
    pages = walkthrough.served["at the end"]
    vietnamese = BeautifulSoup(pages["du-lich/di-lai-den-tra-vinh.html"], "html.parser")
    khmer = BeautifulSoup(pages["km/du-lich/di-lai-den-tra-vinh.html"], "html.parser")
    assert vietnamese.h1.get_text(strip=True).startswith("Đi lại đến Trà Vinh")
    assert khmer.h1.get_text(strip=True).startswith("ការធ្វើដំណើរទៅត្រាវិញ")
    assert khmer.select_one(".tv-draft, .tv-untranslated") is None  # finished
    menu = [link.get_text(strip=True) for link in khmer.select("nav.md-nav--primary a")]
    assert "ការធ្វើដំណើរទៅត្រាវិញ" in menu


def test_the_news_post_of_the_guide_is_dated_today_and_listed_in_the_preview(walkthrough):
    (post,) = (walkthrough.project / "docs/tin-tuc").rglob("*.md")
    assert post.name == "thong-cao-bao-chi-ve-khu-kinh-te-dinh-an.md"
    listing = BeautifulSoup(walkthrough.served["at the end"]["tin-tuc/index.html"], "html.parser")
    assert [a.get_text() for a in listing.select(".tv-news-list h2 a")] == [
        "Thông cáo báo chí về Khu kinh tế Định An"
    ]
    dated = listing.select_one(".tv-news-list time")["datetime"]
    assert post.parent.name == dated[:4]  # filed in the folder of its year
    assert f"date: {dated}" in post.read_text("utf-8")


def test_the_change_reached_the_shared_repository(walkthrough: Walkthrough):
    remote = walkthrough.project.parent / "shared.git"
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "main"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "docs/du-lich/di-lai-den-tra-vinh.md" in files
    assert "docs_km/du-lich/di-lai-den-tra-vinh.md" in files


def test_the_translation_report_command_runs(walkthrough: Walkthrough):
    (ran,) = [(code, out) for c, code, out in walkthrough.ran if REPORT_SCRIPT in c]
    assert ran[0] == 0, ran[1]
