"""Pages rendered once: a page whose inputs did not change is not rendered again.

Rendering a page (Markdown, Material's templates, the rewrites) is most of a build. A page's
output depends on its source, on what every page shares (the configuration, the templates,
the interface texts, the data, the images, the code, the date the build speaks from) and on a
few things of its own that other pages change: its menu (:mod:`travinh_site.site.menu`), its
neighbours in the footer, the languages it exists in, and whether the pages it links to exist.
:func:`page_key` digests all of these; :class:`Store` keeps, under that key, the page's final
HTML (after every rewrite) and what the build needs of it besides (its anchors for MkDocs'
anchor checks, the link targets it was checked against, what plugins collected from it).

A page found in the store is not rendered: its HTML is linked into the site as it was. So a
build with one page changed renders one page, and its output is the same, byte for byte, as a
cold build's (tested). Entries are written only for pages that built without a warning, and
only when the whole build succeeded; each is written once, atomically, and never changed (the
site's files may be hard links to them).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import yaml

import travinh_site

try:  # libyaml: the same nodes, much faster
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _LOADER = yaml.SafeLoader

# Raised when the layout of an entry, or what a key digests, changes.
FORMAT = 1
# Where the store is, relative to mkdocs.yml (the core plugin's page_cache_dir), and its
# folders for builds and for the preview (whose pages differ: drafts, no rewrites).
DEFAULT_FOLDER = ".cache/pages"
BUILD, SERVE = "build", "serve"
# In the store: the keys a build process's pages used (commands.build removes the others).
USED = "used-{}.txt"
# Packages whose code shapes a page: a new version of any renders every page again.
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "MarkupSafe",
    "babel",
    "pillow",
    "icukit-pyicu",
)


def digest_files(paths: Iterable[Path], root: Path) -> str:
    """A digest of files' names (relative to ``root``) and bytes, in name order."""
    digest = hashlib.sha1()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def digest_file(path: Path) -> str:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def digest_stats(folder: Path) -> str:
    """A digest of the names, sizes and modification times of the files under ``folder``:
    for large files (photos) whose bytes are not worth reading at every build."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha1()
    for path in sorted(path for path in folder.rglob("*") if path.is_file()):
        stat = path.stat()
        line = f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def digest_tree(folder: Path) -> str:
    """A digest of every file under ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return ""
    return digest_files((path for path in folder.rglob("*") if path.is_file()), folder)


