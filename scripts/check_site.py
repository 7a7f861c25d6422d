#!/usr/bin/env python3
"""Check a built site before it is published: every internal link, anchor and file reference
resolves for the address it was built for (CI runs it on the production build).

    .venv/bin/python scripts/check_site.py [--site-dir site] [--site-url https://…/]

Without --site-url, the address is read from the site's robots.txt (its Sitemap line).
Exit code 1 when something is broken, with one line per reference.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.site.sitecheck import check_site

PROJECT = Path(__file__).resolve().parent.parent


def site_url_of(site: Path) -> str | None:
    robots = site / "robots.txt"
    if not robots.is_file():
        return None
    for line in robots.read_text("utf-8").splitlines():
        if line.lower().startswith("sitemap:"):
            return line.split(":", 1)[1].strip().removesuffix("sitemap.xml")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--site-url", help="the address the site was built for (SITE_URL)")
    args = parser.parse_args(argv)
    site = args.site_dir.resolve()
    if not (site / "index.html").is_file():
        print(f"{site} holds no built site: run `make site` first.", file=sys.stderr)
        return 2
    site_url = args.site_url or site_url_of(site)
    if not site_url:
        print("Give the site's address with --site-url (robots.txt names none).", file=sys.stderr)
        return 2
    broken = check_site(site, site_url)
    for problem in broken:
        print(problem, file=sys.stderr)
    pages = sum(1 for _ in site.rglob("*.html"))
    if broken:
        print(f"{len(broken)} broken references in {pages} pages ({site_url}).", file=sys.stderr)
        return 1
    print(f"Checked {pages} pages for {site_url}: every link, anchor and file resolves.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
