"""Social cards: the 1200 × 630 image a shared link shows (``og:image``), one per page and
language, with the page's title shaped right in Khmer and Vietnamese.

- :mod:`.layout` script runs, line breaks, sizes and the ellipsis of a title;
- :mod:`.render` drawing and encoding one card (Pillow with raqm: HarfBuzz shaping);
- :mod:`.cache` the cards already drawn, by the hash of everything in them, under a lock;
- :mod:`.config` the plugin's options (colours by section, folders);
- :mod:`.plugin` the MkDocs plugin (``travinh-cards``).

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
