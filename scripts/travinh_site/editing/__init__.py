"""Editors' tools: a new page with its front matter and menu entry, a translation started as a
draft and finished with its stamp and menu label (:mod:`.scaffold`, behind
``scripts/new_page.py``, ``start_translation.py`` and ``finish_translation.py``), a news post
(:mod:`.post`, behind ``scripts/new_post.py``), and the "edit this page" link of every page
(:mod:`.plugin`, ``travinh-editing``).

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
