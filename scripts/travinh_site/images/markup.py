"""``<picture>``, ``<img>`` and ``<figure>`` for a processed image, as an element tree
(the tree Python-Markdown renders, so the page's own escaping applies).

A raster image becomes::

    <picture>
      <source type="image/avif" srcset="x-480.h.avif 480w, x-800.h.avif 800w" sizes="…">
      <source type="image/webp" srcset="…" sizes="…">
      <img src="x-800.h.jpg" srcset="…" sizes="…" width="1600" height="1067" alt="…"
           loading="lazy" decoding="async" class="tv-image" style="--tv-ratio: 1.4995">
    </picture>

``width`` and ``height`` give the largest variant's size: browsers reserve the space before
the file arrives (no layout shift) and CSS scales it down to the column. ``--tv-ratio`` lets
the style sheet keep a tall image within the screen's height. The first image of a page is
its likely largest paint: it is loaded at once, with ``fetchpriority="high"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement

from travinh_site.images.encode import Variant
from travinh_site.images.pipeline import ProcessedImage

Url = Callable[[str], str]  # a site path -> its URL relative to the page
# Attributes the pipeline sets; an author's own (title, class, align…) are kept.
_OWN = {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding", "style"}
# Interface texts (overrides/strings.yml) used in photo credits.
CREDIT_TEXTS = ("image.photo", "image.licence", "image.source")


@dataclass(frozen=True)
class Options:
    sizes: str
    fallback_width: int
    first: bool  # the first image of the page: load at once, high priority


def image_element(
    image: ProcessedImage,
    url: Url,
    alt: str,
    options: Options,
    attributes: Mapping[str, str] | None = None,
) -> Element:
    """``<picture>`` for a raster image, ``<img>`` for an SVG."""
    img = Element("img")
    for name, value in (attributes or {}).items():
        if name not in _OWN:
            img.set(name, value)
    img.set("class", " ".join(filter(None, ["tv-image", img.get("class")])))
    if image.kind == "svg":
        (variant,) = image.variants
        img.set("src", url(image.uri(variant)))
        _describe(img, variant, alt, options)
        return img

    fallback_format = "webp" if image.kind == "animated" else image.formats[-1]
    picture = Element("picture")
    for kind in image.formats:
        if kind == fallback_format:
            continue
        SubElement(
            picture,
            "source",
            {"type": image.of_format(kind)[0].mime, "srcset": _srcset(image, kind, url)},
        ).set("sizes", options.sizes)
    fallbacks = image.of_format(fallback_format)
    chosen = [v for v in fallbacks if v.width <= options.fallback_width] or fallbacks[:1]
    img.set("src", url(image.uri(chosen[-1])))
    if len(fallbacks) > 1:
        img.set("srcset", _srcset(image, fallback_format, url))
        img.set("sizes", options.sizes)
    _describe(img, fallbacks[-1], alt, options)
    picture.append(img)
    return picture


def credit_element(image: ProcessedImage, texts: Mapping[str, str]) -> Element:
    """``<figcaption>`` with a photo's credit, licence and source, in the page's language."""
    meta = image.metadata
    caption = Element("figcaption", {"class": "tv-credit"})
    parts: list[tuple[str, str, str]] = [
        (texts["image.photo"], meta.credit, ""),
        (texts["image.licence"], meta.licence, ""),
    ]
    if meta.source:
        shown = urlsplit(meta.source_url).netloc if meta.source_url else meta.source
        parts.append((texts["image.source"], shown or meta.source, meta.source_url))
    last: Element | None = None  # the last link; text after it goes in its tail
    for index, (label, value, link) in enumerate(p for p in parts if p[1]):
        _append_text(caption, last, f"{' · ' if index else ''}{label} ")
        if link:
            last = SubElement(caption, "a", {"href": link, "rel": "nofollow"})
            last.text = value
        else:
            _append_text(caption, last, value)
    return caption


def _append_text(parent: Element, last: Element | None, text: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _srcset(image: ProcessedImage, kind: str, url: Url) -> str:
    return ", ".join(f"{url(image.uri(v))} {v.width}w" for v in image.of_format(kind))


def _describe(img: Element, largest: Variant, alt: str, options: Options) -> None:
    img.set("width", str(largest.width))
    img.set("height", str(largest.height))
    img.set("alt", alt)
    img.set("style", f"--tv-ratio: {largest.width / largest.height:.4f}")
    if options.first:
        img.set("fetchpriority", "high")
    else:
        img.set("loading", "lazy")
    img.set("decoding", "async")
