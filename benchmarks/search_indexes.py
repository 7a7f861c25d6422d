#!/usr/bin/env python3
"""Search indexes: their sizes against the one merged index of the stock stack, and the share
of the Khmer pages' build time spent cutting Khmer words.

Two sites, each built twice in the same run:
- the shipped site (docs/, docs_en/, docs_km/), and
- a generated corpus of 300 pages per language, made from the shipped pages' paragraphs;
built with this project's configuration (travinh-search: one index per language) and with the
stock one (Material's `search` plugin, whose one index mkdocs-static-i18n fills with every
language). Sizes are exact; times are the median of several builds on a shared machine, so
they are noisy (the spread is printed).

    .venv/bin/python benchmarks/search_indexes.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGE_DIRS = {"vi": "docs", "en": "docs_en", "km": "docs_km"}
INDEXES = {
    "vi": "search/search_index.json",
    "en": "en/search/search_index.json",
    "km": "km/search/search_index.json",
}
PAGES_PER_LANGUAGE = 300
TIMING = re.compile(r"(\w+): built in ([\d.]+) s, of which ([\d.]+) s cutting Khmer words")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "assets", *LANGUAGE_DIRS.values()):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def stock(project: Path) -> None:
    """Material's search plugin in place of travinh-search: the stack as it comes."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"  - travinh-search:\n(?:      .*\n|\s*#.*\n)*", "  - search\n", text)
    config.write_text(text, encoding="utf-8")


def paragraphs(folder: Path) -> list[str]:
    """The prose paragraphs of a language's shipped pages (no front matter, headings, links)."""
    found = []
    for page in sorted(folder.rglob("*.md")):
        body = page.read_text(encoding="utf-8").split("---", 2)[-1]
        for block in re.split(r"\n\s*\n", body):
            block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block.strip())  # links: text
            # prose only: no headings, lists, tables, images, admonitions, HTML or attributes
            if block[:1].isalpha() and not re.search(r"[<>{}|]|\]\(|^\s*[-*!]", block, re.M):
                found.append(block)
    return found


def generate_corpus(project: Path, pages: int) -> None:
    """``pages`` pages per language at the same paths, each a different mix of the language's
    shipped paragraphs under three headings; the navigation lists them all."""
    for code, folder in LANGUAGE_DIRS.items():
        source = paragraphs(PROJECT / folder)
        heading = {"vi": "Phần", "en": "Part", "km": "ផ្នែក"}.get(code, "Part")
        for number in range(1, pages + 1):
            sections = []
            for part in range(3):
                picked = [source[(number * 7 + part * 3 + k) % len(source)] for k in range(3)]
                sections.append(f"## {heading} {part + 1}\n\n" + "\n\n".join(picked))
            words = re.sub(r"[^\w\s]", " ", source[number % len(source)]).split()
            title = f"{' '.join(words[:6])} {number}"
            text = (
                f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                f"description: {heading} {number}\n---\n\n"
                f"# {title}\n\n" + "\n\n".join(sections) + "\n"
            )
            target = project / folder / "corpus" / f"page-{number:03d}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entries = "".join(f"      - corpus/page-{number:03d}.md\n" for number in range(1, pages + 1))
    config.write_text(text + f"  - Corpus:\n{entries}", encoding="utf-8")


def build(project: Path, site: Path) -> tuple[float, str]:
    """Build like `make site` does (strict), with debug output; seconds and the output."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"}
    # The copy is no git repository: its content's date (content.as_of) is given.
    env.setdefault("SOURCE_DATE_EPOCH", "1796083200")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def report_sizes(name: str, ours: Path, stock_site: Path) -> None:
    merged_raw, merged_gzip = sizes(stock_site / "search/search_index.json")
    print(f"\n{name}: merged index (stock) {kb(merged_raw)} ({kb(merged_gzip)} gzipped)")
    print(f"  {'index':<34}{'bytes':>12}{'share':>8}{'gzipped':>12}{'share':>8}")
    for code, path in INDEXES.items():
        raw, zipped = sizes(ours / path)
        print(
            f"  {code + ': ' + path:<34}{kb(raw):>12}{raw / merged_raw:>8.1%}"
            f"{kb(zipped):>12}{zipped / merged_gzip:>8.1%}"
        )


def median_and_spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds timed per configuration")
    parser.add_argument("--pages", type=int, default=PAGES_PER_LANGUAGE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        root = Path(tmp)
        shipped, shipped_stock = copy_project(root / "shipped"), copy_project(root / "stock")
        stock(shipped_stock)
        corpus, corpus_stock = copy_project(root / "corpus"), copy_project(root / "c-stock")
        generate_corpus(corpus, args.pages)
        generate_corpus(corpus_stock, args.pages)
        stock(corpus_stock)

        for name, ours, theirs in (
            ("Shipped site", shipped, shipped_stock),
            (f"Generated corpus ({args.pages} pages per language)", corpus, corpus_stock),
        ):
            build(ours, ours / "site")
            build(theirs, theirs / "site")
            report_sizes(name, ours / "site", theirs / "site")

        print(f"\nGenerated corpus, {args.runs} builds each (a shared machine: noisy)")
        totals: dict[str, list[float]] = {"ours": [], "stock": []}
        km_pages: list[float] = []
        km_cutting: list[float] = []
        for _ in range(args.runs):
            seconds, output = build(corpus, corpus / "site")
            totals["ours"].append(seconds)
            timings = {code: (float(b), float(c)) for code, b, c in TIMING.findall(output)}
            built, cutting = timings["km"]
            km_pages.append(built - cutting)
            km_cutting.append(cutting)
            totals["stock"].append(build(corpus_stock, corpus_stock / "site")[0])
        print(f"  whole build, travinh-search: {median_and_spread(totals['ours'])}")
        print(f"  whole build, stock search:   {median_and_spread(totals['stock'])}")
        print(f"  Khmer pages' build without cutting words: {median_and_spread(km_pages)}")
        print(f"  cutting Khmer words (ICU + cut):          {median_and_spread(km_cutting)}")
        shares = [cut / pages for cut, pages in zip(km_cutting, km_pages, strict=True)]
        print(
            f"  added to the Khmer pages' build: median {statistics.median(shares):.1%} "
            f"(min {min(shares):.1%}, max {max(shares):.1%})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
