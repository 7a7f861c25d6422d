"""The screen page's HTML: every slide at once (so that every font and style is loaded with
the page, and nothing is fetched later), the first shown; ``assets/javascripts/screen.js``
turns them."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, Template, select_autoescape

from travinh_site.screens.slides import Slide


@functools.cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("travinh_site.screens"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    return environment.get_template("screen.html")


def html(
    slides: list[Slide],
    *,
    code: str,
    site_name: str,
    title: str,
    address: str,
    assets: str,
    seconds: int,
) -> str:
    """``assets``: the relative URL of the site's assets/ folder from the page ("../assets/")."""
    return _template().render(
        slides=slides,
        code=code,
        site_name=site_name,
        title=title,
        address=address,
        assets=assets,
        seconds=seconds,
    )
