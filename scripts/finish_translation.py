#!/usr/bin/env python3
"""Mark a translation as finished, so that the site publishes it.

    .venv/bin/python scripts/finish_translation.py docs_km/du-lich/chua-ang.md

removes 'status: draft' from the translation (after checking its front matter) and, when the
page is in the menu, adds the menu label in that language (the translated title, or
--nav-label) to mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.editing import scaffold
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Đánh dấu bản dịch đã xong. (Mark a translation as finished.)"
    )
    parser.add_argument("page", help="bản dịch, ví dụ docs_km/du-lich/chua-ang.md")
    parser.add_argument("--lang", help="ngôn ngữ, nếu ghi trang tiếng Việt (the language)")
    parser.add_argument("--nav-label", help="tên trong menu bằng ngôn ngữ đó (menu label)")
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    def run() -> int:
        languages = cli.languages(args.project)
        done = scaffold.finish_translation(
            args.project, languages, args.page, args.lang, args.nav_label
        )
        cli.say(
            f"Đã hoàn tất {done.file}: trang được xuất bản tại {done.url} trong lần tạo trang "
            "web tiếp theo.",
            f"Finished {done.file}: it is published at {done.url} from the next build on.",
        )
        if done.nav_label:
            cli.say(
                f"Tên trong menu: '{done.nav_label}' (đã thêm vào mkdocs.yml).",
                f"Menu label: '{done.nav_label}' (added to mkdocs.yml).",
            )
        for section in done.untranslated_sections:
            cli.say(
                f"Lưu ý: mục menu '{section}' chưa có tên bằng ngôn ngữ này (nav_translations "
                "trong mkdocs.yml).",
                f"Note: the menu section '{section}' has no label in this language yet "
                "(nav_translations in mkdocs.yml).",
            )
        return 0

    return cli.run(run)


if __name__ == "__main__":
    sys.exit(main())
