#!/usr/bin/env python3
"""Edit-to-visible latency of the editors' preview (`make serve`) on the shipped site.

A copy of the project's content and configuration (so no file of the project is touched) is
served by `mkdocs serve` the way `make serve` runs it: for every language, and for each language
alone (`make serve ONLY=xx`); the baseline is a whole `mkdocs build` of the same copy, in a new
process (templates are compiled once per process in builds too, so there is no preview without
them to compare with). Each trial appends a unique line to a page,
polls the served page until the line shows, and measures the time from the save to that moment
(the server answers a page request only once its rebuild is complete, which is when the
browser's live reload fetches the page); it also records the CPU time the server spent. The
page is then restored and the next trial waits until the server shows it restored.

    .venv/bin/python benchmarks/preview_latency.py [--trials 7]

The machine is shared: the figures are medians, printed with the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONTENT = ("mkdocs.yml", "docs", "docs_en", "docs_km", "assets", "overrides")
PAGE = "du-lich/ao-ba-om.md"  # kept in every language by the content contract
TARGET_SECONDS = 2.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_until(url: str, shown: bool, marker: str, timeout: float = 120.0) -> float:
    """Seconds until ``marker`` is (or is no longer) on the served page."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if (marker in get(url)) == shown:
            return time.monotonic() - started
        time.sleep(0.02)
    raise SystemExit(f"{url}: {'no' if shown else 'still'} {marker!r} after {timeout:.0f} s")


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by process ``pid`` (Linux /proc; 0 elsewhere). Unlike wall time,
    it hardly depends on what the other users of a shared machine are running."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def copy_project(into: Path) -> None:
    for name in CONTENT:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns(".cache"))
        elif source.exists():
            shutil.copy2(source, into / name)


def environment(only: str) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "TRAVINH_PREVIEW": "true",  # as `make serve`
        "TRAVINH_ONLY": only,
        # The copy is no git repository: its content's date (content.as_of) is given.
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1796083200"),
    }


def measure_serve(
    project: Path, only: str, trials: int, edited: str = PAGE
) -> tuple[list[float], list[float]]:
    """Seconds from each save to the edit being served, and the server's CPU seconds for it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    content_dir = {"": "docs", "vi": "docs", "en": "docs_en", "km": "docs_km"}[only]
    prefix = "" if only in ("", "vi") else f"{only}/"
    page = project / content_dir / edited
    url = base + prefix + edited.replace(".md", ".html")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(only),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    original = page.read_text(encoding="utf-8")
    latencies: list[float] = []
    cpu: list[float] = []
    try:
        wait_until(url, True, "</html>", timeout=1800)  # the first build: every page
        for trial in range(trials):
            marker = f"benchmark-line-{only or 'all'}-{trial}-{time.time_ns()}"
            cpu_before = cpu_seconds(server.pid)
            with open(page, "w", encoding="utf-8") as handle:
                handle.write(f"{original}\n{marker}\n")
            latencies.append(wait_until(url, True, marker))
            cpu.append(cpu_seconds(server.pid) - cpu_before)
            page.write_text(original, encoding="utf-8")
            wait_until(url, False, marker)
            time.sleep(0.6)  # let the watcher settle before the next save
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
    return latencies, cpu


def measure_build(project: Path, runs: int = 3) -> list[float]:
    times = []
    for run in range(runs):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / f"built-{run}")],
            cwd=project,
            env=environment(""),
            check=True,
            capture_output=True,
        )
        times.append(time.monotonic() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=7, help="saves per preview mode")
    parser.add_argument(
        "--corpus",
        type=int,
        default=0,
        help="serve a generated corpus of N pages per language (benchmarks/build_speed.py's: "
        "sections of folders of 30, all in the menu) instead of the shipped site",
    )
    args = parser.parse_args()
    import yaml  # the language codes, from the i18n plugin's table in mkdocs.yml

    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), yaml.BaseLoader)
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    codes = [language["locale"] for language in i18n["languages"]]

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="preview-latency-") as folder:
        project = Path(folder)
        edited = PAGE
        if args.corpus:
            sys.path.insert(0, str(Path(__file__).parent))
            import build_speed

            build_speed.make_ours(project, args.corpus)
            edited = build_speed.page_path(1)
        else:
            copy_project(project)
        pages = sum(1 for _ in project.glob("docs*/**/*.md"))
        build = measure_build(project)
        rows = [("every language (make serve)", measure_serve(project, "", args.trials, edited))]
        for code in codes:
            rows.append((f"ONLY={code}", measure_serve(project, code, args.trials, edited)))
    load_after = os.getloadavg()

    baseline = statistics.median(build)
    what = f"Corpus of {args.corpus} pages per language" if args.corpus else "Shipped site"
    print(f"{what}: {pages} Markdown files in {', '.join(codes)}; {args.trials} saves each.")
    print(
        f"Baseline: mkdocs build (whole site, new process), median of {len(build)}: "
        f"{baseline:.2f} s"
    )
    print()
    print(
        f"{'preview':<40} {'median':>8} {'min':>7} {'max':>7} {'median/build':>13} "
        f"{'server CPU per save (median)':>29}"
    )
    for name, (latencies, cpu) in rows:
        median = statistics.median(latencies)
        print(
            f"{name:<40} {median:>7.2f}s {min(latencies):>6.2f}s {max(latencies):>6.2f}s "
            f"{median / baseline:>12.2f}x {statistics.median(cpu):>28.2f}s"
        )
    print()
    worst = max(statistics.median(latencies) for _name, (latencies, _cpu) in rows)
    verdict = "within" if worst <= TARGET_SECONDS else "OVER"
    print(
        f"Target: a saved edit visible within {TARGET_SECONDS:.0f} s: {verdict} "
        f"(slowest median {worst:.2f} s)."
    )
    print(
        f"Load average before/after: {load_before[0]:.2f}/{load_after[0]:.2f} "
        f"({os.cpu_count()} cores, shared machine: wall times are noisy). The server's CPU time "
        "per save hardly depends on that load: on an idle machine a save shows after about that "
        "much plus the file watcher's wait (it polls every 0.5 s) and MkDocs' 0.1 s debounce."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
