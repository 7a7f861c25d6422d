#!/usr/bin/env python3
"""Create a dated news post in Vietnamese.

    .venv/bin/python scripts/new_post.py "Tiêu đề của tin" --category dau-tu

creates docs/tin-tuc/<year>/tieu-de-cua-tin.md (the file name is made from the title, without
accents), dated today, with its front matter filled in. Nothing else needs editing: posts are
not in the menu; the news listings, the home page's latest posts and the feeds find it.
--date gives another day (YYYY-MM-DD).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from travinh_site.content import posts
from travinh_site.content.schema import DESCRIPTION_MAX
from travinh_site.editing.post import new_post
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải là ngày dạng YYYY-MM-DD (not a YYYY-MM-DD date)"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Tạo một tin tức tiếng Việt có ghi ngày. (Create a dated news post.)"
    )
    parser.add_argument("title", help='tiêu đề của tin (the title), ví dụ "Khai mạc hội chợ"')
    parser.add_argument(
        "--category",
        required=True,
        help="chủ đề, ví dụ dau-tu; danh sách: các mục news.category.* trong overrides/strings.yml "
        "(the category)",
    )
    parser.add_argument(
        "--date",
        type=day,
        # An editor's command, not the build: the day it is run is the post's day.
        default=datetime.date.today(),
        help="ngày đăng, YYYY-MM-DD; mặc định: hôm nay (the date; default: today)",
    )
    parser.add_argument(
        "--description",
        help=f"tóm tắt, tối đa {DESCRIPTION_MAX} ký tự (the summary, ≤ {DESCRIPTION_MAX})",
    )
    parser.add_argument("--slug", help="tên tệp thay cho tên tự tạo (file name instead)")
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    def run() -> int:
        languages = cli.languages(args.project)
        created = new_post(
            args.project,
            languages,
            args.title,
            args.category,
            day=args.date,
            description=args.description,
            slug=args.slug,
        )
        listing = posts.LISTING.removesuffix(".md") + ".html"
        cli.say(
            f"Đã tạo {created.file}. Mở tệp để viết tin; xem trước bằng 'make serve' tại "
            f"{cli.PREVIEW}{created.url} (danh sách tin: {cli.PREVIEW}{listing})",
            f"Created {created.file}. Open it to write the post; preview it with 'make serve' at "
            f"{cli.PREVIEW}{created.url} (the news: {cli.PREVIEW}{listing})",
        )
        return 0

    return cli.run(run)


if __name__ == "__main__":
    sys.exit(main())
