#!/usr/bin/env python3
"""The two HTML5 parsers considered for the page checks, on built pages: selectolax (Lexbor, the
one the project uses: travinh_site.text.html5) and html5-parser (Gumbo, building an lxml tree),
against the standard library's html.parser walking the same pages and the project's offset
tokeniser (travinh_site.text.htmlscan).

For each folder of built pages given (a built site: `make site`, or a corpus built by
benchmarks/build_speed.py --keep), each step runs over every page, median CPU time of --repeat runs:
parsing alone; parsing and taking what the policy hashes (scripts, styles, style attributes);
parsing and reading every element's name and attributes. Prints figures only; asserts nothing.

html5-parser is not among the project's packages: it builds from source against libxml2's
headers, and lxml must then be built against the same libxml2 (Debian: apt-get install
libxml2-dev libxslt1-dev; pip install --no-binary lxml,html5-parser lxml html5-parser).
Without it, its rows are left out.

    .venv/bin/python benchmarks/html_parsers.py site/ [more folders] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from travinh_site.text import htmlscan

INLINE = "script, style, [style]"


class _Walk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.count += len(attrs) + 1


def stdlib_walk(page: str) -> None:
    walker = _Walk()
    walker.feed(page)
    walker.close()


def lexbor_inline(page: str) -> None:
    for node in LexborHTMLParser(page, scripting=True).css(INLINE):
        node.attributes.get("style")
        if node.tag in ("script", "style"):
            node.text()


def lexbor_elements(page: str) -> None:
    for node in LexborHTMLParser(page, scripting=True).css("*"):
        node.attributes.items()


def candidates() -> dict[str, Callable[[str], object]]:
    steps: dict[str, Callable[[str], object]] = {
        "html.parser walk (baseline)": stdlib_walk,
        "htmlscan.parse (offsets, ours)": htmlscan.parse,
        "selectolax: parse": lambda page: LexborHTMLParser(page, scripting=True),
        "selectolax: parse + inline": lexbor_inline,
        "selectolax: parse + elements": lexbor_elements,
    }
    try:
        from html5_parser import parse
    except (ImportError, RuntimeError) as error:  # RuntimeError: lxml's libxml2 differs
        print(f"html5-parser left out: {error}", file=sys.stderr)
        return steps

    def gumbo_inline(page: str) -> None:
        root = parse(page, treebuilder="lxml", sanitize_names=False)
        for element in root.xpath("//script|//style|//*[@style]"):
            element.get("style")
            if element.tag in ("script", "style"):
                element.text  # noqa: B018

    def gumbo_elements(page: str) -> None:
        for element in parse(page, treebuilder="lxml", sanitize_names=False).iter():
            element.attrib.items()

    steps |= {
        "html5-parser: parse": lambda page: parse(page, treebuilder="lxml"),
        "html5-parser: parse + inline": gumbo_inline,
        "html5-parser: parse + elements": gumbo_elements,
    }
    return steps


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
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    steps = candidates()
    for folder in args.folders:
        pages = [p.read_text("utf-8") for p in sorted(folder.rglob("*.html"))]
        size = sum(len(page) for page in pages)
        print(f"\n{folder}: {len(pages)} pages, {size / len(pages) / 1024:.0f} KiB per page")
        results = {}
        for name, step in steps.items():

            def run(step: Callable[[str], object] = step, pages: list[str] = pages) -> None:
                for page in pages:
                    step(page)

            results[name] = median_seconds(run, args.repeat)
        baseline = results["html.parser walk (baseline)"]
        print(f"{'step':34} {'all pages':>10} {'per page':>10} {'vs baseline':>12}")
        for name, seconds in results.items():
            print(
                f"{name:34} {seconds * 1000:8.0f} ms {seconds / len(pages) * 1000:7.3f} ms "
                f"{seconds / baseline:11.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
