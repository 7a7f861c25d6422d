"""Options of the ``travinh-images`` plugin in mkdocs.yml (all optional)::

plugins:
  - travinh-images:
      widths: [480, 800, 1200, 1600, 2400]
      budgets: {480: 60000, 800: 120000}
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from travinh_site.errors import Problem, SiteError
from travinh_site.images.settings import DEFAULT_SIZES, DEFAULT_WIDTHS, Encoding, Settings
from travinh_site.site import plugin_settings

_DEFAULTS = Settings()
_ENCODING = Encoding()


class ImagesConfig(base.Config):
    # Where the originals are (relative to mkdocs.yml's folder; also their path in the site).
    images_dir = c.Type(str, default=_DEFAULTS.images_dir)
    # Where the outputs and the manifest are kept between builds (git-ignored).
    cache_dir = c.Type(str, default=_DEFAULTS.cache_dir)

    # Variants: widths in pixels (never larger than the original) and encoder settings.
    widths = c.ListOfItems(c.Type(int), default=list(DEFAULT_WIDTHS))
    avif_quality = c.Type(int, default=_ENCODING.avif_quality)
    avif_speed = c.Type(int, default=_ENCODING.avif_speed)
    webp_quality = c.Type(int, default=_ENCODING.webp_quality)
    webp_method = c.Type(int, default=_ENCODING.webp_method)
    jpeg_quality = c.Type(int, default=_ENCODING.jpeg_quality)

    # Markup: the rendered width of an image in the layout, for the browser's choice.
    sizes = c.Type(str, default=DEFAULT_SIZES)
    fallback_width = c.Type(int, default=_DEFAULTS.fallback_width)

    # Limits: pixels above which a source is refused (a decompression bomb), and the largest
    # AVIF/WebP file allowed per width, in bytes ({width: bytes}).
    max_pixels = c.Type(int, default=_DEFAULTS.max_pixels)
    budgets = c.Type(dict, default={})
    # Worker processes; 0 = one per core.
    workers = c.Type(int, default=0)


def to_settings(config: ImagesConfig) -> Settings:
    """The plain settings the library uses; raises SiteError for impossible values."""
    where = "mkdocs.yml"
    problems = []
    widths = tuple(sorted(set(config.widths)))
    if not widths or widths[0] < 1:
        problems.append(
            Problem(
                where,
                "travinh-images 'widths' must list positive widths in pixels.",
                problem_vi="'widths' của travinh-images phải liệt kê các độ rộng dương, tính "
                "bằng điểm ảnh.",
            )
        )
    budgets: dict[int, int] = {}
    for width, budget in config.budgets.items():
        if not isinstance(width, int) or not isinstance(budget, int) or budget < 1:
            problems.append(
                Problem(
                    where,
                    f"travinh-images 'budgets' has '{width}: {budget}'.",
                    "write each budget as 'width: bytes', for example '800: 120000'.",
                    problem_vi=f"'budgets' của travinh-images có '{width}: {budget}'.",
                    fix_vi="viết mỗi giới hạn dạng 'độ rộng: số byte', ví dụ '800: 120000'.",
                )
            )
        else:
            budgets[width] = budget
    for name, low, high in (
        ("avif_quality", 0, 100),
        ("webp_quality", 0, 100),
        ("jpeg_quality", 1, 95),
        ("avif_speed", 0, 10),
        ("webp_method", 0, 6),
    ):
        if not low <= config[name] <= high:
            problems.append(
                Problem(
                    where,
                    f"travinh-images '{name}' must be from {low} to {high}.",
                    problem_vi=f"'{name}' của travinh-images phải từ {low} đến {high}.",
                )
            )
    if problems:
        raise SiteError(*problems)
    return Settings(
        encoding=Encoding(
            widths=widths,
            avif_quality=config.avif_quality,
            avif_speed=config.avif_speed,
            webp_quality=config.webp_quality,
            webp_method=config.webp_method,
            jpeg_quality=config.jpeg_quality,
        ),
        images_dir=config.images_dir.strip("/"),
        cache_dir=config.cache_dir,
        max_pixels=config.max_pixels,
        budgets=budgets,
        sizes=config.sizes,
        fallback_width=config.fallback_width,
        workers=config.workers,
    )


PLUGIN = "travinh-images"


def read_settings(config_file: Path) -> Settings:
    """The settings of ``travinh-images`` in ``config_file``, read without loading the whole
    configuration (which would load every plugin): for ``make site``, whose images step must
    cost next to nothing when every image is already encoded."""
    options = plugin_settings.options(plugin_settings.read(config_file), PLUGIN)
    if options is None:
        raise SiteError(
            Problem(
                config_file.name,
                f"the '{PLUGIN}' plugin is not listed under plugins.",
                problem_vi=f"plugin '{PLUGIN}' chưa có trong danh sách plugins.",
            )
        )
    plugin_config = ImagesConfig(config_file_path=str(config_file))
    plugin_config.load_dict(options)
    errors, _warnings = plugin_config.validate()
    if errors:
        raise SiteError(
            *(
                Problem(
                    config_file.name,
                    f"travinh-images: {name}: {error}",
                    problem_vi=f"travinh-images: {name}: {error}",
                )
                for name, error in errors
            )
        )
    return to_settings(plugin_config)
