#!/usr/bin/env python3
"""Report the state of every translation (translated, stale, missing, draft, orphan), the
coverage per language and section in pages and words, and content problems of translations.

Exit codes: 0 all clear; 1 below a --min-coverage/--min-words threshold or something listed in
--fail-on was found; 2 usage or input error (a file that cannot be read, a bad option).

Examples:
  check_translations.py                                   table for editors
  check_translations.py --min-coverage en=100,km=90 --fail-on missing,stale,orphan --github
  check_translations.py --format markdown >> "$GITHUB_STEP_SUMMARY"
  check_translations.py --format html -o coverage.html    dashboard (Vietnamese and English)
  check_translations.py --mark-current docs_km/du-lich/ao-ba-om.md   after reviewing it
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from travinh_site.content.languages import I18N_PLUGIN, languages_from_i18n
from travinh_site.errors import Problem, SiteError
from travinh_site.site import cli
from travinh_site.translations import cache
from travinh_site.translations.coverage import (
    FAILABLE,
    Gate,
    check,
    mark_current,
    navigation_of,
    parse_thresholds,
)
from travinh_site.translations.report import FORMATS, github_annotations, render

PROJECT = Path(__file__).resolve().parent.parent
CACHE = cache.DEFAULT_PATH  # analyses by content hash
USAGE_ERROR = 2
GATE_FAILED = 1


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    try:
        config, languages, navigation = _load(config_file)
    except SiteError as error:
        print(error, file=sys.stderr)
        return USAGE_ERROR
    project = config_file.parent

    if args.mark_current:
        try:
            done = mark_current(project, languages, args.mark_current, use_git=not args.no_git)
        except SiteError as error:
            print(error, file=sys.stderr)
            print("Nothing was changed.", file=sys.stderr)
            return USAGE_ERROR
        print("\n".join(done))
        return 0

    try:
        gate = Gate(
            min_pages=parse_thresholds(args.min_coverage, languages),
            min_words=parse_thresholds(args.min_words, languages),
            fail_on=_fail_on(args.fail_on),
        )
    except ValueError as error:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {error}.", file=sys.stderr)
        return USAGE_ERROR

    report = check(
        project,
        languages,
        navigation,
        site_url=config.site_url or "",
        use_git=not args.no_git,
        cache=None if args.no_cache else project / CACHE,
    )
    failures = gate.failures(report)
    for error in report.errors:
        print(error, file=sys.stderr)
    if args.github:
        for line in github_annotations(report, gate.fail_on):
            print(line)
    text = render(
        report, args.format, failures, colour=_colour(args.color, args.output), list_all=args.all
    )
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if failures and (args.format != "console" or args.output):
        for failure in failures:
            print(f"Gate failed: {failure}", file=sys.stderr)
    if report.errors:
        return USAGE_ERROR
    return GATE_FAILED if failures else 0


def _parser() -> argparse.ArgumentParser:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(
        prog="check_translations.py",
        description=doc.split("\n\n")[0],
        epilog=doc.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=PROJECT / "mkdocs.yml",
        help="the site's mkdocs.yml (default: this project's)",
    )
    parser.add_argument("--format", choices=FORMATS, default="console", help="report format")
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file")
    parser.add_argument(
        "--min-coverage",
        default="",
        metavar="CODE=PERCENT,...",
        help="minimum %% of pages translated and current per language (a bare number: all)",
    )
    parser.add_argument(
        "--min-words",
        default="",
        metavar="CODE=PERCENT,...",
        help="minimum %% of source words translated and current per language",
    )
    parser.add_argument(
        "--fail-on",
        default="",
        metavar="WHAT,...",
        help=f"exit 1 if any of these is found: {', '.join(FAILABLE)}",
    )
    parser.add_argument(
        "--github", action="store_true", help="print GitHub Actions annotations (::warning …)"
    )
    parser.add_argument(
        "--mark-current",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="after review: stamp these translations (files or folders) as made from the "
        "current source, and end their draft status",
    )
    parser.add_argument("--all", action="store_true", help="list every page, not only those to do")
    parser.add_argument("--no-git", action="store_true", help="do not ask git (no diffs, dates)")
    parser.add_argument(
        "--no-cache", action="store_true", help=f"analyse every page again (ignore {CACHE})"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colours in the console table (auto: on a terminal, unless NO_COLOR is set)",
    )
    return parser


def _load(config_file: Path):
    """The MkDocs configuration, the language table and the navigation of the site."""
    if not config_file.is_file():
        raise SiteError(
            Problem(
                str(config_file),
                "does not exist.",
                "give the site's mkdocs.yml with -f.",
                problem_vi="tệp không tồn tại.",
                fix_vi="ghi tệp mkdocs.yml của trang web sau -f.",
            )
        )
    config = cli.site_config(config_file, only_plugins=(I18N_PLUGIN,))
    entries = config.plugins[I18N_PLUGIN].config.languages
    languages = languages_from_i18n(entries)
    navigation = navigation_of(config_file.read_text(encoding="utf-8"), config.nav, entries)
    return config, languages, navigation


def _fail_on(text: str) -> tuple[str, ...]:
    wanted = tuple(filter(None, (part.strip() for part in text.split(","))))
    unknown = [what for what in wanted if what not in FAILABLE]
    if unknown:
        raise ValueError(
            f"--fail-on: unknown {', '.join(repr(u) for u in unknown)} "
            f"(choose from {', '.join(FAILABLE)})"
        )
    return wanted


def _colour(choice: str, output: Path | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


if __name__ == "__main__":
    sys.exit(main())
