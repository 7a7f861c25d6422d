"""The full TrueType fonts the social cards and the PDF brochures are drawn with.

The site's web fonts (``assets/fonts/*.woff2``) are subsets made by ``scripts/build_fonts.py``
from Debian's ``fonts-noto-core``: the Khmer one has no space, punctuation or Latin letters,
and a subset draws nothing for a character it lacks. Images and PDFs therefore use the same
fonts whole, from the same Debian package (the same design and version as the web fonts), with
every character a title may hold and a visible box for the rest. They are build tools, like
Pillow: read from the system's font folder, never published.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from travinh_site.errors import Problem, SiteError

DEBIAN_PACKAGE = "fonts-noto-core"
DEFAULT_FOLDER = "/usr/share/fonts/truetype/noto"


class Script(Enum):
    LATIN = "latin"  # Vietnamese, English, digits, punctuation: Noto Sans
    KHMER = "khmer"  # Noto Sans Khmer


# (script, bold, italic) -> file name in the folder (Khmer has no italic).
FILES = {
    (Script.LATIN, False, False): "NotoSans-Regular.ttf",
    (Script.LATIN, True, False): "NotoSans-Bold.ttf",
    (Script.LATIN, False, True): "NotoSans-Italic.ttf",
    (Script.LATIN, True, True): "NotoSans-BoldItalic.ttf",
    (Script.KHMER, False, False): "NotoSansKhmer-Regular.ttf",
    (Script.KHMER, True, False): "NotoSansKhmer-Bold.ttf",
}


@dataclass(frozen=True)
class Font:
    script: Script
    bold: bool
    italic: bool
    path: Path
    digest: str  # SHA-256 of the file: part of every cache key that uses it


@dataclass(frozen=True)
class FontSet:
    fonts: tuple[Font, ...]

    def get(self, script: Script, *, bold: bool, italic: bool = False) -> Font:
        return next(
            f for f in self.fonts if f.script is script and f.bold is bold and f.italic is italic
        )

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256("".join(f.digest for f in self.fonts).encode()).hexdigest()


def font_set(folder: str | Path = DEFAULT_FOLDER) -> FontSet:
    """The fonts in ``folder``; a problem naming the package when one is missing."""
    root = Path(folder)
    missing = [name for name in FILES.values() if not (root / name).is_file()]
    if missing:
        raise SiteError(
            Problem(
                "",
                "the fonts of the social cards and PDF brochures are missing "
                f"({', '.join(missing)} in {root}).",
                f"install Debian's {DEBIAN_PACKAGE} ('make site' does it when run as root, or "
                f"'sudo apt-get install {DEBIAN_PACKAGE}').",
                problem_vi=f"thiếu phông chữ cho ảnh chia sẻ và tài liệu PDF ({', '.join(missing)} "
                f"trong {root}).",
                fix_vi=f"cài gói {DEBIAN_PACKAGE} của Debian ('make site' tự cài khi chạy với "
                f"quyền root, hoặc 'sudo apt-get install {DEBIAN_PACKAGE}').",
            )
        )
    return FontSet(
        tuple(
            Font(script, bold, italic, root / name, _digest(root / name, _stat(root / name)))
            for (script, bold, italic), name in FILES.items()
        )
    )


def covered(font: Font) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    return _cmap(font.path, font.digest)


@functools.cache
def _cmap(path: Path, digest: str) -> frozenset[int]:  # digest: a changed file is read again
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _stat(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@functools.cache
def _digest(path: Path, stat: tuple[int, int]) -> str:  # stat: a changed file is read again
    return hashlib.sha256(path.read_bytes()).hexdigest()
