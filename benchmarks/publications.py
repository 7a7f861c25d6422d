#!/usr/bin/env python3
"""What the publications (social cards, PDF brochures, screen pages) add to `make site`.

The project's own site (its 31 pages in three languages, its data and images) is copied twice:
as it is, and with the three plugins switched off (MkDocs' own `enabled: false`). Both are
built with `scripts/build_site.py` (one process per language, as `make site`), the image
cache warm in both. Three builds alternate, `--runs` times each:

- cold: the publications' caches (.cache/cards, .cache/brochures) emptied first: every card
  drawn, every brochure made;
- warm: nothing changed since the last build: no card drawn, no brochure made;
- off: the publications switched off (the baseline).

Prints medians, the extra seconds and the ratios to the baseline measured in the same run, and
the machine's load average (other work on a shared machine shows in the figures). Asserts
nothing.

    .venv/bin/python benchmarks/publications.py --runs 5
"""

from __future__ import annotations

import argparse
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
COPIED = ("docs", "docs_en", "docs_km", "assets", "overrides")
PLUGINS = ("travinh-cards", "travinh-brochures", "travinh-screens")
CACHES = (".cache/cards", ".cache/brochures")
PHASES = re.compile(r"(Cards|Brochures) \((\w+)\): .*\((\d+\.\d) s\)\.")


def copy_project(folder: Path, publications: bool) -> None:
    for name in COPIED:
        shutil.copytree(PROJECT / name, folder / name, symlinks=False)
    (folder / "scripts").mkdir()
    shutil.copy(PROJECT / "scripts/build_site.py", folder / "scripts/build_site.py")
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    if not publications:
        for plugin in PLUGINS:
            config, found = re.subn(
                rf"^  - {plugin}:?\n", f"  - {plugin}:\n      enabled: false\n", config, flags=re.M
            )
            assert found == 1, plugin
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


def build(folder: Path, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds for the whole command, and the seconds each phase reported (summed over the
    languages: each language's process reports its own)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--verbose"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"the build failed in {folder}:\n{result.stdout}{result.stderr}")
    phases: dict[str, float] = {}
    for phase, _language, seconds in PHASES.findall(result.stdout + result.stderr):
        phases[phase] = phases.get(phase, 0.0) + float(seconds)
    return elapsed, phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": "https://example.org/travinh/",
        # The content's date (content.as_of): the copies are no git repository.
        "SOURCE_DATE_EPOCH": "1796083200",
    }
    work = Path(tempfile.mkdtemp(prefix="bench-publications-"))
    folders = {"on": work / "on", "off": work / "off"}
    copy_project(folders["on"], publications=True)
    copy_project(folders["off"], publications=False)
    for folder in folders.values():
        build(folder, env)  # the image cache (and, for "on", the publications' caches) warm
    print(f"{os.cpu_count()} cores; runs per figure: {args.runs} (median)")
    times: dict[str, list[float]] = {"cold": [], "warm": [], "off": []}
    phases: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    loads = []
    for _run in range(args.runs):
        loads.append(os.getloadavg()[0])
        for cache in CACHES:
            shutil.rmtree(folders["on"] / cache, ignore_errors=True)
        seconds, reported = build(folders["on"], env)
        times["cold"].append(seconds)
        phases["cold"].append(reported)
        seconds, reported = build(folders["on"], env)
        times["warm"].append(seconds)
        phases["warm"].append(reported)
        times["off"].append(build(folders["off"], env)[0])
    print(f"load average (1 min) before each run: {', '.join(f'{load:.1f}' for load in loads)}")
    site = folders["on"] / "site"
    cards = sorted(path.stat().st_size for path in site.rglob("assets/cards/**/*.png"))
    pdfs = {str(p.relative_to(site)): p.stat().st_size for p in sorted(site.rglob("*.pdf"))}
    print(f"cards: {len(cards)}, {cards[0]:,}-{cards[-1]:,} bytes; brochures: {pdfs}\n")
    baseline = statistics.median(times["off"])
    for name, values in times.items():
        median = statistics.median(values)
        runs = ", ".join(f"{value:.2f}" for value in values)
        extra = "" if name == "off" else f"   +{median - baseline:5.2f} s, x{median / baseline:.2f}"
        print(f"{name:5s} median {median:6.2f} s{extra}   ({runs})")
    for name, reported in phases.items():
        for phase in ("Cards", "Brochures"):
            values = [run.get(phase, 0.0) for run in reported]
            print(
                f"  {name} {phase.lower()}: {statistics.median(values):.1f} s of the processes' "
                "time (summed over the languages)"
            )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