def code_digest() -> str:
    """A digest of this package's code and the versions of the packages that render pages."""
    package = Path(travinh_site.__file__).parent
    parts = [digest_files(package.rglob("*.py"), package)]
    for name in PACKAGES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=")
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def without_menus(config_file: Path) -> str:
    """``mkdocs.yml`` without its menu (``nav``, and each language's ``nav_translations``):
    every page shares the rest, but a page's menu is digested with the page (a new menu entry
    renders again only the pages whose menu shows it)."""
    text = config_file.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, _LOADER)
    except yaml.YAMLError:
        return text  # MkDocs says what is wrong with it
    lines = text.split("\n")
    dropped: set[int] = set()
    menus = list(_menu_nodes(root))
    top_nav = _value(root, "nav")
    for node in [*menus, top_nav] if top_nav is not None else menus:
        first, last = node.start_mark.line, node.end_mark.line
        dropped.update(range(first, last + (node.end_mark.column > 0)))
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def _value(node: Any, name: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return cast(yaml.Node, value)
    return None


def _menu_nodes(node: Any) -> Iterator[yaml.Node]:
    """The values of every ``nav_translations``, wherever they are."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "nav_translations":
                yield value
            else:
                yield from _menu_nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _menu_nodes(item)


def page_key(shared: str, parts: Mapping[str, str]) -> str:
    """The key of a page: what all pages share, and what is the page's own."""
    text = json.dumps({"format": FORMAT, "shared": shared, **parts}, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    """What the store keeps of a page, besides its HTML."""

    anchors: list[str] = field(default_factory=list)  # ids a link may point to
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)  # target -> links
    links: dict[str, bool] = field(default_factory=dict)  # target checked -> existed
    extras: dict[str, Any] = field(default_factory=dict)  # what plugins collected

    def to_json(self) -> str:
        return json.dumps(
            {
                "anchors": sorted(self.anchors),
                "anchor_links": self.anchor_links,
                "links": self.links,
                "extras": self.extras,
            },
            ensure_ascii=False,  # extras keep their order: it is what plugins write out
        )

    @classmethod
    def from_json(cls, text: str) -> Entry:
        data = json.loads(text)
        return cls(data["anchors"], data["anchor_links"], data["links"], data["extras"])


class Store:
    """Entries by key under ``folder`` (``<key[:2]>/<key>.html`` and ``.json``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".html"), base.with_suffix(".json")

    def get(self, key: str) -> Entry | None:
        html, data = self._paths(key)
        try:
            entry = Entry.from_json(data.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry if html.is_file() else None

    def put(self, key: str, html: str, entry: Entry) -> None:
        html_path, data_path = self._paths(key)
        html_path.parent.mkdir(parents=True, exist_ok=True)
        # The HTML first: an entry is found through its data file.
        _write_once(html_path, html.encode("utf-8", errors="xmlcharrefreplace"))
        _write_once(data_path, entry.to_json().encode("utf-8"))

    def link_into(self, key: str, destination: Path) -> None:
        """Put the stored HTML at ``destination`` (a hard link: the entry never changes)."""
        source = self._paths(key)[0]
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.exists() or destination.is_symlink():
            destination.unlink()
        try:
            os.link(source, destination)
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(source, destination)

    def note_used(self, keys: Iterable[str], process: int) -> None:
        """Record the keys one process of a build used (see :meth:`keep_used`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / USED.format(process)).write_text("\n".join(sorted(keys)), "utf-8")

    def keep_used(self) -> int:
        """Remove the entries no process of the last build used (each process recorded its
        own: :meth:`note_used`), and those records; returns how many entries were removed."""
        used: set[str] = set()
        records = sorted(self.folder.glob(USED.format("*")))
        for record in records:
            used.update(record.read_text(encoding="utf-8").split())
            record.unlink()
        return self.keep_only(used) if records else 0

    def keep_only(self, keys: Iterable[str]) -> int:
        """Remove the entries not in ``keys``; returns how many were removed."""
        wanted = set(keys)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*.json"):
            if path.stem not in wanted:
                for stale in (path.with_suffix(".html"), path):
                    stale.unlink(missing_ok=True)
                removed += 1
        return removed


def _write_once(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` through a temporary file and a rename: another process may
    be writing the same entry (the same bytes) or reading it."""
    if path.exists():
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def links_still(links: Mapping[str, bool], exists: Any) -> bool:
    """Whether each link target exists now exactly when it did (``exists(path) -> bool``)."""
    return all(bool(exists(target)) == existed for target, existed in links.items())


def anchors_by_target(
    links_to_anchors: Mapping[Any, Mapping[str, str]],
) -> dict[str, dict[str, str]]:
    """MkDocs' ``Page.links_to_anchors`` (keyed by File) keyed by the target's path."""
    return {file.src_uri: dict(links) for file, links in links_to_anchors.items()}


def joined(parts: Sequence[str]) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Pending:
    """A page being rendered in this build: its key, and what plugins collect from it."""

    key: str
    links: dict[str, bool] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)


class Session:
    """The cache as one build process uses it: what was found, what is to be stored.

    Pages are identified by their output path (``en/du-lich/x.html``): a page shown in two
    languages (an untranslated one) is two outputs with two keys.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.found: dict[str, tuple[str, Entry]] = {}  # output -> key, entry
        self.pending: dict[str, Pending] = {}  # output -> being rendered
        self.done: list[tuple[str, str, Entry]] = []  # key, html, entry: stored on success
        self.warned: set[str] = set()  # outputs whose build said something: never stored
        self.warnings = 0  # said by this process, about pages or not
        self.used: set[str] = set()  # keys of this build's pages

    def look_up(
        self, output: str, key: str, exists: Any, needs: Iterable[str] = ()
    ) -> Entry | None:
        """The stored entry of a page whose key is ``key``, if its links still hold and it has
        the extras in ``needs``; else the page is to be rendered (and stored once done)."""
        self.used.add(key)
        entry = self.store.get(key)
        if (
            entry is not None
            and links_still(entry.links, exists)
            and all(name in entry.extras for name in needs)
        ):
            self.found[output] = (key, entry)
            return entry
        self.pending[output] = Pending(key)
        return None

    def is_found(self, output: str) -> bool:
        return output in self.found

    def extras(self, output: str) -> dict[str, Any]:
        """What plugins collected from a page: from the store for a page found there, else
        the dictionary they fill while it renders (empty when the cache is not used)."""
        if output in self.found:
            return self.found[output][1].extras
        pending = self.pending.get(output)
        return pending.extras if pending is not None else {}

    def note_links(self, output: str, links: Mapping[str, bool]) -> None:
        pending = self.pending.get(output)
        if pending is not None:
            pending.links.update(links)

    def rendered(
        self,
        output: str,
        html: str,
        anchors: Iterable[str],
        anchor_links: dict[str, dict[str, str]],
    ) -> None:
        """A page rendered and rewritten: keep it for the store."""
        pending = self.pending.pop(output, None)
        if pending is None or output in self.warned:
            return
        entry = Entry(list(anchors), anchor_links, pending.links, pending.extras)
        self.done.append((pending.key, html, entry))

    def flush(self) -> int:
        """Store what this build rendered (call it once the build has succeeded)."""
        for key, html, entry in self.done:
            self.store.put(key, html, entry)
        count = len(self.done)
        self.done.clear()
        return count
