"""The news pages the build generates, and what it adds to each post's page.

Each language has its own listings, of its own posts only (:mod:`.posts`), newest first and
``per_page`` to a page::

    tin-tuc/index.md, tin-tuc/trang-2.md, …                every post
    tin-tuc/2026/index.md, tin-tuc/2026/trang-2.md, …      the archive of one year
    tin-tuc/chu-de/dau-tu/index.md, …/trang-2.md, …        one category (its first page always
                                                           exists, "no news yet" while empty)

A listing page is Markdown (its title, description and the list as an HTML block of escaped
text), so it goes through the rest of the build like any page: the theme, the content check,
the page's Content-Security-Policy, the search index (only the first page of all posts is
searchable: the others would repeat it). Each page links the others of its listing (previous,
next, "page 2 of 5"), the categories, the years of that language and its feeds; it stays small
however many posts there are.

A post's page gets a line under its title (its date, its category's listing, the day it was
updated), its picture (through the images plugin, like any image of a page: variants, alt) and
its sources as a last section. ``{{ tin-tuc }}`` on a line of its own (the home page) becomes
the language's latest posts.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from babel.dates import format_date
from mkdocs.utils import get_relative_url

from travinh_site.content import frontmatter
from travinh_site.content import posts as rules
from travinh_site.content.languages import Language
from travinh_site.content.links import mask_code
from travinh_site.errors import Problem
from travinh_site.news.posts import Post
from travinh_site.site import seo

ALL, YEAR, CATEGORY = "all", "year", "category"
CATEGORIES_DIR = f"{rules.POSTS_DIR}/chu-de"
ATOM = f"{rules.POSTS_DIR}/atom.xml"
JSON_FEED = f"{rules.POSTS_DIR}/feed.json"
LEAD_IMAGE = "tv-post-image"  # the class of a post's picture (news.jsonld reads its URL)

# The interface texts (overrides/strings.yml) the news pages use; "{}" is replaced.
TEXTS = (
    "news.title",
    "news.description",
    "news.year",
    "news.category_title",
    "news.categories",
    "news.years",
    "news.follow",
    "news.browse",
    "news.pages",
    "news.page",
    "news.previous",
    "news.next",
    "news.empty",
    "news.in_default",
    "news.all",
    "news.sources",
    "news.updated",
    "news.feed_title",
)


@dataclass(frozen=True)
class Listing:
    """One page of a listing."""

    kind: str  # ALL, YEAR or CATEGORY
    key: str  # "" for ALL, "2026" for a year, "dau-tu" for a category
    number: int  # 1 for the first page
    count: int  # the listing's pages
    posts: tuple[Post, ...]

    @property
    def folder(self) -> str:
        if self.kind == YEAR:
            return f"{rules.POSTS_DIR}/{self.key}"
        if self.kind == CATEGORY:
            return f"{CATEGORIES_DIR}/{self.key}"
        return rules.POSTS_DIR

    def page_of(self, number: int) -> str:
        """The page path of page ``number`` of this listing ("tin-tuc/2026/trang-2.md")."""
        return f"{self.folder}/index.md" if number == 1 else f"{self.folder}/trang-{number}.md"

    @property
    def page(self) -> str:
        return self.page_of(self.number)

    @property
    def newest(self) -> datetime.date | None:
        return max((post.updated for post in self.posts), default=None)


def category_page(category: str) -> str:
    return f"{CATEGORIES_DIR}/{category}/index.md"


def year_page(year: int) -> str:
    return f"{rules.POSTS_DIR}/{year}/index.md"


def listings(posts: Sequence[Post], categories: Sequence[str], per_page: int) -> list[Listing]:
    """Every listing page of one language's ``posts`` (newest first)."""
    pages = _paginate(ALL, "", posts, per_page)
    for year, of_year in groupby(posts, key=lambda post: post.year):
        pages += _paginate(YEAR, str(year), list(of_year), per_page)
    for category in categories:
        pages += _paginate(
            CATEGORY, category, [p for p in posts if p.category == category], per_page
        )
    return pages


