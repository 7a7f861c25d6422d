#!/usr/bin/env python3
"""Page weight and Lighthouse performance of the shipped site, on a first visit from a phone.

Builds the project's site, serves it on 127.0.0.1 the way static hosts do (text compressed
with gzip, the site's _headers), and runs Lighthouse (npm `lighthouse`, mobile settings: its
defaults, Debian's Chromium) `--runs` times on the home page and one deep page of each
language. Prints, per page, the bytes transferred by type (HTML, CSS, JS, fonts, images,
other) on that first visit with an empty cache, and Lighthouse's performance score with its
key metrics (medians). Budgets: 350 KB for a home page, performance 95. Asserts nothing.

    make bench                      # with the build benchmark
    .venv/bin/python benchmarks/page_weight.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402 - after the path is set
from tests.conftest import NODE_MODULES, read_languages  # noqa: E402
from tests.static_host import SiteHost  # noqa: E402

RUNNER = PROJECT / "tests/browser/lighthouse.mjs"
PAGES = ("index.html", "du-lich/ao-ba-om.html")
HOME_BUDGET = 350 * 1024
PERFORMANCE_BUDGET = 0.95
TYPES = {  # Lighthouse's resource types, grouped as the issue asks
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Font": "fonts",
    "Image": "images",
}
COLUMNS = ("html", "css", "js", "fonts", "images", "other")


def lighthouse(urls: list[str]) -> dict:
    out = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    run = subprocess.run(
        ["node", str(RUNNER), str(NODE_MODULES), str(out), *urls],
        env={
            **os.environ,
            "CHROME_PATH": chromium,
            "CHROME_FLAGS": json.dumps(["--headless=new", *CHROMIUM_ARGS]),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(out, ignore_errors=True)
    if run.returncode != 0:
        sys.exit(f"Lighthouse failed:\n{run.stderr}")
    return json.loads(run.stdout)


def kilobytes(size: float) -> str:
    return f"{size / 1024:6.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    args = parser.parse_args()
    if not (NODE_MODULES / "lighthouse").is_dir():
        sys.exit("Lighthouse is not installed: run `make bench` (it installs the npm tools).")
    host = SiteHost(compress=True)
    scratch = tempfile.TemporaryDirectory(prefix="page-weight-")
    try:
        site = Path(scratch.name) / "site"
        build = subprocess.run(
            [sys.executable, "scripts/build_site.py", "--site-dir", str(site)],
            cwd=PROJECT,
            env={**os.environ, "SITE_URL": host.base},
            capture_output=True,
            text=True,
            check=False,
        )
        if build.returncode != 0:
            sys.exit(f"The build failed:\n{build.stdout}{build.stderr}")
        served = host.publish(site)
        pages = [language.prefix + page for language in read_languages() for page in PAGES]
        urls = [served.url(page) for page in pages]
        runs = [lighthouse(urls) for _ in range(args.runs)]
    finally:
        host.close()
        scratch.cleanup()

    print(f"First visit from a phone (Lighthouse {args.runs} runs, medians), text gzip-compressed")
    print(f"as static hosts serve it. KB transferred by type; budget {HOME_BUDGET // 1024} KB for")
    print(f"home pages, performance >= {PERFORMANCE_BUDGET * 100:.0f}.\n")
    header = f"{'page':28s}" + "".join(f"{name:>8s}" for name in (*COLUMNS, "total"))
    print(header + f"{'perf':>6s}{'FCP ms':>8s}{'LCP ms':>8s}{'TBT ms':>8s}{'CLS':>7s}")
    for page, url in zip(pages, urls, strict=True):
        sizes: dict[str, list[float]] = defaultdict(list)
        scores, metrics = [], defaultdict(list)
        for run in runs:
            result = run[url]
            by_type: dict[str, float] = defaultdict(float)
            for request in result["network"]:
                by_type[TYPES.get(request["resourceType"], "other")] += request["transferSize"]
            for column in COLUMNS:
                sizes[column].append(by_type[column])
            sizes["total"].append(sum(by_type.values()))
            scores.append(result["categories"]["performance"]["score"])
            for name, value in result["metrics"].items():
                metrics[name].append(value)
        median = {name: statistics.median(values) for name, values in sizes.items()}
        flags = ""
        if not page.endswith(PAGES[1]) and median["total"] > HOME_BUDGET:
            flags += " over budget"
        score = statistics.median(scores)
        if score < PERFORMANCE_BUDGET:
            flags += " perf<95"
        print(
            f"{page:28s}"
            + "".join(f"{kilobytes(median[name]):>8s}" for name in (*COLUMNS, "total"))
            + f"{score * 100:6.0f}"
            + f"{statistics.median(metrics['first-contentful-paint-ms']):8.0f}"
            + f"{statistics.median(metrics['largest-contentful-paint-ms']):8.0f}"
            + f"{statistics.median(metrics['total-blocking-time-ms']):8.0f}"
            + f"{statistics.median(metrics['cumulative-layout-shift']):7.3f}"
            + flags
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
