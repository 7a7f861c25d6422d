"""What pages say about images: alt text, the decorative syntax, raw HTML images.

Every image needs a text alternative, written in the page's language between the brackets:
``![Ao Bà Om at sunset](../../assets/images/ao-ba-om.jpg)``. An image that only decorates
(an ornament, a border) says so explicitly with an attribute list, and gets ``alt=""``::

    ![](../../assets/images/hoa-van.svg){ .decorative }

References come from the core scanner (``travinh_site.content.links.find_references``), with lines.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from travinh_site.content import frontmatter
from travinh_site.content.frontmatter import read_text
from travinh_site.content.languages import Languages, markdown_files
from travinh_site.content.links import Reference, find_references, resolve
from travinh_site.errors import Problem, SiteError

DECORATIVE = "decorative"


def is_decorative(attributes: str) -> bool:
    """Whether an attr_list (``{ .decorative }`` without braces) marks the image decorative."""
    return f".{DECORATIVE}" in attributes.split()


def problems(
    references: Iterable[Reference], shown_as: str, folder: str, images_dir: str
) -> list[Problem]:
    """Problems with the images of one page.

    ``folder`` is the page's folder relative to the root that also holds ``images_dir``
    (the staged folder in a build, the project in the command line).
    """
    found = []
    for reference in references:
        if not reference.is_image:
            continue
        if reference.syntax == "html":
            resolved = resolve(folder, reference.target) or ""
            if resolved.startswith(images_dir.rstrip("/") + "/"):
                found.append(
                    Problem(
                        shown_as,
                        f"the image '{reference.target}' is written as HTML (<img>), so it "
                        "would not get its optimised versions.",
                        f"write it in Markdown: ![what it shows]({reference.target})",
                        reference.line,
                        problem_vi=f"ảnh '{reference.target}' được viết bằng HTML (<img>), nên "
                        "không có các bản thu nhỏ tối ưu.",
                        fix_vi=f"viết bằng Markdown: ![ảnh cho thấy gì]({reference.target})",
                    )
                )
            continue
        alt = reference.text.strip()
        decorative = is_decorative(reference.attributes)
        if not alt and not decorative:
            found.append(
                Problem(
                    shown_as,
                    f"the image '{reference.target}' has no alt text (what a blind reader "
                    "hears, and what shows when the image cannot load).",
                    f"describe what it shows between the brackets: ![…]({reference.target}); "
                    "if it is only decoration, write { .decorative } right after it.",
                    reference.line,
                    problem_vi=f"ảnh '{reference.target}' chưa có lời mô tả (điều người khiếm "
                    "thị nghe được, và điều hiện ra khi ảnh không tải được).",
                    fix_vi=f"tả điều ảnh cho thấy giữa hai dấu ngoặc vuông: "
                    f"![…]({reference.target}); nếu ảnh chỉ để trang trí, ghi "
                    "{ .decorative } ngay sau ảnh.",
                )
            )
        elif alt and decorative:
            found.append(
                Problem(
                    shown_as,
                    f"the image '{reference.target}' is marked decorative but has the alt text "
                    f"'{alt}'.",
                    "remove { .decorative } if the image says something, or empty the brackets "
                    "if it does not.",
                    reference.line,
                    problem_vi=f"ảnh '{reference.target}' được đánh dấu là trang trí nhưng lại có "
                    f"lời mô tả '{alt}'.",
                    fix_vi="bỏ { .decorative } nếu ảnh có ý nghĩa, hoặc để trống phần trong ngoặc "
                    "vuông nếu không.",
                )
            )
    return found


def check_project(project: Path, languages: Languages, images_dir: str) -> list[Problem]:
    """Image problems of every page of every language (the command line's check)."""
    found: list[Problem] = []
    for language in languages:
        for page, path in markdown_files(project / language.content_dir).items():
            shown_as = f"{language.content_dir}/{page}"
            try:
                _meta, body, first_line = frontmatter.split(read_text(path, shown_as), shown_as)
            except SiteError as error:
                found.extend(error.problems)
                continue
            references = find_references(body, first_line)
            found.extend(problems(references, shown_as, posixpath.dirname(shown_as), images_dir))
    return found
