"""Creating pages and translations the way the build expects them.

- :func:`new_page`: a Vietnamese page from its title (ASCII slug, front matter filled in) and
  its entry in the menu;
- :func:`add_to_nav`: the menu entry of a page that exists already;
- :func:`start_translation`: a translation file that starts as a copy of the Vietnamese page,
  stamped with the source it was made from and marked ``status: draft``, so the site and the
  coverage report treat it as untranslated until it is finished;
- :func:`finish_translation`: removes the draft mark and gives the menu entry its label in that
  language.

Nothing an editor wrote is ever overwritten: an existing file is an error. Every file is
written only once everything has been checked, the menu last.
"""

from __future__ import annotations

import dataclasses
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from travinh_site.content import frontmatter, navigation, posts, schema, stamps
from travinh_site.content.languages import Language, Languages, markdown_files
from travinh_site.errors import Problem, SiteError, did_you_mean
from travinh_site.site import seo
from travinh_site.text.slugs import slugify

TODO_DESCRIPTION = (
    f"Viết phần mô tả (description): một hai câu, tối đa {schema.DESCRIPTION_MAX} ký tự."
)
BODY_HINT = (
    "<!-- Viết nội dung trang ở đây (hướng dẫn: EDITING.md). Mỗi con số, ngày tháng và tên "
    'riêng cần có nguồn: ghi nguồn dưới tiêu đề "## Nguồn" ở cuối trang. -->'
)


@dataclass(frozen=True)
class Created:
    file: str  # as the editor knows it: docs/du-lich/chua-ang.md
    section: tuple[str, ...]  # the menu section it was added to (labels)
    url: str  # site-relative: du-lich/chua-ang.html


def page_text(title: str, description: str | None) -> str:
    lines = ["---", f"title: {frontmatter.scalar_text(title)}"]
    if description:
        lines.append(f"description: {frontmatter.scalar_text(description)}")
    else:  # the build needs one; the title will do until an editor writes it
        lines += [
            f"description: {frontmatter.scalar_text(title)}",
            "todo:",
            f"  - {frontmatter.scalar_text(TODO_DESCRIPTION)}",
        ]
    lines += ["---", "", f"# {title}", "", BODY_HINT, ""]
    return "\n".join(lines)


def new_page(
    project: Path,
    languages: Languages,
    title: str,
    section: str = "",
    *,
    description: str | None = None,
    slug: str | None = None,
    nav_label: str | None = None,
    section_title: str | None = None,
) -> Created:
    default = languages.default
    title, slug = title_and_name(title, slug, "chua-ang")
    section = section.strip("/")
    content = project / default.content_dir
    if section and not (content / section).is_dir() and section_title is None:
        folders = sorted(
            path.relative_to(content).as_posix() for path in content.rglob("*") if path.is_dir()
        )
        hint, hint_vi = did_you_mean(section, folders)
        raise SiteError(
            usage(
                f"there is no section '{section}' ({default.content_dir}/{section}/ does not "
                "exist).",
                f"chưa có mục '{section}' (không có thư mục {default.content_dir}/{section}/).",
                f"{hint}To start a new section, add --section-title 'Its menu label'.",
                f"{hint_vi}Để tạo mục mới, thêm --section-title 'Tên mục trong menu'.",
            )
        )
    page = posixpath.join(section, f"{slug}.md") if section else f"{slug}.md"
    shown_as = f"{default.content_dir}/{page}"
    if posts.in_news_folder(page):
        raise SiteError(
            usage(
                f"{default.content_dir}/{posts.POSTS_DIR}/ holds news posts, not pages.",
                f"{default.content_dir}/{posts.POSTS_DIR}/ chứa các tin tức, không chứa trang.",
                'create a post with: .venv/bin/python scripts/new_post.py "Title" --category ...',
                'tạo tin bằng lệnh: .venv/bin/python scripts/new_post.py "Tiêu đề" --category ...',
            )
        )
    target = content / page
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
    text = page_text(title, description)
    problems = schema.check(text, schema.Page(shown_as, is_source=True))
    if problems:
        raise SiteError(*problems)
    config = navigation.SiteConfig(project / navigation.CONFIG)
    added_to = config.add_page(nav_label or title, page, new_section=section_title)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    config.save()
    return Created(shown_as, added_to, seo.page_url(page, default))


def add_to_nav(
    project: Path, languages: Languages, file: str, nav_label: str | None = None
) -> Created:
    """Add an existing page of the default language to the menu."""
    default = languages.default
    page, shown_as, path = _source_page(project, languages, file)
    meta = frontmatter.read(path, shown_as)
    label = nav_label or meta.get("title")
    if not isinstance(label, str) or not label.strip():
        raise SiteError(
            Problem(
                shown_as,
                "has no title to show in the menu.",
                "add 'title: ...' to its front matter, or give the label with --nav-label.",
                problem_vi="trang chưa có tiêu đề để hiện trong menu.",
                fix_vi="thêm 'title: ...' vào phần đầu trang, hoặc đặt tên bằng --nav-label.",
            )
        )
    config = navigation.SiteConfig(project / navigation.CONFIG)
    listed = [entry for entry in config.entries() if entry.path == page]
    if listed:
        return Created(shown_as, listed[0].section, seo.page_url(page, default))
    added_to = config.add_page(label, page)
    config.save()
    return Created(shown_as, added_to, seo.page_url(page, default))


