#!/usr/bin/env python3
"""Benchmark of the translation coverage check (scripts/check_translations.py).

Generates sites of N Vietnamese pages with English and Khmer translations in a temporary git
repository with history (a first commit with everything translated and stamped, then commits
that edit 10% of the sources, rename and delete a few, leave drafts, missing pages and
orphans), then times the full check: reading and hashing every file, word counts, every content
check, git (last changes, renames, the old versions of stale pages and their section diffs).

    .venv/bin/python benchmarks/translation_coverage.py            # 300 and 3,000 pages
    .venv/bin/python benchmarks/translation_coverage.py --sizes 300 1000 3000 --runs 7

Prints, per size, the median (and min-max) of several runs and the ratio to the smallest size
(measured in the same run: the baseline). The machine is shared: figures are noisy; compare
medians, and rerun when a figure looks odd.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from travinh_site.content.languages import Language, Languages
from travinh_site.content.stamps import Stamp, source_hash, with_stamp
from travinh_site.translations.coverage import check

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = Languages(
    (
        Language("vi", "Tiếng Việt", "docs", "vi_VN", default=True),
        Language("en", "English", "docs_en", "en_US"),
        Language("km", "ខ្មែរ", "docs_km", "km_KH"),
    )
)
VI_WORDS = [
    *[
        "vùng",
        "đất",
        "ven",
        "biển",
        "đồng",
        "bằng",
        "sông",
        "Cửu",
        "Long",
        "người",
        "Khmer",
        "chùa",
        "lễ",
        "hội",
        "ao",
        "cây",
        "dầu",
        "cổ",
    ],
    *[
        "thụ",
        "du",
        "lịch",
        "sản",
        "vật",
        "đầu",
        "tư",
        "tỉnh",
        "thành",
        "phố",
        "phường",
        "xã",
        "nông",
        "nghiệp",
        "thủy",
        "sản",
        "văn",
        "hóa",
    ],
]
EN_WORDS = [
    *[
        "coastal",
        "land",
        "of",
        "the",
        "Mekong",
        "Delta",
        "Khmer",
        "people",
        "pagoda",
        "festival",
        "pond",
        "ancient",
    ],
    *[
        "trees",
        "travel",
        "produce",
        "investment",
        "province",
        "city",
        "ward",
        "farming",
        "fisheries",
        "culture",
    ],
]
KM_WORDS = [
    *["តំបន់", "ឆ្នេរ", "ដីសណ្ដ", "ទន្លេមេគង្គ", "ជនជាតិខ្មែរ", "វត្ត", "ពិធីបុណ្យ", "ស្រះ", "ដើមឈើ", "ទេសចរណ៍"]
]
SECTIONS = 4  # "##" sections per page
PARAGRAPH_WORDS = 60  # ~4 x 60 + title and description: a 250-word page


def paragraph(words: list[str], rng: random.Random, year: int, number: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(PARAGRAPH_WORDS))
    return f"{text} {year} {number:,}."


def source_page(index: int, rng: random.Random) -> str:
    sections = [
        f"## Mục {s}\n\n{paragraph(VI_WORDS, rng, 1990 + s, 1000 + index).replace(',', '.')}\n"
        for s in range(SECTIONS)
    ]
    return (
        f"---\ntitle: Trang {index}\ndescription: Mô tả trang {index} về vùng Trà Vinh.\n---\n\n"
        f"# Trang {index}\n\n![Ảnh minh họa trang {index}](../assets/x.svg)\n\n"
        + "\n".join(sections)
    )


def translation(index: int, rng: random.Random, code: str, source: str) -> str:
    words = KM_WORDS if code == "km" else EN_WORDS
    sections = [
        f"## {'Section' if code == 'en' else 'ផ្នែក'} {s}\n\n"
        f"{paragraph(words, rng, 1990 + s, 1000 + index)}\n"
        for s in range(SECTIONS)
    ]
    title = f"Page {index}" if code == "en" else f"ទំព័រ {index}"
    text = (
        f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n"
        f"![{title} {'picture' if code == 'en' else 'រូបភាព'}](../assets/x.svg)\n\n"
        + "\n".join(sections)
    )
    return with_stamp(text, Stamp(source_hash=source_hash(source)))


def git(root: Path, *arguments: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *arguments], cwd=root, env=env, check=True, capture_output=True)


def generate(root: Path, pages: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True)
    sources = {}
    for index in range(pages):
        folder = f"muc-{index % 10}"
        page = f"{folder}/trang-{index}.md"
        sources[page] = source_page(index, rng)
        for code, content_dir in (("vi", "docs"), ("en", "docs_en"), ("km", "docs_km")):
            text = sources[page] if code == "vi" else translation(index, rng, code, sources[page])
            target = root / content_dir / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    git(root, "init", "-q", date="2025-01-01T00:00:00Z")
    git(root, "add", "-A", date="2025-01-01T00:00:00Z")
    git(root, "commit", "-q", "-m", "All pages", date="2025-01-01T00:00:00Z")
    names = sorted(sources)
    for page in rng.sample(names, pages // 10):  # 10% of the sources change: stale
        path = root / "docs" / page
        path.write_text(path.read_text("utf-8").replace("## Mục 2", "## Mục 2 mới"), "utf-8")
    for page in rng.sample(names, pages // 50):  # 2% drafts
        path = root / "docs_km" / page
        path.write_text(
            path.read_text("utf-8").replace("translation:\n", "translation:\n  status: draft\n"),
            "utf-8",
        )
    for page in rng.sample(names, pages // 50):  # 2% missing
        (root / "docs_en" / page).unlink()
    for page in names[: pages // 100]:  # 1% renamed sources: orphans with a known new name
        new = page.replace(".md", "-moi.md")
        git(root, "mv", f"docs/{page}", f"docs/{new}", date="2025-02-01T00:00:00Z")
    git(root, "add", "-A", date="2025-02-01T00:00:00Z")
    git(root, "commit", "-q", "-m", "Edits", date="2025-02-01T00:00:00Z")


def measure(runs: int, action) -> tuple[float, float, float, float, object]:
    """Median wall time, its min and max, median CPU time of this process, last result."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), min(walls), max(walls), statistics.median(cpus), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    temporary = Path(tempfile.mkdtemp(prefix="coverage-bench-"))
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} processors")
    try:
        baseline: dict[str, float] = {}
        print(
            f"{'pages':>6} {'files':>6} {'how':<28} {'median s':>9} {'min-max s':>13} "
            f"{'cpu s':>6} {'ratio':>6}"
        )
        for size in args.sizes:
            root = temporary / f"site-{size}"
            generate(root, size)
            check(root, LANGUAGES, workers=1)  # warm the file cache, as after a clone
            cache = root / ".cache" / "coverage.json"
            check(root, LANGUAGES, cache=cache)  # fill the analysis cache
            files = sum(1 for _ in root.rglob("*.md"))
            ways = {
                "cold, one process": lambda root=root: check(root, LANGUAGES, workers=1),
                # (one process below coverage.PARALLEL_FROM pages: forking costs more there)
                "cold, a process per core": lambda root=root: check(root, LANGUAGES),
                "warm cache (unchanged files)": lambda root=root, cache=cache: check(
                    root, LANGUAGES, cache=cache
                ),
            }
            for how, action in ways.items():
                median, low, high, cpu, report = measure(args.runs, action)
                baseline.setdefault(how, median)
                print(
                    f"{size:>6} {files:>6} {how:<28} {median:>9.3f} {low:>6.3f}-{high:<6.3f} "
                    f"{cpu:>6.2f} {median / baseline[how]:>6.2f}"
                )
            en = report.summary("en")
            print(
                f"{'':>13} git asked {report.git.calls} times; en: {en.states['stale']} stale "
                f"(with diffs), {en.states['missing']} missing, {en.states['orphan']} orphans; "
                f"{len(report.findings)} findings"
            )
        # The whole command line (Python start, MkDocs config, the check, the console table).
        root = temporary / f"site-{args.sizes[-1]}"
        shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(PROJECT / "overrides", root / "overrides")
        (root / "assets").mkdir(exist_ok=True)
        command = [sys.executable, str(PROJECT / "scripts/check_translations.py"), "-f"]
        command.append(str(root / "mkdocs.yml"))
        for how, extra in (("cold", ["--no-cache"]), ("warm cache", [])):
            median, low, high, _cpu, _ = measure(
                args.runs, lambda extra=extra: subprocess.run(command + extra, capture_output=True)
            )
            print(
                f"command line, {args.sizes[-1]} pages, {how}: median {median:.3f} s "
                f"(min-max {low:.3f}-{high:.3f}), {args.runs} runs"
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
