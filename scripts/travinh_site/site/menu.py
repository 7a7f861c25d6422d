"""The menu a page carries: the top level and the path to the page, not the whole site.

Material renders the navigation it is given. With ``navigation.prune`` it leaves out the
children of the top-level sections a page is not in, but it renders the whole of the section
the page is in: every sub-section of an active tab expanded, every page of each listed. A page
in a tab of ten folders of thirty pages carried 300 menu links, and each new folder made every
page of the tab larger and slower to render.

:func:`view` hands Material a smaller navigation with the same kinds of objects, so its
templates (and their look and keyboard use) stay as they are:

- a top-level section the page is not in keeps only the chain to its first page, which is all
  Material's tabs and its pruned drawer entries use (its other pages are never drawn);
- on the page's own path, each section keeps its children, but a sub-section the page is not
  in becomes a link to its first page (one line, instead of its whole list);
- a page's own position and every ancestor stay active, so Material marks them as before
  (the path is found from the page's ancestors, so a view can be made before MkDocs marks
  them, as the build's cache does).

What a page's menu shows is therefore bounded by the top level, the sections on its path and
their direct children, whatever the number of folders. :func:`fingerprint` is a digest of that
view, for the build's cache: a page whose menu did not change need not be rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page


@dataclass(eq=False)
class SectionView:
    """A section as the templates read it (``title``, ``children``, ``active``...)."""

    title: str
    children: list[Any]
    active: bool
    parent: SectionView | None = None
    is_section: bool = True
    is_page: bool = False
    is_link: bool = False


@dataclass(eq=False)
class CollapsedSection:
    """A section off the page's path, drawn as one link to its first page."""

    title: str
    url: str
    active: bool = False
    parent: SectionView | None = None
    children: list[Any] = field(default_factory=list)
    is_section: bool = False
    is_page: bool = False
    is_link: bool = True


@dataclass(eq=False)
class MenuView:
    """The navigation handed to the templates: ``items``, ``homepage``, ``pages``."""

    items: list[Any]
    homepage: Page | None
    pages: Sequence[Page]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def view(nav: Navigation, page: Page) -> MenuView:
    """The menu of ``page``."""
    path = _ancestors(page)
    items = [_top_level(item, path) for item in nav.items]
    return MenuView(items, nav.homepage, nav.pages)


def _ancestors(page: Page) -> list[Section]:
    ancestors = []
    parent = page.parent
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parent
    return ancestors


def _top_level(item: Any, path: list[Section]) -> Any:
    if not isinstance(item, Section):
        return item
    if any(item is ancestor for ancestor in path):
        return _on_path(item, path, None)
    first = _first_chain(item, None)
    return first if first is not None else item


def _on_path(section: Section, path: list[Section], parent: SectionView | None) -> SectionView:
    """A section the page is in: its children, sub-sections off the path collapsed."""
    shown = SectionView(section.title, [], True, parent)
    for child in section.children:
        if isinstance(child, Section):
            if any(child is ancestor for ancestor in path):
                shown.children.append(_on_path(child, path, shown))
            else:
                url = _first_url(child)
                if url is not None:
                    shown.children.append(CollapsedSection(child.title, url, parent=shown))
        else:
            shown.children.append(child)
    return shown


def _first_chain(section: Section, parent: SectionView | None) -> SectionView | None:
    """A section reduced to the chain down to its first page (what tabs and pruned entries
    draw), or None when it holds no page or link."""
    shown = SectionView(section.title, [], False, parent)
    for child in section.children:
        if isinstance(child, Section):
            chain = _first_chain(child, shown)
            if chain is not None:
                shown.children.append(chain)
                return shown
        else:
            shown.children.append(child)
            return shown
    return None


def _first_url(section: Section) -> str | None:
    for child in section.children:
        if isinstance(child, Section):
            url = _first_url(child)
            if url is not None:
                return url
        elif isinstance(child, Page | Link) and child.url is not None:
            return str(child.url)
    return None


def fingerprint(menu: MenuView, title_of: Callable[[Any], str]) -> str:
    """A digest of everything the menu draws: titles (as ``title_of`` gives them), addresses,
    what is active, and the shape."""
    digest = hashlib.sha1()
    for line in _lines(menu.items, 0, title_of):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _lines(items: Iterable[Any], depth: int, title_of: Callable[[Any], str]) -> Iterator[str]:
    for item in items:
        kind = type(item).__name__
        url = getattr(item, "url", None) or ""
        title = title_of(item) if isinstance(item, Page) else str(item.title)
        yield f"{depth}\t{kind}\t{title}\t{url}\t{bool(getattr(item, 'active', False))}"
        children = getattr(item, "children", None)
        if children:
            yield from _lines(children, depth + 1, title_of)