def git_commit_of(project: Path, path: Path) -> str | None:
    """The last commit that changed ``path``, if it is committed as it is now (else None)."""
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", str(path)],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        )
        if status.stdout.strip():
            return None  # new or changed since the last commit
        log = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", str(path)],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None  # no git, or not a repository
    return log.stdout.strip() or None


def start_translation(project: Path, languages: Languages, file: str, code: str | None) -> Created:
    language = _target_language(languages, file, code)
    page, source_shown, source = _source_page(project, languages, file)
    shown_as = f"{language.content_dir}/{page}"
    target = project / shown_as
    if target.exists():
        draft = stamps.read_stamp(frontmatter.read(target, shown_as)).draft
        raise SiteError(
            Problem(
                shown_as,
                "is already started." if draft else "already exists.",
                "open it to go on translating."
                if draft
                else "open it to edit it; delete it first to start again from the Vietnamese page.",
                problem_vi="bản dịch này đã được bắt đầu." if draft else "tệp này đã có.",
                fix_vi="mở tệp để dịch tiếp."
                if draft
                else "mở tệp để sửa; muốn bắt đầu lại từ trang tiếng Việt thì xóa tệp trước.",
            )
        )
    text = frontmatter.read_text(source, source_shown)  # BOM and CRLF dropped on reading
    published = frontmatter.split(text, source_shown)[0].get("languages")
    if posts.is_post(page) and isinstance(published, list) and language.code not in published:
        raise SiteError(
            Problem(
                source_shown,
                f"this post is published only in {', '.join(map(str, published))} "
                "('languages:'), so it is not translated.",
                f"to translate it, add '{language.code}' to 'languages:' first.",
                problem_vi=f"tin này chỉ đăng bằng {', '.join(map(str, published))} "
                "('languages:'), nên không cần dịch.",
                fix_vi=f"muốn dịch tin, trước hết thêm '{language.code}' vào 'languages:'.",
            )
        )
    stamp = stamps.Stamp(
        # A YAML mistake in the source is reported against the source here.
        source_hash=stamps.source_hash(text, source_shown),
        source_commit=git_commit_of(project, source),
        draft=True,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stamps.with_stamp(text, stamp), encoding="utf-8")
    return Created(shown_as, (), seo.page_url(page, language))


@dataclass(frozen=True)
class Finished:
    file: str
    url: str
    nav_label: str | None  # the label added to the menu in that language, if one was added
    untranslated_sections: tuple[str, ...]  # menu sections still without a label there


def finish_translation(
    project: Path, languages: Languages, file: str, code: str | None, nav_label: str | None
) -> Finished:
    language = _target_language(languages, file, code)
    page = _page_of(file, languages)
    shown_as = f"{language.content_dir}/{page}"
    target = project / shown_as
    if not target.is_file():
        raise SiteError(
            Problem(
                shown_as,
                "does not exist: there is no translation to finish.",
                f"start it with: .venv/bin/python scripts/start_translation.py "
                f"{languages.default.content_dir}/{page} --lang {language.code}",
                problem_vi="tệp không tồn tại: chưa có bản dịch nào để hoàn tất.",
                fix_vi=f"bắt đầu bằng lệnh: .venv/bin/python scripts/start_translation.py "
                f"{languages.default.content_dir}/{page} --lang {language.code}",
            )
        )
    text = frontmatter.read_text(target, shown_as)
    meta, _body, _line = frontmatter.split(text, shown_as)
    stamp = stamps.read_stamp(meta)
    # Every field of the stamp is kept but the draft mark.
    finished = stamps.with_stamp(text, dataclasses.replace(stamp, draft=False))
    rules = None
    if posts.is_post(page):  # its date and category are checked as the build checks them
        rules = posts.RulesFor(
            project, languages.codes, languages.default.content_dir, project / posts.STRINGS
        )(page)
    problems = schema.check(finished, schema.Page(shown_as, is_source=False, post=rules))
    if problems:
        raise SiteError(*problems)
    config = navigation.SiteConfig(project / navigation.CONFIG)
    added = _translate_menu_label(config, languages, language, page, meta, nav_label)
    missing = tuple(
        label
        for entry in config.entries()
        if entry.path == page
        for label in entry.section
        if config.nav_translation(language.code, label) is None
    )
    if stamp.draft:
        target.write_text(finished, encoding="utf-8")
    config.save()
    return Finished(shown_as, seo.page_url(page, language), added, missing)


