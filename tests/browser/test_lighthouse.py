"""Lighthouse with its mobile settings in Debian's Chromium, on the home page and a deep page of
each language of the served site: accessibility 100, SEO 100, best practices at least 95.
Performance is measured and reported (.cache/reports/lighthouse.json), not enforced here: on a
shared machine it is noisy, and a budget belongs to the benchmarks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, Report
from tests.conftest import NODE_MODULES, REPORTS, node_tool, read_languages
from tests.static_host import ServedSite

pytestmark = pytest.mark.browser

RUNNER = Path(__file__).with_name("lighthouse.mjs")
DEEP_PAGE = "du-lich/ao-ba-om.html"
PAGES = [
    f"{language.prefix}{page}"
    for language in read_languages()
    for page in ("index.html", DEEP_PAGE)
]
MINIMUM = {"accessibility": 1.0, "seo": 1.0, "best-practices": 0.95}


@pytest.fixture(scope="module")
def lighthouse(served_site: ServedSite, chromium_path: str, report: Report) -> dict[str, Any]:
    """Lighthouse's results for PAGES, run once (one Chromium for all of them)."""
    node_tool("lighthouse/package.json")
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: run `make test` (or apt-get install nodejs npm)")
    out = REPORTS / "lighthouse"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    urls = [served_site.url(page) for page in PAGES]
    run = subprocess.run(
        [node, str(RUNNER), str(NODE_MODULES), str(out), *urls],
        env={
            **os.environ,
            "CHROME_PATH": chromium_path,
            "CHROME_FLAGS": json.dumps(["--headless=new", *CHROMIUM_ARGS]),
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    for page, url in zip(PAGES, urls, strict=True):
        result = results[url]
        scores = {name: c["score"] for name, c in result["categories"].items()}
        report.add("lighthouse", page, {"scores": scores, "metrics": result["metrics"]})
    return {page: results[url] for page, url in zip(PAGES, urls, strict=True)}


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_on_a_phone(lighthouse: dict[str, Any], page: str):
    result = lighthouse[page]
    assert result["runtimeError"] is None
    for category, minimum in MINIMUM.items():
        scored = result["categories"][category]
        assert scored["score"] >= minimum, f"{category} {scored['score']}: {scored['lost']}"
