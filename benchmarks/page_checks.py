#!/usr/bin/env python3
"""What the build's work on each published page costs: the offset tokeniser
(travinh_site.text.htmlscan) and the HTML5 parser (travinh_site.text.html5, Lexbor) against the
standard library's html.parser walking the same pages (the baseline), then the two page
rewrites (lang on passages, the page's Content-Security-Policy) and the link check of the whole
site, against the build of the site itself.

Builds the project once into a temporary folder (or takes a site already built, --site, such as
a corpus of benchmarks/build_speed.py --keep), then times each step over all its pages: the
median CPU time of --repeat runs (the machine is shared: wall time would follow the other jobs;
still, compare the ratios of one run). Prints figures only; asserts nothing.

    .venv/bin/python benchmarks/page_checks.py [--repeat 5] [--site DIR --site-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from travinh_site.security import headers
from travinh_site.site import passages
from travinh_site.site.sitecheck import check_site
from travinh_site.text import htmlscan

try:  # (absent before the HTML5 parser came: the same script measures the code before it)
    from travinh_site.text import html5
except ImportError:
    html5 = None  # type: ignore[assignment]

PROJECT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/travinh/"


class _Walk(HTMLParser):
    """The baseline: every start tag with its attributes, every run of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.count += 1

    def handle_data(self, data: str) -> None:
        self.count += 1


def stdlib_walk(page: str) -> None:
    walker = _Walk()
    walker.feed(page)
    walker.close()


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median CPU time of ``work`` in this process: the machine is shared, and wall time
    grows with the other jobs' load (the work is one thread, Lexbor's C code included)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--site", type=Path, help="a site already built (not timed)")
    parser.add_argument("--site-url", default=SITE_URL, help="the address it was built for")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        site = args.site or Path(folder) / "site"
        started = time.perf_counter()
        if args.site is None:
            subprocess.run(
                [sys.executable, "scripts/build_site.py", "--site-dir", str(site)],
                cwd=PROJECT,
                env={**os.environ, "SITE_URL": args.site_url},
                check=True,
                capture_output=True,
            )
        build = time.perf_counter() - started
        pages = [p.read_text("utf-8") for p in sorted(site.rglob("*.html"))]
        size = sum(len(page) for page in pages)

        def each(step: Callable[[str], object]) -> Callable[[], None]:
            def run() -> None:
                for page in pages:  # one result alive at a time, as in the build
                    step(page)

            return run

        steps = {
            "html.parser walk (baseline)": each(stdlib_walk),
            "htmlscan.parse": each(htmlscan.parse),
            **(
                {
                    "html5.select (policy's elements)": each(
                        lambda p: html5.select(p, "script, style, [style]")
                    )
                }
                if html5
                else {}
            ),
            "passages.mark": each(passages.mark),
            "headers.with_meta_policy": each(headers.with_meta_policy),
            "sitecheck.check_site (whole site)": lambda: check_site(site, args.site_url),
        }
        results = {name: median_seconds(work, args.repeat) for name, work in steps.items()}

    print(f"{len(pages)} pages, {size / len(pages) / 1024:.0f} KiB of HTML per page on average")
    if args.site is None:
        print(f"whole build (once, with the rewrites): {build:.2f} s")
    baseline = results["html.parser walk (baseline)"]
    print(f"{'step':38} {'all pages':>10} {'per page':>10} {'vs baseline':>12}")
    for name, seconds in results.items():
        print(
            f"{name:38} {seconds * 1000:8.0f} ms {seconds / len(pages) * 1000:7.2f} ms "
            f"{seconds / baseline:11.2f}x"
        )
    rewrites = results["passages.mark"] + results["headers.with_meta_policy"]
    share = f", {100 * rewrites / build:.0f} % of it" if args.site is None else ""
    print(f"the two rewrites in the build: {rewrites:.2f} s{share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