def _translate_menu_label(
    config: navigation.SiteConfig,
    languages: Languages,
    language: Language,
    page: str,
    meta: dict[str, Any],
    nav_label: str | None,
) -> str | None:
    """Give the page's menu entry its label in ``language`` (from --nav-label, or the
    translation's title when the Vietnamese label is the Vietnamese title)."""
    entry = next((e for e in config.entries() if e.path == page and e.label), None)
    if entry is None or entry.label is None:  # (the filter keeps labelled entries only)
        return None
    if nav_label is None and config.nav_translation(language.code, entry.label) is not None:
        return None
    if nav_label is None:
        default = languages.default
        source_shown = f"{default.content_dir}/{page}"
        source_title = frontmatter.read(config.path.parent / source_shown, source_shown).get(
            "title"
        )
        if entry.label != source_title:
            raise SiteError(
                Problem(
                    navigation.CONFIG,
                    f"the menu shows this page as '{entry.label}', which is not its title; "
                    f"its label in {language.name} cannot be guessed.",
                    f"add --nav-label '...' with the {language.name} menu label.",
                    entry.line,
                    problem_vi=f"menu hiển thị trang này là '{entry.label}', khác với tiêu đề "
                    f"của trang; không đoán được tên trong menu bằng {language.name}.",
                    fix_vi=f"thêm --nav-label '...' với tên trong menu bằng {language.name}.",
                )
            )
        nav_label = str(meta.get("title"))
    config.add_nav_translation(language.code, entry.label, nav_label)
    return nav_label


# ---- arguments ----------------------------------------------------------------------------


def _source_page(project: Path, languages: Languages, file: str) -> tuple[str, str, Path]:
    """(page, the source file as editors know it, its path) for ``file``, which must exist in
    the default language."""
    default = languages.default
    page = _page_of(file, languages)
    shown_as = f"{default.content_dir}/{page}"
    path = project / shown_as
    if not path.is_file():
        raise _no_such_page(project, default, page)
    return page, shown_as, path


def _page_of(file: str, languages: Languages) -> str:
    """The page path ("du-lich/x.md") of ``file``, which may name it in any content folder."""
    path = file.replace("\\", "/").removeprefix("./")
    for language in sorted(languages, key=lambda item: -len(item.content_dir)):
        prefix = language.content_dir.rstrip("/") + "/"
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    if not path.endswith(".md"):
        path += ".md"
    return path


def _target_language(languages: Languages, file: str, code: str | None) -> Language:
    """The translation's language: ``--lang``, or the content folder ``file`` names."""
    path = file.replace("\\", "/").removeprefix("./")
    named = next(
        (lang for lang in languages if path.startswith(lang.content_dir.rstrip("/") + "/")),
        None,
    )
    translations = languages.translations
    choices = ", ".join(language.code for language in translations)
    if code is None:
        if named is not None and not named.default:
            return named
        raise SiteError(
            usage(
                "which language? The translation's language is missing.",
                "dịch sang ngôn ngữ nào? Lệnh thiếu ngôn ngữ của bản dịch.",
                f"add --lang with one of: {choices}.",
                f"thêm --lang với một trong các mã: {choices}.",
            )
        )
    language = next((language for language in translations if language.code == code), None)
    if language is None:
        raise SiteError(
            usage(
                f"'{code}' is not a language the pages are translated into.",
                f"'{code}' không phải ngôn ngữ mà các trang được dịch sang.",
                f"use one of: {choices}.",
                f"dùng một trong các mã: {choices}.",
            )
        )
    if named is not None and not named.default and named != language:
        raise SiteError(
            usage(
                f"'{file}' is in the folder of '{named.code}', not '{language.code}'.",
                f"'{file}' nằm trong thư mục của '{named.code}', không phải '{language.code}'.",
                f"name the Vietnamese page ({languages.default.content_dir}/...) with --lang.",
                f"ghi trang tiếng Việt ({languages.default.content_dir}/...) cùng với --lang.",
            )
        )
    return language


def _no_such_page(project: Path, default: Language, page: str) -> SiteError:
    pages = list(markdown_files(project / default.content_dir))
    hint, hint_vi = did_you_mean(page, pages, shown=f"'{default.content_dir}/{{}}'")
    return SiteError(
        Problem(
            f"{default.content_dir}/{page}",
            "does not exist.",
            hint.rstrip() or f"name a page of {default.content_dir}/.",
            problem_vi="tệp không tồn tại.",
            fix_vi=hint_vi.rstrip() or f"hãy ghi một trang trong {default.content_dir}/.",
        )
    )


def title_and_name(title: str, slug: str | None, example: str) -> tuple[str, str]:
    """The title with its spaces tidied, and the file name (``slug``, else made from the
    title); a SiteError when either is empty (``example``: a file name for the fix)."""
    title = " ".join(title.split())
    if not title:
        raise SiteError(usage("the title is empty.", "tiêu đề đang để trống."))
    name = slugify(slug or title)
    if not name:
        raise SiteError(
            usage(
                f"no ASCII name can be made from the title '{title}'.",
                f"không tạo được tên tệp ASCII từ tiêu đề '{title}'.",
                f"give the file name with --slug, for example --slug {example}.",
                f"đặt tên tệp bằng --slug, ví dụ --slug {example}.",
            )
        )
    return title, name


def usage(problem: str, problem_vi: str, fix: str = "", fix_vi: str = "") -> Problem:
    """A mistake in a command's arguments: no file to name."""
    return Problem("", problem, fix, problem_vi=problem_vi, fix_vi=fix_vi)
