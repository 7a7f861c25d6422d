"""A new news post, dated and filed where the build expects it (``scripts/new_post.py``).

``new_post(project, languages, "Tiêu đề", "dau-tu", day=...)`` writes
``docs/tin-tuc/<year>/<name>.md`` (the name made from the title, as for pages) with its front
matter filled in: title, description (the title until the editor writes one, with a reminder
in ``todo``), date, category, and a reminder to give its sources. Nothing else needs editing:
posts are not in the menu, the listings and feeds find them. The post is checked as the build
checks it (an unknown category, a date too far ahead) before anything is written, and an
existing file is never overwritten.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from travinh_site.content import frontmatter, posts, schema
from travinh_site.content.languages import Languages
from travinh_site.editing.scaffold import (
    BODY_HINT,
    TODO_DESCRIPTION,
    Created,
    title_and_name,
    usage,
)
from travinh_site.errors import Problem, SiteError, did_you_mean
from travinh_site.site import seo

TODO_SOURCES = "Ghi nguồn của tin vào 'sources:' (mỗi nguồn một dòng, bắt đầu bằng '  - ')."
POST_HINT = BODY_HINT.replace("nội dung trang", "nội dung tin").replace(
    'ghi nguồn dưới tiêu đề "## Nguồn" ở cuối trang', "ghi nguồn vào 'sources:' ở phần đầu tin"
)


def post_text(title: str, description: str | None, day: datetime.date, category: str) -> str:
    todo = [TODO_SOURCES]
    if not description:  # the build needs one; the title will do until an editor writes it
        todo.insert(0, TODO_DESCRIPTION)
    lines = [
        "---",
        f"title: {frontmatter.scalar_text(title)}",
        f"description: {frontmatter.scalar_text(description or title)}",
        f"date: {day.isoformat()}",
        f"category: {category}",
        "todo:",
        *(f"  - {frontmatter.scalar_text(item)}" for item in todo),
        "---",
        "",
        f"# {title}",
        "",
        POST_HINT,
        "",
    ]
    return "\n".join(lines)


def new_post(
    project: Path,
    languages: Languages,
    title: str,
    category: str,
    *,
    day: datetime.date,
    description: str | None = None,
    slug: str | None = None,
) -> Created:
    default = languages.default
    title, name = title_and_name(title, slug, "le-hoi-ok-om-bok")
    page = posts.page_of(day.year, name)
    if not posts.is_post(page):  # index, trang-2: the names of the year's listing pages
        raise SiteError(
            usage(
                f"'{name}' is the name of a generated listing page.",
                f"'{name}' là tên của một trang danh sách được tạo tự động.",
                "choose another file name with --slug.",
                "chọn tên tệp khác bằng --slug.",
            )
        )
    shown_as = f"{default.content_dir}/{page}"
    target = project / shown_as
    if target.exists():
        raise SiteError(
            Problem(
                shown_as,
                "already exists.",
                "open it to edit it, or choose another file name with --slug.",
                problem_vi="tệp này đã có.",
                fix_vi="mở tệp để sửa, hoặc chọn tên tệp khác bằng --slug.",
            )
        )
    rules = posts.RulesFor(project, languages.codes, default.content_dir, project / posts.STRINGS)(
        page
    )
    if category not in rules.categories:
        known = ", ".join(rules.categories)
        hint, hint_vi = did_you_mean(category, rules.categories)
        raise SiteError(
            usage(
                f"'{category}' is not one of the site's news categories.",
                f"'{category}' không phải là một chủ đề tin tức của trang web.",
                f"{hint}Use --category with one of: {known}.",
                f"{hint_vi}Dùng --category với một trong các chủ đề: {known}.",
            )
        )
    text = post_text(title, description, day, category)
    problems = schema.check(text, schema.Page(shown_as, is_source=True, post=rules))
    if problems:
        raise SiteError(*problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Created(shown_as, (), seo.page_url(page, default))
