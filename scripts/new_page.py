#!/usr/bin/env python3
"""Create a Vietnamese page from its title and add it to the site's menu.

    .venv/bin/python scripts/new_page.py "Chùa Âng" --section du-lich --description "..."

creates docs/du-lich/chua-ang.md (the file name is made from the title, without accents) with
its front matter filled in, and adds "Chùa Âng" to the menu section that holds the pages of
du-lich/. With --add-to-nav, it adds a page that already exists to the menu instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.content.schema import DESCRIPTION_MAX
from travinh_site.editing import scaffold
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Tạo trang tiếng Việt mới từ tiêu đề và thêm vào menu. "
        "(Create a Vietnamese page from its title and add it to the menu.)"
    )
    parser.add_argument("title", nargs="?", help='tiêu đề trang (the title), ví dụ "Chùa Âng"')
    parser.add_argument(
        "--section", default="", help="thư mục của mục, ví dụ du-lich (the section's folder)"
    )
    parser.add_argument(
        "--description",
        help=f"mô tả ngắn, tối đa {DESCRIPTION_MAX} ký tự (short description, ≤ {DESCRIPTION_MAX})",
    )
    parser.add_argument("--slug", help="tên tệp thay cho tên tự tạo (file name instead)")
    parser.add_argument("--nav-label", help="tên trong menu nếu khác tiêu đề (menu label)")
    parser.add_argument(
        "--section-title", help="tên trong menu của mục mới (label of a new section)"
    )
    parser.add_argument(
        "--add-to-nav",
        metavar="FILE",
        help="thêm một trang đã có vào menu, ví dụ docs/du-lich/chua-ang.md "
        "(add an existing page to the menu)",
    )
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if (args.title is None) == (args.add_to_nav is None):
        parser.error("give a title, or --add-to-nav FILE (một tiêu đề, hoặc --add-to-nav TỆP)")

    def run() -> int:
        languages = cli.languages(args.project)
        if args.add_to_nav:
            created = scaffold.add_to_nav(args.project, languages, args.add_to_nav, args.nav_label)
            where = " > ".join(created.section) or "menu"
            cli.say(
                f"{created.file} có trong menu (mục '{where}').",
                f"{created.file} is in the menu ('{where}').",
            )
            return 0
        created = scaffold.new_page(
            args.project,
            languages,
            args.title,
            args.section,
            description=args.description,
            slug=args.slug,
            nav_label=args.nav_label,
            section_title=args.section_title,
        )
        where = " > ".join(created.section) or "menu"
        cli.say(
            f"Đã tạo {created.file} và thêm trang vào menu (mục '{where}'). Mở tệp để viết nội "
            f"dung; xem trước bằng 'make serve' tại {cli.PREVIEW}{created.url}",
            f"Created {created.file} and added it to the menu ('{where}'). Open it to write the "
            f"page; preview it with 'make serve' at {cli.PREVIEW}{created.url}",
        )
        return 0

    return cli.run(run)


if __name__ == "__main__":
    sys.exit(main())
