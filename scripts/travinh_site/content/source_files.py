"""Which files the build may read: nothing but regular files of the project's own folders.

MkDocs copies every file of ``docs_dir`` and of the theme's ``custom_dir`` into the site,
following symbolic links. A link in a content folder to ``/proc/self/environ`` would publish the
build's environment (on CI: the deploy token and every other secret of the workflow, from a
pull request); a link to ``/etc/passwd`` or to ``../.env`` a file of the build machine. A named
pipe would hang the build, a link loop or a link to a missing file stop it with a traceback.

So before anything reads them, the project's content, asset and template folders are walked
(without following links) and each entry that is not a regular file or a folder is looked at:
a link stays allowed when what it points to is a regular file or folder inside those same
folders; anything else is a :class:`~travinh_site.errors.Problem` naming the entry and, for a
link, its target.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from travinh_site.errors import Problem

# Folders of the running system, never content: /proc/self/environ holds the build's secrets.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe", "một đường ống có tên (named pipe)"),
    (stat.S_ISSOCK, "a socket", "một socket"),
    (stat.S_ISCHR, "a device", "một thiết bị"),
    (stat.S_ISBLK, "a device", "một thiết bị"),
)


def problems(
    project: Path, folders: Iterable[Path], allowed: Iterable[Path] | None = None
) -> list[Problem]:
    """Every entry under ``folders`` the build must not read, in path order.

    ``folders`` are the project's content, asset and template folders (missing ones are
    skipped); a link may point anywhere inside one of the ``allowed`` folders (by default,
    ``folders`` themselves). A folder that is itself a link must lie inside the project.
    """
    roots = [folder for folder in folders if folder.is_dir() or folder.is_symlink()]
    inside = Path(os.path.realpath(project))
    allowed_roots = [Path(os.path.realpath(root)) for root in (allowed or roots)]
    found: list[Problem] = []
    for root in roots:
        real = Path(os.path.realpath(root))
        if not real.is_relative_to(inside):
            target = os.readlink(root) if root.is_symlink() else str(real)
            found.append(_outside(_shown(root, project), target, real, project, [inside]))
            continue
        for entry in _entries(root):
            problem = _problem(entry, project, allowed_roots)
            if problem is not None:
                found.append(problem)
    return sorted(found, key=lambda problem: problem.file)


def _entries(root: Path) -> Iterator[os.DirEntry[str]]:
    """Every entry under ``root``, without following links (a linked folder is an entry, its
    content is not walked: it lies in one of the folders, walked in its own place)."""
    try:
        scanner = os.scandir(root)
    except OSError:
        return
    with scanner as entries:
        for entry in entries:
            yield entry
            if entry.is_dir(follow_symlinks=False):
                yield from _entries(Path(entry.path))


def _problem(entry: os.DirEntry[str], project: Path, allowed: Sequence[Path]) -> Problem | None:
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    shown_as = _shown(Path(entry.path), project)
    if not entry.is_symlink():
        return _special(shown_as, os.lstat(entry.path).st_mode)
    target = os.readlink(entry.path)
    try:
        resolved = Path(os.path.realpath(entry.path, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(
                shown_as,
                f"is a symbolic link to '{target}' that loops back on itself.",
                "delete the link and put the file itself in its place.",
                problem_vi=f"là một liên kết tượng trưng tới '{target}' vòng lại chính nó.",
                fix_vi="xoá liên kết và đặt chính tệp đó vào chỗ của nó.",
            )
        return Problem(
            shown_as,
            f"is a symbolic link to '{target}', which does not exist.",
            "delete the link, or put the file itself in its place.",
            problem_vi=f"là một liên kết tượng trưng tới '{target}', nơi không tồn tại.",
            fix_vi="xoá liên kết, hoặc đặt chính tệp đó vào chỗ của nó.",
        )
    if any(resolved.is_relative_to(system) for system in SYSTEM_FOLDERS):
        return Problem(
            shown_as,
            f"is a symbolic link to '{target}', a file of the build machine's system: "
            "publishing it could publish its secrets.",
            "delete the link.",
            problem_vi=f"là một liên kết tượng trưng tới '{target}', một tệp hệ thống của máy "
            "tạo trang: xuất bản nó có thể làm lộ các thông tin bí mật.",
            fix_vi="xoá liên kết.",
        )
    if not any(resolved == root or resolved.is_relative_to(root) for root in allowed):
        return _outside(shown_as, target, resolved, project, allowed)
    mode = resolved.stat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return _special(shown_as, mode, target)
    return None


def _outside(
    shown_as: str, target: str, resolved: Path, project: Path, allowed: Sequence[Path]
) -> Problem:
    folders = ", ".join(f"{_shown(root, project)}/" for root in allowed)
    shown_target = f"'{target}'" if target == str(resolved) else f"'{target}' ({resolved})"
    return Problem(
        shown_as,
        f"is a symbolic link to {shown_target}, outside the project's content and "
        f"asset folders ({folders}): the build would publish a file of the machine it runs on.",
        "put a copy of the file in the folder instead of the link, or link to a file inside "
        "those folders.",
        problem_vi=f"là một liên kết tượng trưng tới {shown_target}, nằm ngoài các "
        f"thư mục nội dung và tài nguyên của dự án ({folders}): khi tạo trang, tệp đó của máy "
        "sẽ bị xuất bản.",
        fix_vi="hãy đặt một bản sao của tệp vào thư mục thay cho liên kết, hoặc liên kết tới "
        "một tệp nằm trong các thư mục đó.",
    )


def _special(shown_as: str, mode: int, target: str = "") -> Problem:
    kind, kind_vi = next(
        ((name, name_vi) for test, name, name_vi in _SPECIAL_KINDS if test(mode)),
        ("not a regular file", "không phải một tệp thông thường"),
    )
    via = f" (a symbolic link to '{target}')" if target else ""
    via_vi = f" (một liên kết tượng trưng tới '{target}')" if target else ""
    return Problem(
        shown_as,
        f"is {kind}{via}, not a file: the build cannot publish it.",
        "delete it; only ordinary files (pages, images, styles) belong in these folders.",
        problem_vi=f"là {kind_vi}{via_vi}, không phải một tệp: không thể xuất bản.",
        fix_vi="hãy xoá nó; trong các thư mục này chỉ đặt tệp thông thường (trang, ảnh, kiểu "
        "trình bày).",
    )


def _shown(path: Path, project: Path) -> str:
    """``path`` as the editor knows it: relative to the project (through its links or not)."""
    for base in (project, Path(os.path.realpath(project))):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)
