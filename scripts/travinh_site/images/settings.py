"""What the pipeline produces, and the fingerprint that keys its cache.

The defaults were chosen with ``benchmarks/images.py`` (see the README's benchmark section):
against sharp at eleventy-img's defaults they give an equal or better SSIMULACRA2 score.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

import PIL
from PIL import features

# Bump when the code changes what an output looks like (resampling, colour handling...).
PIPELINE_VERSION = 1

DEFAULT_WIDTHS = (480, 800, 1200, 1600, 2400)
# What a browser needs to pick a width before layout: the width of Material's content column,
# measured in Chromium at viewports from 360 to 2560 px (the column is 100vw - 32px on phones,
# loses the navigation at 60em, is 688/757/826 px wide as the root font grows at 76.25/100/125em).
DEFAULT_SIZES = (
    "(min-width: 125em) 826px, (min-width: 100em) 757px, (min-width: 76.25em) 688px, "
    "(min-width: 60em) calc(100vw - 274px), calc(100vw - 32px)"
)


@dataclass(frozen=True)
class Encoding:
    """Everything that changes the bytes of an output; part of each output's cache key."""

    widths: tuple[int, ...] = DEFAULT_WIDTHS
    avif_quality: int = 52
    avif_speed: int = 6
    webp_quality: int = 81
    webp_method: int = 6
    jpeg_quality: int = 80

    def fingerprint(self) -> str:
        """A short hash of these settings and of the encoders that apply them."""
        libraries = {
            "pillow": PIL.__version__,
            "webp": features.version("webp"),
            "jpeg": features.version("jpg"),
            "avif": features.version("avif"),
            "zlib": features.version("zlib"),
            "lcms": features.version("littlecms2"),
        }
        text = json.dumps(
            {"pipeline": PIPELINE_VERSION, "encoding": asdict(self), "libraries": libraries},
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Settings:
    """The whole configuration (``travinh-images`` options in mkdocs.yml)."""

    encoding: Encoding = field(default_factory=Encoding)
    images_dir: str = "assets/images"  # relative to mkdocs.yml's folder, and the site path
    cache_dir: str = ".cache/images"  # relative to mkdocs.yml's folder; git-ignored
    max_pixels: int = 100_000_000  # width x height (x frames); more is refused as a bomb
    # Largest allowed AVIF or WebP file per width (the formats browsers download); a
    # variant between two widths takes the budget of the next larger one. Empty: no budget.
    budgets: dict[int, int] = field(default_factory=dict)
    sizes: str = DEFAULT_SIZES
    fallback_width: int = 800  # the <img src> for browsers that ignore srcset
    workers: int = 0  # 0: one per core

    def budget_for(self, width: int) -> int | None:
        larger = sorted(w for w in self.budgets if w >= width)
        return self.budgets[larger[0]] if larger else None
