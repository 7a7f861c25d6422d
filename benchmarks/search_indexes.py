#!/usr/bin/env python3
"""Search: what a visitor downloads for a first query, at 300, 1,000 and 3,000 pages per
language, and the index sizes against the one merged index of the stock stack.

For each size N, a corpus of N pages per language is generated with realistic words: each page
draws its words (about 415, as the shipped pages average) from the word counts of one shipped
page of its language, so a word is in as many pages and as often as on the real site, and 4%
from a pool of rarer compounds drawn Zipf-wise, so that the vocabulary grows with the pages
(Khmer is written as Khmer is, without spaces inside phrases). Pages sit in folders of 30, all
in the menu. The corpus is built with this project's configuration (scripts/build_site.py)
and served on 127.0.0.1 with gzip, as static hosts serve it (tests/static_host.py).

Then, in Debian's Chromium, for each language and query, with an empty cache (a new browser
context): the language's home page is loaded, the query is typed into Material's search box
one letter at a time (as a visitor does: a keyup and so a search per letter, 100 ms apart), and
every response from then until the results are shown is counted: bytes of the bodies as sent
(gzip), split into the search's code (engine.js, text.js, stemmer.js) and the index (shards,
manifest, pages shown). The page load itself (worker.js and the settings, search_index.json)
is counted apart. The stock figure is Material's search plugin (one index for every language,
all of it fetched at page load) on the same corpus, gzipped.

    .venv/bin/python benchmarks/search_indexes.py                 # 300,1000,3000
    .venv/bin/python benchmarks/search_indexes.py --sizes 300 --no-stock
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402 - after the path is set
from tests.browser.test_search_in_browser import WATCH_SEARCH_WORKER  # noqa: E402
from tests.static_host import SiteHost  # noqa: E402
from travinh_site.search import index  # noqa: E402

LANGUAGE_DIRS = {"vi": "docs", "en": "docs_en", "km": "docs_km"}
PREFIXES = {"vi": "", "en": "en/", "km": "km/"}
QUERIES = {  # common words, names, several words, and (km) a word inside a longer one
    "vi": ["chùa", "tra vinh", "của", "và", "ao bà om", "lễ hội khmer", "cảng biển"],
    "en": ["pagoda", "the", "and", "tra vinh", "investment", "mekong delta", "festivals"],
    "km": ["ខ្មែរ", "វត្ត", "និង", "ត្រាវិញ", "សមុទ្រ", "ឧស្សាហកម្ម", "ត្រពាំង"],
}
CODE = ("engine.js", "text.js", "stemmer.js")
WORDS_PER_PAGE = 415
FOLDER_SIZE = 30
RARE_SHARE = 0.04
SEPARATOR = re.compile(index.SEPARATOR)
KHMER = re.compile("[\u1780-\u17ff]")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "assets", *LANGUAGE_DIRS.values()):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    (target / "scripts").mkdir()
    shutil.copy(PROJECT / "scripts/build_site.py", target / "scripts/build_site.py")
    return target


def stock(project: Path) -> None:
    """Material's search plugin in place of travinh-search: the stack as it comes."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"  - travinh-search:\n(?:      .*\n|\s*#.*\n)*", "  - search\n", text)
    config.write_text(text, encoding="utf-8")


def last_commit_time() -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=PROJECT, capture_output=True, text=True
    ).stdout.strip()


