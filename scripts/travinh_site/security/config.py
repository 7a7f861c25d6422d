"""The options of the ``travinh-security`` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SecurityConfig(base.Config):
    # Beginnings of the addresses editors may embed with <iframe src="…"> (https, ending in
    # "/"), e.g. "https://www.youtube-nocookie.com/embed/". Empty: no frames at all.
    allowed_iframes = c.ListOfItems(c.Type(str), default=[])
    # Strict-Transport-Security: how long browsers keep to https (0 leaves the header out),
    # and whether subdomains must too (only if every subdomain of the host serves https).
    hsts_max_age = c.Type(int, default=31536000)
    hsts_include_subdomains = c.Type(bool, default=False)
