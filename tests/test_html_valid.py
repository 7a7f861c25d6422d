"""Every page of the project's site, in every language, is valid HTML for the W3C Nu HTML
Checker (vnu.jar from npm vnu-jar, on Debian's Java; both installed by `make test`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BuildResult, node_tool


def run_checker(site: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The files the checker read and its messages (errors only), in one JVM for the whole
    site. --skip-non-html: given a folder it would otherwise parse scripts, fonts and images
    as HTML; --verbose names each file it checks on stdout, the JSON report goes to stderr."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is not installed: run `make test` (it installs default-jre-headless)")
    vnu = node_tool("vnu-jar/build/dist/vnu.jar")
    command = [java, "-jar", str(vnu), "--verbose", "--skip-non-html", "--errors-only"]
    run = subprocess.run(
        [*command, "--format", "json", str(site)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    report = json.loads(run.stderr[run.stderr.index("{") :])  # after any notice of the JVM
    return run.stdout.splitlines(), report["messages"]


@pytest.fixture(scope="session")
def checked(project_build: BuildResult) -> tuple[list[str], list[dict[str, Any]]]:
    return run_checker(project_build.site)


def test_the_checker_read_every_page(checked, project_build):
    # A file it cannot find or skips is no error for the checker: it checks nothing and says 0.
    files, _ = checked
    pages = sorted(str(path) for path in project_build.site.rglob("*.html"))
    assert len(pages) > 90  # every language's pages, the 404s and the translation dashboard
    assert sorted(files) == pages


def test_every_page_is_valid_html(checked, project_build):
    _, messages = checked
    # "error", and "non-document-error" (a file it could not read, an internal failure).
    problems: dict[str, list[str]] = defaultdict(list)
    for message in messages:
        page = message.get("url", "?").removeprefix(f"file:{project_build.site}/")
        extract = message.get("extract", "").strip()
        problems[page].append(f"{message.get('lastLine', '?')}: {message['message']} {extract}")
    report = "\n".join(f"{page}\n  " + "\n  ".join(lines) for page, lines in problems.items())
    assert not messages, f"{len(messages)} errors on {len(problems)} pages:\n{report}"
