#!/usr/bin/env python3
"""Print the figures of the last browser test run (.cache/reports/, written by `make test`) as
Markdown: pages checked per language, axe-core per page, Lighthouse per page. CI appends it to
the job summary.

    .venv/bin/python scripts/quality_summary.py >> "$GITHUB_STEP_SUMMARY"
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPORTS = Path(__file__).resolve().parent.parent / ".cache" / "reports"
CATEGORIES = ("accessibility", "seo", "best-practices", "performance")


def load(name: str) -> dict[str, Any]:
    path = REPORTS / f"{name}.json"
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def main() -> int:
    pages, axe, lighthouse = load("pages"), load("axe"), load("lighthouse")
    if not (pages or axe or lighthouse):
        print(f"No figures in {REPORTS}: run `make test` first.", file=sys.stderr)
        return 1
    lines = ["## Pages in the browser", ""]
    if pages:
        total = sum(pages.values())
        per_language = ", ".join(f"{code}: {count}" for code, count in sorted(pages.items()))
        lines += [f"{total} pages checked in Chromium ({per_language}).", ""]
    if axe:
        blocking = sum(page["critical"] + page["serious"] for page in axe.values())
        other = sorted({rule for page in axe.values() for rule in page["other_rules"]})
        lines += [
            f"axe-core: {blocking} serious or critical violations on {len(axe)} pages"
            f" (moderate or minor rules seen: {', '.join(other) or 'none'}).",
            "",
            "| Page | Rules applied | Critical | Serious | Moderate | Minor |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {page} | {f['rules']} | {f['critical']} | {f['serious']} | {f['moderate']} "
            f"| {f['minor']} |"
            for page, f in sorted(axe.items())
        ]
        lines.append("")
    if lighthouse:
        lines += [
            "## Lighthouse (mobile)",
            "",
            "| Page | " + " | ".join(CATEGORIES) + " | LCP (ms) | CLS | TBT (ms) |",
            "|---|" + "---|" * (len(CATEGORIES) + 3),
        ]
        for page, result in sorted(lighthouse.items()):
            scores = [f"{round(100 * result['scores'][c])}" for c in CATEGORIES]
            metrics = result["metrics"]
            lines.append(
                f"| {page} | {' | '.join(scores)} "
                f"| {metrics['largest-contentful-paint-ms']:.0f} "
                f"| {metrics['cumulative-layout-shift']:.3f} "
                f"| {metrics['total-blocking-time-ms']:.0f} |"
            )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