def _paginate(kind: str, key: str, posts: Sequence[Post], per_page: int) -> list[Listing]:
    count = max(1, -(-len(posts) // per_page))
    return [
        Listing(kind, key, number, count, tuple(posts[(number - 1) * per_page : number * per_page]))
        for number in range(1, count + 1)
    ]


# ---- rendering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the pages of one language need besides their posts."""

    language: Language  # the language of the text
    default: Language  # the source language (its listing is offered when this one is empty)
    texts: Mapping[str, str]  # this language's interface texts
    categories: Sequence[str]
    years: Sequence[int]  # the years with posts in this language, newest first

    def label(self, category: str) -> str:
        return self.texts[rules.CATEGORY_TEXT + category]

    def date(self, day: datetime.date) -> str:
        return format_date(day, format="long", locale=self.language.code)

    def url(self, page: str, language: Language | None = None) -> str:
        """The site-relative URL of ``page`` (a page path or a file) in this language."""
        language = language or self.language
        if page.endswith(".md"):
            return seo.page_url(page, language)
        return language.prefix + page


def title_of(listing: Listing, context: Context) -> str:
    texts = context.texts
    if listing.kind == YEAR:
        title = texts["news.year"].format(listing.key)
    elif listing.kind == CATEGORY:
        title = texts["news.category_title"].format(context.label(listing.key))
    else:
        title = texts["news.title"]
    if listing.number > 1:
        title += " – " + texts["news.page"].format(listing.number, listing.count)
    return title


def listing_markdown(listing: Listing, context: Context) -> str:
    """The Markdown of one listing page."""
    texts = context.texts
    here = context.url(listing.page)

    def href(page: str, language: Language | None = None) -> str:
        return html.escape(get_relative_url(context.url(page, language), here))

    title = title_of(listing, context)
    head = [
        "---",
        f"title: {frontmatter.scalar_text(title)}",
        f"description: {frontmatter.scalar_text(texts['news.description'])}",
        "hide:",
        "  - toc",
    ]
    if listing.kind != ALL or listing.number > 1:  # the first page of all posts is enough
        head += ["search:", "  exclude: true"]
    parts = [
        "\n".join([*head, "---"]),
        f"# {_markdown_text(title)}",
        _browse(listing, context, href),
    ]
    if listing.posts:
        items = "\n".join(_item(post, context, href) for post in listing.posts)
        parts.append(f'<ol class="tv-news-list">\n{items}\n</ol>')
    else:
        parts.append(_empty(context, href))
    if listing.count > 1:
        parts.append(_pagination(listing, context, href))
    return "\n\n".join(parts) + "\n"


def _browse(listing: Listing, context: Context, href: Callable[..., str]) -> str:
    texts = context.texts
    e = html.escape

    def link(page: str, label: str) -> str:
        current = ' aria-current="page"' if page == listing.page_of(1) else ""
        return f'<a href="{href(page)}"{current}>{e(label)}</a>'

    categories = " · ".join(
        [link(rules.LISTING, texts["news.all"])]
        + [link(category_page(c), context.label(c)) for c in context.categories]
    )
    lines = [f'<nav class="tv-news-browse" aria-label="{e(texts["news.browse"])}">']
    lines.append(f"<p>{e(texts['news.categories'])} {categories}</p>")
    if context.years:
        years = " · ".join(link(year_page(year), str(year)) for year in context.years)
        lines.append(f"<p>{e(texts['news.years'])} {years}</p>")
    lines.append(
        f"<p>{e(texts['news.follow'])} "
        f'<a href="{href(ATOM)}" type="application/atom+xml">Atom</a> · '
        f'<a href="{href(JSON_FEED)}" type="application/feed+json">JSON Feed</a></p>'
    )
    lines.append("</nav>")
    return "\n".join(lines)


def _item(post: Post, context: Context, href: Callable[..., str]) -> str:
    e = html.escape
    return (
        '<li><article class="tv-news-item">'
        f'<h2><a href="{href(post.page)}">{e(post.title)}</a></h2>'
        f'<p class="tv-post-meta">{_time(post.date, context)} · '
        f'<a href="{href(category_page(post.category))}">{e(context.label(post.category))}</a></p>'
        f"<p>{e(post.description)}</p>"
        "</article></li>"
    )


def _empty(context: Context, href: Callable[..., str]) -> str:
    texts = context.texts
    text = f'<p class="tv-news-empty">{html.escape(texts["news.empty"])}'
    if not context.language.default:
        default = context.default
        text += (
            f' <a href="{href(rules.LISTING, default)}" hreflang="{default.code}">'
            f"{html.escape(texts['news.in_default'])}</a>"
        )
    return text + "</p>"


def _pagination(listing: Listing, context: Context, href: Callable[..., str]) -> str:
    texts = context.texts
    e = html.escape
    parts = [f'<nav class="tv-pagination" aria-label="{e(texts["news.pages"])}">']
    if listing.number > 1:
        previous = href(listing.page_of(listing.number - 1))
        parts.append(f'<a href="{previous}" rel="prev">← {e(texts["news.previous"])}</a>')
    parts.append(f"<span>{e(texts['news.page'].format(listing.number, listing.count))}</span>")
    if listing.number < listing.count:
        following = href(listing.page_of(listing.number + 1))
        parts.append(f'<a href="{following}" rel="next">{e(texts["news.next"])} →</a>')
    return "\n".join([*parts, "</nav>"])


def _time(day: datetime.date, context: Context) -> str:
    return f'<time datetime="{day.isoformat()}">{html.escape(context.date(day))}</time>'


def _markdown_text(text: str) -> str:
    """``text`` as literal Markdown (a title never becomes markup)."""
    return re.sub(r"([\\`*_\[\]{}#!|])", r"\\\1", text)


# ---- a post's page ---------------------------------------------------------------------------


def post_header(post: Post, context: Context, page_url: str) -> str:
    """The line under a post's title (an HTML block): its date, category and last update."""
    category = get_relative_url(context.url(category_page(post.category)), page_url)
    line = (
        f'<p class="tv-post-meta">{_time(post.date, context)} · '
        f'<a href="{html.escape(category)}">{html.escape(context.label(post.category))}</a>'
    )
    if post.updated > post.date:
        updated = context.texts["news.updated"].format(_time(post.updated, context))
        line += f" · {updated}"
    return line + "</p>"


def post_image(post: Post, src_uri: str) -> str:
    """The post's picture as a Markdown image of its page (``src_uri``: the staged page)."""
    if post.image is None:
        return ""
    target = posixpath.relpath(f"{rules.IMAGES_DIR}/{post.image.file}", posixpath.dirname(src_uri))
    return f"![{_markdown_text(post.image.alt)}]({target}){{ .{LEAD_IMAGE} }}"


def post_sources(post: Post, context: Context) -> str:
    """The post's sources as its last section (Markdown: a source may be a link)."""
    if not post.sources:
        return ""
    items = "\n".join(f"- {' '.join(source.split())}" for source in post.sources)
    return f"## {_markdown_text(context.texts['news.sources'])}\n\n{items}"


_TITLE = re.compile(r"^#[ \t]+\S.*$", re.MULTILINE)


def decorate(markdown: str, post: Post, context: Context, page_url: str, src_uri: str) -> str:
    """A post's Markdown with its date line and picture under its title (at the top when it
    has none) and its sources at the end."""
    header = "\n\n".join(
        part for part in (post_header(post, context, page_url), post_image(post, src_uri)) if part
    )
    title = _TITLE.search(mask_code(markdown))
    at = title.end() if title else 0
    text = f"{markdown[:at]}\n\n{header}\n\n{markdown[at:].lstrip(chr(10))}"
    sources = post_sources(post, context)
    return f"{text.rstrip()}\n\n{sources}\n" if sources else text


# ---- the {{ tin-tuc }} block -----------------------------------------------------------------

_BLOCK = re.compile(
    r"^[ ]{0,3}\{\{[ \t]*" + re.escape(rules.BLOCK) + r"[ \t]*(?::(?P<args>[^{}]*))?\}\}[ \t]*$"
)


def has_blocks(markdown: str) -> bool:
    """Whether ``markdown`` may hold a ``{{ tin-tuc }}`` line (one in code counts too: the
    answer only makes a page depend on the posts)."""
    return rules.BLOCK in markdown and any(
        _BLOCK.match(line) for line in markdown.split("\n") if rules.BLOCK in line
    )


@dataclass(frozen=True)
class Block:
    line: int  # in the page's file
    count: int
    category: str | None


def find_blocks(
    body: str, first_line: int, shown_as: str, categories: Sequence[str], latest: int
) -> tuple[list[Block], list[Problem]]:
    """The ``{{ tin-tuc }}`` lines of a page body (outside code): ``{{ tin-tuc }}`` for the
    latest posts, ``{{ tin-tuc: dau-tu }}`` of one category, ``{{ tin-tuc: 5 }}`` for five."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    for offset, line in enumerate(mask_code(body).split("\n")):
        match = _BLOCK.match(line)
        if not match:
            continue
        count, category = latest, None
        for word in (match.group("args") or "").split():
            if word.isdigit() and int(word) > 0:
                count = int(word)
            elif word in categories:
                category = word
            else:
                known = ", ".join(categories)
                problems.append(
                    Problem(
                        shown_as,
                        f"'{word}' in '{{{{ {rules.BLOCK}: ... }}}}' is neither a number of posts "
                        "nor a category.",
                        f"write a number (for example '{{{{ {rules.BLOCK}: 5 }}}}') or one of: "
                        f"{known}.",
                        first_line + offset,
                        problem_vi=f"'{word}' trong '{{{{ {rules.BLOCK}: ... }}}}' không phải là "
                        "số tin hay một chủ đề.",
                        fix_vi=f"viết một số (ví dụ '{{{{ {rules.BLOCK}: 5 }}}}') hoặc một trong "
                        f"các chủ đề: {known}.",
                    )
                )
        blocks.append(Block(first_line + offset, count, category))
    return blocks, problems


def replace_blocks(markdown: str, rendered: Callable[[], str]) -> str:
    """``markdown`` with each ``{{ tin-tuc }}`` line (outside code) replaced, in order."""
    lines = markdown.split("\n")
    for index, line in enumerate(mask_code(markdown).split("\n")):
        if _BLOCK.match(line):
            lines[index] = f"\n{rendered()}\n"  # blank lines around: an HTML block
    return "\n".join(lines)


def latest_html(block: Block, posts: Sequence[Post], context: Context, page_url: str) -> str:
    """The block's posts, newest first, and a link to all of them."""
    chosen = [p for p in posts if block.category in (None, p.category)][: block.count]
    e = html.escape

    def href(page: str) -> str:
        return e(get_relative_url(context.url(page), page_url))

    target = category_page(block.category) if block.category else rules.LISTING
    more = (
        f'<p class="tv-news-more"><a href="{href(target)}">{e(context.texts["news.all"])}</a></p>'
    )
    if not chosen:
        listed = f'<p class="tv-news-empty">{e(context.texts["news.empty"])}</p>'
    else:
        items = "\n".join(
            f'<li><a href="{href(post.page)}">{e(post.title)}</a> '
            f'<span class="tv-post-meta">{_time(post.date, context)}</span></li>'
            for post in chosen
        )
        listed = f"<ul>\n{items}\n</ul>"
    return f'<div class="tv-news-latest">\n{listed}\n{more}\n</div>'