def build(project: Path, site: Path, ours: bool = True) -> float:
    shutil.rmtree(site, ignore_errors=True)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": os.environ["BENCH_SITE_URL"],
        # The copies are not git checkouts: the content's date is the project's last commit's.
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or last_commit_time(),
    }
    command = (
        [sys.executable, "scripts/build_site.py", "--site-dir", str(site)]
        if ours
        else [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    )
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - started


# ---- the corpus --------------------------------------------------------------------------


def page_word_counts(site: Path, code: str) -> list[Counter[str]]:
    """The word counts of each shipped page of a language (its search page files)."""
    folder = site / PREFIXES[code] / "search/p"
    pages = []
    for path in sorted(folder.glob("*.json"), key=lambda p: int(p.stem)):
        counts: Counter[str] = Counter()
        for _anchor, title, text in json.loads(path.read_text(encoding="utf-8"))["s"]:
            for word in SEPARATOR.split(re.sub("<[^>]+>", " ", f"{title} {text}")):
                # no figures (a figure needs its source under "## Nguồn", content/figures.py)
                if word and not re.search(r"\d", word) and not re.fullmatch(r"\W+", word):
                    counts[word] += 1
        if sum(counts.values()) > 50:
            pages.append(counts)
    return pages


def rare_pool(rng: random.Random, code: str, words: list[str], size: int) -> list[str]:
    """Compounds of two real words: names and terms the shipped pages do not have."""
    pool: set[str] = set()
    khmer = [word for word in words if KHMER.search(word)]
    while len(pool) < size:
        if code == "km":
            pool.add(rng.choice(khmer) + rng.choice(khmer))
        else:
            pool.add((rng.choice(words) + rng.choice(words)).lower())
    return sorted(pool)


class Rare:
    """The pool of rare words, drawn Zipf-wise (the n-th with weight 1/n)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


class Words:
    def __init__(self, rng: random.Random, counts: Counter[str], rare: Rare) -> None:
        self.rng = rng
        self.common = list(counts)
        self.cumulative = list(itertools.accumulate(counts.values()))
        self.rare = rare

    def draw(self, n: int) -> list[str]:
        out = self.rng.choices(self.common, cum_weights=self.cumulative, k=n)
        for i in range(n):
            if self.rng.random() < RARE_SHARE:
                out[i] = self.rng.choices(self.rare.words, cum_weights=self.rare.cumulative)[0]
        return out


def written(code: str, words: list[str], rng: random.Random) -> str:
    """Khmer: words run together in phrases of 3 to 7, as Khmer is written."""
    if code != "km":
        return " ".join(words)
    phrases, i = [], 0
    while i < len(words):
        size = rng.randint(3, 7)
        phrases.append("".join(words[i : i + size]))
        i += size
    return " ".join(phrases)


def page_path(number: int) -> str:
    return f"corpus/f{number // FOLDER_SIZE:03d}/page-{number:04d}.md"


def glossary_fixes(code: str) -> dict[str, str]:
    """The glossary's variants to avoid in a language, each with its term (a compound of two
    real words may spell one, which the build refuses: content/glossary.py)."""
    glossary = yaml.safe_load((PROJECT / "assets/data/thuat-ngu.yml").read_text("utf-8"))
    fixes = {}
    for term in glossary.get("terms", []):
        for variant in (term.get("avoid") or {}).get(code, []):
            fixes[variant] = term[code]
    return fixes


SOURCES_HEADING = {"vi": "Nguồn", "en": "Sources", "km": "ប្រភព"}


def generate_corpus(project: Path, pages: int, shipped: Path) -> None:
    for code, folder in LANGUAGE_DIRS.items():
        fixes = glossary_fixes(code)
        rng = random.Random(f"{code}-{pages}")
        sources = page_word_counts(shipped, code)
        everything: Counter[str] = sum(sources, Counter())
        rare = Rare(rare_pool(rng, code, sorted(everything), max(2000, 4 * pages)))
        heading = {"vi": "Phần", "en": "Part", "km": "ផ្នែក"}[code]
        for number in range(pages):
            words = Words(rng, sources[number % len(sources)], rare)
            title = f"{written(code, words.draw(rng.randint(2, 5)), rng)} {number}"
            parts = [
                f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                f"description: {heading} {number}\n---\n",
                f"# {title}\n",
                written(code, words.draw(60), rng) + "\n",
            ]
            for _section in range(3):
                parts.append(f"## {written(code, words.draw(rng.randint(2, 4)), rng)}\n")
                parts.append(written(code, words.draw(70), rng) + "\n")
                parts.append("".join(f"- {written(code, words.draw(10), rng)}\n" for _ in range(4)))
            # The title's number is a figure: the page names its source (content/figures.py).
            parts.append(f"## {SOURCES_HEADING[code]}\n")
            parts.append(f"- {written(code, words.draw(6), rng)}\n")
            text = "\n".join(parts)
            for variant, term in fixes.items():
                text = re.sub(re.escape(variant), term, text, flags=re.IGNORECASE)
            target = project / folder / page_path(number)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    lines = ["  - Corpus:"]
    for start in range(0, pages, FOLDER_SIZE):
        lines.append(f"      - Folder {start // FOLDER_SIZE}:")
        lines += [
            f"          - {page_path(n)}" for n in range(start, min(pages, start + FOLDER_SIZE))
        ]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\n", "utf-8")


# ---- the browser -------------------------------------------------------------------------


@dataclass
class FirstQuery:
    query: str
    results: int = 0  # pages in the results, as Material counts them
    load: int = 0  # bytes of the page load's search files (worker.js, search_index.json)
    code: int = 0  # bytes of the search's code fetched for the query
    index: int = 0  # bytes of the index files fetched for the query
    files: int = 0  # index files fetched for the query
    shards: int = 0  # of which term shards (t/) and the manifest
    pages: int = 0  # and pages shown (p/)

    @property
    def total(self) -> int:
        return self.code + self.index


def kind_of(path: str, phase: str) -> str | None:
    if phase == "load":
        return "load" if "/search/" in path else None
    if path.rsplit("/", 1)[-1] in CODE:
        return "code"
    return "index" if "/search/" in path else None


def first_query(browser: Any, url: str, query: str, pace: int) -> FirstQuery:
    """Type ``query`` on the page at ``url``, with an empty cache; what it downloaded."""
    figure = FirstQuery(query)
    context = browser.new_context()  # an empty cache
    page = context.new_page()
    in_flight: set[Any] = set()
    phase = "load"

    def started(request: Any) -> None:
        in_flight.add(request)

    def failed(request: Any) -> None:
        in_flight.discard(request)

    def finished(request: Any) -> None:
        in_flight.discard(request)
        kind = kind_of(urlsplit(request.url).path, phase)
        size = request.sizes()["responseBodySize"]
        if kind is not None:
            setattr(figure, kind, getattr(figure, kind) + size)
        if kind == "index":
            figure.files += 1
            if "/search/p/" in request.url:
                figure.pages += size
            else:
                figure.shards += size

    page.on("request", started)
    page.on("requestfinished", finished)
    page.on("requestfailed", failed)
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    phase = "query"
    page.locator("input.md-search__input").click()
    # Letter by letter, a keyup each (Material searches on keyup), at an even pace.
    page.evaluate(
        """async ([query, pause]) => {
            const box = document.querySelector("input.md-search__input")
            for (const letter of query) {
                box.value += letter
                box.dispatchEvent(new KeyboardEvent("keyup", { key: letter }))
                await new Promise(resolve => setTimeout(resolve, pause))
            }
        }""",
        [query, pace],
    )
    settled = 0
    for _ in range(300):
        page.wait_for_timeout(100)
        done = not in_flight and page.evaluate("window.__searchAnswered")
        settled = settled + 1 if done else 0
        if settled >= 3:
            break
    # Material's count of the results ("20 matching documents"; none: no digit).
    counted = re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())
    figure.results = int(counted.group()) if counted else 0
    context.close()
    return figure


def first_queries(base: str, pace: int) -> dict[str, list[FirstQuery]]:
    """Per language, each query typed on the language's home page, with an empty cache."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        figures = {
            code: [
                first_query(browser, f"{base}{PREFIXES[code]}index.html", query, pace)
                for query in queries
            ]
            for code, queries in QUERIES.items()
        }
        browser.close()
    return figures


def kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000", help="pages per language")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock builds")
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--pace",
        default="150,400",
        help="milliseconds between letters typed: 150 (a fast typist; the worker searches "
        "once, after the last letter) and 400 (slower than its pause: every prefix searched)",
    )
    args = parser.parse_args()
    host = SiteHost(compress=True)
    os.environ["BENCH_SITE_URL"] = host.base
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    results: dict[str, Any] = {}
    try:
        # Always from the project as it is now (a kept folder is replaced).
        for old in work.glob("*"):
            shutil.rmtree(old)
        copy_project(work / "shipped")
        shipped_site = work / "shipped-site"
        build(work / "shipped", shipped_site)
        for size in [int(size) for size in args.sizes.split(",")]:
            project = work / f"corpus-{size}"
            copy_project(project)
            generate_corpus(project, size, shipped_site)
            site = work / f"corpus-{size}-site"
            seconds = build(project, site)
            files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
            ours = {
                code: [site / f for f in files if f.startswith(prefix + "search/")]
                for code, prefix in PREFIXES.items()
            }
            served = host.publish(site)
            entry: dict[str, Any] = {"build_seconds": seconds, "queries": {}}
            print(f"\n{size} pages per language (built in {seconds:.0f} s)")
            for code in PREFIXES:
                raw = sum(p.stat().st_size for p in ours[code])
                zipped = sum(len(gzip.compress(p.read_bytes(), 6)) for p in ours[code])
                entry[f"{code}_index_files"] = len(ours[code])
                entry[f"{code}_index_gzip"] = zipped
                print(
                    f"  {code}: whole index {len(ours[code])} files, {kb(raw)} kB, "
                    f"{kb(zipped)} kB gzipped (if every file were fetched)"
                )
            if not args.no_stock:
                stock_project = work / f"stock-{size}"
                shutil.copytree(project, stock_project)
                stock(stock_project)
                stock_site = work / f"stock-{size}-site"
                build(stock_project, stock_site, ours=False)
                merged = (stock_site / "search/search_index.json").read_bytes()
                entry["stock_gzip"] = len(gzip.compress(merged, 6))
                print(
                    f"  stock: one index for all languages, {kb(len(merged))} kB, "
                    f"{kb(entry['stock_gzip'])} kB gzipped, all fetched at page load"
                )
            for pace in [int(p) for p in args.pace.split(",")]:
                figures = first_queries(served.base, pace)
                print(
                    f"\n  typed at {pace} ms a letter; kB gzip; index = shards and manifest + "
                    "pages shown; page load = search_index.json + worker.js"
                )
                print(
                    f"  {'':3}{'query':16}{'results':>8}{'code':>7}{'shards':>7}{'pages':>7}"
                    f"{'files':>6}{'total':>7}{'load':>6}"
                )
                for code, rows in figures.items():
                    for row in rows:
                        print(
                            f"  {code:3}{row.query:16}{row.results:>8}{kb(row.code):>7}"
                            f"{kb(row.shards):>7}{kb(row.pages):>7}{row.files:>6}"
                            f"{kb(row.total):>7}{kb(row.load):>6}"
                        )
                    totals = [row.total for row in rows]
                    print(
                        f"  {code:3}{'median / max':16}{'':>42}"
                        f"{kb(statistics.median(totals))} / {kb(max(totals))}"
                    )
                entry["queries"][pace] = {
                    code: [asdict(row) for row in rows] for code, rows in figures.items()
                }
            results[str(size)] = entry
    finally:
        host.close()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
