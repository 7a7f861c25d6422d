"""The options of the ``travinh-news`` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class NewsConfig(base.Config):
    # Posts on each listing page (all posts, a year, a category).
    per_page = c.Type(int, default=20)
    # Posts in each language's feeds (the latest).
    feed_entries = c.Type(int, default=50)
    # Posts a `{{ tin-tuc }}` line shows when it gives no number.
    latest = c.Type(int, default=3)
    # The site's time zone, as an offset from UTC ("+07:00": Vietnam): a post is dated by its
    # day; its feeds' timestamps are that day's midnight there.
    utc_offset = c.Type(str, default="+07:00")
    # The organisation that publishes the news (JSON-LD author and publisher, the feeds'
    # author); empty: the site's name in each language (site_name).
    publisher = c.Type(str, default="")
