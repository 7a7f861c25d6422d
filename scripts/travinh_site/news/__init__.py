"""News and press releases: dated posts in every language, their listings, feeds and JSON-LD.

Editors write posts at ``tin-tuc/<year>/<name>.md`` (what a post is and its fields:
:mod:`travinh_site.content.posts`; ``scripts/new_post.py`` makes one). The modules, one concept
each:

- :mod:`.posts` every post's published versions, per language, newest first (a translation
  is listed once it is finished; a Vietnamese-only post in Vietnamese only);
- :mod:`.listings` the generated listing pages (all posts, each year, each category; about 20
  a page), the ``{{ tin-tuc }}`` block of latest posts, a post's date line and sources;
- :mod:`.feeds` Atom (RFC 4287) and JSON Feed 1.1 per language;
- :mod:`.jsonld` a post's schema.org ``NewsArticle``;
- :mod:`.plugin` the MkDocs plugin (``travinh-news``) that wires them into the build.

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
